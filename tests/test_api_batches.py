"""Many pages at once: judged PAGES_PER_CALL at a time, each as it would be alone."""
from __future__ import annotations

import pytest

from cleaner import Cleaner, Options, api, clean
from conftest import EXAMPLE


@pytest.fixture(scope="module")
def pages():
    """More pages than two model calls take: the example page, cut and varied, and a short one."""
    text = EXAMPLE.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    out = ["".join(lines[i % 7:]).replace("Gullsand", f"Isle {i}") for i in range(2 * api.PAGES_PER_CALL + 5)]
    return out + ["Ferry service resumes\n\nThe ferry runs again from Monday.\n"]


def test_clean_many_judges_in_calls_of_pages_per_call(pages, monkeypatch):
    calls = []
    judge_call = api.Cleaner._judge_call

    def counting(self, chunk):
        calls.append(len(chunk))
        return judge_call(self, chunk)

    monkeypatch.setattr(api.Cleaner, "_judge_call", counting)
    cleaned = Cleaner().clean_many(pages)
    assert calls == [api.PAGES_PER_CALL, api.PAGES_PER_CALL, len(pages) - 2 * api.PAGES_PER_CALL]
    assert cleaned == [clean(p) for p in pages]          # each page as it comes out alone


def test_clean_iter_is_lazy_and_gives_what_clean_many_gives(pages):
    pulled = []

    def stream():
        for p in pages:
            pulled.append(p)
            yield p

    cleaner = Cleaner(Options(keep_headline=False))
    lazy = cleaner.clean_iter(stream())
    first = next(lazy)
    assert len(pulled) == api.PAGES_PER_CALL               # one call's pages read, not the stream
    assert [first, *lazy] == cleaner.clean_many(pages)
    assert list(cleaner.clean_iter([])) == []
