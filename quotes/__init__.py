"""quotes: who said what in a news article, in what role, relayed by whom."""

from .api import (
    DEFAULT_MODEL,
    Extractor,
    clear_caches,
    extract,
    extract_page,
    load_pipeline,
)
from .pipeline.blas import adopt_fast_blas
from .records import Article, Claim, Extraction, Mention, Source, Speaker, TextSpan
from .version import __version__

__all__ = [
    "DEFAULT_MODEL",
    "Article",
    "Claim",
    "Extraction",
    "Extractor",
    "Mention",
    "Source",
    "Speaker",
    "TextSpan",
    "__version__",
    "adopt_fast_blas",
    "clear_caches",
    "extract",
    "extract_page",
    "load_pipeline",
]
