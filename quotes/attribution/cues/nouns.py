"""Cues whose word is a reporting noun: "her claim that ...", "a plan to
...", "remarks on the ruling".

A noun cue needs both a complement (what is claimed) and a source (whose
claim it is); without either it reports nothing.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...rules.ruleset import RuleSet
from ..trace import considering, decline
from .cue import Cue
from .spans import clause_end, trim
from .speakers import subject_of

# Entities that can own a claim when they stand before its noun.
SOURCE_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}


def noun_cue(noun: Token, rules: RuleSet) -> Cue | None:
    """The cue a reporting noun makes, or None without content or source."""
    word = rules.nouns[noun.lemma_.lower()]
    considering(word.rule_id, noun.i, noun.i + 1)
    content = noun_content(noun, word.content, word.prepositions)
    if not content:
        decline(f"no complement of the kinds the group takes ({', '.join(word.content)})")
        return None
    speaker = noun_source(noun)
    if speaker is None:
        decline('no source: no owner ("her claim"), no "by" or "from", no subject of the verb it is object of')
        return None
    return Cue(noun.i, noun.i + 1, None, speaker, content, None, word.confidence, word.rule_id, word.in_opinion)


def noun_content(noun: Token, modes: tuple[str, ...], prepositions: frozenset[str] = frozenset()) -> list[tuple[int, int]]:
    """ "claim THAT THE ELECTION WAS RIGGED", "plan TO RAISE TAXES", and with
    `object`, what a preposition names: "remarks ON THE RULING"."""
    for child in noun.rights:
        # A "that" the parser marks as a conjunction opens the content even
        # where it calls the clause relative ("a report THAT HE HAD LOST").
        if child.dep_ not in {"acl", "ccomp", "relcl"}:
            continue
        is_that = any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
        if child.dep_ == "relcl" and not is_that:
            continue
        is_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if ("clause" in modes and is_that) or ("infinitive" in modes and is_to):
            part = trim(noun.doc, child.left_edge.i, clause_end(child))
            return [part] if part else []
    if "object" in modes:
        for child in noun.rights:
            if child.dep_ == "prep" and child.lower_ in prepositions:
                part = trim(noun.doc, child.i + 1, child.right_edge.i + 1)
                return [part] if part else []
    return []


def noun_source(noun: Token) -> Token | None:
    """Who makes the claim a noun reports: the verb's subject when the noun is
    its object ("Trump repeated his claim"), else the owner ("Trump's
    claim"), else the agent ("a claim by Democrats"), else a name before it."""
    if noun.dep_ == "dobj":
        subject = subject_of(noun.head)
        if subject is not None:
            return subject
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    # A name before the noun owns it too: "a Reuters report that ...", "the
    # Clinton plan to ...".
    for child in noun.lefts:
        if child.dep_ == "compound" and child.pos_ == "PROPN" and child.ent_type_ in SOURCE_ENTITIES:
            return child
    return None
