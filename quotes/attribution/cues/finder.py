"""CueFinder: every kind of cue in a parsed Doc, in the order they stand.

It runs the candidates through their readers with one precedence: a phrase
that matched holds its words against the lexicon, a headline verb against a
reporting noun; then colon cues, and last the pass that lets cues of one
sentence share its words.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ...rules.ruleset import CueWord, RuleSet
from ..trace import considering, decline, is_tracing
from .colons import ColonCues
from .cue import Cue
from .neighbours import adopt_stray_clauses, end_before_trailing_cues
from .nouns import noun_cue
from .patterns import build_matcher, find_candidates, longest_first
from .phrases import phrase_cue
from .verbs import headline_cue, verb_cue


class CueFinder:
    """Compiled once per vocabulary and rule set; called once per Doc."""

    def __init__(self, vocab: Vocab, rules: RuleSet):
        self.rules = rules
        self.matcher = build_matcher(vocab, rules)
        # Keyed by the full rule id: two files may each have a phrase of the
        # same name, and both hold.
        self.phrases = {phrase.rule_id: phrase for phrase in rules.phrases}
        self.phrase_order = {rule: i for i, rule in enumerate(self.phrases)}
        self.colon_cues = ColonCues(rules)

    def __call__(self, doc: Doc) -> list[Cue]:
        candidates = find_candidates(self.matcher, doc)
        phrase_matches = longest_first(candidates.phrases, self.phrase_order)
        built = [(phrase_cue(doc, self.phrases[key], start, end, self.rules), start, end) for key, start, end in phrase_matches]
        # A phrase that declines its match leaves its words to the lexicon.
        covered = {i for cue, start, end in built if cue is not None for i in range(start, end)}
        cues = [cue for cue, _, _ in built]
        cues += [verb_cue(token, self.rules) for token in candidates.verbs if token.i not in covered]
        headline_cues = [headline_cue(token, self.rules) for token in candidates.headlines if token.i not in covered]
        cues += headline_cues
        covered.update(c.start for c in headline_cues if c is not None)
        cues += [noun_cue(token, self.rules) for token in candidates.nouns if token.i not in covered]
        if is_tracing():
            self._note_covered(candidates.verbs, self.rules.verbs, covered)
            self._note_covered(candidates.headlines, self.rules.verbs, covered)
            self._note_covered(candidates.nouns, self.rules.nouns, covered)
        found = [c for c in cues if c is not None]
        found = sorted(found + self.colon_cues(doc, candidates.colons, found), key=lambda c: c.start)
        adopt_stray_clauses(found, self.rules)
        end_before_trailing_cues(found)
        return found

    def _note_covered(self, tokens: list[Token], words: dict[str, CueWord], covered: set[int]) -> None:
        """For --explain: a lexicon word inside a phrase or headline cue was
        not read on its own; say so rather than leave it unmentioned."""
        for token in tokens:
            if token.i in covered:
                word = words[token.lemma_.lower()]
                considering(word.rule_id, token.i, token.i + 1)
                decline("its word belongs to a cue phrase or headline cue that matched here")
