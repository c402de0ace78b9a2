"""quotes: who said what in a news article, in what role, relayed by whom.

The names below are imported on first use (PEP 562): `import quotes`, and
the command line that starts with it, load spaCy only when something asks
for the pipeline (`quotes.extract`, `quotes.Extractor`, ...).
"""

from __future__ import annotations

import importlib
import importlib.util
from typing import TYPE_CHECKING, Any

from .records import Article, Claim, Extraction, Mention, Source, Speaker, TextSpan
from .version import __version__

if TYPE_CHECKING:
    from .api import (
        DEFAULT_MODEL,
        Extractor,
        clear_caches,
        extract,
        extract_page,
        load_pipeline,
    )
    from .pipeline.blas import adopt_fast_blas

# Each lazy name, and the module that holds it.
_LAZY = {
    "DEFAULT_MODEL": "api",
    "Extractor": "api",
    "clear_caches": "api",
    "extract": "api",
    "extract_page": "api",
    "load_pipeline": "api",
    "adopt_fast_blas": "pipeline.blas",
}

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


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is not None:
        value = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        globals()[name] = value
        return value
    if not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        # A subpackage or module, as `quotes.api` was when this package
        # imported it at once.
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
