"""One small options object instead of many keyword arguments (as ftfy does)."""
from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Optional

INPUT_FORMATS = ("auto", "text", "html")


@dataclass(frozen=True)
class Options:
    """How a page is cleaned.

    keep_headline: keep the article's headline line(s) (the seeds' convention).
    threshold: a line is kept when the model's keep-probability reaches this; for HTML input at
        most SURE_CHROME (0.1: trafilatura chose the text, only sure chrome goes from it), and with
        settle a text page with no line below SURE_CHROME is kept whole.
    input_format: "auto" detects HTML; "text" or "html" forces a path.
    time_limit: seconds one page may take before it fails with PageTimeout, stopped mid-stage in
        the main thread (see cleaner.deadline; None: no limit).
    model_path: a user's own model file (its manifest must sit beside it); None: the shipped model.
    use_model: False forces the trafilatura fallback.
    settle: look again at the cleaned text until no line of it is surely chrome, so cleaning the
        output again changes nothing (idempotent; the pre-commit hook relies on it). False skips
        the second looks: about 1.8x faster on text, the same P/R/F1 on the benchmarks' held-out folds, but
        a second clean() of the output may then drop more (it did on half the wcxb pages).
    """

    keep_headline: bool = True
    threshold: float = 0.5
    input_format: str = "auto"
    time_limit: Optional[float] = None
    model_path: Optional[str] = None
    use_model: bool = True
    settle: bool = True

    def __post_init__(self):
        if self.input_format not in INPUT_FORMATS:
            raise ValueError(f"input_format must be one of {INPUT_FORMATS}, not {self.input_format!r}")
        if not 0.0 <= self.threshold <= 1.0:
            raise ValueError(f"threshold must lie in [0, 1], not {self.threshold!r}")
        if self.time_limit is not None and self.time_limit <= 0:
            raise ValueError("time_limit must be positive (or None for no limit)")

    def but(self, **changes) -> "Options":
        """A copy with some fields changed."""
        return replace(self, **changes)


DEFAULT = Options()
