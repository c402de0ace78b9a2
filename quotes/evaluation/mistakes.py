"""The mistakes an evaluation lists as examples: misses, false alarms and
wrong speakers, each with what a person needs to judge it (the gold, the
claim, the paragraph), and the even spread that picks N of them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .gold import GoldArticle, GoldQuote
from .matching import Spans
from .tables import NONE


def spread(items: Sequence[Any], n: int) -> list[Any]:
    """n items evenly spread over the sequence (item i*len//n), all if fewer."""
    if n <= 0:
        return []
    if len(items) <= n:
        return list(items)
    return [items[i * len(items) // n] for i in range(n)]


def claim_type(claim: Mapping[str, Any]) -> str:
    return claim.get("type") or NONE


def claim_speaker(claim: Mapping[str, Any]) -> Mapping[str, Any]:
    return claim.get("speaker") or {}


def claim_mention(claim: Mapping[str, Any]) -> str | None:
    mention = claim_speaker(claim).get("mention")
    return (mention.get("text") or None) if mention else None


def claim_name(claim: Mapping[str, Any]) -> str | None:
    return claim_speaker(claim).get("name") or None


def paragraph(text: str, spans: Spans) -> str:
    """The paragraph(s) holding these spans."""
    if not spans:
        return ""
    start = text.rfind("\n", 0, spans[0][0]) + 1
    end = text.find("\n", spans[-1][1])
    return text[start : end if end >= 0 else len(text)].strip()


def miss(article: GoldArticle, quote: GoldQuote) -> dict[str, Any]:
    return {
        "article": article.id,
        "type": quote.type,
        "content": quote.content,
        "speaker": quote.speaker,
        "cue": quote.cue,
        "context": paragraph(article.text, quote.spans),
    }


def false_alarm(article: GoldArticle, claim: Mapping[str, Any]) -> dict[str, Any]:
    cue = claim.get("cue")
    return {
        "article": article.id,
        "claim": claim.get("id"),
        "type": claim_type(claim),
        "text": claim.get("text"),
        "rule": claim.get("rule"),
        "speaker": claim_mention(claim),
        "cue": cue.get("text") if cue else None,
    }


def wrong_speaker(article: GoldArticle, quote: GoldQuote, claim: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "article": article.id,
        "claim": claim.get("id"),
        "type": quote.type,
        "content": quote.content,
        "gold": quote.speaker,
        "mention": claim_mention(claim),
        "name": claim_name(claim),
        "rule": claim.get("rule"),
    }
