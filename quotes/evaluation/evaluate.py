"""Scoring claim records against hand-annotated quotes.

Gold is JSON Lines, one article a line (../shared/README.md):
`{"id", "text", "outlet", "quotes": [{"type", "content_start", "content_end",
"content_fragments"?, "speaker", "cue", ...}]}`. Predictions are the records
`quotes corpus` writes, `{"id", "article", "claims", "error"}`, matched to
gold articles by id; they are plain dicts, so a saved run scores the same as
a fresh one. An article whose record carries an error counts as having no
claims and is listed as failed.

Definitions (also printed at the top of the report):

Span
    A gold quote covers its `content_fragments` when it has any, else
    `content_start`..`content_end`; a claim covers the union of its `spans`.
    A length is the number of characters covered.
Match
    A claim and a gold quote can match when they overlap and the overlap is
    at least half the length of the shorter of the two. In each article the
    matching is one-to-one and optimal: the most matches, and among those
    the most overlapping characters (an assignment solved exactly with the
    Hungarian algorithm, not greedily).
Ignored
    An unmatched claim whose overlap with a matched gold quote is at least
    half its own length (a second piece of a quote already found) is neither
    a true nor a false positive.
Quote detection
    TP = matched gold quotes, FP = unmatched claims not ignored, FN =
    unmatched gold quotes; P = TP/(TP+FP), R = TP/(TP+FN), F1 their harmonic
    mean (0 when undefined).
Per type T (the gold type)
    R = matched gold quotes of type T / gold quotes of type T.
    P = claims matched to gold quotes of type T / (those + false positives
    whose own `type` is T): a claim that matches nothing counts as gold type
    "none" and is charged to the type it claims. The confusion table (rows
    gold type, columns claim type, "none" for unmatched) shows both.
Speaker right
    A speaker string s is right against the gold speaker g when, both
    normalised (casefolded; surrounding punctuation, a possessive 's and
    leading "the"/"a"/"an" and honorifics "Mr."/"Mrs."/"Ms."/"Miss"/"Mx."/
    "Dr." removed; spaces collapsed), they are equal, or the words of one end
    the other ("Lukin" ~ "Artyom Lukin", "Mr. Barrett" ~ "Kevin Barrett"), or
    s and the head of g, its part before the first comma or parenthesis, are
    so ("Artyom Lukin, a professor at ..." ~ "Artyom Lukin" or "Lukin";
    "Rep. Ana Ruiz (D-Ore.)" ~ "Ana Ruiz"; "Angela Ruiz" ~ "Ruiz, the former
    transport minister").
    mention accuracy: over matched quotes whose gold has a speaker, with the
    claim's `speaker.mention.text`.
    name accuracy: over matched quotes whose gold speaker is not a pronoun
    (he she they it we i you him her them his their its), with the claim's
    `speaker.name`.
    Matched gold quotes with no gold speaker are counted apart.
End to end
    TP = matched quotes whose speaker is right: if the gold has a speaker,
    the claim's mention or name is right; if it has none, the claim has no
    mention (strict). P = TP / (detection TP+FP), R = TP / gold quotes.
Confidence
    A claim is right when it can match some gold quote of its article (the
    overlap rule above, whatever the one-to-one matching chose). Claims are
    put in ten equal-width bins of `confidence`; each bin shows the mean
    confidence given and the share right, and the calibration error (ECE)
    is the claim-weighted mean of their differences.
Examples (`errors=N`)
    N misses, N false alarms and N wrong speakers (matched, end-to-end
    wrong), each taken in corpus order and spread evenly: item i*M//N of the
    M there are, for i < N. Deterministic.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..corpus.lines import (
    Line,
    article_fields,
    decode_line,
    input_name,
    is_blank,
    open_lines,
)
from ..errors import Location, QuotesError
from .calibration import (
    Example,
    Reliability,
    evidence_of,
    format_reliability,
    reliability,
)

TYPES = ("direct", "indirect", "mixed")
NONE = "none"
# Relative pronouns too: the gold writes "who" where a record names the person.
PRONOUNS = frozenset("he she they it we i you him her them his their its who whom which that".split())
DETERMINERS = frozenset(("the", "a", "an"))
# Dropped like determiners: the gold writes "Mr. Barrett" where a name is "Kevin Barrett".
HONORIFICS = frozenset(("mr", "mrs", "ms", "miss", "mx", "dr", "mr.", "mrs.", "ms.", "mx.", "dr."))
_LEADING = DETERMINERS | HONORIFICS
_HEAD_ENDS = re.compile(r"[,(]")
_POSSESSIVES = ("'s", "\u2019s")

Spans = tuple[tuple[int, int], ...]


# --- gold -----------------------------------------------------------------


@dataclass(frozen=True)
class GoldQuote:
    type: str
    spans: Spans
    content: str
    speaker: str | None
    cue: str | None = None


@dataclass(frozen=True)
class GoldArticle:
    id: str
    text: str
    outlet: str | None
    quotes: tuple[GoldQuote, ...]
    line: int = 0


def gold_article(obj: Mapping[str, Any], line: int = 0) -> GoldArticle:
    """A gold article from its decoded JSON object (E021, E022, E023)."""
    article = article_fields(obj, line)
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
    return GoldQuote(kind, spans, content, (speaker or "").strip() or None, cue or None)


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


# --- predictions -------------------------------------------------------------


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


# --- spans and matching ------------------------------------------------------


def union(spans: Iterable[tuple[int, int]]) -> Spans:
    """Sorted, merged, non-empty intervals covering the same characters."""
    merged: list[list[int]] = []
    for start, end in sorted((s, e) for s, e in spans if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


def length(spans: Spans) -> int:
    return sum(e - s for s, e in spans)


def overlap(a: Spans, b: Spans) -> int:
    """Characters covered by both unions (each sorted and merged)."""
    total = i = j = 0
    while i < len(a) and j < len(b):
        total += max(0, min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]))
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return total


def can_match(gold: Spans, claim: Spans) -> bool:
    shared = overlap(gold, claim)
    return shared > 0 and 2 * shared >= min(length(gold), length(claim))


@dataclass
class Matching:
    """One article's matching: indices into its gold quotes and its claims."""

    pairs: list[tuple[int, int]]  # (gold, claim), by gold index
    missed: list[int]  # gold quotes matched by no claim
    false: list[int]  # claims matching nothing, not ignored
    ignored: list[int]  # unmatched claims inside a matched gold quote


def match(gold: Sequence[Spans], claims: Sequence[Spans]) -> Matching:
    """The one-to-one matching with the most matches, then the most overlap."""
    weights = [[overlap(g, c) if can_match(g, c) else 0 for c in claims] for g in gold]
    pairs = sorted(_max_assignment(weights))
    matched_gold = {g for g, _ in pairs}
    matched_claims = {c for _, c in pairs}
    missed = [g for g in range(len(gold)) if g not in matched_gold]
    false, ignored = [], []
    for c, spans in enumerate(claims):
        if c in matched_claims:
            continue
        inside = any(2 * overlap(gold[g], spans) >= length(spans) > 0 for g in matched_gold)
        (ignored if inside else false).append(c)
    return Matching(pairs, missed, false, ignored)


def _max_assignment(weights: list[list[int]]) -> list[tuple[int, int]]:
    """Pairs (row, column) with positive weight, one-to-one, maximising first
    their number and then their total weight."""
    rows = [r for r, row in enumerate(weights) if any(row)]
    cols = [c for c in range(len(weights[0]) if weights else 0) if any(weights[r][c] for r in rows)]
    if not rows or not cols:
        return []
    # Every match is worth more than all the overlap there is, so the
    # minimum-cost assignment takes as many matches as it can first.
    big = sum(max(weights[r]) for r in rows) + 1
    cost = [[-(big + weights[r][c]) if weights[r][c] else 0 for c in cols] for r in rows]
    transposed = len(rows) > len(cols)
    if transposed:
        cost = [list(column) for column in zip(*cost)]
    found = _hungarian(cost)
    pairs = [(rows[j], cols[i]) if transposed else (rows[i], cols[j]) for i, j in found]
    return [(r, c) for r, c in pairs if weights[r][c]]


def _hungarian(cost: list[list[int]]) -> list[tuple[int, int]]:
    """Minimum-cost assignment of every row of an n x m matrix, n <= m
    (the potentials method, O(n^2 m)); returns (row, column) pairs."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    u = [0] * (n + 1)
    v = [0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: the row (1-based) assigned to column j
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        min_v = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < min_v[j]:
                        min_v[j], way[j] = reduced, j0
                    if min_v[j] < delta:
                        delta, j1 = min_v[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    min_v[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]


# --- speakers ----------------------------------------------------------------


def normalise_speaker(text: str | None) -> str:
    """Casefolded, without surrounding punctuation, possessive 's or leading
    determiners and honorifics, spaces collapsed: "The President’s" ->
    "president", "Mr. Barrett" -> "barrett"."""
    words = " ".join((text or "").casefold().split())
    while True:
        before = words
        words = _strip_punctuation(words)
        for possessive in _POSSESSIVES:
            if words.endswith(possessive):
                words = words[: -len(possessive)]
        if words == before:
            break
    tokens = words.split()
    while len(tokens) > 1 and tokens[0] in _LEADING:
        tokens = tokens[1:]
    return " ".join(tokens)


def _strip_punctuation(text: str) -> str:
    start, end = 0, len(text)
    while start < end and is_punctuation(text[start]):
        start += 1
    while end > start and is_punctuation(text[end - 1]):
        end -= 1
    return text[start:end]


def is_punctuation(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] in "PS"


def _ends_with(longer: list[str], shorter: list[str]) -> bool:
    return 0 < len(shorter) <= len(longer) and longer[len(longer) - len(shorter) :] == shorter


def speaker_right(predicted: str | None, gold: str | None) -> bool:
    """Whether a predicted speaker string names the gold speaker (see module doc)."""
    s, g = normalise_speaker(predicted), normalise_speaker(gold)
    if not s or not g:
        return False
    s_words, g_words = s.split(), g.split()
    if s == g or _ends_with(s_words, g_words) or _ends_with(g_words, s_words):
        return True
    if gold and _HEAD_ENDS.search(gold):
        head = normalise_speaker(_HEAD_ENDS.split(gold, 1)[0]).split()
        return _ends_with(head, s_words) or _ends_with(s_words, head)
    return False


def is_pronoun(speaker: str | None) -> bool:
    return normalise_speaker(speaker) in PRONOUNS


# --- scores ------------------------------------------------------------------


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, **rounded(self, "precision", "recall", "f1")}


@dataclass
class Ratio:
    right: int = 0
    total: int = 0

    @property
    def value(self) -> float:
        return self.right / self.total if self.total else 0.0

    def add(self, right: bool) -> None:
        self.right += bool(right)
        self.total += 1

    def to_dict(self) -> dict[str, Any]:
        return {"right": self.right, "total": self.total, **rounded(self, "value")}


@dataclass
class Scores:
    articles: int = 0
    failed: list[str] = field(default_factory=list)  # ids of articles whose record is an error
    gold_quotes: int = 0
    claims: int = 0
    ignored: int = 0
    quotes: PRF = field(default_factory=PRF)
    by_type: dict[str, PRF] = field(default_factory=dict)
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)  # gold type -> claim type -> n
    speaker_mention: Ratio = field(default_factory=Ratio)
    speaker_name: Ratio = field(default_factory=Ratio)
    no_gold_speaker: int = 0
    e2e: PRF = field(default_factory=PRF)
    confidence: Reliability = field(default_factory=lambda: reliability(()))
    examples: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "failed": list(self.failed),
            "gold_quotes": self.gold_quotes,
            "claims": self.claims,
            "ignored": self.ignored,
            "quotes": self.quotes.to_dict(),
            "by_type": {kind: prf.to_dict() for kind, prf in self.by_type.items()},
            "confusion": {g: dict(row) for g, row in self.confusion.items()},
            "speaker": {
                "mention": self.speaker_mention.to_dict(),
                "name": self.speaker_name.to_dict(),
                "no_gold_speaker": self.no_gold_speaker,
            },
            "e2e": self.e2e.to_dict(),
            "confidence": self.confidence.to_dict(),
            "examples": {kind: list(items) for kind, items in self.examples.items()},
        }


def score(
    gold: Iterable[GoldArticle | Mapping[str, Any]],
    records: Iterable[Mapping[str, Any]],
    errors: int = 0,
) -> Scores:
    """Scores of `quotes corpus` records against gold articles (see module doc).

    Every gold article needs a record with its id (E024); records of other
    articles are not scored. `errors` asks for that many examples of each
    kind of mistake.
    """
    articles = [g if isinstance(g, GoldArticle) else gold_article(g) for g in gold]
    by_id = {record.get("id"): record for record in records}
    kinds = list(TYPES)
    scores = Scores(articles=len(articles))
    misses: list[dict[str, Any]] = []
    false_alarms: list[dict[str, Any]] = []
    wrong_speakers: list[dict[str, Any]] = []
    outcomes: list[tuple[float, bool]] = []

    def tally(table: dict[str, PRF], kind: str) -> PRF:
        if kind not in kinds:
            kinds.append(kind)
        return table.setdefault(kind, PRF())

    def confuse(gold_kind: str, claim_kind: str) -> None:
        row = scores.confusion.setdefault(gold_kind, {})
        row[claim_kind] = row.get(claim_kind, 0) + 1

    for article in articles:
        record = by_id.get(article.id)
        if record is None:
            raise QuotesError("E024", id=article.id)
        claims: list[Mapping[str, Any]] = []
        if record.get("error"):
            scores.failed.append(article.id)
        else:
            claims = list(record.get("claims") or [])
        found = match([q.spans for q in article.quotes], [claim_spans(c) for c in claims])
        outcomes += zip((float(c.get("confidence", 0.0)) for c in claims), claims_right(article, claims), strict=True)
        scores.gold_quotes += len(article.quotes)
        scores.claims += len(claims)
        scores.ignored += len(found.ignored)
        scores.quotes.tp += len(found.pairs)
        scores.quotes.fp += len(found.false)
        scores.quotes.fn += len(found.missed)
        for g in found.missed:
            quote = article.quotes[g]
            tally(scores.by_type, quote.type).fn += 1
            confuse(quote.type, NONE)
            misses.append(_miss(article, quote))
        for c in found.false:
            kind = _claim_type(claims[c])
            tally(scores.by_type, kind).fp += 1
            confuse(NONE, kind)
            false_alarms.append(_false_alarm(article, claims[c]))
        for g, c in found.pairs:
            quote, claim = article.quotes[g], claims[c]
            tally(scores.by_type, quote.type).tp += 1
            confuse(quote.type, _claim_type(claim))
            mention, name = _mention(claim), _name(claim)
            if quote.speaker is None:
                scores.no_gold_speaker += 1
                right = mention is None
            else:
                mention_right = speaker_right(mention, quote.speaker)
                name_right = speaker_right(name, quote.speaker)
                scores.speaker_mention.add(mention_right)
                if not is_pronoun(quote.speaker):
                    scores.speaker_name.add(name_right)
                right = mention_right or name_right
            scores.e2e.tp += right
            if not right:
                wrong_speakers.append(_wrong_speaker(article, quote, claim))

    scores.confidence = reliability(outcomes)
    scores.e2e.fp = scores.quotes.tp + scores.quotes.fp - scores.e2e.tp
    scores.e2e.fn = scores.gold_quotes - scores.e2e.tp
    scores.by_type = {kind: scores.by_type.get(kind, PRF()) for kind in kinds}
    order = [*kinds, NONE]
    scores.confusion = {
        g: {c: scores.confusion.get(g, {}).get(c, 0) for c in order}
        for g in order
    }
    if errors > 0:
        scores.examples = {
            "misses": spread(misses, errors),
            "false_alarms": spread(false_alarms, errors),
            "wrong_speakers": spread(wrong_speakers, errors),
        }
    return scores


def claims_right(article: GoldArticle, claims: Sequence[Mapping[str, Any]]) -> list[bool]:
    """For each claim, whether it can match some gold quote of the article."""
    gold = [q.spans for q in article.quotes]
    return [any(can_match(g, claim_spans(c)) for g in gold) for c in claims]


def calibration_examples(
    gold: Iterable[GoldArticle], records: Iterable[Mapping[str, Any]], rule_confidences: Mapping[str, float]
) -> list[Example]:
    """Every claim of the records with its evidence and whether it is right,
    to fit a calibration on. Articles with no record, or an error, add none."""
    by_id = {record.get("id"): record for record in records}
    examples = []
    for number, article in enumerate(gold):
        claims = list((by_id.get(article.id) or {}).get("claims") or [])
        for claim, evidence, right in zip(claims, evidence_of(claims), claims_right(article, claims), strict=True):
            examples.append(Example(evidence, rule_confidences.get(str(claim.get("rule"))), right, number))
    return examples


def spread(items: Sequence[Any], n: int) -> list[Any]:
    """n items evenly spread over the sequence (item i*len//n), all if fewer."""
    if n <= 0:
        return []
    if len(items) <= n:
        return list(items)
    return [items[i * len(items) // n] for i in range(n)]


def claim_spans(claim: Mapping[str, Any]) -> Spans:
    return union((s["start"], s["end"]) for s in claim.get("spans") or [])


def _claim_type(claim: Mapping[str, Any]) -> str:
    return claim.get("type") or NONE


def _speaker(claim: Mapping[str, Any]) -> Mapping[str, Any]:
    return claim.get("speaker") or {}


def _mention(claim: Mapping[str, Any]) -> str | None:
    mention = _speaker(claim).get("mention")
    return (mention.get("text") or None) if mention else None


def _name(claim: Mapping[str, Any]) -> str | None:
    return _speaker(claim).get("name") or None


def _paragraph(text: str, spans: Spans) -> str:
    """The paragraph(s) holding these spans."""
    if not spans:
        return ""
    start = text.rfind("\n", 0, spans[0][0]) + 1
    end = text.find("\n", spans[-1][1])
    return text[start : end if end >= 0 else len(text)].strip()


def _miss(article: GoldArticle, quote: GoldQuote) -> dict[str, Any]:
    return {
        "article": article.id,
        "type": quote.type,
        "content": quote.content,
        "speaker": quote.speaker,
        "cue": quote.cue,
        "context": _paragraph(article.text, quote.spans),
    }


def _false_alarm(article: GoldArticle, claim: Mapping[str, Any]) -> dict[str, Any]:
    cue = claim.get("cue")
    return {
        "article": article.id,
        "claim": claim.get("id"),
        "type": _claim_type(claim),
        "text": claim.get("text"),
        "rule": claim.get("rule"),
        "speaker": _mention(claim),
        "cue": cue.get("text") if cue else None,
    }


def _wrong_speaker(article: GoldArticle, quote: GoldQuote, claim: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "article": article.id,
        "claim": claim.get("id"),
        "type": quote.type,
        "content": quote.content,
        "gold": quote.speaker,
        "mention": _mention(claim),
        "name": _name(claim),
        "rule": claim.get("rule"),
    }


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def rounded(obj: Any, *names: str) -> dict[str, float]:
    return {name: round(getattr(obj, name), 4) for name in names}


# --- the report --------------------------------------------------------------

HEADER = """\
match: a claim and a gold quote overlap by >= half the shorter; one-to-one, optimal
  (most matches, then most overlap); an unmatched claim inside a matched quote is ignored
P = TP/(TP+FP), R = TP/(TP+FN); per gold type: R over that type, P charges a false
  alarm to the type the claim says it is
speaker right: equal after normalising (case, punctuation, 's, the/a/an, Mr./Ms./Dr.), or one
  ends the other, also with the gold head before a comma or "(";
  mention acc. over gold with a speaker; name acc. over gold speakers that are not pronouns
end to end: matched and speaker right (mention or name); gold without speaker: no mention"""

_SHOWN = 200


def format_report(scores: Scores) -> str:
    """A compact table of the scores, definitions first, examples last."""
    failed = f", {len(scores.failed)} failed" if scores.failed else ""
    lines = [
        f"{scores.articles} articles{failed}, {scores.gold_quotes} gold quotes, "
        f"{scores.claims} claims ({scores.ignored} ignored)",
        HEADER,
        "",
        f"{'':14}{'TP':>6}{'FP':>6}{'FN':>6}{'P':>8}{'R':>8}{'F1':>8}",
        _prf_row("quotes", scores.quotes),
        *(_prf_row(f"  {kind}", prf) for kind, prf in scores.by_type.items()),
        _prf_row("end to end", scores.e2e),
        "",
        f"{'speaker':14}{'right':>7}{'of':>7}{'acc':>8}",
        _ratio_row("  mention", scores.speaker_mention),
        _ratio_row("  name", scores.speaker_name),
        f"  {scores.no_gold_speaker} matched gold quotes have no gold speaker",
        "",
        format_reliability(scores.confidence),
    ]
    if scores.confusion:
        columns = list(next(iter(scores.confusion.values())))
        lines += ["", "type: rows gold, columns claim (none: unmatched)"]
        lines.append(f"{'':12}" + "".join(f"{c:>10}" for c in columns))
        for g, row in scores.confusion.items():
            lines.append(f"  {g:10}" + "".join(f"{row[c]:>10}" for c in columns))
    for kind, items in scores.examples.items():
        lines += ["", f"{kind.replace('_', ' ')} ({len(items)}):"]
        lines += [_example(kind, item) for item in items]
    if scores.failed:
        lines += ["", "failed: " + ", ".join(scores.failed)]
    return "\n".join(lines) + "\n"


def _prf_row(label: str, prf: PRF) -> str:
    return f"{label:14}{prf.tp:>6}{prf.fp:>6}{prf.fn:>6}{prf.precision:>8.3f}{prf.recall:>8.3f}{prf.f1:>8.3f}"


def _ratio_row(label: str, ratio: Ratio) -> str:
    return f"{label:14}{ratio.right:>7}{ratio.total:>7}{ratio.value:>8.3f}"


def shorten(text: Any, width: int = _SHOWN) -> str:
    text = " ".join(str(text).split()) if text is not None else "-"
    return text if len(text) <= width else text[: width - 1] + "…"


def _example(kind: str, item: Mapping[str, Any]) -> str:
    where = f"- {item['article']}"
    if kind == "misses":
        return (
            f"{where} [{item['type']}] speaker={shorten(item['speaker'], 60)} cue={shorten(item['cue'], 30)}\n"
            f"    gold: {shorten(item['content'])}\n    context: {shorten(item['context'], 400)}"
        )
    if kind == "false_alarms":
        return (
            f"{where} {item['claim']} [{item['type']}] {item['rule']} "
            f"speaker={shorten(item['speaker'], 60)} cue={shorten(item['cue'], 30)}\n"
            f"    claim: {shorten(item['text'])}"
        )
    return (
        f"{where} {item['claim']} [{item['type']}] {item['rule']}\n"
        f"    gold speaker: {shorten(item['gold'], 80)} | mention: {shorten(item['mention'], 60)} "
        f"| name: {shorten(item['name'], 60)}\n    content: {shorten(item['content'])}"
    )
