"""Reading an article: the bytes as given, decoded, never rewritten.

Claim offsets index the text exactly as it decodes, so nothing here
normalises it: line ends stay as they are (the file is read as bytes, not in
text mode) and a UTF-8 byte order mark stays as U+FEFF. What cannot be an
article (nothing, a folder, a binary, undecodable bytes) is refused with a
stable error code instead of producing an empty or garbled extraction.

UTF-8 is the default. Newsroom systems still export other encodings, so a
text that is not UTF-8 is read too when the bytes say which encoding they
are in: a UTF-16 or UTF-32 byte-order mark, or, failing that, a legacy
encoding charset-normalizer is confident of (see `_detect`). A caller may
also force an encoding. The functions return the encoding with the text
(`Decoded`) and print nothing: telling the user is the command line's job.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from typing import BinaryIO

from ..errors import QuotesError
from .webpage import Page, fetch, is_http_url, looks_like_html, read_page

STDIN = "-"
STDIN_NAME = "<stdin>"

# How a text was decoded (Decoded.how).
DEFAULT, BOM, DETECTED, FORCED = "utf-8", "bom", "detected", "forced"

# UTF-32 first: its little-endian mark starts with UTF-16's (FF FE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32", "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16", "utf-16-be"),
)

# The legacy encodings a text without a byte-order mark may be detected in:
# what newsroom systems export (the Windows code pages, the ISO 8859 parts
# in use, KOI8, Mac Roman, Thai, and the Chinese, Japanese and Korean
# national encodings). Not DOS or EBCDIC code pages, nor the rarer ISO 8859
# parts: on a short Western text their garbled readings score as well as the
# right one (a latin-1 "« impôts »" read as ISO 8859-14 is "ḋ impôts Ṡ").
NEWS_ENCODINGS = (
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "cp1258",
    "iso8859_2",
    "iso8859_5",
    "iso8859_7",
    "iso8859_9",
    "koi8_r",
    "koi8_u",
    "mac_roman",
    "cp874",
    "cp932",
    "euc_jp",
    "iso2022_jp",
    "gb18030",
    "big5",
    "cp949",
)
# charset-normalizer's chaos is the share of the decoded text that looks
# garbled (accents inside words where no language has them, mixed scripts,
# symbols among letters); a right reading of a news text scores 0.00-0.03.
MAX_CHAOS = 0.1
# Two readings tie when their coherence (how well the letters fit a
# language) is this close.
COHERENCE_TIE = 0.01
# The default Windows code page of Western systems: the one a tie goes to.
WINDOWS_WESTERN = "cp1252"
# A well-formed multi-byte UTF-8 sequence.
_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


@dataclass(frozen=True)
class Decoded:
    """An article's text and the encoding it was read in.

    `encoding` is Python's name for the codec ("utf-8", "utf-16-le",
    "cp1252"); `how` says why that one: DEFAULT (UTF-8), BOM (a UTF-16 or
    UTF-32 byte-order mark, which is not part of the text, as Python's
    utf-16 codec reads it), DETECTED (not UTF-8; charset-normalizer) or
    FORCED (the caller named it).
    """

    text: str
    encoding: str = "utf-8"
    how: str = DEFAULT

    @property
    def note(self) -> str | None:
        """What to tell the user about the encoding: said when the text was
        not UTF-8 and nobody named the encoding, else None."""
        if self.how == BOM:
            return f"decoded as {self.encoding} (byte-order mark)"
        if self.how == DETECTED:
            return f"decoded as {self.encoding} (not UTF-8)"
        return None


def read_source(path: str, encoding: str | None = None) -> str | Page:
    """A text article, or a web page: a URL, an .html file, or HTML bytes."""
    source = load_source(path, encoding)
    return source.text if isinstance(source, Decoded) else source


def load_source(path: str, encoding: str | None = None) -> Decoded | Page:
    """`read_source`, with the encoding a text was read in. `encoding`
    forces one for a text (a web page declares its own)."""
    codec = check_encoding(encoding) if encoding else None
    if is_http_url(path):
        data, final_url = fetch(path)
        return read_page(data, path, final_url)
    data, shown = _read_bytes(path)
    if data and looks_like_html(data, shown):
        return read_page(data, shown)
    return decode_text(data, shown, codec)


def read_article(path: str, encoding: str | None = None) -> str:
    """The text of the article at `path` ("-" reads standard input)."""
    return read_text(path, encoding).text


def read_text(path: str, encoding: str | None = None) -> Decoded:
    """`read_article`, with the encoding the text was read in."""
    codec = check_encoding(encoding) if encoding else None
    return decode_text(*_read_bytes(path), codec)


def decode_article(data: bytes, shown: str, encoding: str | None = None) -> str:
    """Bytes to text, or the error that says why they are not an article."""
    return decode_text(data, shown, encoding).text


def decode_text(data: bytes, shown: str, encoding: str | None = None) -> Decoded:
    """`decode_article`, with the encoding the text was read in: `encoding`
    if given, else UTF-8, a byte-order mark's, or a detected one."""
    if not data:
        raise QuotesError("E003", path=shown)
    if encoding:
        codec = check_encoding(encoding)
        decoded = Decoded(_decode(data, codec, shown), codec, FORCED)
    else:
        decoded = _decode_unforced(data, shown)
    if "\x00" in decoded.text:
        raise QuotesError("E004", path=shown)
    if not decoded.text.strip():
        raise QuotesError("E003", path=shown)
    return decoded


def check_encoding(name: str) -> str:
    """Python's name for the text encoding `name`, or E008."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        raise QuotesError("E008", name=name) from None
    if not getattr(info, "_is_text_encoding", True):  # rot13, base64, zlib: not bytes to text
        raise QuotesError("E008", name=name)
    return info.name


def _decode_unforced(data: bytes, shown: str) -> Decoded:
    for mark, codec, name in _BOMS:
        if data.startswith(mark):
            # The codec reads the mark and drops it, as Python's open() does.
            return Decoded(_decode(data, codec, shown, shown_as=name), name, BOM)
    if b"\x00" in data:
        raise QuotesError("E004", path=shown)
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        failure = QuotesError("E005", path=shown, encoding="UTF-8", detail=_where(exc))
        if _damaged_utf8(data, exc):
            raise failure from None
        detected = _detect(data)
        if detected is None:
            raise failure from None
        return detected


def _detect(data: bytes) -> Decoded | None:
    """The text in the legacy encoding charset-normalizer is confident of,
    or None.

    Confident means: its best reading among NEWS_ENCODINGS has a chaos of at
    most MAX_CHAOS. Coherence is not required (a right reading of a short
    text, or of Chinese or Japanese, scores 0), it only breaks ties: short
    Western texts rarely tell the Windows code pages apart (French in
    cp1252 and cp1250 both score 0.00 chaos, 0.71 coherence), so when a
    cp1252 reading is as good as the best, or decodes to the same text,
    cp1252 is used: the code page Western newsroom systems export. The
    chosen codec must then decode the whole text strictly (charset-
    normalizer reads samples of a long one).
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(data, cp_isolation=list(NEWS_ENCODINGS))
    best = matches.best()
    if best is None or best.chaos > MAX_CHAOS:
        return None
    tied = [m for m in matches if m is best or (m.chaos <= best.chaos and m.coherence >= best.coherence - COHERENCE_TIE)]
    preferred = [WINDOWS_WESTERN] if any(WINDOWS_WESTERN in m.could_be_from_charset for m in tied) else []
    for codec in (*preferred, best.encoding):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        return Decoded(text, codecs.lookup(codec).name, DETECTED)
    return None


def _damaged_utf8(data: bytes, exc: UnicodeDecodeError) -> bool:
    """UTF-8 that was cut short or has a few stray bytes, not a legacy
    encoding: reading it in a code page would garble every right character
    (“ as â€œ), so the error naming the bad byte is the better answer."""
    if exc.end == len(data) and exc.reason == "unexpected end of data":
        return True
    sequences = _UTF8_SEQUENCE.findall(data)
    stray = len(_HIGH_BYTE.findall(data)) - sum(map(len, sequences))
    return len(sequences) > stray


def _decode(data: bytes, codec: str, shown: str, shown_as: str | None = None) -> str:
    """`data` in `codec`, or E005 naming it and the first bad byte."""
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        detail = _where(exc)
    except UnicodeError as exc:  # a codec that reads no bytes at all ("undefined")
        detail = str(exc)
    raise QuotesError("E005", path=shown, encoding=shown_as or codec, detail=detail)


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
    before = exc.object[: exc.start]
    try:  # in the codec's own terms: a UTF-16 line end is two bytes
        line = before.decode(exc.encoding, "replace").count("\n") + 1
    except (LookupError, UnicodeError):
        line = before.count(b"\n") + 1
    bad = exc.object[exc.start]
    return f"byte 0x{bad:02x} at offset {exc.start}, line {line}"
