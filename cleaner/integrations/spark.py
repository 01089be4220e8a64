"""Clean a Spark DataFrame column with a pandas UDF; the model is loaded once per Python worker.

    from cleaner import Options
    from cleaner.integrations.spark import clean_column
    df = clean_column(df, "text", output="clean_text", options=Options(keep_headline=False))

Each Python worker process keeps its cleaners (and so the unpickled model) in
``cleaner.runner``'s per-process cache, filled on first use: Spark reuses its Python workers across tasks
(``spark.python.worker.reuse``, on by default), so an executor loads the model once, not once per
batch or per row. Null pages give null results. The workers must be able to import ``cleaner``
(install it there, or ship a wheel; see the README).
"""
from __future__ import annotations

import warnings
from typing import List, Optional

import pandas as pd
from pyspark.sql import Column, DataFrame
from pyspark.sql import functions as F
from pyspark.sql import types as T

from ..api import Cleaner, removed_lines, render
from ..deadline import PageTimeout
from ..html import UnreadableHTML
from ..options import DEFAULT, Options
from ..runner import BATCH, chunks, cleaner_for

ERRORS = ("raise", "null")
RESULT = T.StructType([T.StructField("text", T.StringType()),
                       T.StructField("removed", T.ArrayType(T.StringType()))])


def _is_null(page) -> bool:
    return page is None or (not isinstance(page, str) and pd.isna(page))


def _clean_one(cleaner: Cleaner, page, errors: str):
    """``(cleaned text, removed lines)`` of one page; ``(None, None)`` for a null page."""
    if _is_null(page):
        return None, None
    try:
        text, decisions = cleaner.clean_and_explain(page)
    except (PageTimeout, UnreadableHTML):
        if errors == "raise":
            raise
        return None, None
    return text, removed_lines(decisions)


def _clean_all(pages: pd.Series, options: Options, errors: str) -> list:
    """``(cleaned text, removed lines)`` per page, ``BATCH`` pages per model call (see
    ``Cleaner.classify_many``); a batch that fails goes again page by page, so a page over the
    time limit is the only one to fail (or be null)."""
    c = cleaner_for(options)
    rows = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")     # one page's warnings would flood the executor log
        for chunk in chunks(list(pages), BATCH):
            todo = [p for p in chunk if not _is_null(p)]
            try:
                judged = iter(c.classify_many(todo))
                rows += [(None, None) if _is_null(p) else _explained(p, next(judged)) for p in chunk]
            except Exception:
                rows += [_clean_one(c, p, errors) for p in chunk]
    return rows


def _explained(page: str, decisions):
    return render(decisions, page), removed_lines(decisions)


def clean_series(pages: pd.Series, options: Options = DEFAULT, errors: str = "raise") -> pd.Series:
    """The cleaned text of every page in the series (None for a null page)."""
    return pd.Series([r[0] for r in _clean_all(pages, options, errors)], index=pages.index, dtype=object)


def clean_frame(pages: pd.Series, options: Options = DEFAULT, errors: str = "raise") -> pd.DataFrame:
    """Columns ``text`` (cleaned) and ``removed`` (the removed lines, blank lines left out)."""
    rows = _clean_all(pages, options, errors)
    return pd.DataFrame({"text": pd.Series([r[0] for r in rows], index=pages.index, dtype=object),
                         "removed": pd.Series([r[1] for r in rows], index=pages.index, dtype=object)})


def cleaner_udf(options: Optional[Options] = None, removed: bool = False, errors: str = "raise"):
    """A pandas UDF: string column -> cleaned string (or, with ``removed``, a struct of the cleaned
    ``text`` and the ``removed`` lines). ``errors="null"`` makes a page over the time limit, or HTML
    lxml cannot read whole, null instead of failing the task."""
    if errors not in ERRORS:
        raise ValueError(f"errors must be one of {ERRORS}, not {errors!r}")
    opts = options or DEFAULT
    if removed:
        @F.pandas_udf(RESULT)
        def clean_struct(pages: pd.Series) -> pd.DataFrame:
            return clean_frame(pages, opts, errors)
        return clean_struct

    @F.pandas_udf(T.StringType())
    def clean_text(pages: pd.Series) -> pd.Series:
        return clean_series(pages, opts, errors)
    return clean_text


def clean_column(df: DataFrame, column: str, output: Optional[str] = None, options: Optional[Options] = None,
                 removed: Optional[str] = None, errors: str = "raise") -> DataFrame:
    """``df`` with the pages in ``column`` cleaned into ``output`` (default: ``column`` itself) and,
    when ``removed`` names a column, the removed lines there (an array of strings)."""
    if column not in df.columns:
        raise ValueError(f"no column {column!r} (columns: {', '.join(df.columns)})")
    kind = df.schema[column].dataType
    if not isinstance(kind, T.StringType):
        raise TypeError(f"column {column!r} is {kind.simpleString()}, not string")
    output = output or column
    if removed is None:
        return df.withColumn(output, cleaner_udf(options, errors=errors)(F.col(column)))
    if removed in (column, output):
        raise ValueError("the removed-lines column must differ from the input and output columns")
    tmp = _free_name(df.columns)
    result: Column = cleaner_udf(options, removed=True, errors=errors)(F.col(column))
    return (df.withColumn(tmp, result)
              .withColumn(output, F.col(f"{tmp}.text"))
              .withColumn(removed, F.col(f"{tmp}.removed"))
              .drop(tmp))


def _free_name(columns: List[str]) -> str:
    name = "_cleaner_result"
    while name in columns:
        name += "_"
    return name
