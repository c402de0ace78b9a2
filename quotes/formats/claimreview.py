"""Claim records as schema.org `Claim`s, JSON-LD, ready for a ClaimReview.

A fact-checker publishing a ClaimReview names the claim it reviews in
`itemReviewed`; each object here is such a claim: what was said (`text`), by
whom (`author`, a Person with `jobTitle` and `affiliation`, or an
Organization), and where it appeared (`appearance`, the NewsArticle with its
publisher, URL, date and author).
"""

from __future__ import annotations

import json
from typing import Any

from ..records import Article, Claim, Extraction

SCHEMA_ORG = "https://schema.org"


def claim_objects(extraction: Extraction) -> list[dict[str, Any]]:
    appearance = _news_article(extraction.article)
    return [_claim(claim, appearance) for claim in extraction.claims if not claim.negated]


def to_claimreview(extraction: Extraction) -> str:
    """A JSON-LD document: one schema.org Claim per record (negated ones left
    out: the speaker is reported as not having said them)."""
    document = {"@context": SCHEMA_ORG, "@graph": claim_objects(extraction)}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _claim(claim: Claim, appearance: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = {"@type": "Claim", "identifier": claim.id, "text": claim.text}
    author = _speaker(claim)
    if author:
        found["author"] = author
    if appearance:
        found["appearance"] = appearance
        if "datePublished" in appearance:
            found["datePublished"] = appearance["datePublished"]
    return _without_none(found)


def _speaker(claim: Claim) -> dict[str, Any] | None:
    speaker = claim.speaker
    name = speaker.name or (speaker.mention.text if speaker.mention else None)
    if name is None:
        return None
    if speaker.kind == "organization":
        return {"@type": "Organization", "name": name}
    person: dict[str, Any] = {"@type": "Person", "name": name, "jobTitle": speaker.role}
    if speaker.affiliation:
        person["affiliation"] = {"@type": "Organization", "name": speaker.affiliation}
    return _without_none(person)


def _news_article(article: Article) -> dict[str, Any]:
    found = {
        "@type": "NewsArticle",
        "headline": article.title,
        "url": article.url,
        "datePublished": article.published,
        "publisher": {"@type": "Organization", "name": article.outlet} if article.outlet else None,
        "author": {"@type": "Person", "name": article.author} if article.author else None,
    }
    cleaned = _without_none(found)
    return cleaned if len(cleaned) > 1 else {}


def _without_none(obj: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in obj.items() if v is not None}
