"""quotes render: a self-contained page, checked in headless Chromium.

Chromium is Debian's package (`.ci/run` installs it); where it is missing
the browser tests skip, except under CI, where they fail.
"""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from headless import WINDOW, browse, screenshot_size

from quotes import api
from quotes.cli import main as cli
from quotes.formats.ingest import read_source
from quotes.formats.render import highlighted_text, render_report
from quotes.formats.webpage import Page
from quotes.records import Claim, Mention, Source, Speaker, TextSpan

ROOT = Path(__file__).parents[1]
SEED = sorted((ROOT / "seeds").glob("*.txt"))[0]


class _Elements(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, {k: v or "" for k, v in attrs}))


def _elements(page: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Elements()
    parser.feed(page)
    return parser.found


SOURCES = [SEED, *sorted((Path(__file__).parent / "pages").glob("*.html"))]


def _claims_of(path: Path) -> list[Claim]:
    source = read_source(str(path))
    extraction = api.extract_page(source) if isinstance(source, Page) else api.extract(source)
    return extraction.claims


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_the_report_renders_in_chromium_with_every_claim_highlighted(chromium, tmp_path, source):
    report = tmp_path / "report.html"
    assert cli.main(["render", str(source), "-o", str(report)]) == 0
    claims = _claims_of(source)
    assert claims

    dom = browse(chromium, tmp_path, "--dump-dom", report.as_uri())
    elements = _elements(dom)
    marked = {i for tag, a in elements if tag == "mark" and "claim" in a.get("class", "") for i in a["data-claims"].split()}
    assert marked == {c.id for c in claims}
    cues = {c.cue.start for c in claims if c.cue}  # quotes that share one "said" share its mark
    assert sum(1 for tag, a in elements if "cue" in a.get("class", "").split()) >= len(cues)
    assert any("speaker" in a.get("class", "").split() for _, a in elements)
    links = [a["href"] for tag, a in elements if tag == "a" and a.get("data-claim")]
    assert links == [f"#claim-{c.id}" for c in claims]
    anchors = {a["id"] for _, a in elements if a.get("id", "").startswith("claim-")}
    assert {link[1:] for link in links} <= anchors

    assert screenshot_size(chromium, tmp_path, report) == WINDOW


def test_the_report_needs_no_network():
    text = SEED.read_text(encoding="utf-8")
    page = render_report(api.extract(text), text)
    for tag, attrs in _elements(page):
        for name in ("src", "href", "action"):
            assert not re.match(r"(https?:)?//", attrs.get(name, "")), (tag, attrs)
    assert "@import" not in page and "url(" not in page


def test_records_list_speaker_role_affiliation_and_via():
    text = SEED.read_text(encoding="utf-8")
    extraction = api.extract(text)
    page = render_report(extraction, text)
    tass = next(c for c in extraction.claims if c.source.via == "Tass")
    assert f'data-claim="{tass.id}"' in page
    record = page[page.index(f'data-claim="{tass.id}"') :].split("</li>")[0]
    assert tass.speaker.name in record and "via: Tass" in record
    assert f"role: {tass.speaker.role}" in record and f"affiliation: {tass.speaker.affiliation}" in record


def _claim(cid, type_, start, end, cue=None, mention=None):
    return Claim(cid, type_, "x", [TextSpan(start, end)], cue, Speaker(None, mention), Source(None), "r#x", 0.5)


@pytest.mark.parametrize(
    "claims,text,expected",
    [
        ([], "a <b> & c", "a &lt;b&gt; &amp; c"),
        (
            [_claim("q1", "direct", 1, 5, cue=Mention("said", 7, 11), mention=Mention("he", 12, 14))],
            "“Yes,” said he.",
            '“<span class="anchor" id="claim-q1"></span><mark class="claim direct" data-claims="q1">Yes,</mark>” '
            '<span data-claims="q1"><span class="cue">said</span></span> '
            '<span data-claims="q1"><span class="speaker">he</span></span>.',
        ),
        # A claim inside another: the inner piece carries both ids, the inner type.
        (
            [_claim("q1", "indirect", 0, 9), _claim("q2", "direct", 4, 7)],
            "abc defgh",
            '<span class="anchor" id="claim-q1"></span><mark class="claim indirect" data-claims="q1">abc </mark>'
            '<span class="anchor" id="claim-q2"></span><mark class="claim direct" data-claims="q1 q2">def</mark>'
            '<mark class="claim indirect" data-claims="q1">gh</mark>',
        ),
    ],
)
def test_highlighted_text(claims, text, expected):
    assert highlighted_text(claims, text) == expected


def test_render_to_stdout_and_bad_output_path(tmp_path, capsys):
    assert cli.main(["render", str(SEED)]) == 0
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
    assert cli.main(["render", str(SEED), "-o", str(tmp_path / "missing" / "r.html")]) == 2
    assert "E026" in capsys.readouterr().err


def test_boilerplate_is_shown_greyed_not_removed(tmp_path):
    report = tmp_path / "r.html"
    assert cli.main(["render", str(SEED), "-o", str(report)]) == 0
    page = report.read_text(encoding="utf-8")
    assert 'title="boilerplate: promotion (outlets.scmp)">Get more with myNEWS' in page
    text = "Advertisement\nThe plan will fail, the senator said.\n"
    lines = api.extract_with_skipped(text)[1]
    assert [(m.start, m.end, m.label) for m in lines] == [(0, 13, "advertisement")]
    shown = highlighted_text(api.extract(text).claims, text, lines)
    assert shown.startswith(
        '<span class="boilerplate" title="boilerplate: advertisement (common.boilerplate)">Advertisement</span>\n'
    )
