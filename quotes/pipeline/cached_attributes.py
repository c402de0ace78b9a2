"""The attribute ruler and the lemmatizer of a trained pipeline, answered
from a cache while it runs: the same annotations, a dictionary lookup a token.

The two components cost a fifth of the small English pipeline, spent in the
Matcher's per-token predicates and per-token Python calls, yet what they set
on a token depends on little: its fine-grained tag, its dependency label, its
spelling only where some pattern names it (closed-class words and a few
regexes), and the patterns spanning it and a neighbour. Keyed on exactly
those, each outcome is computed once, by the components' own code (the
ruler's `match` and `set_annotations`, the lemmatizer's `lemmatize`), and
reused.

A runtime-only speed-up: `speed_up` leaves the real components in place and
switches them to a subclass of their own class whose `__call__` consults the
cache, so names, config, `to_disk`, `to_bytes` and pickle stay the real
ones and a saved pipeline loads with plain spaCy. A cache is built on first
call, after spaCy has loaded the components' data, and again when their
rules or tables change. A ruler that sets anything the cache does not replay,
or reads anything it does not key on, runs as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import Any, ClassVar

import numpy
from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG  # type: ignore[import-not-found]  # compiled; spaCy ships no stub
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc, Span

from .rule_lemmas import lemma_function

# What a token's outcome may depend on, beyond its spelling: checked on the
# patterns, so a ruler reading anything else keeps running as it is.
READABLE = {"LOWER", "TAG", "DEP", "IS_SPACE"}
PREDICATES = {"IN", "NOT_IN", "REGEX"}
# What the cache replays of a ruler's outcome. Anything else a rule sets
# (NORM, an extension, ENT_*) would be set on a token's first sight only.
REPLAYED = [POS, TAG, DEP, MORPH, LEMMA]
# Caches keyed on spelling grow with the vocabulary; past this many entries
# they start again, so that a run over millions of articles stays flat.
MAX_CACHED = 200_000
# Lemmatizer modes whose lemma depends on the spelling, part of speech and
# morphology alone (spaCy's own rule cache is keyed on them), by method.
KEYED_MODES = {"rule": "rule_lemmatize", "lookup": "lookup_lemmatize"}
CACHE_ATTR = "quotes_cache"
RuleOutcome = tuple[int, ...]
# As the ruler's `match` gives them: rule index, match id, start, end.
Match = tuple[int, int, int, int]


def speed_up(nlp: Language) -> bool:
    """Answer `nlp`'s attribute rulers and lemmatizers from caches while it
    runs, those whose rules the caches replay; whether any is."""
    in_use = False
    for _, component in nlp.components:
        if isinstance(component, AttributeRuler) and RuleOutcomes.serves(component):
            _switch(component, RuleOutcomes)
            in_use = True
        if isinstance(component, Lemmatizer) and LemmaCache.serves(component):
            _switch(component, LemmaCache)
            in_use = True
    return in_use


def _switch(component: AttributeRuler | Lemmatizer, cache_type: type) -> None:
    """Make `component` an instance of the SpedUp subclass of its own class,
    once: its data, name and config stay as they are."""
    if not isinstance(component, SpedUp):
        # Typed as a plain `type`: mypy does not see the union of the two
        # component classes as Hashable, which the cache needs.
        real: type = type(component)
        component.__class__ = _sped_up_class(real, cache_type)


def answers_from_cache(component: Any) -> bool:
    """Whether `component` runs from its cache, as its rules stand now."""
    return isinstance(component, SpedUp) and component.current_cache() is not None


@cache
def _sped_up_class(real: type, cache_type: type) -> type:
    namespace = {"real_class": real, "cache_type": cache_type, "__module__": __name__}
    return type(f"SpedUp{real.__name__}", (SpedUp, real), namespace)


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


def _matches(matcher: Matcher, doclike: Doc | Span) -> list[tuple[int, int, int]]:
    # An empty Matcher warns on every call (W036); a ruler with patterns of
    # one length leaves one of the cache's two empty.
    return matcher(doclike, allow_missing=True) if len(matcher) else []


def _make_room(cache: dict[Any, Any]) -> None:
    if len(cache) >= MAX_CACHED:
        cache.clear()


class SpedUp:
    """What `speed_up` adds to a component's own class: a cache consulted
    when it is called, and nothing that is saved."""

    cache_type: ClassVar[Any]
    real_class: ClassVar[type]

    def current_cache(self) -> Any:
        """The cache for the rules as they stand, None when it cannot serve them."""
        found = getattr(self, CACHE_ATTR, None)
        if found is None or not found.describes(self):
            found = self.cache_type(self)
            setattr(self, CACHE_ATTR, found)
        return found if found.usable else None

    def __call__(self, doc: Doc) -> Doc:
        answers = self.current_cache()
        if answers is None:
            return super().__call__(doc)  # type: ignore[misc]
        try:
            answers.apply(self, doc)
            return doc
        except Exception as exc:  # noqa: BLE001  (the component's own error handling)
            return self.get_error_handler()(self.name, self, [doc], exc)  # type: ignore[attr-defined]

    def __reduce_ex__(self, protocol: Any) -> Any:
        """Pickled and copied as the real component, without its cache: a
        speed-up is applied where a pipeline runs, never carried."""
        reduced = super().__reduce_ex__(protocol)
        if isinstance(reduced, str):
            return reduced  # a global's name: no class or state to rewrite
        rebuild, args, state, *rest = reduced
        # Both spaCy's (Cython's) reduction and Python's name the class first.
        if args and args[0] is type(self):
            args = (self.real_class, *args[1:])
        own = self.__dict__
        if isinstance(state, tuple):
            state = tuple(_without_cache(part) if part is own else part for part in state)
        elif state is own:
            state = _without_cache(state)
        return (rebuild, args, state, *rest)


def _without_cache(attributes: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in attributes.items() if key != CACHE_ATTR}


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


class RuleOutcomes:
    """What one state of an `AttributeRuler`'s rules sets on a token."""

    def __init__(self, ruler: AttributeRuler):
        # Every change of rules (`add_patterns`, `from_disk`, `initialize`...)
        # is an `add` (one more entry) or a `clear` (a new Matcher; held
        # here, so its identity is not reused).
        self.matcher, self.rule_count = ruler.matcher, len(ruler.attrs)
        self.usable = self.serves(ruler)
        if not self.usable:
            return
        # spaCy types every value of an entry as one union; "patterns" holds
        # token patterns and "index" an int.
        entries: list[dict[str, Any]] = ruler.patterns
        self.one_token, self.spanning = Matcher(ruler.vocab), Matcher(ruler.vocab)
        for rule, entry in enumerate(entries):
            for pattern in entry["patterns"]:
                (self.one_token if len(pattern) == 1 else self.spanning).add(str(rule), [pattern])
        self.indices = [entry["index"] for entry in entries]
        self.spelling = SpellingClasses(p for entry in entries for p in entry["patterns"])
        self.outcomes: dict[tuple[Any, ...], RuleOutcome] = {}

    @staticmethod
    def serves(ruler: AttributeRuler) -> bool:
        replayed = set(REPLAYED)
        entries: list[dict[str, Any]] = ruler.patterns
        return all(set(attrs) <= replayed for attrs in ruler.attrs) and patterns_supported(
            pattern for entry in entries for pattern in entry["patterns"]
        )

    def describes(self, ruler: AttributeRuler) -> bool:
        return ruler.matcher is self.matcher and len(ruler.attrs) == self.rule_count

    def apply(self, ruler: AttributeRuler, doc: Doc) -> None:
        if not len(doc):
            return
        before = doc.to_array([ORTH, *REPLAYED])
        spanning = self._spanning_matches(doc)
        after = numpy.empty((len(doc), len(REPLAYED)), dtype="uint64")
        for i, row in enumerate(before.tolist()):
            targeting = spanning.get(i)
            rules = tuple(m[0] for m in targeting) if targeting else ()
            key = (self.spelling.of(row[0], doc, i), *row[1:], rules)
            outcome = self.outcomes.get(key)
            if outcome is None:
                outcome = self._first_outcome(ruler, doc, i, targeting or [])
                # Keyed on spelling where a regex matches it: bounded too.
                _make_room(self.outcomes)
                self.outcomes[key] = outcome
            after[i] = outcome
        # spaCy's stub wants thinc's Ints2d; any uint64 array serves.
        doc.from_array(REPLAYED, after)  # type: ignore[arg-type]

    def _spanning_matches(self, doc: Doc) -> dict[int, list[Match]]:
        """Token index -> the many-token patterns' matches that set it."""
        found: dict[int, list[Match]] = {}
        strings = doc.vocab.strings
        for match_id, start, end in _matches(self.spanning, doc):
            rule = int(strings[match_id])
            index = self.indices[rule]
            found.setdefault(start + index if index >= 0 else end + index, []).append((rule, match_id, start, end))
        for matches in found.values():
            matches.sort()
        return found

    def _first_outcome(self, ruler: AttributeRuler, doc: Doc, i: int, targeting: list[Match]) -> RuleOutcome:
        """What the ruler sets on token `i`, by its own `set_annotations`
        given the matches that target it, in the order `match` sorts them
        (later rules win)."""
        strings = doc.vocab.strings
        one_token = [(int(strings[m]), m, i, i + 1) for m, _, _ in _matches(self.one_token, doc[i : i + 1])]
        ruler.set_annotations(doc, sorted([*one_token, *targeting]))
        token = doc[i]
        # MorphAnalysis.key is a public attribute of the Cython class that its stub omits.
        return (token.pos, token.tag, token.dep, token.morph.key, token.lemma)  # type: ignore[attr-defined]


class LemmaCache:
    """A lemmatizer's lemmas, one per spelling, part of speech and
    morphology, for one state of its tables."""

    def __init__(self, lemmatizer: Lemmatizer):
        self.tables = self._tables_of(lemmatizer)
        self.usable = self.serves(lemmatizer)
        self.lemmas: dict[tuple[int, int, int], int] = {}
        self.lemma_of = lemma_function(lemmatizer)

    @staticmethod
    def serves(lemmatizer: Lemmatizer) -> bool:
        # Missing tables: the lemmatizer's own call says which.
        method = KEYED_MODES.get(lemmatizer.mode)
        required, _ = lemmatizer.get_lookups_config(lemmatizer.mode)
        return (
            method is not None
            and getattr(type(lemmatizer), method) is getattr(Lemmatizer, method)
            and all(table in lemmatizer.lookups for table in required)
        )

    @staticmethod
    def _tables_of(lemmatizer: Lemmatizer) -> list[Any]:
        # Loading or initializing the lemmatizer replaces its tables (held
        # here, so their identities are not reused).
        lookups = lemmatizer.lookups
        return [lookups, *(lookups.get_table(name) for name in lookups.tables)]

    def describes(self, lemmatizer: Lemmatizer) -> bool:
        now = self._tables_of(lemmatizer)
        return len(now) == len(self.tables) and all(a is b for a, b in zip(now, self.tables, strict=True))

    def apply(self, lemmatizer: Lemmatizer, doc: Doc) -> None:
        if not len(doc):
            return
        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        lemmas = values[:, 3].copy()
        overwrite = lemmatizer.overwrite
        for i, (orth, pos, morph, lemma) in enumerate(values.tolist()):
            if lemma and not overwrite:
                continue
            key = (orth, pos, morph)
            found = self.lemmas.get(key)
            if found is None:
                found = doc.vocab.strings.add(self.lemma_of(doc[i]))
                _make_room(self.lemmas)
                self.lemmas[key] = found
            lemmas[i] = found
        # spaCy's stub wants thinc's Ints2d; any uint64 array serves.
        doc.from_array([LEMMA], lemmas)  # type: ignore[arg-type]
