"""The fact-checker's acceptance file for the two seed articles, as a test.

tests/acceptance_seeds.yaml is ../shared/acceptance/seeds.yaml, copied as
written by hand. A seed passes when every listed claim is found with the
fields listed, no claim starts with a listed non-claim, the article fields
are right, and an article listed with `claims: []` yields none at all.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from quotes.rules.inline_tests import (
    article_mismatches,
    describe_claim,
    field_mismatches,
    missing_claim_message,
    unmatched_claims,
)

HERE = Path(__file__).parent
SEEDS = HERE.parent / "seeds"
ACCEPTANCE = yaml.safe_load((HERE / "acceptance_seeds.yaml").read_text(encoding="utf-8"))
EXPECTED_CLAIMS = [
    pytest.param(case["file"], claim, id=f"{case['file'][:3]}-{claim['starts'][:30]}")
    for case in ACCEPTANCE
    for claim in case["claims"]
]
NOT_CLAIMS = [
    pytest.param(case["file"], text, id=f"{case['file'][:3]}-{text[:30]}")
    for case in ACCEPTANCE
    for text in case.get("not_claims", [])
]


@pytest.fixture(scope="module")
def extractions(request):
    from quotes import api

    return {case["file"]: api.extract((SEEDS / case["file"]).read_bytes().decode("utf-8")) for case in ACCEPTANCE}


def test_the_acceptance_file_is_the_shared_one(shared: Path) -> None:
    original = shared / "acceptance" / "seeds.yaml"
    if not original.exists():
        pytest.skip("no ../shared/acceptance to compare with")
    assert yaml.safe_load(original.read_text(encoding="utf-8")) == ACCEPTANCE


@pytest.mark.parametrize("case", ACCEPTANCE, ids=lambda c: c["file"][:3])
def test_article_fields(case: dict, extractions: dict) -> None:
    assert article_mismatches(case["article"], extractions[case["file"]].article) == []


@pytest.mark.parametrize(("file", "expected"), EXPECTED_CLAIMS)
def test_expected_claim_is_found(file: str, expected: dict, extractions: dict) -> None:
    claims = extractions[file].claims
    found = [c for c in claims if not field_mismatches(expected, c)]
    assert found, missing_claim_message(expected, claims)


@pytest.mark.parametrize("case", ACCEPTANCE, ids=lambda c: c["file"][:3])
def test_each_expected_claim_is_a_different_claim(case: dict, extractions: dict) -> None:
    assert unmatched_claims(case["claims"], extractions[case["file"]].claims) == []


@pytest.mark.parametrize(("file", "text"), NOT_CLAIMS)
def test_non_claim_is_not_a_claim(file: str, text: str, extractions: dict) -> None:
    offending = [describe_claim(c) for c in extractions[file].claims if not field_mismatches({"starts": text}, c)]
    assert offending == []


@pytest.mark.parametrize("case", [c for c in ACCEPTANCE if not c["claims"]], ids=lambda c: c["file"][:3])
def test_article_with_no_quotes_yields_no_claims(case: dict, extractions: dict) -> None:
    assert [describe_claim(c) for c in extractions[case["file"]].claims] == []
