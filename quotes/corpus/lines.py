"""A corpus run: JSON Lines of articles in, one record per article out.

An input line is a JSON object `{"id": str, "text": str, "outlet": str|null,
"url": str|null}` (`outlet` and `url` optional, other keys ignored, so a gold
file is a corpus too).
Blank lines are skipped; line numbers count every line, from 1.

Each article yields one record, in input order:

    {"id": ..., "article": {...}, "claims": [record, ...], "error": null}

`article` and `claims` are exactly `Extraction.to_dict()`, what
`quotes extract --format json` prints. A line that is not a JSON object,
lacks a string `id` or `text`, has an empty text, or whose extraction raises
a QuotesError yields instead

    {"id": ... or null, "article": null, "claims": [], "error": {"code", "message"}}

and the run goes on. Nothing here knows models or processes: `read_lines`
turns lines into articles (or error records) and `extract_article` turns an
article and a function `(text, outlet) -> Extraction` (or the dict of one)
into its record; `quotes.corpus.engine` drives both on many cores.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, Any

from ..errors import QuotesError
from ..formats.emit import as_data
from ..formats.ingest import STDIN, STDIN_NAME, open_binary
from ..records import Extraction

ExtractFn = Callable[[str, str | None], Extraction | Mapping[str, Any]]
Line = str | bytes

_BOM = "\ufeff"


@dataclass(frozen=True)
class CorpusArticle:
    """One article of a corpus, as read from its line."""

    line: int
    id: str
    text: str
    outlet: str | None = None


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
    """id, text and outlet of a decoded line, or E021/E022."""
    article_id = obj.get("id")
    if not isinstance(article_id, str):
        raise BadLine("E021", line=number, field="id", kind=_must_be_string(obj, "id"))
    text = obj.get("text")
    if not isinstance(text, str):
        raise BadLine("E021", article_id, line=number, field="text", kind=_must_be_string(obj, "text"))
    if not text.strip():
        raise BadLine("E022", article_id, line=number)
    for name in ("outlet", "url"):
        value = obj.get(name)
        if value is not None and not isinstance(value, str):
            kind = _must_be_string(obj, name, "a string or null")
            raise BadLine("E021", article_id, line=number, field=name, kind=kind)
    # The outlet's name wins; else its URL lets the outlet profiles' domains tell.
    hint = obj.get("outlet") or obj.get("url") or None
    return CorpusArticle(line=number, id=article_id, text=text, outlet=hint)


def parse_line(line: Line, number: int) -> CorpusArticle:
    """The article on line `number`, or a BadLine error (E020, E021, E022)."""
    return article_fields(decode_line(line, number), number)


def article_record(article_id: str | None, extraction: Extraction | Mapping[str, Any]) -> dict[str, Any]:
    data = as_data(extraction)
    return {"id": article_id, "article": data["article"], "claims": data["claims"], "error": None}


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
    return article_record(article.id, extraction)


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
