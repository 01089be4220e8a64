"""clean() and classify(): pick the HTML or text path, the model or the fallback, assemble output."""
from __future__ import annotations

from dataclasses import dataclass
from typing import List, Optional

from .document import Document
from .options import DEFAULT, Options


@dataclass(frozen=True)
class LineDecision:
    """One input line and what became of it (jusText-style: every unit with its class and why)."""

    line_no: int        # 1-based, counting blank lines, as in the seeds' labels
    text: str           # the line exactly as in the input
    label: str          # "title", "body", "chrome" or "blank"
    keep: bool
    score: float        # the keep-probability the deciding path gave (1.0/0.0 for the fallback)
    path: str           # "model", "fallback" or "html+model" / "html+fallback"
    reason: str = ""    # why, in a few words, where the path can say


def classify(page: str, options: Optional[Options] = None) -> List[LineDecision]:
    """Every line of the page with its label, score and the path that decided."""
    raise NotImplementedError


def clean(page: str, options: Optional[Options] = None) -> str:
    """The article's headline and body lines, unchanged, in order; chrome removed."""
    raise NotImplementedError
