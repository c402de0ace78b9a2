"""The output contract, checked on every extraction of the test session:
tests/conftest.py puts the checked forms of `Extractor.extract`,
`Extractor.extract_with_skipped`, `Extractor.extract_many` and
`quotes.api.extract_with_doc` in place of those (`install`), so the
module-level `quotes.extract` and every Extractor the tests make are checked.
A module of its own, so that tests import it by a name that no other
folder's conftest shares."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from spacy.tokens import Doc

import quotes.api
from quotes.api import Extractor
from quotes.formats.output_schema import validate_extraction
from quotes.records import Extraction

UNCHECKED_METHODS = {name: getattr(Extractor, name) for name in ("extract", "extract_with_skipped", "extract_many")}
unchecked_extract_with_doc = quotes.api.extract_with_doc


def offset_problems(data: dict[str, Any], text: str) -> list[str]:
    """Offsets that fall outside the text or run backwards."""
    problems = []
    for claim in data["claims"]:
        stretches = [("span", s) for s in claim["spans"]]
        stretches += [("cue", claim["cue"]), ("mention", claim["speaker"]["mention"])]
        for name, stretch in stretches:
            if stretch is not None and not 0 <= stretch["start"] <= stretch["end"] <= len(text):
                problems.append(f"{claim['id']} {name} {stretch['start']}:{stretch['end']} outside 0:{len(text)}")
    return problems


def check_contract(extraction: Extraction, text: str) -> None:
    data = extraction.to_dict()
    validate_extraction(data)
    problems = offset_problems(data, text)
    assert not problems, "extraction breaks the output contract: " + "; ".join(problems)


def _checked_extract(method: Callable[..., Extraction]) -> Callable[..., Extraction]:
    @functools.wraps(method)
    def checked(self: Extractor, text: str, *args: Any, **kwargs: Any) -> Extraction:
        extraction = method(self, text, *args, **kwargs)
        check_contract(extraction, text)
        return extraction

    return checked


def _checked_with_skipped(method: Callable[..., tuple[Extraction, Any]]) -> Callable[..., tuple[Extraction, Any]]:
    @functools.wraps(method)
    def checked(self: Extractor, text: str, *args: Any, **kwargs: Any) -> tuple[Extraction, Any]:
        extraction, skipped = method(self, text, *args, **kwargs)
        check_contract(extraction, text)
        return extraction, skipped

    return checked


def _checked_many(method: Callable[..., Iterator[Extraction]]) -> Callable[..., Iterator[Extraction]]:
    @functools.wraps(method)
    def checked(self: Extractor, articles: Iterable[tuple[str, str | None]], **kwargs: Any) -> Iterator[Extraction]:
        texts: list[str] = []

        def noted() -> Iterator[tuple[str, str | None]]:
            for text, outlet in articles:
                texts.append(text)
                yield text, outlet

        for n, extraction in enumerate(method(self, noted(), **kwargs)):
            check_contract(extraction, texts[n])
            yield extraction

    return checked


@functools.wraps(unchecked_extract_with_doc)
def checked_extract_with_doc(text: str, *args: Any, **kwargs: Any) -> tuple[Extraction, Doc]:
    extraction, doc = unchecked_extract_with_doc(text, *args, **kwargs)
    check_contract(extraction, text)
    return extraction, doc


CHECKED_METHODS = {
    "extract": _checked_extract(UNCHECKED_METHODS["extract"]),
    "extract_with_skipped": _checked_with_skipped(UNCHECKED_METHODS["extract_with_skipped"]),
    "extract_many": _checked_many(UNCHECKED_METHODS["extract_many"]),
}


def install(checked: bool) -> None:
    """The checked forms in place (True), or the originals back (False)."""
    for name, method in (CHECKED_METHODS if checked else UNCHECKED_METHODS).items():
        setattr(Extractor, name, method)
    quotes.api.extract_with_doc = checked_extract_with_doc if checked else unchecked_extract_with_doc


def checked_extract(text: str, *args: Any, **kwargs: Any) -> Extraction:
    """`quotes.extract`, checked whether or not `install` ran."""
    extraction = quotes.api.extract(text, *args, **kwargs)
    check_contract(extraction, text)
    return extraction
