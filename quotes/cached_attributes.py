"""The attribute ruler and the lemmatizer of a trained pipeline, answered
from a cache: the same annotations, a dictionary lookup a token.

The two components cost a fifth of the small English pipeline, spent in the
Matcher's per-token predicates and per-token Python calls, yet what they set
on a token depends on little: its fine-grained tag, its dependency label, its
spelling only where some pattern names it (closed-class words and a few
regexes), and the patterns spanning it and a neighbour. Keyed on exactly
those, each outcome is computed once, by the components' own code (the real
Matcher and `set_token_attrs`, the lemmatizer's `lemmatize`), and reused.

A ruler whose patterns read any other attribute, or use an operator, is not
replaced: `replace_in` leaves such a pipeline as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Token
from spacy.tokens._retokenize import set_token_attrs

NAME = "cached_attributes"
RULER = "attribute_ruler"
LEMMATIZER = "lemmatizer"
# What a token's outcome may depend on, beyond its spelling: checked on the
# patterns, so a ruler reading anything else keeps running as it is.
READABLE = {"LOWER", "TAG", "DEP", "IS_SPACE"}
PREDICATES = {"IN", "NOT_IN", "REGEX"}
# The ruler sets these on a token; they are its outcome.
SET_BY_RULER = [POS, TAG, DEP, MORPH, LEMMA]
# Caches keyed on spelling grow with the vocabulary; past this many entries
# they start again, so that a run over millions of articles stays flat.
MAX_CACHED = 200_000
RuleOutcome = tuple[int, ...]


def _make_room(cache: dict[Any, Any]) -> None:
    if len(cache) >= MAX_CACHED:
        cache.clear()


@Language.factory(NAME, default_config={"ruler": RULER, "lemmatizer": LEMMATIZER})
def make_cached_attributes(nlp: Language, name: str, ruler: str, lemmatizer: str) -> "CachedAttributes":
    return CachedAttributes(nlp.get_pipe(ruler), nlp.get_pipe(lemmatizer))


def replace_in(nlp: Language) -> bool:
    """Run the cache in place of `nlp`'s attribute ruler and lemmatizer when
    their rules allow it (the two stay in the pipeline, disabled)."""
    if RULER not in nlp.pipe_names or LEMMATIZER not in nlp.pipe_names:
        return False
    ruler, lemmatizer = nlp.get_pipe(RULER), nlp.get_pipe(LEMMATIZER)
    if not isinstance(ruler, AttributeRuler) or not isinstance(lemmatizer, Lemmatizer):
        return False
    if lemmatizer.overwrite or not all(patterns_supported(p["patterns"]) for p in ruler.patterns):
        return False
    nlp.add_pipe(NAME, after=max(RULER, LEMMATIZER, key=nlp.pipe_names.index))
    nlp.disable_pipe(RULER)
    nlp.disable_pipe(LEMMATIZER)
    return True


def patterns_supported(patterns: Iterable[Sequence[Mapping[str, Any]]]) -> bool:
    """Whether every token pattern reads only what the cache keys on."""
    for pattern in patterns:
        for token in pattern:
            for key, value in token.items():
                if key not in READABLE:
                    return False
                if isinstance(value, dict) and not set(value) <= PREDICATES:
                    return False
    return True


class SpellingClasses:
    """A token's spelling as the ruler can tell it apart: the lower-case form
    when some pattern names it or one of its regexes matches it; otherwise
    only whether it is a space."""

    def __init__(self, patterns: Iterable[Sequence[Mapping[str, Any]]]):
        self.named: set[str] = set()
        self.regexes: list[re.Pattern[str]] = []
        for pattern in patterns:
            for token in pattern:
                value = token.get("LOWER")
                if isinstance(value, str):
                    self.named.add(value)
                elif isinstance(value, dict):
                    self.named.update(value.get("IN", ()), value.get("NOT_IN", ()))
                    if "REGEX" in value:
                        self.regexes.append(re.compile(value["REGEX"]))
        self.known: dict[int, str | bool] = {}

    def of(self, orth: int, doc: Doc, i: int) -> str | bool:
        found = self.known.get(orth)
        if found is None:
            _make_room(self.known)
            token = doc[i]
            lower = token.lower_
            if lower in self.named or any(r.search(lower) for r in self.regexes):
                found = lower
            else:
                found = token.is_space
            self.known[orth] = found
        return found


class RuleLemmas:
    """spaCy's `Lemmatizer.rule_lemmatize`, step for step, with each part of
    speech's word index held as a set: spaCy tests membership in the index
    as a list (57,000 nouns), 0.4 ms for each new word."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self.tables: dict[str, tuple[set[str], dict[str, list[str]], list[list[str]]]] = {}

    @staticmethod
    def applies_to(lemmatizer: Lemmatizer) -> bool:
        return lemmatizer.mode == "rule" and type(lemmatizer).rule_lemmatize is Lemmatizer.rule_lemmatize

    def __call__(self, token: Token) -> str:
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space") or self.lemmatizer.is_base_form(token):
            return string.lower()
        index, exceptions, rules = self._tables(univ_pos)
        if not (index or exceptions or rules):
            return string if univ_pos == "propn" else string.lower()
        lower = string.lower()
        forms: list[str] = []
        oov_forms: list[str] = []
        for old, new in rules:
            if not lower.endswith(old):
                continue
            form = lower[: len(lower) - len(old)] + new
            if not form:
                continue
            if form in index:
                forms.insert(0, form)
            elif not form.isalpha():
                forms.append(form)
            else:
                oov_forms.append(form)
        forms = list(dict.fromkeys(forms))
        for form in exceptions.get(lower, []):
            if form not in forms:
                forms.insert(0, form)
        return (forms or oov_forms or [string])[0]

    def _tables(self, univ_pos: str) -> tuple[set[str], dict[str, list[str]], list[list[str]]]:
        found = self.tables.get(univ_pos)
        if found is None:
            lookups = self.lemmatizer.lookups
            found = self.tables[univ_pos] = (
                set(lookups.get_table("lemma_index", {}).get(univ_pos, ())),
                lookups.get_table("lemma_exc", {}).get(univ_pos, {}),
                lookups.get_table("lemma_rules", {}).get(univ_pos, []),
            )
        return found


class CachedAttributes:
    """`AttributeRuler` then `Lemmatizer`, each outcome computed once."""

    def __init__(self, ruler: AttributeRuler, lemmatizer: Lemmatizer):
        self.ruler = ruler
        self.lemmatizer = lemmatizer
        vocab = ruler.vocab
        self.one_token = Matcher(vocab)
        self.spanning = Matcher(vocab)
        entries = ruler.patterns
        for attr_id, entry in enumerate(entries):
            for pattern in entry["patterns"]:
                matcher = self.one_token if len(pattern) == 1 else self.spanning
                matcher.add(str(attr_id), [pattern])
        self.spelling = SpellingClasses(p for entry in entries for p in entry["patterns"])
        self.outcomes: dict[tuple[Any, ...], RuleOutcome] = {}
        self.lemmas: dict[tuple[int, int, int], int] = {}
        self.lemma_of = RuleLemmas(lemmatizer) if RuleLemmas.applies_to(lemmatizer) else self._lemmatizer_lemma

    def _lemmatizer_lemma(self, token: Token) -> str:
        return self.lemmatizer.lemmatize(token)[0]

    def __call__(self, doc: Doc) -> Doc:
        if not len(doc):
            return doc
        self._apply_rules(doc)
        self._lemmatize(doc)
        return doc

    def _apply_rules(self, doc: Doc) -> None:
        before = doc.to_array([ORTH, *SET_BY_RULER])
        spanning = self._spanning_matches(doc)
        after = numpy.empty((len(doc), len(SET_BY_RULER)), dtype="uint64")
        for i, row in enumerate(before.tolist()):
            key = (self.spelling.of(row[0], doc, i), *row[1:], spanning.get(i, ()))
            outcome = self.outcomes.get(key)
            if outcome is None:
                # Keyed on spelling where a regex matches it: bounded too.
                _make_room(self.outcomes)
                outcome = self.outcomes[key] = self._first_outcome(doc[i], spanning.get(i, ()))
            after[i] = outcome
        doc.from_array(SET_BY_RULER, after)

    def _spanning_matches(self, doc: Doc) -> dict[int, tuple[int, ...]]:
        """Token index -> ids of the many-token patterns that set it."""
        found: dict[int, list[int]] = {}
        strings = doc.vocab.strings
        for match_id, start, end in self.spanning(doc, allow_missing=True):
            attr_id = int(strings[match_id])
            index = self.ruler.indices[attr_id]
            found.setdefault(start + index if index >= 0 else end + index, []).append(attr_id)
        return {i: tuple(sorted(ids)) for i, ids in found.items()}

    def _first_outcome(self, token: Token, spanning: tuple[int, ...]) -> RuleOutcome:
        """What the ruler sets on `token`, by its own means: the patterns that
        match it applied in the ruler's order (later ones win)."""
        strings = token.vocab.strings
        one_token = [int(strings[m]) for m, _, _ in self.one_token(token.doc[token.i : token.i + 1], allow_missing=True)]
        for attr_id in sorted({*one_token, *spanning}):
            set_token_attrs(token, self.ruler.attrs[attr_id])
        return (token.pos, token.tag, token.dep, token.morph.key, token.lemma)

    def _lemmatize(self, doc: Doc) -> None:
        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = values[:, 3].copy()
        for i, (orth, pos, morph, lemma) in enumerate(values.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = self.lemmas.get(key)
            if found is None:
                _make_room(self.lemmas)
                found = self.lemmas[key] = doc.vocab.strings.add(self.lemma_of(doc[i]))
            lemmas[i] = found
        doc.from_array([LEMMA], lemmas)
