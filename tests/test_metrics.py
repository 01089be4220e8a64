"""The benchmark's shingle metric: exact counts on small texts, and the published reference figures."""
import json
import re
from pathlib import Path

import pytest

from cleaner.metrics import (Score, headline_key, headline_tally, page_counts, page_f1, score, score_counts, shingles,
                             tokens)

BENCH = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "scrapinghub"


def test_tokens_keep_case_and_drop_punctuation():
    assert tokens("Hello, World! It's 2019.") == ["Hello", "World", "It", "s", "2019"]
    assert tokens("Olá, mundo — Привет") == ["Olá", "mundo", "Привет"]
    assert tokens("") == [] and tokens(None) == []


def test_shingles_overlap_and_short_texts():
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("just three words") == {("just", "three", "words"): 1}
    assert shingles("one") == {("one",): 1}
    assert shingles("...") == {}


def test_identical_texts():
    assert page_counts("a b c d e", "a b c d e") == (2, 0, 0)
    assert page_counts("Hello world", "Hello world") == (1, 0, 0)


def test_extra_and_missing_tokens():
    assert page_counts("a b c d e f", "a b c d e") == (2, 1, 0)
    assert page_counts("a b c d", "a b c d e f") == (1, 0, 2)


def test_punctuation_and_line_breaks_do_not_matter():
    assert page_counts("Hello,\n\nworld!", "Hello world") == (1, 0, 0)


def test_case_matters():
    assert page_counts("Hello World", "hello world") == (0, 1, 1)


def test_short_prediction_is_one_shingle():
    # "a b c" is one 3-token shingle; it matches none of the gold's 4-token shingles
    assert page_counts("a b c", "a b c d e") == (0, 1, 2)


def test_multiset_overlap():
    # pred shingles: abcd x2, bcda, cdab, dabc; gold: abcd once
    assert page_counts("a b c d a b c d", "a b c d") == (1, 4, 0)
    assert page_counts("a b c d", "a b c d a b c d") == (1, 0, 4)


def test_empty_prediction():
    assert page_counts("", "w x y z q") == (0, 0, 2)
    assert page_counts(None, "w x y z") == (0, 0, 1)


def test_page_f1():
    assert page_f1(2, 0, 0) == 1.0
    assert page_f1(0, 0, 3) == 0.0
    assert page_f1(1, 1, 0) == pytest.approx(2 / 3)


def test_score_means_per_page_and_skips_empty_predictions_in_precision():
    s = score([("a b c d", "a b c d"), ("", "e f g h")])
    assert isinstance(s, Score)
    assert s.pages == 2
    assert s.precision == 1.0           # the empty prediction is not averaged into precision
    assert s.recall == 0.5              # but it is into recall
    assert s.f1 == pytest.approx(2 / 3)


def test_score_is_harmonic_mean_of_means_not_mean_of_f1():
    counts = [(1, 1, 0), (1, 0, 3)]     # P 0.5 and 1.0; R 1.0 and 0.25
    s = score_counts(counts)
    assert s.precision == pytest.approx(0.75)
    assert s.recall == pytest.approx(0.625)
    assert s.f1 == pytest.approx(2 * 0.75 * 0.625 / 1.375)


def test_per_page_normalisation_is_irrelevant():
    # the benchmark normalises tp/fp/fn by their sum per page; ratios are the same
    s1 = score_counts([(2, 2, 0), (1, 0, 1)])
    s2 = score_counts([(0.5, 0.5, 0), (0.5, 0, 0.5)])
    assert (s1.precision, s1.recall) == pytest.approx((s2.precision, s2.recall))


# published figures (scrapinghub/article-extraction-benchmark README; jusText as the benchmark and
# trafilatura's docs report it)
PUBLISHED = {
    "trafilatura": (0.938, 0.978, 0.958),
    "html-text": (0.500, 0.994, 0.665),
    "justext": (0.858, 0.756, 0.804),
}


@pytest.mark.skipif(not (BENCH / "reference-outputs").is_dir(), reason="benchmarks not present")
@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_reproduces_published_reference_figures(name):
    with open(BENCH / "ground-truth.jsonl", encoding="utf-8") as f:
        gold = {row["id"]: row["article_body"] for row in map(json.loads, f)}
    out = json.loads((BENCH / "reference-outputs" / f"{name}.json").read_text(encoding="utf-8"))["output"]
    assert out.keys() == gold.keys()
    s = score((out[k].get("articleBody", ""), g) for k, g in gold.items())
    assert s.pages == 181
    assert (round(s.precision, 3), round(s.recall, 3), round(s.f1, 3)) == PUBLISHED[name]


def test_headline_tally_sorts_pages_by_what_was_found():
    golds = [{3}, {2, 3}, {5}, {1}, set(), {4}]
    found = [{3}, {2}, {7}, set(), {9}, {4, 5}]
    t = headline_tally(golds, found)
    assert (t.pages, t.exact, t.partial, t.wrong, t.missing) == (5, 1, 2, 1, 1)
    assert t.exact_share == 0.2 and "exact 1 (20%)" in str(t)
    assert headline_tally([set()], [{1}]).exact_share == 0.0


def test_f1_difference_is_paired_over_the_same_pages():
    """No change: zero, and an interval of zero. Better on every page: the whole interval above
    zero. A change on one page of many: an interval that straddles zero."""
    from cleaner.metrics import f1_difference

    before = [(80, 20, 10), (50, 50, 0), (90, 5, 5), (30, 10, 60)] * 10
    assert f1_difference(before, before) == (0.0, 0.0, 0.0)
    better = [(tp, fp // 2, fn) for tp, fp, fn in before]
    diff, lo, hi = f1_difference(before, better)
    assert diff == pytest.approx(score_counts(better).f1 - score_counts(before).f1) and 0 < lo <= diff <= hi
    one = [(100, 0, 0)] + before[1:]
    diff, lo, hi = f1_difference(before, one)
    assert diff > 0 and lo <= 0 < hi
    with pytest.raises(ValueError):
        f1_difference(before, before[:-1])


def test_compare_script_sets_two_runs_side_by_side(tmp_path, capsys):
    """scripts/compare.py pairs the runs' methods even when they name their model differently,
    and keeps settled and no-settle rows apart."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import compare

    def run(model, tp_settled, tp_no_settle):
        pages = lambda tp: {f"p{i}": {"tp": tp, "fp": 10, "fn": 5, "f1": 0.0} for i in range(20)}
        return {"wcxb": {f"cleaner ({model})/text": pages(tp_settled),
                         f"cleaner ({model}) no-settle/text": pages(tp_no_settle)}}

    (tmp_path / "a.json").write_text(json.dumps(run("shipped", 80, 80)))
    (tmp_path / "b.json").write_text(json.dumps(run("line-model.joblib", 80, 90)))
    assert compare.main([str(tmp_path / "a.json"), str(tmp_path / "b.json")]) == 0
    out = capsys.readouterr().out.splitlines()
    settled = next(line for line in out if line.startswith("wcxb cleaner/text"))
    no_settle = next(line for line in out if line.startswith("wcxb cleaner no-settle/text"))
    difference = [float(re.search(r": ([+-][0-9.]+) \(90%", line).group(1)) for line in (settled, no_settle)]
    assert difference[0] == 0 and difference[1] > 0


def test_compare_script_averages_runs_under_several_seeds(tmp_path, capsys):
    """A side of several runs (one model per training seed) compares by its mean F1, each run's
    F1 printed beside it; the same difference as the single runs' differences averaged."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
    import compare

    files = {}
    for name, tp in (("a0", 80), ("a1", 60), ("b0", 90), ("b1", 60)):
        pages = {f"p{i}": {"tp": tp + i % 3, "fp": 10, "fn": 5, "f1": 0.0} for i in range(20)}
        files[name] = tmp_path / f"{name}.json"
        files[name].write_text(json.dumps({"wcxb": {f"cleaner ({name})/text": pages}}))

    def difference(before, after):
        assert compare.main([",".join(str(files[n]) for n in before), ",".join(str(files[n]) for n in after)]) == 0
        line = next(l for l in capsys.readouterr().out.splitlines() if l.startswith("wcxb cleaner/text"))
        return float(re.search(r": ([+-][0-9.]+) \(90%", line).group(1)), line

    single = [difference([a], [b])[0] for a, b in (("a0", "b0"), ("a1", "b1"))]
    both, line = difference(["a0", "a1"], ["b0", "b1"])
    assert single[0] > 0 and single[1] == 0
    assert both == pytest.approx(sum(single) / 2, abs=1e-4)
    assert "(runs: " in line and line.count("|") == 1


def test_headline_key_reads_a_headline_the_same_across_views():
    """HTML mode's lines are trafilatura's, the gold's the text view's: entities, runs of spaces and
    case differ between them, words do not."""
    assert headline_key("  Ferry&nbsp;service   to &amp; from GULLSAND ") == "ferry service to & from gullsand"
    assert headline_key("Ferry service") != headline_key("Ferry services")
