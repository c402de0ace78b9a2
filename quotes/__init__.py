"""quotes: who said what in a news article, in what role, relayed by whom."""

from .api import DEFAULT_MODEL, extract, load_pipeline
from .records import Article, Claim, Extraction, Mention, Source, Speaker, TextSpan

__version__ = "0.1.0"

__all__ = [
    "DEFAULT_MODEL",
    "Article",
    "Claim",
    "Extraction",
    "Mention",
    "Source",
    "Speaker",
    "TextSpan",
    "extract",
    "load_pipeline",
]
