"""The Spark integration in local mode (local[2]): the cleaned column equals cleaner.clean() of each
page, nulls stay null, and each Python worker loads the model once however many batches it cleans.

Skipped when PySpark (or Java) is missing, unless CLEANER_REQUIRE_INTEGRATIONS=1 (CI), where that is
a failure. Spark starts slowly, so the module shares one session.
"""
from __future__ import annotations

import importlib
import os
import shutil
import sys

import pytest

from cleaner import Options, clean, clean_and_explain
from conftest import EXAMPLE
from pages import HARBOUR, HTML, TECH

REQUIRED = os.environ.get("CLEANER_REQUIRE_INTEGRATIONS") == "1"


def _need(module: str):
    if REQUIRED:
        return importlib.import_module(module)
    return pytest.importorskip(module)


_need("pyspark")
_need("pandas")
_need("pyarrow")
if not (os.environ.get("JAVA_HOME") or shutil.which("java")):
    if REQUIRED:
        raise RuntimeError("PySpark needs Java: none on PATH and JAVA_HOME is not set")
    pytest.skip("PySpark needs Java", allow_module_level=True)

import pandas as pd  # noqa: E402
from pyspark.sql import SparkSession  # noqa: E402
from pyspark.sql import functions as F  # noqa: E402

from cleaner import runner as cleaner_runner  # noqa: E402
from cleaner.integrations.spark import clean_column, clean_series  # noqa: E402

EXAMPLE_TEXT = EXAMPLE.read_text(encoding="utf-8")
PAGES = [EXAMPLE_TEXT, HARBOUR, TECH, HTML, None, ""]


@pytest.fixture(scope="module")
def spark():
    """One local[2] session for the module; its Python workers run this interpreter."""
    with pytest.MonkeyPatch.context() as mp:
        # PySpark starts workers with PYSPARK_PYTHON (default: python3 on PATH, maybe without cleaner)
        mp.setenv("PYSPARK_PYTHON", sys.executable)
        mp.setenv("OMP_NUM_THREADS", "1")
        session = (SparkSession.builder.master("local[2]").appName("cleaner-tests")
                   .config("spark.driver.host", "127.0.0.1")
                   .config("spark.driver.bindAddress", "127.0.0.1")
                   .config("spark.ui.enabled", "false")
                   .config("spark.sql.shuffle.partitions", "2")
                   .getOrCreate())
        session.sparkContext.setLogLevel("ERROR")
        yield session
        session.stop()


@pytest.fixture(scope="module")
def pages_df(spark):
    return spark.createDataFrame(list(enumerate(PAGES)), "id int, text string").repartition(3)


def test_output_column_equals_clean_of_each_page(pages_df):
    rows = clean_column(pages_df, "text", output="clean_text").orderBy("id").collect()
    assert [r.id for r in rows] == list(range(len(PAGES)))
    for r, page in zip(rows, PAGES):
        assert r.text == page                                   # the input column is untouched
        assert r.clean_text == (None if page is None else clean(page))
    assert rows[0].clean_text != EXAMPLE_TEXT and rows[0].clean_text    # it did clean something


def test_options_and_removed_lines(pages_df):
    opts = Options(keep_headline=False)
    rows = {r.id: r for r in clean_column(pages_df, "text", options=opts, removed="removed").collect()}
    for i, page in enumerate(PAGES):
        if page is None:
            assert rows[i].text is None and rows[i].removed is None
            continue
        text, decisions = clean_and_explain(page, opts)
        assert rows[i].text == text                              # cleaned in place
        assert rows[i].removed == [d.text for d in decisions if not d.keep and d.label != "blank"]
    assert rows[0].text != clean(EXAMPLE_TEXT)                   # the headline went
    assert rows[0].removed


def test_each_worker_loads_the_model_once(spark):
    """Eight partitions of two pages, one page per Arrow batch: every worker, having cleaned several
    batches (and, reused by Spark, several partitions), reports one model load."""
    df = spark.createDataFrame([(i, HARBOUR if i % 2 else TECH) for i in range(16)], "id int, text string")
    opts = Options(keep_headline=False)
    expected = {clean(HARBOUR, opts), clean(TECH, opts)}

    @F.pandas_udf("string")
    def clean_and_report(pages: pd.Series) -> pd.Series:
        out = clean_series(pages, opts)
        return out.map(lambda t: f"{os.getpid()} {cleaner_runner.model_loads} {t in expected}")

    spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", "1")
    try:
        reports = [r.r.split() for r in df.repartition(8).select(clean_and_report("text").alias("r")).collect()]
    finally:
        spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")
    assert len(reports) == 16 and all(ok == "True" for _, _, ok in reports)
    assert {loads for _, loads, _ in reports} == {"1"}
    assert len({pid for pid, _, _ in reports}) < 8             # some worker cleaned several partitions


def test_a_page_over_the_time_limit_is_null_or_fails_the_job(spark):
    df = spark.createDataFrame([(EXAMPLE_TEXT,)], "text string")
    quick = Options(time_limit=1e-9)
    assert clean_column(df, "text", output="c", options=quick, errors="null").collect()[0].c is None
    with pytest.raises(Exception, match="PageTimeout"):
        clean_column(df, "text", output="c", options=quick).collect()


def test_bad_columns_are_refused_before_any_job(spark):
    df = spark.createDataFrame([(1, "a page")], "id int, text string")
    with pytest.raises(TypeError, match="column 'id' is int, not string"):
        clean_column(df, "id")
    with pytest.raises(ValueError, match="no column 'body'"):
        clean_column(df, "body")
    with pytest.raises(ValueError, match="errors must be one of"):
        clean_column(df, "text", errors="ignore")
