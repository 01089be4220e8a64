"""Importing cleaner (and cleaner.integrations) must not import Scrapy or PySpark: they are optional
extras, and a plain install has neither. (pandas is not checked: scikit-learn imports it when present.)"""
from __future__ import annotations

import subprocess
import sys


def test_importing_cleaner_needs_no_integration_package():
    code = ("import sys, cleaner, cleaner.integrations\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('scrapy', 'twisted', 'pyspark', 'py4j')\n"
            "             or m.startswith('cleaner.integrations.')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
