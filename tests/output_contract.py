"""The output contract, checked on every extraction of the test session
(tests/conftest.py puts `checked_extract` in place of `quotes.extract`, and
the checked forms of `quotes.api.extract_with_doc` and
`quotes.api.extract_with_skipped` in place of those).
A module of its own, so that tests import it by a name that no other
folder's conftest shares."""

from __future__ import annotations

import functools
from typing import Any

import quotes.api
from quotes.output_schema import validate_extraction
from quotes.records import Extraction
from spacy.tokens import Doc

unchecked_extract = quotes.api.extract
unchecked_extract_with_doc = quotes.api.extract_with_doc
unchecked_extract_with_skipped = quotes.api.extract_with_skipped


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


@functools.wraps(unchecked_extract_with_doc)
def checked_extract_with_doc(text: str, *args: Any, **kwargs: Any) -> tuple[Extraction, Doc]:
    extraction, doc = unchecked_extract_with_doc(text, *args, **kwargs)
    check_contract(extraction, text)
    return extraction, doc


@functools.wraps(unchecked_extract_with_skipped)
def checked_extract_with_skipped(text: str, *args: Any, **kwargs: Any) -> tuple[Extraction, tuple[Any, ...]]:
    extraction, skipped = unchecked_extract_with_skipped(text, *args, **kwargs)
    check_contract(extraction, text)
    return extraction, skipped


@functools.wraps(unchecked_extract)
def checked_extract(text: str, *args: Any, **kwargs: Any) -> Extraction:
    return checked_extract_with_skipped(text, *args, **kwargs)[0]
