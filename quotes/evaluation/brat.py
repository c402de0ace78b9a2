"""brat standoff attributions (PolNeAR's format) to the gold JSON Lines `quotes eval` reads.

PolNeAR (https://github.com/networkdynamics/PolNeAR) keeps each article's
text in `<compartment>/text/NAME.txt` and each annotator's attributions in
`<compartment>/attributions/NAME_<annotator>.ann`, in brat's standoff format:

    T1<TAB>Source 0 19<TAB>Former DNC chairman
    T2<TAB>Cue 20 29<TAB>calls for
    T3<TAB>Content 30 54<TAB>Clinton contingency plan
    T4<TAB>Attribution 20 29<TAB>calls for
    E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1
    T9<TAB>Content 344 427;581 648<TAB>“Now is the time …” “I think …”

A `T` line is a text-bound span: an id, a label and character offsets into
the `.txt` (pairs `START END`, several joined by `;` when the span is
discontinuous), then the covered text (the fragments joined by one space).
An `E` line is an attribution: its trigger (`Attribution:T4`, or
`Attribution-no-source:T…` when the text names no source) and its
arguments `Source:`, `Cue:` and `Content:`, each naming a `T` span. A
source span may serve several attributions. Other labels (PolNeAR's
`Discuss`), relations (`R`), attributes (`A`, `M`) and notes (`#`) are
checked for form and otherwise ignored. A text that several annotators
annotated gives its first `.ann` in name order (`--all-annotators`: each).

Each attribution with a content becomes one gold quote (the fields of
`quotes.evaluation.evaluate`'s reader):

    {"type": "direct" | "indirect" | "mixed",   derived from quote marks
     "content_start", "content_end",
     "content",                                 the text from start to end
     "content_fragments": [[s, e], ...],        only for a discontinuous content
     "speaker", "speaker_start", "speaker_end", null without a source
     "cue", "cue_start", "cue_end",             null without a cue
     "ann_id": "E1", "type_derived": true,
     "no_source_marked": true}                  only for Attribution-no-source

The type is derived, as PolNeAR does not annotate it: `direct` when every
fragment of the content is a quotation (it starts and ends with quote
marks, or quote marks enclose it in the text), `mixed` when it holds a
quotation, `indirect` otherwise.

Problems are one-line errors with a stable code and `file:line`:
E060 a malformed line, E061 an attribution naming a span that is not
there, E062 a span outside the text or whose text differs from the
`.txt`, E063 an `.ann` file without its `.txt`, E064 a file that is not
UTF-8.

Run as `python -m quotes.evaluation.brat IN_DIR OUT.jsonl` (OUT may be `-`).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quotes.errors import Location, QuotesError

# PolNeAR's publisher codes (the first part of a file name) and the outlet names its gold uses.
OUTLETS = {
    "breitbart": "Breitbart",
    "huff-post": "Huffington Post",
    "nyt": "New York Times",
    "politico": "Politico",
    "usa-today": "USA Today",
    "wash-post": "Washington Post",
    "west-journal": "Western Journalism",
}

OPENING = '“"‘«‹„'
CLOSING = '”"’»›“'
# Characters that may stand between a quotation's last word and its closing mark, or after it.
_TRAILING = ",.;:?!…—–- "

_T_ID = re.compile(r"T\d+")
_OFFSETS = re.compile(r"\d+ \d+(?:;\d+ \d+)*")
_ANNOTATOR = re.compile(r"_[0-9a-f]{4}$")


class BratError(QuotesError):
    """A problem in brat input (E060-E064): the file and line, one line of text."""


@dataclass(frozen=True)
class Span:
    id: str
    label: str
    fragments: tuple[tuple[int, int], ...]
    text: str
    line: int

    @property
    def start(self) -> int:
        return min(s for s, _ in self.fragments)

    @property
    def end(self) -> int:
        return max(e for _, e in self.fragments)


@dataclass(frozen=True)
class Event:
    id: str
    label: str
    arguments: tuple[tuple[str, str], ...]  # (role without its number, span id)
    line: int


def parse_ann(ann: str, text: str, where: str = "<ann>", check_text: bool = True) -> tuple[dict[str, Span], list[Event]]:
    """The spans and events of one `.ann` file's content, checked against its text."""
    spans: dict[str, Span] = {}
    events: list[Event] = []
    for number, raw in enumerate(ann.splitlines(), 1):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        at = Location(where, number)
        kind = line[0]
        if kind == "T":
            span = _span(line, number, at)
            _check_span(span, text, at, check_text)
            spans[span.id] = span
        elif kind in "ER":
            events.append(_event(line, number, at))
        elif kind in "AMN#*":
            continue
        else:
            raise BratError("E060", at, detail=f"a line starts with T, E, R, A, M, N, # or *, not {line[:12]!r}")
    for event in events:
        for role, ref in event.arguments:
            if ref not in spans:
                where_ref = f"{role}:{ref}" if role else ref
                raise BratError("E061", Location(where, event.line), event=event.id, ref=where_ref)
    return spans, events


def _span(line: str, number: int, at: Location) -> Span:
    parts = line.split("\t")
    if len(parts) != 3 or not _T_ID.fullmatch(parts[0]):
        raise BratError("E060", at, detail="a span line is `T<n><TAB>LABEL START END[;START END...]<TAB>TEXT`")
    label, _, offsets = parts[1].partition(" ")
    if not label or not _OFFSETS.fullmatch(offsets):
        raise BratError("E060", at, detail=f"{parts[0]}: expected `LABEL START END[;START END...]`, got {parts[1]!r}")
    fragments = []
    for pair in offsets.split(";"):
        start, end = (int(x) for x in pair.split(" "))
        if start > end:
            raise BratError("E060", at, detail=f"{parts[0]}: the span {start} {end} ends before it starts")
        fragments.append((start, end))
    return Span(parts[0], label, tuple(fragments), parts[2], number)


def _event(line: str, number: int, at: Location) -> Event:
    parts = line.split("\t")
    if len(parts) != 2 or not re.fullmatch(r"[ER]\d+", parts[0]):
        raise BratError("E060", at, detail="an event line is `E<n><TAB>TYPE:T<n> ROLE:T<n> ...`")
    items = parts[1].split()
    if not items:
        raise BratError("E060", at, detail=f"{parts[0]} has no type")
    if parts[0][0] == "E":
        label, colon, trigger = items[0].partition(":")
        if not colon or not _T_ID.fullmatch(trigger):
            raise BratError("E060", at, detail=f"{parts[0]}: expected `TYPE:T<n>` first, got {items[0]!r}")
        arguments = [("", trigger)]
    else:
        label, arguments = items[0], []
    for item in items[1:]:
        role, colon, ref = item.partition(":")
        if not colon or not role or not _T_ID.fullmatch(ref):
            raise BratError("E060", at, detail=f"{parts[0]}: expected `ROLE:T<n>`, got {item!r}")
        arguments.append((role.rstrip("0123456789"), ref))
    return Event(parts[0], label, tuple(arguments), number)


def _check_span(span: Span, text: str, at: Location, check_text: bool) -> None:
    for start, end in span.fragments:
        if end > len(text):
            raise BratError("E062", at, detail=f"{span.id}: the span {start} {end} runs past the text's {len(text)} characters")
    if check_text:
        covered = " ".join(text[s:e] for s, e in span.fragments)
        if _squeeze(covered) != _squeeze(span.text):
            raise BratError(
                "E062",
                at,
                detail=f"{span.id}: the text at {span.start}:{span.end} is {covered[:60]!r}, the line says {span.text[:60]!r}",
            )


def _squeeze(text: str) -> str:
    return " ".join(text.split())


# --- gold records -------------------------------------------------------------


def quote_type(text: str, fragments: Sequence[tuple[int, int]]) -> str:
    """`direct`, `mixed` or `indirect`, from the quote marks in and around the content."""
    if all(_is_quotation(text, s, e) for s, e in fragments):
        return "direct"
    if any(_holds_quotation(text[s:e]) for s, e in fragments):
        return "mixed"
    return "indirect"


def _is_quotation(text: str, start: int, end: int) -> bool:
    inner = text[start:end].strip()
    if not inner:
        return False
    before = text[:start].rstrip()[-1:]
    after = text[end:].lstrip(_TRAILING)[:1]
    opened = inner[0] in OPENING or before in OPENING
    closed = inner[-1] in CLOSING or inner.rstrip(_TRAILING)[-1:] in CLOSING or after in CLOSING
    return opened and closed and (len(inner) > 1 or before in OPENING)


def _holds_quotation(content: str) -> bool:
    for i, char in enumerate(content):
        if char in OPENING and (char not in "‘’" or i == 0 or not content[i - 1].isalnum()):
            closing = '"' if char == '"' else CLOSING
            if any(c in closing for c in content[i + 1 :]):
                return True
    return False


def gold_quotes(spans: dict[str, Span], events: Iterable[Event], text: str) -> list[dict[str, Any]]:
    """One gold quote per attribution event that has a content, in text order."""
    quotes = []
    for event in events:
        if not event.id.startswith("E"):
            continue
        roles: dict[str, list[Span]] = {}
        for role, ref in event.arguments[1:]:
            roles.setdefault(role, []).append(spans[ref])
        contents = roles.get("Content", [])
        if not contents:
            continue
        fragments = sorted(f for span in contents for f in span.fragments)
        quote: dict[str, Any] = {
            "type": quote_type(text, fragments),
            "content_start": fragments[0][0],
            "content_end": max(e for _, e in fragments),
        }
        quote["content"] = text[quote["content_start"] : quote["content_end"]]
        if len(fragments) > 1:
            quote["content_fragments"] = [list(f) for f in fragments]
        for role, field in (("Source", "speaker"), ("Cue", "cue")):
            found = roles.get(role, [])
            if found:
                parts = sorted(f for span in found for f in span.fragments)
                quote[field] = " ".join(text[s:e] for s, e in parts)
                quote[f"{field}_start"], quote[f"{field}_end"] = parts[0][0], max(e for _, e in parts)
            else:
                quote[field] = quote[f"{field}_start"] = quote[f"{field}_end"] = None
        quote["ann_id"] = event.id
        quote["type_derived"] = True
        if event.label == "Attribution-no-source":
            quote["no_source_marked"] = True
        quotes.append(quote)
    quotes.sort(key=lambda q: (q["content_start"], q["content_end"]))
    return quotes


def article(
    article_id: str, text: str, ann: str, where: str = "<ann>", outlet: str | None = None, check_text: bool = True
) -> dict[str, Any]:
    """The gold article (one JSON Lines record) of a text and its `.ann` content."""
    spans, events = parse_ann(ann, text, where, check_text)
    if outlet is None:
        outlet = OUTLETS.get(article_id.split("_", 1)[0])
    return {"id": article_id, "source": "brat", "outlet": outlet, "text": text, "quotes": gold_quotes(spans, events, text)}


# --- folders --------------------------------------------------------------------


def text_for(ann_path: Path) -> Path:
    """The `.txt` of an `.ann`: beside it, or PolNeAR's `../text/NAME.txt` for `NAME_<annotator>.ann` (E063)."""
    stem = _ANNOTATOR.sub("", ann_path.stem)
    candidates = [ann_path.with_suffix(".txt"), ann_path.parent / f"{stem}.txt", ann_path.parent.parent / "text" / f"{stem}.txt"]
    for candidate in candidates:
        if candidate.is_file():
            return candidate
    looked = ", ".join(dict.fromkeys(str(c) for c in candidates))
    raise BratError("E063", path=str(ann_path), looked=looked)


def _read(path: Path) -> str:
    try:
        with open(path, encoding="utf-8", newline="") as handle:  # offsets count \r too
            return handle.read().removeprefix("\ufeff") if path.suffix == ".ann" else handle.read()
    except UnicodeDecodeError as exc:
        raise BratError("E064", path=str(path), detail=f"not UTF-8 ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise BratError("E064", path=str(path), detail=exc.strerror or str(exc)) from None


def convert_folder(folder: Path | str, check_text: bool = True, all_annotators: bool = False) -> Iterator[dict[str, Any]]:
    """The gold articles of every `.ann` under `folder`, in path order, with the text's name as id.

    A text several annotators annotated (PolNeAR's quality-control articles)
    gives the first of its `.ann` files in name order, as PolNeAR's gold for
    `quotes eval` has it; with `all_annotators`, one article each, its id the
    `.ann`'s name.
    """
    pairs = [(ann, text_for(ann)) for ann in sorted(Path(folder).rglob("*.ann"))]
    count: dict[Path, int] = {}
    for _, txt in pairs:
        count[txt] = count.get(txt, 0) + 1
    done: set[Path] = set()
    for ann, txt in pairs:
        if txt in done and not all_annotators:
            continue
        done.add(txt)
        article_id = ann.stem if all_annotators and count[txt] > 1 else txt.stem
        yield article(article_id, _read(txt), _read(ann), str(ann), check_text=check_text)


def write_jsonl(folder: Path | str, out: Path | str, check_text: bool = True, all_annotators: bool = False) -> tuple[int, int]:
    """Writes the gold JSON Lines of a folder (`-` for stdout); returns (articles, quotes)."""
    records = convert_folder(folder, check_text, all_annotators)
    articles = quotes = 0
    handle = sys.stdout if str(out) == "-" else open(out, "w", encoding="utf-8", newline="\n")
    try:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
            articles += 1
            quotes += len(record["quotes"])
    finally:
        if handle is not sys.stdout:
            handle.close()
    return articles, quotes


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m quotes.evaluation.brat",
        description="Convert brat standoff attributions (PolNeAR) into the gold JSON Lines `quotes eval` reads.",
    )
    parser.add_argument("in_dir", help="a folder of .ann files with their .txt (beside them or in ../text/)")
    parser.add_argument("out", help="the JSON Lines file to write, or - for stdout")
    parser.add_argument("--no-check-text", action="store_true", help="do not compare each span's text with the .txt")
    parser.add_argument(
        "--all-annotators",
        action="store_true",
        help="a text with several .ann files gives one article each (id: the .ann's name), not the first only",
    )
    args = parser.parse_args(argv)
    if not Path(args.in_dir).is_dir():
        print(f"E064 cannot read {args.in_dir}: not a folder", file=sys.stderr)
        return 2
    try:
        articles, quotes = write_jsonl(args.in_dir, args.out, not args.no_check_text, args.all_annotators)
    except QuotesError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"{articles} articles, {quotes} attributions", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
