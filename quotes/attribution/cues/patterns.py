"""Cue candidates: the rules compiled to one spaCy Matcher, and its matches
in a Doc sorted by kind (reporting verb, noun, headline verb, colon, phrase).

Nothing here reads the parse beyond the pattern attributes; deciding whether
a candidate is a cue is the job of the reader for its kind.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.matcher import Matcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ...rules.ruleset import RuleSet

# Matcher keys of the lexicon; a phrase rule's name cannot hold "/" (the
# schema allows [a-z0-9-]), so no rule file can take one of these.
VERB_KEY = "lexicon/verb"
NOUN_KEY = "lexicon/noun"
# A headline verb the tagger read as a plural noun: "Mayor Vows To Fix
# Roads", "Council votes to close the depot", "Union charges that ...".
HEADLINE_KEY = "lexicon/headline-noun"
COLON_KEY = "quote-marks/colon"


def build_matcher(vocab: Vocab, rules: RuleSet) -> Matcher:
    """One Matcher for every kind of cue, so a Doc is scanned once: the
    lexicon's verbs and nouns, headline verbs, colons (if the rules read
    them) and each phrase rule under its full rule id."""
    matcher = Matcher(vocab)
    matcher.add(VERB_KEY, [[{"LEMMA": {"IN": sorted(rules.verbs)}, "POS": "VERB"}]])
    if rules.nouns:
        matcher.add(NOUN_KEY, [[{"LEMMA": {"IN": sorted(rules.nouns)}, "POS": "NOUN"}]])
    matcher.add(HEADLINE_KEY, [[{"LEMMA": {"IN": sorted(rules.verbs)}, "TAG": "NNS", "DEP": "ROOT"}]])
    if rules.colon_cue is not None:
        matcher.add(COLON_KEY, [[{"ORTH": ":"}]])
    for phrase in rules.phrases:
        matcher.add(phrase.rule_id, [phrase.pattern])
    return matcher


@dataclass
class Candidates:
    """A Doc's matches by kind, in the Matcher's order."""

    phrases: list[tuple[str, int, int]] = field(default_factory=list)
    verbs: list[Token] = field(default_factory=list)
    nouns: list[Token] = field(default_factory=list)
    headlines: list[Token] = field(default_factory=list)
    colons: list[Token] = field(default_factory=list)


def find_candidates(matcher: Matcher, doc: Doc) -> Candidates:
    """Sort the matches by their key: the lexicon's keys name a kind, any
    other key is a phrase rule's id."""
    found = Candidates()
    for match_id, start, end in matcher(doc):
        key = doc.vocab.strings[match_id]
        if key == VERB_KEY:
            found.verbs.append(doc[start])
        elif key == NOUN_KEY:
            found.nouns.append(doc[start])
        elif key == HEADLINE_KEY:
            found.headlines.append(doc[start])
        elif key == COLON_KEY:
            found.colons.append(doc[start])
        else:
            found.phrases.append((key, start, end))
    return found


def longest_first(matches: list[tuple[str, int, int]], order: dict[str, int]) -> list[tuple[str, int, int]]:
    """The longest matches that do not overlap; of two alike, the phrase
    loaded first (a built-in before a user's)."""
    kept: list[tuple[str, int, int]] = []
    taken: set[int] = set()
    for key, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1], order[m[0]])):
        if not taken.intersection(range(start, end)):
            kept.append((key, start, end))
            taken.update(range(start, end))
    return kept
