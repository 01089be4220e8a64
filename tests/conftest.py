"""Shared test helpers: the example page, a tiny keyword "model", and output checks.

The real line model is trained separately; until it exists ``clean()`` falls back to trafilatura.
Tests that need specific chrome removed use ``keyword_model``: a picklable stand-in for the
scikit-learn pipeline (saved with a real manifest, so it goes through the same hash-checked
loading as a user's ``--model``).
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import joblib
import numpy as np
import pytest

from cleaner.integrity import write_manifest

ROOT = Path(__file__).resolve().parent.parent
TESTS = Path(__file__).resolve().parent
EXAMPLE = ROOT / "examples" / "news_page.txt"
BIN = Path(sys.executable).parent

CHROME_MARKERS = (
    "skip to", "harbourside courier", " | ", "cookie", "watch", "local news", "by marta", "published",
    "share on", "photo:", "in dry dock", "read also", "sign up", "newsletter", "topics:", "most read",
    "advertisement", "follow us", "©", "copyright", "1. ", "2. ", "3. ",
)


class KeywordPipeline:
    """Chrome when a line contains a marker; the first other line is the title; the rest body.

    Like the real pipeline, it gives one row per non-blank line (blank lines are not scored).
    """

    classes_ = np.array(["body", "chrome", "title"])

    def __init__(self, markers=CHROME_MARKERS):
        self.markers = tuple(markers)

    def predict_proba(self, docs):
        rows = []
        for doc in docs:
            titled = False
            for line in doc.lines:
                low = line.lower()
                if not line.strip():
                    continue
                if any(m in low for m in self.markers):
                    rows.append((0.05, 0.9, 0.05))
                elif not titled:
                    rows.append((0.1, 0.0, 0.9))
                    titled = True
                else:
                    rows.append((0.9, 0.05, 0.05))
        return np.array(rows, dtype=float).reshape(-1, 3)


def save_model(path: Path, pipeline) -> Path:
    joblib.dump(pipeline, path)
    write_manifest(path)
    return path


@pytest.fixture
def keyword_model(tmp_path) -> str:
    return str(save_model(tmp_path / "keyword-model.joblib", KeywordPipeline()))


@pytest.fixture
def example_text() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def subprocess_env() -> dict:
    """Environment for running the installed commands: the tests dir importable (for the model)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(TESTS), env.get("PYTHONPATH", "")) if p)
    env.pop("CLEANER_DEBUG", None)
    return env


def nonblank(text: str):
    return [l for l in text.splitlines() if l.strip()]


def is_line_subsequence(output: str, original: str) -> bool:
    """Every non-blank output line is an input line, unchanged, in input order."""
    it = iter(nonblank(original))
    return all(any(line == cand for cand in it) for line in nonblank(output))


def one_line_error(stderr: str, *parts: str) -> bool:
    """stderr has exactly one ``cleaner: error:`` line, mentioning each part, and no traceback."""
    errors = [l for l in stderr.splitlines() if l.startswith("cleaner: error: ")]
    return len(errors) == 1 and "Traceback" not in stderr and all(p in errors[0] for p in parts)
