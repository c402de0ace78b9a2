"""Colon cues: "Trump boomed: “…”". A quote a colon introduces is said by
the subject of the clause before the colon, whatever its verb, when that
subject is someone who can speak.

No word list says which verbs count here, so the test falls on the speaker:
a name, an organization, a personal pronoun or a noun the rules know as a
speaker ("the senator"), not "the sign".
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...rules.ruleset import RuleSet
from ..trace import considering
from .cue import Cue
from .speakers import is_person_pronoun, subject_of
from .verbs import auxiliaries_start


class ColonCues:
    """Reads the colons the matcher found; built once per rule set."""

    def __init__(self, rules: RuleSet):
        self.rules = rules
        self.opening_marks = rules.opening_marks
        # Common nouns that name someone who can speak: "the senator", "the company".
        self.speaking_nouns = rules.person_nouns | rules.organization_nouns

    def __call__(self, doc: Doc, colons: list[Token], cues: list[Cue]) -> list[Cue]:
        """ "Trump boomed: “…”", "The mayor had a message for the council: “…”":
        a quote that a colon introduces is said by the subject of the clause
        before the colon, whatever its verb, when that subject can speak."""
        rule = self.rules.colon_cue
        if rule is None:
            return []
        taken = {c.verb.i for c in cues if c.verb is not None}
        found = []
        for colon in colons:
            if colon.i == 0 or colon.i + 1 == len(doc):
                continue
            after = doc[colon.i + 1]
            if after.is_space and colon.i + 2 < len(doc) and "\n" not in after.text:
                after = doc[colon.i + 2]
            if not after.text.startswith(self.opening_marks) or colon.i == colon.sent.start:
                continue
            verb = _clause_before(colon)
            if verb.i in taken or verb.pos_ not in {"VERB", "AUX"}:
                continue
            speaker = subject_of(verb)
            if speaker is None or not self._can_speak(speaker):
                continue
            considering(rule.rule_id, verb.i, verb.i + 1)
            found.append(
                Cue(
                    start=auxiliaries_start(verb),
                    end=verb.i + 1,
                    verb=verb,
                    speaker=speaker,
                    confidence=rule.confidence,
                    rule=rule.rule_id,
                    negated=any(child.dep_ == "neg" for child in verb.children),
                )
            )
        return found

    def _can_speak(self, token: Token) -> bool:
        """A person, an organization, a personal pronoun or a title: not "the sign"."""
        if token.ent_type_ in {"PERSON", "ORG", "NORP"} or token.pos_ == "PROPN":
            return True
        if token.pos_ == "NOUN" and token.is_title and not any(c.dep_ in {"det", "poss"} for c in token.children):
            return True  # a name the tagger took for a noun ("Trump boomed:")
        if token.pos_ == "PRON":
            return is_person_pronoun(token, self.rules)
        return token.lemma_.casefold() in self.speaking_nouns


def _clause_before(colon: Token) -> Token:
    """The head of what comes before a colon in its sentence, whatever the
    parser hung the colon on (often the quote after it)."""
    token = colon.doc[colon.i - 1]
    while token.head.i != token.i and colon.sent.start <= token.head.i < colon.i:
        token = token.head
    return token
