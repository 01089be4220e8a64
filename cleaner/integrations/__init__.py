"""Adapters for other frameworks: ``cleaner.integrations.scrapy`` (an item pipeline) and
``cleaner.integrations.spark`` (a DataFrame column).

Nothing is imported here, so ``import cleaner`` never needs Scrapy or PySpark; install the
``scrapy`` or ``spark`` extra and import the submodule you use.
"""
