"""quotes: who said what in a news article, in what role, relayed by whom."""

# Before the imports: modules of the package read it (a fetch's User-Agent).
__version__ = "0.1.0"

from .api import DEFAULT_MODEL, Extractor, clear_caches, extract, extract_page, load_pipeline  # noqa: E402
from .blas import adopt_fast_blas  # noqa: E402
from .records import Article, Claim, Extraction, Mention, Source, Speaker, TextSpan  # noqa: E402

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
    "adopt_fast_blas",
    "clear_caches",
    "extract",
    "extract_page",
    "load_pipeline",
]
