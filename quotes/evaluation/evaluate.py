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

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..errors import QuotesError
from .features import evidence_of
from .fitting import Example
from .gold import (
    GoldArticle,
    GoldQuote,
    corpus_lines,
    gold_article,
    load_gold,
    load_predictions,
    read_gold,
    read_predictions,
)
from .groups import error_groups
from .matching import Spans, can_match, claim_spans, match, union
from .mistakes import claim_mention, claim_name, claim_type, false_alarm, miss, spread, wrong_speaker
from .reliability import reliability
from .report import HEADER, format_report, shorten
from .speakers import is_pronoun, normalise_speaker, speaker_right
from .tables import NONE, PRF, TYPES, Ratio, Scores

# The names an evaluation is used by (`quotes eval`, the tests), wherever
# they live in the evaluation package.
__all__ = [
    "HEADER",
    "NONE",
    "PRF",
    "TYPES",
    "GoldArticle",
    "GoldQuote",
    "Ratio",
    "Scores",
    "Spans",
    "calibration_examples",
    "can_match",
    "claim_spans",
    "claims_right",
    "corpus_lines",
    "format_report",
    "gold_article",
    "is_pronoun",
    "load_gold",
    "load_predictions",
    "match",
    "normalise_speaker",
    "read_gold",
    "read_predictions",
    "score",
    "shorten",
    "speaker_right",
    "spread",
    "union",
]


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
            misses.append(miss(article, quote))
        for c in found.false:
            kind = claim_type(claims[c])
            tally(scores.by_type, kind).fp += 1
            confuse(NONE, kind)
            false_alarms.append(false_alarm(article, claims[c]))
        for g, c in found.pairs:
            quote, claim = article.quotes[g], claims[c]
            tally(scores.by_type, quote.type).tp += 1
            confuse(quote.type, claim_type(claim))
            mention, name = claim_mention(claim), claim_name(claim)
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
                wrong_speakers.append(wrong_speaker(article, quote, claim))

    scores.confidence = reliability(outcomes)
    scores.e2e.fp = scores.quotes.tp + scores.quotes.fp - scores.e2e.tp
    scores.e2e.fn = scores.gold_quotes - scores.e2e.tp
    scores.by_type = {kind: scores.by_type.get(kind, PRF()) for kind in kinds}
    order = [*kinds, NONE]
    scores.confusion = {g: {c: scores.confusion.get(g, {}).get(c, 0) for c in order} for g in order}
    if errors > 0:
        scores.examples = {
            "misses": spread(misses, errors),
            "false_alarms": spread(false_alarms, errors),
            "wrong_speakers": spread(wrong_speakers, errors),
        }
        scores.error_groups = error_groups(misses, false_alarms, wrong_speakers)
        scores.error_totals = {"misses": len(misses), "false alarms": len(false_alarms), "wrong speakers": len(wrong_speakers)}
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
