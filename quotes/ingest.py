"""Reading an article: the bytes as given, decoded, never rewritten.

Claim offsets index the text exactly as the user gave it, so nothing here
normalises it: line ends stay as they are (the file is read as bytes, not in
text mode) and a UTF-8 byte order mark stays as U+FEFF. What cannot be an
article (nothing, a folder, a binary, another encoding) is refused with a
stable error code instead of producing an empty or garbled extraction.
"""

from __future__ import annotations

import sys
from typing import BinaryIO

from .errors import QuotesError
from .webpage import Page, fetch, is_http_url, looks_like_html, read_page

STDIN = "-"
STDIN_NAME = "<stdin>"
# A UTF-16 text is full of NUL bytes; name it for what it is, not "binary".
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def read_source(path: str) -> str | Page:
    """A text article, or a web page: a URL, an .html file, or HTML bytes."""
    if is_http_url(path):
        data, final_url = fetch(path)
        return read_page(data, path, final_url)
    data, shown = _read_bytes(path)
    if data and looks_like_html(data, shown):
        return read_page(data, shown)
    return decode_article(data, shown)


def read_article(path: str) -> str:
    """The text of the article at `path` ("-" reads standard input)."""
    return decode_article(*_read_bytes(path))


def decode_article(data: bytes, shown: str) -> str:
    """Bytes to text, or the error that says why they are not an article."""
    if not data:
        raise QuotesError("E003", path=shown)
    if data.startswith(_UTF16_BOMS):
        raise QuotesError("E005", path=shown, detail="it is UTF-16; save it as UTF-8")
    if b"\x00" in data:
        raise QuotesError("E004", path=shown)
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise QuotesError("E005", path=shown, detail=_where(exc)) from None
    if not text.strip():
        raise QuotesError("E003", path=shown)
    return text


def _read_bytes(path: str) -> tuple[bytes, str]:
    """The bytes at `path` and the name to show for it in errors."""
    shown = STDIN_NAME if path == STDIN else path
    return _bytes_of(path, shown), shown


def _bytes_of(path: str, shown: str) -> bytes:
    if path == STDIN:
        try:
            return sys.stdin.buffer.read()
        except OSError as exc:
            raise QuotesError("E006", path=shown, detail=exc.strerror or str(exc)) from None
    with open_binary(path, shown) as handle:
        try:
            return handle.read()
        except OSError as exc:
            raise QuotesError("E006", path=shown, detail=exc.strerror or str(exc)) from None


def open_binary(path: str, shown: str | None = None) -> BinaryIO:
    """A file opened for reading bytes; a missing file, a directory or any
    other failure to open is a QuotesError (E001, E002, E006)."""
    shown = shown or path
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise QuotesError("E001", path=shown) from None
    except IsADirectoryError:
        raise QuotesError("E002", path=shown) from None
    except OSError as exc:
        raise QuotesError("E006", path=shown, detail=exc.strerror or str(exc)) from None


def _where(exc: UnicodeDecodeError) -> str:
    """Byte offset and line of the first bad byte, so the user can find it."""
    line = exc.object.count(b"\n", 0, exc.start) + 1
    bad = exc.object[exc.start]
    return f"byte 0x{bad:02x} at offset {exc.start}, line {line}"
