"""spaCy's rule lemmatizer with its word index as a set, for the lemma cache
(`cached_attributes`): spaCy tests membership in each part of speech's
index as a list (57,000 nouns), 0.4 ms for each new word.

A copy of spaCy's steps, so it runs only where it is known to match them:
the spaCy version it mirrors, and a lemmatizer class that lemmatizes and
tells base forms as spaCy 3.8's own do. Elsewhere the lemmatizer's own
`lemmatize` runs.
"""

from __future__ import annotations

from collections.abc import Callable

import spacy
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.pipeline import Lemmatizer
from spacy.tokens import Token

MIRRORED_SPACY = "3.8."
MIRRORED_BASE_FORMS = (Lemmatizer.is_base_form, EnglishLemmatizer.is_base_form)
Tables = tuple[set[str], dict[str, list[str]], list[list[str]]]


def lemma_function(lemmatizer: Lemmatizer) -> Callable[[Token], str]:
    """A token's lemma as `lemmatizer` gives it: by `RuleLemmas` where that
    mirrors it, else by the lemmatizer's own first choice."""
    if RuleLemmas.applies_to(lemmatizer):
        return RuleLemmas(lemmatizer)
    return lambda token: lemmatizer.lemmatize(token)[0]


class RuleLemmas:
    """spaCy 3.8's `Lemmatizer.rule_lemmatize`, step for step, with each part
    of speech's word index held as a set."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.lemmatizer = lemmatizer
        self.tables: dict[str, Tables] = {}

    @staticmethod
    def applies_to(lemmatizer: Lemmatizer) -> bool:
        """Whether it mirrors what `lemmatizer` runs: spaCy's version, the
        mode, and the methods of the lemmatizer's class."""
        kind = type(lemmatizer)
        return (
            spacy.__version__.startswith(MIRRORED_SPACY)
            and lemmatizer.mode == "rule"
            and kind.rule_lemmatize is Lemmatizer.rule_lemmatize
            and kind.is_base_form in MIRRORED_BASE_FORMS
        )

    def __call__(self, token: Token) -> str:
        string = token.text
        univ_pos = token.pos_.lower()
        if univ_pos in ("", "eol", "space"):
            # spaCy's own, for its warning on a missing part of speech.
            return self.lemmatizer.rule_lemmatize(token)[0]
        if self.lemmatizer.is_base_form(token):
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

    def _tables(self, univ_pos: str) -> Tables:
        found = self.tables.get(univ_pos)
        if found is None:
            lookups = self.lemmatizer.lookups
            found = self.tables[univ_pos] = (
                set(lookups.get_table("lemma_index", {}).get(univ_pos, ())),
                lookups.get_table("lemma_exc", {}).get(univ_pos, {}),
                lookups.get_table("lemma_rules", {}).get(univ_pos, []),
            )
        return found
