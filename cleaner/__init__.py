"""cleaner: strip boilerplate and site chrome from scraped news, keeping every article line as it was."""
from .api import Cleaner, LineDecision, classify, clean, clean_and_explain
from .deadline import PageTimeout
from .html import UnreadableHTML
from .options import Options

__version__ = "0.1.0"
__all__ = ["clean", "clean_and_explain", "classify", "Cleaner", "LineDecision", "Options", "PageTimeout", "UnreadableHTML",
           "__version__"]
