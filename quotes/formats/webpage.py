"""Articles as web pages: fetched or saved, their main text and metadata.

trafilatura finds the main text and the page's metadata (title, author,
date, site name, canonical URL). The text it gives is the article from then
on: claim offsets index it, and the output carries it as `article.text`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ..errors import QuotesError
from ..version import __version__

if TYPE_CHECKING:
    from email.message import Message

# Far above any news page (a heavy one is 2-3 MB with its scripts): a bigger
# body is not an article, and parsing it would only take memory.
MAX_PAGE_BYTES = 10_000_000
FETCH_TIMEOUT_SECONDS = 20
HTML_TYPES = {"text/html", "application/xhtml+xml"}
USER_AGENT = f"quotes/{__version__} (claim extraction for fact-checking)"
# Fewer words than this is a menu or an error page, not an article.
MIN_WORDS = 8
_TAG = re.compile(rb"<[a-zA-Z][a-zA-Z0-9]*[\s>]")
_HTML_START = re.compile(rb"^\s*(<!--.*?-->\s*)*<(!doctype\s+html|html|head|body|meta|title)[\s>]", re.I | re.S)


# trafilatura and its helpers log what they cannot parse; the user gets one
# error line from us instead (a configured logging setup still sees theirs).
for _name in ("trafilatura", "htmldate", "courlan", "justext"):
    logging.getLogger(_name).addHandler(logging.NullHandler())


@dataclass(frozen=True)
class Page:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    site_name: str | None = None
    url: str | None = None


def is_http_url(path: str) -> bool:
    """A path to fetch rather than a file to read."""
    return path.startswith(("http://", "https://"))


def looks_like_html(data: bytes, name: str = "") -> bool:
    """Bytes that open like an HTML document, or an .html file with tags in
    it (a fragment saved from a page)."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf")
    if _HTML_START.match(head):
        return True
    return name.lower().endswith((".html", ".htm", ".xhtml")) and b"\x00" not in head and _TAG.search(head) is not None


def fetch(url: str) -> tuple[bytes, str]:
    """The body of the page at `url` and the URL it ended at (after redirects)."""
    # Imported here, as trafilatura below: reading a file needs neither.
    import urllib.error
    import urllib.request

    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,application/xhtml+xml"})
    try:
        with urllib.request.urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:
            kind = _content_type(response.headers)
            if kind and kind not in HTML_TYPES:
                raise QuotesError("E041", path=url, detail=f"the server sent {kind}")
            body = response.read(MAX_PAGE_BYTES + 1)
            final_url = response.geturl()
    except urllib.error.HTTPError as exc:
        raise QuotesError("E040", url=url, detail=f"HTTP {exc.code} {exc.reason}") from None
    except (urllib.error.URLError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        raise QuotesError("E040", url=url, detail=str(reason)) from None
    if len(body) > MAX_PAGE_BYTES:
        raise QuotesError("E043", path=url, limit=MAX_PAGE_BYTES // 1_000_000)
    return body, final_url


def _content_type(headers: Message) -> str | None:
    # Without the header, email.message would answer its default, text/plain.
    return headers.get_content_type() if headers.get("Content-Type") else None


def read_page(data: bytes, shown: str, url: str | None = None) -> Page:
    """The main text and metadata of an HTML page, or E041-E043."""
    if len(data) > MAX_PAGE_BYTES:
        raise QuotesError("E043", path=shown, limit=MAX_PAGE_BYTES // 1_000_000)
    if not looks_like_html(data, shown):
        raise QuotesError("E041", path=shown, detail="it does not start like an HTML document")
    # Imported here: trafilatura takes a tenth of a second to import, and
    # most commands never read a page.
    import trafilatura
    from trafilatura.settings import Document

    document = trafilatura.bare_extraction(
        data,
        url=url,
        with_metadata=True,
        include_comments=False,
        # Layout tables hold whole pages (menus and all); news tables hold
        # figures, not quotes.
        include_tables=False,
        # A date guessed from a copyright line is worse than none.
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    # A Document, or None when it finds no text (a dict only with as_dict=True).
    body = (document.text or "").strip() if isinstance(document, Document) else ""
    if len(body.split()) < MIN_WORDS or not isinstance(document, Document):
        raise QuotesError("E042", path=shown)
    title = _clean(document.title)
    return Page(
        text=_with_title(body, title),
        title=title,
        author=_clean(document.author),
        published=_clean(document.date),
        site_name=_clean(document.sitename),
        url=_clean(document.url) or url,
    )


def _with_title(body: str, title: str | None) -> str:
    """The headline opens the text, as it does on the page: headlines hold
    claims too ("Minister says ...")."""
    if not title or title.casefold() in body[: len(title) + 200].casefold():
        return body
    return f"{title}\n{body}"


def _clean(value: str | None) -> str | None:
    if not value:
        return None
    return " ".join(value.split()) or None
