"""quotes trace --format html: a self-contained timeline page, checked in
headless Chromium as the report is (tests/test_render.py).

Chromium is Debian's package (`.ci/run` installs it); where it is missing
the browser tests skip, except under CI, where they fail.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest
from headless import WINDOW, browse, screenshot_size
from test_tracing import CHANGED_NUMBER, OTHER_MARKS, OTHER_SPEAKER, QUOTE, TRUNCATED, VERBATIM, candidates, hit

from quotes.database.tracing import trace
from quotes.database.wording import Edit
from quotes.formats.trace_page import marked_text, render_trace_page

SCRIPTED = '<script>alert("x")</script>'
ADDED = hit(
    "gazette-0310",
    QUOTE.replace("supply water", "supply clean water").replace("desalination ", "") + f" {SCRIPTED}",
    speaker=f"Ferrante {SCRIPTED}",
    outlet="Gazette & Co",
    published="2027-03-10",
    url="https://gazette.example/water?a=1&b=2",
)
UNSAFE_LINK = hit("undated", QUOTE, outlet="Island News", url="javascript:alert(1)")
ORDER = [VERBATIM, OTHER_MARKS, CHANGED_NUMBER, OTHER_SPEAKER, TRUNCATED, ADDED, UNSAFE_LINK]


class _Elements(HTMLParser):
    """Each element's tag, attributes and the text directly inside it."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, dict[str, str], list[str]]] = []
        self._open: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        text: list[str] = []
        self.found.append((tag, {k: v or "" for k, v in attrs}, text))
        if tag not in ("meta", "br", "link"):
            self._open.append(text)

    def handle_endtag(self, tag):
        if self._open:
            self._open.pop()

    def handle_data(self, data):
        if self._open:
            self._open[-1].append(data)


def _elements(page: str) -> list[tuple[str, dict[str, str], str]]:
    parser = _Elements()
    parser.feed(page)
    return [(tag, attrs, "".join(text)) for tag, attrs, text in parser.found]


def _page(tmp_path):
    page = tmp_path / "trace.html"
    page.write_text(render_trace_page(trace(QUOTE, [*candidates(), UNSAFE_LINK, ADDED])), encoding="utf-8")
    return page


def test_the_timeline_renders_in_chromium_in_order_with_the_changes_marked(chromium, tmp_path):
    page = _page(tmp_path)
    elements = _elements(browse(chromium, tmp_path, "--dump-dom", page.as_uri()))

    cards = [a for tag, a, _ in elements if tag == "li" and "appearance" in a.get("class", "").split()]
    assert [a["data-claim"] for a in cards] == [h.claim_id for h in ORDER]
    assert "first" in cards[0]["class"].split() and not any("first" in a["class"].split() for a in cards[1:])

    marks = [(a["class"], a.get("title"), text) for tag, a, text in elements if tag == "mark"]
    assert marks == [("changed", "was: 2028", "2030"), ("changed added", "added", "clean")]
    dropped = [text for tag, a, text in elements if tag == "del" and "dropped" in a.get("class", "")]
    assert dropped == ["desalination"]

    # The quote and the name with a script in them are text, not a script.
    assert not any(tag == "script" for tag, _, _ in elements)
    quotes = [text for tag, a, text in elements if tag == "p" and a.get("class") == "quote"]
    assert quotes[5].endswith(SCRIPTED)
    speakers = [text for tag, a, text in elements if tag == "span" and a.get("class") == "other-speaker"]
    assert speakers == ["Lucia Bianchi", f"Ferrante {SCRIPTED}"]
    assert "speakers conflict" in [text for tag, a, text in elements if tag == "span"]

    links = [a["href"] for tag, a, _ in elements if tag == "a"]
    assert links == [ADDED.url]  # the javascript: address is not made a link

    assert screenshot_size(chromium, tmp_path, page) == WINDOW


def test_the_page_needs_no_network_and_no_script(tmp_path):
    page = _page(tmp_path).read_text(encoding="utf-8")
    for tag, attrs, _ in _elements(page):
        assert tag not in ("script", "img", "link", "iframe")
        for name in ("src", "action"):
            assert name not in attrs, (tag, attrs)
    assert "@import" not in page and "url(" not in page
    assert SCRIPTED not in page and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "Gazette &amp; Co" in page and 'href="https://gazette.example/water?a=1&amp;b=2"' in page


def test_the_summary_and_an_empty_trace():
    page = render_trace_page(trace(QUOTE, candidates()))
    assert "5 appearances · first: Coast Herald, 2027-03-01" in page
    assert '<span class="flag conflict">speakers conflict</span>' in page
    assert '<span class="flag altered">words altered</span>' in page
    empty = render_trace_page(trace(QUOTE, []))
    assert "No appearance of this quote" in empty and "flag" not in empty.split("</style>")[1]
    assert '<ol class="timeline"' not in empty


@pytest.mark.parametrize(
    "text,changes,expected",
    [
        ("by 2030 & more", [Edit("2028", "2030", 3, 7)], 'by <mark class="changed" title="was: 2028">2030</mark> &amp; more'),
        ("supply clean water", [Edit("", "clean", 7, 12)], 'supply <mark class="changed added" title="added">clean</mark> water'),
        ("the plant", [Edit("new", "", 3, 3)], 'the <del class="dropped" title="dropped">new</del> plant'),
        ("a <b>", [Edit("<i>", "<b>", 2, 5)], 'a <mark class="changed" title="was: &lt;i&gt;">&lt;b&gt;</mark>'),
        ("unchanged", [], "unchanged"),
    ],
    ids=["replaced", "added", "dropped", "escaped", "none"],
)
def test_marked_text(text, changes, expected):
    assert marked_text(text, tuple(changes)) == expected


def test_the_changes_marked_are_where_the_trace_found_them():
    found = trace(QUOTE, [VERBATIM, CHANGED_NUMBER])
    shown = marked_text(CHANGED_NUMBER.text, found.appearances[1].changes)
    assert re.search(r'by <mark class="changed" title="was: 2028">2030</mark>, and', shown)
