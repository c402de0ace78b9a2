"""Who is who in an article: full names, roles, affiliations.

Built once per Doc from the named entities and the parse, so that a later
"Yang" or "China's defence minister" can be resolved to the person the article
introduced ("Yang Cheng, a Sino-Russian relations expert from ...").
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .ruleset import RuleSet

PERSON = "PERSON"
ORGANISATION_LABELS = {"ORG", "GPE", "NORP"}
AFFILIATION_LABELS = {"ORG", "GPE", "NORP", "FAC"}
# Labels the small model gives a person's name it misreads ("Ines Arrowsmith"
# as a PRODUCT); an organisation or place label is trusted.
MISREAD_NAME_LABELS = {"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE"}
MODIFIER_DEPS = {"compound", "amod", "nmod", "npadvmod", "nummod", "quantmod", "advmod"}
# Titles run a few words ("professor of international politics"); a longer
# "role" is a clause the parser hung on the name.
MAX_ROLE_TOKENS = 10
POSSESSIVE_ENDINGS = ("’s", "'s", "’", "'")


@dataclass
class Description:
    role: str | None = None
    affiliation: str | None = None

    def __bool__(self) -> bool:
        return bool(self.role or self.affiliation)

    def filled_from(self, other: "Description") -> "Description":
        return Description(self.role or other.role, self.affiliation or other.affiliation)


@dataclass
class Person:
    name: str
    description: Description = field(default_factory=Description)
    mentions: list[int] = field(default_factory=list)  # token indices

    @property
    def tokens(self) -> list[str]:
        return self.name.split()

    @property
    def folded(self) -> list[str]:
        return self.name.casefold().split()


def normalise_name(text: str, prefixes: set[str]) -> str:
    """A name without courtesy titles or titles before it, nor a possessive."""
    words = text.split()
    while words and words[0] in prefixes:
        words = words[1:]
    if words:
        for ending in POSSESSIVE_ENDINGS:
            if words[-1].endswith(ending) and len(words[-1]) > len(ending):
                words[-1] = words[-1][: -len(ending)]
                break
    return " ".join(words)


def describe(head: Token, rules: RuleSet) -> Description:
    """Role and affiliation from a noun phrase: "a professor of international
    politics at Far Eastern Federal University" -> role "professor of
    international politics", affiliation "Far Eastern Federal University"."""
    doc = head.doc
    role_start = head.i
    affiliation: str | None = None
    for child in head.lefts:
        if child.dep_ == "poss":
            affiliation = affiliation or _entity_text(child, AFFILIATION_LABELS)
        elif child.dep_ in MODIFIER_DEPS:
            role_start = min(role_start, child.left_edge.i)
    role_end = head.i + 1
    for child in head.rights:
        if child.dep_ != "prep":
            if child.dep_ in {"compound", "amod"}:
                role_end = child.right_edge.i + 1
                continue
            break
        org = _first_entity(child, AFFILIATION_LABELS)
        if child.lower_ in rules.affiliation_prepositions and org is not None:
            affiliation = affiliation or org.text
            break
        if child.lower_ != "of":
            break
        role_end = child.right_edge.i + 1
    if affiliation is None:
        affiliation = next(
            (_entity_text(c, {"NORP", "GPE"}) for c in head.lefts if c.dep_ == "amod" and c.ent_type_ in {"NORP", "GPE"}),
            None,
        )
    while role_start < role_end and doc[role_start].dep_ in {"det", "poss", "case", "punct"}:
        role_start += 1
    role_span = doc[role_start:role_end]
    role = role_span.text.strip() or None
    if len(role_span) > MAX_ROLE_TOKENS or any(t.is_quote for t in role_span):
        role = None  # a misparse that took a clause for a title
    if role and head.pos_ == "PROPN" and head.ent_type_ in ORGANISATION_LABELS | {PERSON}:
        role = None  # a name, not a role
    return Description(role, affiliation)


def entity_of(token: Token) -> Span | None:
    """The named entity a token belongs to, read off its IOB tags (doc.ents
    builds every span of the Doc on each access: too slow per token)."""
    if not token.ent_type_:
        return None
    doc = token.doc
    start = token.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = token.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=token.ent_type_)


def _entity_text(token: Token, labels: set[str]) -> str | None:
    if token.ent_type_ not in labels:
        return None
    entity = entity_of(token)
    return normalise_name(entity.text, set()) if entity is not None else None


def _first_entity(token: Token, labels: set[str]) -> Span | None:
    doc = token.doc
    last = token.right_edge.i
    for i in range(token.left_edge.i, last + 1):
        if doc[i].ent_iob_ == "B" and doc[i].ent_type_ in labels:
            entity = entity_of(doc[i])
            if entity is not None and entity.end - 1 <= last:
                return entity
    return None


def describe_named(ent: Span, rules: RuleSet) -> Description:
    """What the text says about a named person where the name stands: an
    apposition after it, or a title before it ("China's Defence Minister")."""
    root = ent.root
    for child in root.rights:
        if child.dep_ == "appos":
            found = describe(child, rules)
            if found:
                return found
    title_heads = [
        c
        for c in root.lefts
        if c.i < ent.start and c.dep_ in {"compound", "amod", "nmod", "poss"} and c.text not in rules.honorifics
    ]
    title = Description()
    if title_heads:
        head = max(title_heads, key=lambda t: t.i)
        if head.dep_ == "poss":
            title = Description(None, _entity_text(head, AFFILIATION_LABELS))
        else:
            title = describe(head, rules)
            for other in title_heads:
                if other.dep_ == "poss" and title.affiliation is None:
                    title.affiliation = _entity_text(other, AFFILIATION_LABELS)
                elif other.dep_ == "amod" and other.ent_type_ in {"NORP", "GPE"} and title.affiliation is None:
                    title.affiliation = _entity_text(other, {"NORP", "GPE"})
    if root.dep_ == "appos" and root.head.pos_ == "NOUN":
        title = title.filled_from(describe(root.head, rules))
    return title


def _misread_name(ent: Span) -> bool:
    """A first name and surname under a wrong label, as the subject of a
    sentence: "Ines Arrowsmith told reporters"."""
    return (
        ent.label_ in MISREAD_NAME_LABELS
        and 2 <= len(ent) <= 3
        and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in ent)
        and ent.root.dep_ in {"nsubj", "nsubjpass"}
    )


class PeopleIndex:
    """The people an article names, found from its PERSON entities."""

    def __init__(self, doc: Doc, rules: RuleSet):
        self.rules = rules
        self.people: list[Person] = []
        mentions = [ent for ent in doc.ents if ent.label_ == PERSON or _misread_name(ent)]
        # Full names first, so a lone surname anywhere links to its person.
        for ent in sorted(mentions, key=lambda e: -len(self._name(e).split())):
            name = self._name(ent)
            if not name:
                continue
            person = self.lookup(name, ent.start) or self._add(name)
            if len(name.split()) > len(person.tokens) and name.split()[-1] == person.tokens[-1]:
                person.name = name
            person.mentions.append(ent.start)
            found = describe_named(ent, rules)
            person.description = person.description.filled_from(found)
        for person in self.people:
            person.mentions.sort()

    def _name(self, ent: Span) -> str:
        return normalise_name(ent.text, self.rules.name_prefixes)

    def _add(self, name: str) -> Person:
        person = Person(name)
        self.people.append(person)
        return person

    def lookup(self, name: str, near: int | None = None) -> Person | None:
        """The person a name refers to: the same name, or its surname or
        given name alone; the nearest earlier mention wins a tie."""
        # Case does not tell people apart: transcripts write "PENCE".
        words = normalise_name(name, self.rules.name_prefixes).casefold().split()
        if not words:
            return None
        exact = [p for p in self.people if p.folded == words]
        if exact:
            return exact[0]
        partial = [
            p
            for p in self.people
            if len(words) < len(p.folded) and (p.folded[-len(words) :] == words or p.folded[: len(words)] == words)
        ]
        return _nearest(partial, near)

    def lookup_title(self, description: Description, near: int | None = None) -> Person | None:
        """The person the article gave this title: "the defence minister"."""
        if not description.role:
            return None
        role = description.role.casefold()
        matches = [
            p
            for p in self.people
            if p.description.role
            and p.description.role.casefold().endswith(role)
            and (
                description.affiliation is None
                or p.description.affiliation is None
                or p.description.affiliation.casefold() == description.affiliation.casefold()
            )
        ]
        return _nearest(matches, near)


def _nearest(people: list[Person], near: int | None) -> Person | None:
    if not people:
        return None
    if len(people) == 1 or near is None:
        return people[0] if len(people) == 1 else None

    def distance(person: Person) -> tuple[int, int]:
        before = [m for m in person.mentions if m <= near]
        return (0, near - before[-1]) if before else (1, min(abs(m - near) for m in person.mentions))

    return min(people, key=distance)
