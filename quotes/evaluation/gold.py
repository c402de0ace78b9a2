"""Reading the gold and the predictions scored against it.

Gold is JSON Lines, one article a line (../shared/README.md):
`{"id", "text", "outlet", "quotes": [{"type", "content_start", "content_end",
"content_fragments"?, "speaker", "cue", "cue_start"?, "cue_end"?, ...}]}`.
Predictions are the records `quotes corpus` writes, `{"id", "article",
"claims", "error"}`; they are plain dicts, so a saved run scores the same
as a fresh one. A bad line stops the reading with its code and line
number: a score over half a file would look like a real one.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from ..corpus.lines import (
    Line,
    core_fields,
    decode_line,
    input_name,
    is_blank,
    open_lines,
)
from ..errors import Location, QuotesError
from .matching import Spans, union


@dataclass(frozen=True)
class GoldQuote:
    type: str
    spans: Spans
    content: str
    speaker: str | None
    cue: str | None = None
    # Where the cue is in the text, when the gold gives `cue_start`/`cue_end`.
    cue_span: tuple[int, int] | None = None


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    outlet: str | None
    quotes: tuple[GoldQuote, ...]
    line: int = 0


def gold_article(obj: Mapping[str, Any], line: int = 0) -> GoldArticle:
    """A gold article from its decoded JSON object (E021, E022, E023)."""
    article = core_fields(obj, line)
    quotes = obj.get("quotes")
    if not isinstance(quotes, list):
        raise QuotesError("E023", line=line, detail="`quotes` must be a list")
    parsed = tuple(_gold_quote(q, i, article.text, line) for i, q in enumerate(quotes))
    return GoldArticle(article.id, article.text, article.outlet, parsed, line)


def _gold_quote(quote: Any, index: int, text: str, line: int) -> GoldQuote:
    def bad(detail: str) -> QuotesError:
        return QuotesError("E023", line=line, detail=f"quote {index}: {detail}")

    if not isinstance(quote, dict):
        raise bad("not an object")
    kind = quote.get("type")
    if not isinstance(kind, str) or not kind:
        raise bad("`type` must be a string")
    fragments = quote.get("content_fragments") or [[quote.get("content_start"), quote.get("content_end")]]
    if not isinstance(fragments, list):
        raise bad("`content_fragments` must be a list of [start, end]")
    pairs = []
    for fragment in fragments:
        if not (isinstance(fragment, (list, tuple)) and len(fragment) == 2 and all(_is_int(x) for x in fragment)):
            raise bad("needs integer `content_start` and `content_end` (or `content_fragments` [[start, end], ...])")
        start, end = fragment
        if not 0 <= start <= end <= len(text):
            raise bad(f"content {start}:{end} lies outside the text 0:{len(text)}")
        pairs.append((start, end))
    speaker, cue = quote.get("speaker"), quote.get("cue")
    for name, value in (("speaker", speaker), ("cue", cue), ("content", quote.get("content"))):
        if value is not None and not isinstance(value, str):
            raise bad(f"`{name}` must be a string or null")
    spans = union(pairs)
    content = quote.get("content") or " … ".join(text[s:e] for s, e in spans)
    return GoldQuote(kind, spans, content, (speaker or "").strip() or None, cue or None, _cue_span(quote, text, bad))


def _cue_span(quote: Mapping[str, Any], text: str, bad: Callable[[str], QuotesError]) -> tuple[int, int] | None:
    start: Any = quote.get("cue_start")
    end: Any = quote.get("cue_end")
    if start is None and end is None:
        return None
    if not (_is_int(start) and _is_int(end) and 0 <= start < end <= len(text)):
        raise bad(f"cue {start}:{end} must be integers with a cue inside the text 0:{len(text)}")
    return start, end


def read_gold(lines: Iterable[Line], where: str = "gold") -> list[GoldArticle]:
    """Gold articles from JSON lines; a bad line stops with its code and line."""
    articles: list[GoldArticle] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if is_blank(line):
            continue
        try:
            article = gold_article(decode_line(line, number), number)
            if article.id in seen:
                raise QuotesError("E025", line=number, id=article.id)
        except QuotesError as exc:
            exc.location = Location(where)
            raise
        seen.add(article.id)
        articles.append(article)
    return articles


def load_gold(path: str) -> list[GoldArticle]:
    with open_lines(path) as lines:
        return read_gold(lines, input_name(path))


def corpus_lines(gold: Iterable[GoldArticle]) -> Iterator[str]:
    """The gold articles as `quotes corpus` input lines: id, text, outlet."""
    for article in gold:
        yield json.dumps({"id": article.id, "text": article.text, "outlet": article.outlet}, ensure_ascii=False)


def read_predictions(lines: Iterable[Line], where: str = "predictions") -> list[dict[str, Any]]:
    """The records of a saved `quotes corpus` run (records without an id are skipped)."""
    records: list[dict[str, Any]] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, 1):
        if is_blank(line):
            continue
        try:
            record = decode_line(line, number)
            record_id = record.get("id")
            if record_id is None:
                continue  # a corpus line so broken it had no id: nothing to score it against
            if not isinstance(record_id, str):
                raise QuotesError("E021", line=number, field="id", kind="a string or null")
            if record_id in seen:
                raise QuotesError("E025", line=number, id=record_id)
            if not record.get("error") and not isinstance(record.get("claims"), list):
                raise QuotesError("E021", line=number, field="claims", kind="a list")
        except QuotesError as exc:
            exc.location = Location(where)
            raise
        seen.add(record_id)
        records.append(record)
    return records


def load_predictions(path: str) -> list[dict[str, Any]]:
    with open_lines(path) as lines:
        return read_predictions(lines, input_name(path))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)
