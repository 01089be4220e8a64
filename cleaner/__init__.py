"""cleaner: strip boilerplate and site chrome from scraped news, keeping every article line as it was."""
from .api import Cleaner, LineDecision, PageTimeout, classify, clean
from .options import Options

__version__ = "0.1.0"
__all__ = ["clean", "classify", "Cleaner", "LineDecision", "Options", "PageTimeout", "__version__"]
