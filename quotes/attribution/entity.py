"""What the registry of an article's entities (`quotes.attribution.entities`)
holds: each person or organization it names, each place it names them, and
what a name written at a token refers to. Kept apart from the registry so that
the name matching that works on these records needs no registry.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Span, Token

from .gender import GenderEvidence, Strength, decide, first_name_gender
from .people import SUBJECT_DEPS, Description

EntityKind = Literal["person", "organization"]
# Where a mention stands in its clause: subjects are the likeliest antecedents.
MentionRole = Literal["subject", "owner", "object", "other"]
OBJECT_DEPS = {"dobj", "pobj", "dative", "attr", "oprd"}


@dataclass(frozen=True)
class EntityMention:
    """One place the article names an entity: tokens [start, end)."""

    start: int
    end: int
    text: str
    role: MentionRole
    in_quote: bool
    headline: bool
    # Named with a role in apposition ("Henry Crespo, president of the
    # caucus"): how news introduces a source it is about to quote.
    introduced: bool = False


@dataclass
class Entity:
    name: str
    kind: EntityKind
    description: Description = field(default_factory=Description)
    mentions: list[EntityMention] = field(default_factory=list)
    gender_evidence: list[GenderEvidence] = field(default_factory=list)
    # Casefolded nouns the article calls it by ("senator", "nominee"), and
    # every word of its descriptions ("republican", "presidential").
    titles: set[str] = field(default_factory=set)
    descriptors: set[str] = field(default_factory=set)
    # Named by a first name alone somewhere ("Ivanka"): news style keeps the
    # bare surname for the other relative.
    called_by_first_name: bool = False

    @property
    def folded(self) -> list[str]:
        return self.name.casefold().split()

    @property
    def gender(self) -> str | None:
        decided = decide(self.gender_evidence)
        return decided.gender if decided else None

    @property
    def gender_reason(self) -> str | None:
        decided = decide(self.gender_evidence)
        return decided.why if decided else None

    def call(self, name: str) -> None:
        """Know a person by this fuller name, and by what its first name says of the gender."""
        self.name = name
        first = name.split()[0] if len(name.split()) > 1 else None
        gender = first_name_gender(first) if first else None
        if gender is not None:
            self.gender_evidence.append(GenderEvidence(gender, Strength.FIRST_NAME, f"first name {first}"))

    def mentions_before(self, token: int) -> list[EntityMention]:
        return [m for m in self.mentions if m.start < token]


@dataclass(frozen=True)
class NameAt:
    """What a name written at a token refers to: an entity, or several
    people it could mean (`candidates`) when nothing singles one out."""

    entity: Entity | None
    candidates: tuple[Entity, ...] = ()
    why: str = ""


def is_introduced(ent: Span) -> bool:
    """Whether a role stands in apposition after the name and a comma:
    "Henry Crespo, president of ...", "Rep. Devin Nunes (R-Calif.), chairman
    of ..." (not a list: "Dirty Dancing, 98 Degrees and Justin Timberlake
    posters")."""
    doc = ent.doc
    return any(
        c.dep_ == "appos" and c.tag_ == "NN" and c.left_edge.i > ent.end and doc[c.left_edge.i - 1].text == ","
        for c in ent.root.rights
    )


def mention_role(ent: Span) -> MentionRole:
    """Where a mention stands in its clause: subjects are the likeliest antecedents."""
    root = ent.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head  # "Dunn and Hale met": both are subjects
    if root.dep_ in SUBJECT_DEPS or _infinitive_subject(root):
        return "subject"
    if root.dep_ == "poss" and root.head.dep_ in SUBJECT_DEPS and root.head.pos_ == "NOUN":
        return "owner"  # "The president's roots", "Trump's campaign chairman"
    if root.dep_ in OBJECT_DEPS:
        return "object"
    return "other"


def _infinitive_subject(root: Token) -> bool:
    """ "for the United States to meet the target": the object of "for"
    that an infinitive follows is the infinitive's subject."""
    doc = root.doc
    after = root.right_edge.i + 1
    return (
        root.dep_ == "pobj"
        and root.head.lower_ == "for"
        and after + 1 < len(doc)
        and doc[after].lower_ == "to"
        and doc[after + 1].pos_ in {"VERB", "AUX"}
    )
