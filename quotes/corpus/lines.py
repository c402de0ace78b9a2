"""A corpus run: JSON Lines of articles in, one record per article out.

An input line is a JSON object `{"id": str, "text": str, "outlet": str|null,
"url": str|null, "published": str|null, "title": str|null, "author":
str|null}` (all but `id` and `text` optional, other keys ignored, so a gold
file is a corpus too). `outlet`, else `url`, is the outlet hint the
extraction gets. `published` is an ISO date, `2026-01-31`, or date-time,
`2026-01-31T09:00:00Z` (its date as written is kept); an empty string counts
as absent. `published`, `title`, `author` and `url` fill the record's article
where the extraction found none: what the text says (a byline or date an
outlet profile reads, its headline) wins.
Blank lines are skipped; line numbers count every line, from 1.

Each article yields one record, in input order:

    {"id": ..., "article": {...}, "claims": [record, ...], "error": null}

`article` and `claims` are `Extraction.to_dict()`, what `quotes extract
--format json` prints, with the line's metadata filling the article's null
fields (`with_line_metadata`). A line that is not a JSON object, lacks a
string `id` or `text`, has a metadata field that is not a string or null
(or a `published` that is no ISO date), has an empty text, or whose
extraction raises a QuotesError yields instead

    {"id": ... or null, "article": null, "claims": [], "error": {"code", "message"}}

and the run goes on. Nothing here knows models or processes: `read_lines`
turns lines into articles (or error records) and `extract_article` turns an
article and a function `(text, outlet) -> Extraction` (or the dict of one)
into its record; `quotes.corpus.engine` drives both on many cores.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import IO, Any

from ..errors import QuotesError
from ..formats.emit import as_data
from ..formats.ingest import STDIN, STDIN_NAME, open_binary
from ..records import Extraction

ExtractFn = Callable[[str, str | None], Extraction | Mapping[str, Any]]
Line = str | bytes

_BOM = "\ufeff"
# The article fields a line may give, filled where the extraction found none.
METADATA = ("published", "title", "author", "url")
_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_SHOWN_CHARACTERS = 40  # of a bad value, in its error message


@dataclass(frozen=True)
class CorpusArticle:
    """One article of a corpus, as read from its line."""

    line: int
    id: str
    text: str
    outlet: str | None = None  # the outlet hint: the line's `outlet`, else its `url`
    # The line's metadata (METADATA), for the article fields the text leaves null.
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD
    title: str | None = None
    author: str | None = None


class BadLine(QuotesError):
    """A line that is not an article; knows the article id when the line had one."""

    def __init__(self, code: str, article_id: str | None = None, **fields: object):
        super().__init__(code, None, **fields)
        self.article_id = article_id


def is_blank(line: Line) -> bool:
    return not line.strip()


def decode_line(line: Line, number: int) -> dict[str, Any]:
    """The JSON object on a line, or E020 saying why it is not one."""
    if isinstance(line, bytes):
        try:
            line = line.decode("utf-8")
        except UnicodeDecodeError as exc:
            detail = f"not UTF-8 (byte 0x{exc.object[exc.start]:02x} at column {exc.start + 1})"
            raise BadLine("E020", line=number, detail=detail) from None
    if number == 1 and line.startswith(_BOM):
        line = line[len(_BOM) :]
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise BadLine("E020", line=number, detail=f"{exc.msg} at column {exc.colno}") from None
    except RecursionError:
        raise BadLine("E020", line=number, detail="nested too deeply") from None
    if not isinstance(obj, dict):
        raise BadLine("E020", line=number, detail=f"it is {_json_kind(obj)}")
    return obj


def article_fields(obj: Mapping[str, Any], number: int) -> CorpusArticle:
    """The article of a decoded line, its metadata included, or E021/E022."""
    article = core_fields(obj, number)
    title, author = (_blank_is_none(_optional_string(obj, name, number, article.id)) for name in ("title", "author"))
    return replace(article, published=_published(obj, number, article.id), title=title, author=author)


def core_fields(obj: Mapping[str, Any], number: int) -> CorpusArticle:
    """id, text, outlet hint and url of a decoded line, or E021/E022; the
    gold reader takes no more, so `quotes eval` ignores the metadata."""
    article_id = obj.get("id")
    if not isinstance(article_id, str):
        raise BadLine("E021", line=number, field="id", kind=_must_be_string(obj, "id"))
    text = obj.get("text")
    if not isinstance(text, str):
        raise BadLine("E021", article_id, line=number, field="text", kind=_must_be_string(obj, "text"))
    if not text.strip():
        raise BadLine("E022", article_id, line=number)
    outlet, url = (_optional_string(obj, name, number, article_id) for name in ("outlet", "url"))
    # The outlet's name wins; else its URL lets the outlet profiles' domains tell.
    return CorpusArticle(line=number, id=article_id, text=text, outlet=outlet or url or None, url=_blank_is_none(url))


def _optional_string(obj: Mapping[str, Any], name: str, number: int, article_id: str) -> str | None:
    """A field that is a string or null, or E021."""
    value = obj.get(name)
    if value is not None and not isinstance(value, str):
        raise BadLine("E021", article_id, line=number, field=name, kind=_must_be_string(obj, name, "a string or null"))
    return value


def _blank_is_none(value: str | None) -> str | None:
    # An empty metadata field says nothing: it must not fill an article field with "".
    return (value or "").strip() or None


def _published(obj: Mapping[str, Any], number: int, article_id: str) -> str | None:
    """The line's `published` as YYYY-MM-DD, or E021 saying it is no ISO date."""
    kind = "an ISO date such as 2026-01-31, or null"
    value = obj.get("published")
    if value is not None and not isinstance(value, str):
        raise BadLine("E021", article_id, line=number, field="published", kind=_must_be_string(obj, "published", kind))
    text = (value or "").strip()
    day = iso_date(text) if text else None
    if text and day is None:
        shown = text if len(text) <= _SHOWN_CHARACTERS else text[:_SHOWN_CHARACTERS] + "…"
        raise BadLine("E021", article_id, line=number, field="published", kind=f"{kind}, not {shown!r}")
    return day


def iso_date(value: str) -> str | None:
    """The calendar date (YYYY-MM-DD) of an ISO 8601 date or date-time, or
    None. A date-time keeps the date as written, not turned to UTC: the day
    the outlet dated the article in its own time zone."""
    day = value[:10]
    if not _ISO_DAY.fullmatch(day) or (len(value) > 10 and value[10] not in "T "):
        return None  # no basic (20260131) or week (2026-W05) forms: too easily a number or a typo
    try:
        date.fromisoformat(day)
        if len(value) > 10:
            datetime.fromisoformat(value)
    except ValueError:
        return None
    return day


def with_line_metadata(article: Mapping[str, Any], line: CorpusArticle) -> dict[str, Any]:
    """The article's fields, its null ones in METADATA filled from the line.
    What the text itself says (a byline, a date, a headline) wins: the line's
    metadata is what the corpus knew about the article, the text is the article."""
    filled = dict(article)
    for name in METADATA:
        value = getattr(line, name)
        if value is not None and filled.get(name) is None:
            filled[name] = value
    return filled


def parse_line(line: Line, number: int) -> CorpusArticle:
    """The article on line `number`, or a BadLine error (E020, E021, E022)."""
    return article_fields(decode_line(line, number), number)


def article_record(article: CorpusArticle, extraction: Extraction | Mapping[str, Any]) -> dict[str, Any]:
    """The record of an article extracted, its metadata filled from its line."""
    data = as_data(extraction)
    return {"id": article.id, "article": with_line_metadata(data["article"], article), "claims": data["claims"], "error": None}


def error_record(article_id: str | None, error: QuotesError) -> dict[str, Any]:
    # An error in a rule file says where, as on stderr: "my-rules/x.yaml:5:25 ...".
    message = f"{error.location} {error.detail}" if error.location else error.detail
    return {"id": article_id, "article": None, "claims": [], "error": {"code": error.code, "message": message}}


def extract_article(
    article: CorpusArticle, extract_fn: ExtractFn, on_bug: Callable[[Exception], None] | None = None
) -> dict[str, Any]:
    """The record for one parsed article; any failure becomes an error record,
    so one article that breaks the extractor never stops a corpus run.
    `on_bug` hears of an unexpected exception (a bug, E027) first: it may
    log it, or raise to stop the run."""
    try:
        extraction = extract_fn(article.text, article.outlet)
    except QuotesError as exc:
        return error_record(article.id, exc)
    except Exception as exc:  # noqa: BLE001  (the run must go on; the record says what broke)
        if on_bug is not None:
            on_bug(exc)
        return error_record(article.id, QuotesError("E027", detail=f"{type(exc).__name__}: {exc}"))
    return article_record(article, extraction)


def read_lines(lines: Iterable[Line], first: int = 1) -> Iterator[CorpusArticle | dict[str, Any]]:
    """Each line's article, or the error record of a line that is not one;
    lines are numbered from `first`, blank ones skipped but counted."""
    for number, line in enumerate(lines, first):
        if is_blank(line):
            continue
        try:
            yield parse_line(line, number)
        except BadLine as exc:
            yield error_record(exc.article_id, exc)


@contextmanager
def open_lines(path: str) -> Iterator[IO[bytes]]:
    """The lines of a JSON Lines file as bytes ("-" reads standard input).

    Opened before the first line is read, so a missing file fails at once
    with the input error codes of `quotes extract` (E001, E002, E006).
    """
    if path == STDIN:
        yield sys.stdin.buffer
        return
    with open_binary(path) as handle:
        yield handle


def input_name(path: str) -> str:
    return STDIN_NAME if path == STDIN else path


def _must_be_string(obj: Mapping[str, Any], field: str, kind: str = "a string") -> str:
    if field not in obj:
        return f"{kind} (it is missing)"
    return f"{kind}, not {_json_kind(obj[field])}"


def _json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "a list"
    return "an object"
