"""Web pages: saved pages of three layouts and pages served on 127.0.0.1.

The pages in tests/pages are invented stories laid out as three kinds of
site do: a modern page with meta tags and a canonical link, a CMS page whose
metadata is JSON-LD, and an old table layout in windows-1252.
"""

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest

from quotes import api
from quotes.cli import main as cli
from quotes.errors import QuotesError
from quotes.formats.ingest import read_source
from quotes.formats.webpage import MAX_PAGE_BYTES, Page, read_page

PAGES = Path(__file__).parent / "pages"

SAVED = [
    # file, article fields, a claim (speaker, start of its text)
    (
        "harbour-daily.html",
        {
            "title": "Harbour tunnel to close for six weeks",
            "author": "Mara Lindqvist",
            "published": "2024-03-14",
            "outlet": "The Harbour Daily",
            "url": "https://www.harbourdaily.example/news/2024/03/14/harbour-tunnel-to-close",
        },
        ("Tomas Brandt", "Six weeks is a long time for a bakery"),
    ),
    (
        "valley-courier.html",
        {
            "title": "Council votes to keep library open late",
            "author": "Daniel Okoro",
            "published": "2023-11-02",
            "outlet": "Valley Courier",
            "url": None,
        },
        ("Priya Natarajan", "For a lot of kids this is the only quiet room they have"),
    ),
    (
        "northfield-gazette.html",
        {"title": "Northfield Gazette: Mill workers back strike", "author": None, "published": None, "outlet": None, "url": None},
        ("Joe Kowalczyk", "We have bargained in good faith for eight months"),
    ),
]


def _page(name: str) -> Page:
    return read_page((PAGES / name).read_bytes(), name)


@pytest.mark.parametrize("name,article,claim", SAVED, ids=[s[0] for s in SAVED])
def test_a_saved_page_gives_its_metadata_and_claims(name, article, claim):
    page = _page(name)
    extraction = api.extract_page(page)
    assert {k: getattr(extraction.article, k) for k in article} == article
    assert extraction.article.text == page.text
    speaker, starts = claim
    assert any(c.speaker.name == speaker and c.text.startswith(starts) for c in extraction.claims), [
        (c.speaker.name, c.text[:40]) for c in extraction.claims
    ]
    # The offsets index the extracted text, which the output carries.
    for c in extraction.claims:
        assert " ".join(page.text[s.start : s.end] for s in c.spans) == c.text
    # Menus, share prompts and footers are not the article.
    assert "Privacy" not in page.text and "Share this story" not in page.text and "Classifieds" not in page.text


def test_the_page_text_keeps_non_ascii_of_a_windows_1252_page():
    assert "Café owners on Mill Street" in _page("northfield-gazette.html").text


def test_a_page_of_a_profiled_outlet_takes_the_profile(tmp_path):
    html = (
        (PAGES / "harbour-daily.html")
        .read_text(encoding="utf-8")
        .replace("https://www.harbourdaily.example/news", "https://www.scmp.com/news")
    )
    extraction = api.extract_page(read_page(html.encode(), "p.html"))
    assert extraction.article.outlet == "South China Morning Post"
    assert {c.source.outlet for c in extraction.claims} == {"South China Morning Post"}


@pytest.mark.parametrize(
    "data,name,code",
    [
        (b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "empty.html", "E042"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "story.html", "E041"),
        (b"<html><body><p>" + b"word " * (MAX_PAGE_BYTES // 5 + 10) + b"</p></body></html>", "huge.html", "E043"),
    ],
)
def test_a_bad_page_is_a_clear_error(data, name, code):
    with pytest.raises(QuotesError) as info:
        read_page(data, name)
    assert info.value.code == code and name in str(info.value)


def test_a_page_in_another_charset_than_it_declares_still_reads():
    page = (
        "<html><head><meta charset='iso-8859-1'><title>Café vote</title></head><body><article>"
        "<p>The café will close on Sunday, the owner said on Friday after a long dispute with the landlord.</p>"
        "<p>“We tried everything to keep it open for the neighbourhood,” said Ana Ruiz, who has run it for twenty years.</p>"
        "</article></body></html>"
    ).encode()
    extraction = api.extract_page(read_page(page, "mislabelled.html"))
    assert [c.speaker.name for c in extraction.claims if c.type == "direct"] == ["Ana Ruiz"]


def test_read_source_tells_pages_from_text(tmp_path):
    text_file = tmp_path / "a.txt"
    text_file.write_text("The plan will fail, the senator said.\n", encoding="utf-8")
    assert read_source(str(text_file)) == "The plan will fail, the senator said.\n"
    html_file = tmp_path / "saved"  # no suffix: told by its first bytes
    html_file.write_bytes((PAGES / "valley-courier.html").read_bytes())
    assert isinstance(read_source(str(html_file)), Page)


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest's output clean
        pass

    def do_GET(self):
        if self.path == "/report.pdf":
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.end_headers()
            self.wfile.write(b"%PDF-1.7\n")
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/valley-courier.html")
            self.end_headers()
        else:
            super().do_GET()


@pytest.fixture(scope="module")
def server():
    handler = functools.partial(_Handler, directory=str(PAGES))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_extract_a_url(server, capsys):
    assert cli.main(["extract", f"{server}/valley-courier.html", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["article"]["outlet"] == "Valley Courier"
    assert data["article"]["url"] == f"{server}/valley-courier.html"
    text = data["article"]["text"]
    for claim in data["claims"]:
        span = claim["spans"][0]
        assert text[span["start"] : span["end"]] == claim["text"]
    assert any(c["speaker"]["name"] == "Helen Cho" for c in data["claims"])


def test_a_redirect_is_followed_and_the_final_url_kept(server, capsys):
    assert cli.main(["extract", f"{server}/moved", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["article"]["url"] == f"{server}/valley-courier.html"


@pytest.mark.parametrize(
    "path,code",
    [("/missing.html", "E040"), ("/report.pdf", "E041")],
)
def test_a_bad_url_is_one_line_and_exit_2(server, capsys, path, code):
    assert cli.main(["extract", f"{server}{path}"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"quotes: {code} ") and len(err.splitlines()) == 1


def test_nothing_listening_is_a_clear_error(capsys):
    # Port 9 (discard) is closed on loopback here: the connection is refused.
    assert cli.main(["extract", "http://127.0.0.1:9/story.html"]) == 2
    assert capsys.readouterr().err.startswith("quotes: E040 cannot fetch http://127.0.0.1:9/story.html")
