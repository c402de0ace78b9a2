"""What a name and a noun phrase say of a person: the name without its
titles, and the role and affiliation ("Yang Cheng, a Sino-Russian relations
expert from ..."). The registry of who is who (`quotes.attribution.entities`) is built
from these.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..rules.ruleset import RuleSet

PERSON = "PERSON"
ORGANISATION_LABELS = {"ORG", "GPE", "NORP"}
AFFILIATION_LABELS = {"ORG", "GPE", "NORP", "FAC"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
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

    def filled_from(self, other: Description) -> Description:
        return Description(self.role or other.role, self.affiliation or other.affiliation)


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
        if child.dep_ == "appos" and not any(c.lower_ == "whose" for c in child.children):
            # "Dorothy Woods, whose husband, ...": the husband is someone else.
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


def title_words(ent: Span, found: Description, rules: RuleSet) -> tuple[set[str], set[str]]:
    """The nouns a later description may call this person by, and the
    words that may qualify them: the role's head ("professor" of
    "professor of politics") and the title before the name ("Sen." ->
    senator, "nominee" in "Republican nominee Donald Trump")."""
    heads: set[str] = set()
    words: set[str] = set()
    role = (found.role or "").casefold().split(" of ")[0].split()
    if role:
        heads.add(role[-1])
        words |= set(role)
    before = [c for c in ent.root.lefts if c.i < ent.start and c.dep_ in {"compound", "amod", "nmod"}]
    before += [t for t in ent if t.text in rules.name_prefixes]
    for token in before:
        word = token.lower_
        (heads if token.dep_ != "amod" and (token.pos_ in {"NOUN", "PROPN"}) else words).add(word)
        words |= {c.lower_ for c in token.lefts if c.dep_ in {"amod", "compound"}}
    party = _party_after(ent, rules)
    if party is not None:
        words.add(party)
    for found_words in (heads, words):
        found_words |= {rules.title_abbreviations[w] for w in list(found_words) if w in rules.title_abbreviations}
        found_words |= {w.rstrip(".").strip(",") for w in list(found_words)}
    return {w for w in heads if w}, {w for w in words if w}


def _party_after(ent: Span, rules: RuleSet) -> str | None:
    """ "Ana Ruiz (D-Ore.)": the party the marker after a name gives."""
    doc = ent.doc
    if ent.end + 2 < len(doc) and doc[ent.end].text == "(" and doc[ent.end + 2].text in {"-", "–"}:
        return rules.party_markers.get(doc[ent.end + 1].text)
    return None


def is_indefinite(head: Token, rules: RuleSet) -> bool:
    """ "A spokeswoman", "another official", "one Democrat": someone the
    article introduces, not someone named before."""
    return any(c.dep_ in {"det", "predet", "nummod", "quantmod"} and c.lower_ in rules.indefinite_determiners for c in head.lefts)


def is_impersonal(subject: Token, rules: RuleSet) -> bool:
    """ "It is worth noting", "it's fair to say": an "it" that is nobody,
    the subject of a verb whose complement is an impersonal adjective."""
    return subject.lower_ == "it" and any(
        c.dep_ == "acomp" and c.lower_ in rules.impersonal_adjectives for c in subject.head.children
    )


OWNER_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


def owner_named(head: Token) -> str | None:
    """ "The Trump campaign", "Clinton's campaign", "the Saudi government",
    "the government of Costa Rica": the name of an organization named by
    whom it belongs to."""
    named_after = any(c.pos_ == "PROPN" for c in head.rights)  # "the Israeli newspaper Haaretz"
    for child in head.lefts:
        owned = child.dep_ in {"compound", "poss"} and child.ent_type_ in OWNER_LABELS
        if owned or (child.dep_ == "amod" and child.ent_type_ in {"GPE", "NORP"} and not named_after):
            owner = entity_of(child)
            if owner is None or owner.start <= head.i < owner.end:
                continue  # part of the name: "the Business Council of British Columbia"
            words = _owner_words(owner)
            if child.dep_ == "poss" and words:
                words = [words[-1]]  # "Hillary Clinton's campaign": the Clinton campaign
            return f"the {' '.join(words)} {head.text}"
    return _owner_after(head)


def _owner_after(head: Token) -> str | None:
    """ "The government of Costa Rica", "the campaign of Democratic nominee
    Hillary Clinton" (the Clinton campaign)."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in head.lefts):
        return None  # "a group of Democrats" is some of them
    for prep in head.rights:
        if prep.dep_ != "prep" or prep.lower_ != "of":
            continue
        for noun in prep.children:
            if noun.dep_ != "pobj":
                continue
            owner = entity_of(noun) if noun.ent_type_ in OWNER_LABELS else None
            if owner is None or owner.start <= head.i < owner.end:
                return None
            words = _owner_words(owner)
            if owner.label_ == "PERSON" and words:
                return f"the {words[-1]} {head.text}"
            return f"the {head.text} of {' '.join(words)}" if words else None
    return None


def _owner_words(owner: Span) -> list[str]:
    return [t.text for t in owner if t.dep_ not in {"case", "det"} and t.tag_ != "POS"]
