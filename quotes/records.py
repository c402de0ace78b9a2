"""The output contract: claim records and article metadata.

Other tools depend on these field names (see quotes/schemas/claims.schema.json):
fields may be added, never renamed.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, replace
from typing import Any, Literal

ClaimType = Literal["direct", "indirect", "mixed"]
SpeakerKind = Literal["person", "organization", "unknown"]
# How a speaker's name was reached: named at the cue; a surname, a title or
# a description of someone named before; a pronoun; a relative pronoun
# ("who"); a quote that continues an attributed one. None: no name.
Resolution = Literal["named", "surname", "title", "pronoun", "relative", "quote"]
ArticleKind = Literal["news", "opinion"]


@dataclass(frozen=True)
class TextSpan:
    """Character offsets into the text exactly as the user gave it."""

    start: int
    end: int


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int


@dataclass
class Speaker:
    name: str | None
    mention: Mention | None
    role: str | None = None
    affiliation: str | None = None
    kind: SpeakerKind = "unknown"
    resolution: Resolution | None = None


@dataclass
class Source:
    outlet: str | None
    via: str | None = None


@dataclass
class Claim:
    id: str
    type: ClaimType
    text: str
    spans: list[TextSpan]
    cue: Mention | None
    speaker: Speaker
    source: Source
    rule: str
    confidence: float
    # The cue is negated ("did not say that ..."): the speaker is reported as
    # not having said it, so the text is not the speaker's claim.
    negated: bool = False

    @property
    def start(self) -> int:
        return self.spans[0].start

    @property
    def end(self) -> int:
        return self.spans[-1].end


def shift_claim(claim: Claim, by: int) -> Claim:
    """The same claim with every offset moved `by` characters."""

    def moved(mention: Mention | None) -> Mention | None:
        return None if mention is None else Mention(mention.text, mention.start + by, mention.end + by)

    speaker = replace(claim.speaker, mention=moved(claim.speaker.mention))
    spans = [TextSpan(s.start + by, s.end + by) for s in claim.spans]
    return replace(claim, spans=spans, cue=moved(claim.cue), speaker=speaker)


@dataclass
class Article:
    outlet: str | None = None
    author: str | None = None
    author_affiliation: str | None = None
    published: str | None = None
    kind: ArticleKind | None = None
    title: str | None = None
    # Where the story is filed from, as its dateline gives it ("WASHINGTON").
    dateline: str | None = None
    # The agency or outlet that supplied the text, when a credit names one
    # other than the publisher ("Source: Xinhua", "WASHINGTON (AP) —").
    supplied_by: str | None = None
    # The article's address: a page's canonical URL, or the URL given.
    url: str | None = None
    # The text the offsets index, when it is not the input as given: the
    # main text extracted from a web page. Null for a text input.
    text: str | None = None


@dataclass
class Extraction:
    """What one article yields: its metadata and its claims."""

    article: Article
    claims: list[Claim] = field(default_factory=list)

    def at_least(self, confidence: float) -> Extraction:
        """Only the claims whose confidence is at least `confidence`; they keep
        their ids, so a filtered run names each claim as the full one does."""
        if confidence <= 0:
            return self
        return replace(self, claims=[c for c in self.claims if c.confidence >= confidence])

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": asdict(self.article),
            "claims": [asdict(claim) for claim in self.claims],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Extraction:
        """The extraction `to_dict` gave `data` for."""
        return cls(Article(**data["article"]), [claim_from_dict(c) for c in data["claims"]])


def claim_from_dict(data: dict[str, Any]) -> Claim:
    speaker = data["speaker"]
    fields = {
        **data,
        "spans": [TextSpan(**s) for s in data["spans"]],
        "cue": _mention(data["cue"]),
        "speaker": Speaker(**{**speaker, "mention": _mention(speaker["mention"])}),
        "source": Source(**data["source"]),
    }
    return Claim(**fields)


def _mention(data: dict[str, Any] | None) -> Mention | None:
    return None if data is None else Mention(**data)
