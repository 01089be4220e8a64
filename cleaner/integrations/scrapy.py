"""A Scrapy item pipeline that cleans one field of every item.

Enable it in the project's settings::

    ITEM_PIPELINES = {"cleaner.integrations.scrapy.CleanerPipeline": 300}

Settings (all optional):

``CLEANER_FIELD`` (``"text"``)
    the field holding the page's plain text.
``CLEANER_HTML_FIELD`` (``None``)
    a field holding the page's HTML, cleaned (through the HTML path) when the item has no
    ``CLEANER_FIELD`` value (missing, ``None`` or empty); its cleaned text goes to the output field, never back into it.
``CLEANER_OUTPUT_FIELD`` (``None``)
    where the cleaned text goes; ``None``: ``CLEANER_FIELD`` itself (in place).
``CLEANER_REMOVED_FIELD`` (``None``)
    a field to receive the list of removed lines (blank lines left out), so an in-place clean
    keeps what it took away; ``None``: not stored.
``CLEANER_KEEP_HEADLINE`` (``True``), ``CLEANER_THRESHOLD`` (0.5), ``CLEANER_INPUT_FORMAT``
(``"auto"``), ``CLEANER_TIME_LIMIT`` (``None``), ``CLEANER_MODEL_PATH`` (``None``)
    as the fields of :class:`cleaner.Options`.
``CLEANER_ON_ERROR`` (``"pass"``)
    an item that cannot be cleaned (no such field, a value that is not a string, a page over the
    time limit, an output field its Item class does not declare) is logged as a warning and either
    passed on unchanged (``"pass"``) or dropped with ``DropItem`` (``"drop"``). Its text is never
    changed, so nothing is lost without a log line saying why.

The model is loaded once, when the crawler builds the pipeline; a model given by
``CLEANER_MODEL_PATH`` that cannot be loaded stops the crawl there, while a problem with the shipped
model logs a warning and cleans with the trafilatura fallback. Counters go to the crawl stats
(``cleaner/cleaned``, ``cleaner/skipped``, ``cleaner/dropped``, ``cleaner/lines_removed``).

Cleaning runs in the reactor thread (tens of milliseconds per page), as other CPU-bound pipelines do.
"""
from __future__ import annotations

import logging
import warnings
from typing import Optional, Tuple

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured

from .. import model as model_module
from ..api import Cleaner, removed_lines
from ..deadline import PageTimeout
from ..html import UnreadableHTML
from ..options import DEFAULT, Options

logger = logging.getLogger(__name__)

ON_ERROR = ("pass", "drop")


class CleanerPipeline:
    """Cleans ``CLEANER_FIELD`` (or ``CLEANER_HTML_FIELD``) of each item; see the module docstring."""

    def __init__(self, field: str = "text", html_field: Optional[str] = None,
                 output_field: Optional[str] = None, removed_field: Optional[str] = None,
                 options: Optional[Options] = None, on_error: str = "pass", stats=None):
        if on_error not in ON_ERROR:
            raise NotConfigured(f"CLEANER_ON_ERROR must be one of {ON_ERROR}, not {on_error!r}")
        if removed_field is not None and removed_field in (field, output_field or field, html_field):
            raise NotConfigured("CLEANER_REMOVED_FIELD must differ from the page and output fields")
        self.field = field
        self.html_field = html_field
        self.output_field = output_field or field
        self.removed_field = removed_field
        self.on_error = on_error
        self.stats = stats
        options = options or DEFAULT
        model = None
        if options.use_model:
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                model = model_module.load(options.model_path)   # a user's bad model raises here
            for w in caught:
                logger.warning("%s", w.message)
            if model is None:
                options = options.but(use_model=False)
        # one model, shared by the text and the HTML cleaner: loaded once per crawler
        self.text_cleaner = Cleaner(options, model=model)
        self.html_cleaner = Cleaner(options.but(input_format="html"), model=model)

    @classmethod
    def from_crawler(cls, crawler):
        s = crawler.settings
        time_limit = s.getfloat("CLEANER_TIME_LIMIT", 0.0) or None
        try:
            options = Options(
                keep_headline=s.getbool("CLEANER_KEEP_HEADLINE", DEFAULT.keep_headline),
                threshold=s.getfloat("CLEANER_THRESHOLD", DEFAULT.threshold),
                input_format=s.get("CLEANER_INPUT_FORMAT", DEFAULT.input_format),
                time_limit=time_limit,
                model_path=s.get("CLEANER_MODEL_PATH") or None,
                use_model=s.getbool("CLEANER_USE_MODEL", DEFAULT.use_model),
            )
        except ValueError as e:
            raise NotConfigured(f"cleaner: {e}") from None
        return cls(field=s.get("CLEANER_FIELD", "text"), html_field=s.get("CLEANER_HTML_FIELD") or None,
                   output_field=s.get("CLEANER_OUTPUT_FIELD") or None,
                   removed_field=s.get("CLEANER_REMOVED_FIELD") or None,
                   options=options, on_error=s.get("CLEANER_ON_ERROR", "pass"), stats=crawler.stats)

    def process_item(self, item, spider=None):
        """The item with its text cleaned; a bad item is logged and passed on or dropped."""
        adapter = ItemAdapter(item)
        try:
            self._check_targets(item)
            page, cleaner = self._page(adapter)
            cleaned, decisions = cleaner.clean_and_explain(page)
        except (_BadItem, PageTimeout, UnreadableHTML) as e:
            return self._reject(item, str(e))
        removed = removed_lines(decisions)
        if self.removed_field:
            adapter[self.removed_field] = removed
        adapter[self.output_field] = cleaned
        self._inc("cleaner/cleaned")
        self._inc("cleaner/lines_removed", len(removed))
        return item

    def _check_targets(self, item) -> None:
        """Refuse, before anything is written, an item class (scrapy.Item, dataclass, attrs) that
        does not declare the output or removed-lines field: writing half the result would mislead."""
        declared = ItemAdapter.get_field_names_from_class(type(item))
        if declared is None:        # dict-like: any field can be added
            return
        missing = [f for f in (self.output_field, self.removed_field) if f and f not in declared]
        if missing:
            raise _BadItem(f"{type(item).__name__} has no field {', '.join(map(repr, missing))} to store "
                           "the result in (declare the field on the Item class)")

    def _page(self, adapter: ItemAdapter) -> Tuple[str, Cleaner]:
        """The page to clean and the cleaner for it (text or HTML path)."""
        value = adapter.get(self.field)
        if value in (None, "") and self.html_field is not None and adapter.get(self.html_field) is not None:
            value = adapter.get(self.html_field)
            if not isinstance(value, str):
                raise _BadItem(f"field {self.html_field!r} is {type(value).__name__}, not str")
            return value, self.html_cleaner
        if value is None:
            fields = repr(self.field) + (f" or {self.html_field!r}" if self.html_field else "")
            raise _BadItem(f"no {fields} field")
        if not isinstance(value, str):
            raise _BadItem(f"field {self.field!r} is {type(value).__name__}, not str")
        return value, self.text_cleaner

    def _reject(self, item, why: str):
        if self.on_error == "drop":
            self._inc("cleaner/dropped")
            logger.warning("cleaner: dropping item: %s", why)
            raise DropItem(f"cleaner: {why}")
        self._inc("cleaner/skipped")
        logger.warning("cleaner: item passed on uncleaned: %s", why)
        return item

    def _inc(self, key: str, count: int = 1) -> None:
        if self.stats is not None:
            self.stats.inc_value(key, count)


class _BadItem(ValueError):
    """The item has no usable page in the configured field."""

