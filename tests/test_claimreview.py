"""--format claimreview: schema.org Claims as JSON-LD, read back with a
JSON-LD processor (PyLD) against schema.org's vocabulary, offline."""

import json
from pathlib import Path

import pytest
from pyld import jsonld

from quotes import api
from quotes.cli import main as cli
from quotes.formats.claimreview import to_claimreview
from quotes.formats.webpage import read_page
from quotes.records import (
    Article,
    Claim,
    Extraction,
    Mention,
    Source,
    Speaker,
    TextSpan,
)

S = "http://schema.org/"
PAGES = Path(__file__).parent / "pages"


def _offline_loader(url, options=None):
    # schema.org's context maps every term into its vocabulary; the test has
    # no network, so it is given here.
    assert url.rstrip("/") in {"https://schema.org", "http://schema.org"}, url
    return {"contextUrl": None, "documentUrl": url, "document": {"@context": {"@vocab": S}}}


def _expanded(document: str) -> list[dict]:
    return jsonld.expand(json.loads(document), {"documentLoader": _offline_loader})


def _value(node, name):
    return node[S + name][0].get("@value") if S + name in node else None


def _node(node, name):
    return node[S + name][0]


def test_a_page_exports_claims_with_author_and_appearance():
    extraction = api.extract_page(read_page((PAGES / "harbour-daily.html").read_bytes(), "harbour-daily.html"))
    claims = _expanded(to_claimreview(extraction))
    assert len(claims) == len([c for c in extraction.claims if not c.negated]) > 0
    assert all(node["@type"] == [S + "Claim"] for node in claims)
    by_text = {_value(node, "text"): node for node in claims}
    brandt = by_text["Six weeks is a long time for a bakery"]
    assert _value(_node(brandt, "author"), "name") == "Tomas Brandt"
    assert _node(brandt, "author")["@type"] == [S + "Person"]
    appearance = _node(brandt, "appearance")
    assert appearance["@type"] == [S + "NewsArticle"]
    assert _value(appearance, "url") == "https://www.harbourdaily.example/news/2024/03/14/harbour-tunnel-to-close"
    assert _value(appearance, "datePublished") == "2024-03-14"
    assert _value(_node(appearance, "publisher"), "name") == "The Harbour Daily"
    assert _value(_node(appearance, "author"), "name") == "Mara Lindqvist"


def test_a_person_carries_job_title_and_affiliation():
    speaker = Speaker("Ana Ruiz", Mention("Ana Ruiz", 0, 8), "mayor", "Springfield City Council", "person")
    claim = Claim("q1", "direct", "We will rebuild", [TextSpan(10, 25)], None, speaker, Source("Daily"), "r#x", 0.9)
    node = _expanded(to_claimreview(Extraction(Article(outlet="Daily"), [claim])))[0]
    author = _node(node, "author")
    assert _value(author, "jobTitle") == "mayor"
    assert _node(author, "affiliation")["@type"] == [S + "Organization"]
    assert _value(_node(author, "affiliation"), "name") == "Springfield City Council"


@pytest.mark.parametrize(
    "kind,negated,expected_type,exported",
    [("organization", False, "Organization", True), ("person", False, "Person", True), ("person", True, None, False)],
)
def test_speaker_kinds_and_negated_claims(kind, negated, expected_type, exported):
    speaker = Speaker("The ministry", Mention("The ministry", 0, 12), kind=kind)
    claim = Claim("q1", "indirect", "prices will fall", [TextSpan(20, 36)], None, speaker, Source(None), "r#x", 0.9, negated)
    nodes = _expanded(to_claimreview(Extraction(Article(), [claim])))
    assert bool(nodes) is exported
    if exported:
        assert _node(nodes[0], "author")["@type"] == [S + expected_type]
        assert S + "appearance" not in nodes[0]  # nothing known of the article


def test_cli_format_claimreview(capsys):
    seed = sorted((Path(__file__).parents[1] / "seeds").glob("*.txt"))[0]
    assert cli.main(["extract", str(seed), "--format", "claimreview"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["@context"] == "https://schema.org"
    assert {c["@type"] for c in document["@graph"]} == {"Claim"}
    assert any(c.get("author", {}).get("jobTitle") for c in document["@graph"])
