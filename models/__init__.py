"""The shipped line model and its card; installed as ``cleaner.models``."""
