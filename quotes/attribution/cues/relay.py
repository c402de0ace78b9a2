"""The outlet that relayed a quote ("quoted by Tass", "told Reuters"), read
from the clause of its cue; the cue keeps it as `via`.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ...rules.ruleset import RuleSet
from ..people import entity_of


def relay_of(verb: Token, rules: RuleSet) -> Span | None:
    """The outlet that relayed a quote, named in the cue's clause: "quoted by
    Tass", "told Reuters", "in an interview with the BBC"."""
    candidates: list[Token] = []
    for child in verb.children:
        if child.dep_ in {"dative", "dobj"} and verb.lemma_.lower() in rules.listener_verbs:
            candidates.append(child)
        if child.dep_ in {"prep", "agent"} and child.lower_ in rules.relay_prepositions:
            candidates += [c for c in child.children if c.dep_ == "pobj"]
        if child.dep_ == "prep":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                for inner in pobj.children:
                    if inner.dep_ == "prep" and inner.lower_ in rules.relay_prepositions:
                        candidates += [c for c in inner.children if c.dep_ == "pobj"]
    for candidate in candidates:
        name = _outlet_name(candidate, rules)
        if name is not None:
            return name
    return None


def _outlet_name(token: Token, rules: RuleSet) -> Span | None:
    doc = token.doc
    if token.ent_type_ in {"ORG", "WORK_OF_ART"}:
        return entity_of(token)
    left = token.i
    while left > 0 and doc[left - 1].dep_ == "compound":
        left -= 1
    span = doc[left : token.i + 1]
    if span.text in rules.agencies or token.text in rules.agencies:
        return span
    start = left - 1 if left > 0 and doc[left - 1].lower_ == "the" else left
    if doc[start : token.i + 1].text in rules.agencies:
        return doc[start : token.i + 1]
    return None
