"""Quote marks of the rules split off the words they touch.

The English tokenizer splits the marks it knows (“ ” « » „ ‘ ’ "), but not
every mark a rule file may list: "‹We" stays one token, which the tagger
reads as a noun and the parser hangs anywhere, so the cue next to the quote
loses its clause. Adding the rules' marks to the tokenizer's prefixes and
suffixes makes each a token of its own, like the marks it already knows, and
a mark it knew on neither side reads as a known mark of the same side. The
text and its offsets are untouched: only tokens' boundaries and features
change.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any, Protocol, cast

from spacy.language import Language

from ..rules.ruleset import QuotePair

Search = Callable[[str], re.Match[str] | None]
FindIter = Callable[[str], Iterator[re.Match[str]]]


class RuleTokenizer(Protocol):
    """What these modules change on spaCy's rule-based Tokenizer, a compiled
    class that ships no type information."""

    prefix_search: Search | None
    suffix_search: Search | None
    infix_finditer: FindIter | None
    rules: dict[str, list[dict[str, Any]]] | None


def rule_tokenizer(nlp: Language) -> RuleTokenizer:
    """`nlp`'s tokenizer as the rule-based Tokenizer every spaCy language has
    by default; `Language` types it as any callable from text to Doc."""
    return cast(RuleTokenizer, nlp.tokenizer)


@contextmanager
def special_cases_set_aside(nlp: Language) -> Iterator[None]:
    """The tokenizer's special cases ("don't", "U.S.") left out while the
    block changes its patterns, and put back once at the end: spaCy
    re-tokenizes every special case each time a prefix, suffix or infix
    pattern is set, about 50 ms each time, five times when a pipeline is
    prepared. The tokenizer ends exactly as if they had stayed."""
    tokenizer = rule_tokenizer(nlp)
    special = getattr(tokenizer, "rules", None)
    if not special:
        yield
        return
    tokenizer.rules = {}
    try:
        yield
    finally:
        tokenizer.rules = special


class PatternEdits:
    """Alternatives for the tokenizer's prefix, suffix and infix patterns,
    gathered, then compiled once each: the English prefix pattern takes
    about 14 ms to compile. `needles` are the strings the alternatives
    match: a text holding none of them is tokenized alike with or without
    the edits."""

    def __init__(self) -> None:
        self.prefix: list[str] = []
        self.suffix: list[str] = []
        self.infix: list[str] = []
        self.needles: set[str] = set()

    def __bool__(self) -> bool:
        return bool(self.prefix or self.suffix or self.infix)

    def apply(self, nlp: Language) -> None:
        tokenizer = rule_tokenizer(nlp)
        if self.prefix and tokenizer.prefix_search is not None:
            tokenizer.prefix_search = extended_pattern(tokenizer.prefix_search, "|".join(self.prefix)).search
        if self.suffix and tokenizer.suffix_search is not None:
            tokenizer.suffix_search = extended_pattern(tokenizer.suffix_search, "|".join(self.suffix)).search
        if self.infix and tokenizer.infix_finditer is not None:
            tokenizer.infix_finditer = extended_pattern(tokenizer.infix_finditer, "|".join(self.infix)).finditer


@contextmanager
def tokenizer_edits(nlp: Language) -> Iterator[PatternEdits]:
    """Edits to the tokenizer's patterns, made together when the block ends:
    each pattern compiled once, the special cases re-tokenized once."""
    edits = PatternEdits()
    with special_cases_set_aside(nlp):
        yield edits
        edits.apply(nlp)


def split_quote_marks(
    nlp: Language, pairs: Sequence[QuotePair], not_marks: Iterable[str] = (), edits: PatternEdits | None = None
) -> None:
    """The rules' marks split off as the tokenizer's prefixes and suffixes;
    into `edits` when given, at once otherwise."""
    if edits is None:
        with tokenizer_edits(nlp) as now:
            split_quote_marks(nlp, pairs, not_marks, now)
        return
    tokenizer = rule_tokenizer(nlp)
    marks = sorted({m for p in pairs for m in (p.open, p.close, *p.also_closed_by)} - set(not_marks))
    # Only marks the tokenizer leaves on a word: those it splits already keep
    # exactly the tokens they had, so English text reads as before.
    prefix, suffix = tokenizer.prefix_search, tokenizer.suffix_search
    prefixes = [m for m in marks if prefix is not None and not _taken(prefix(m + "x"), m)]
    suffixes = [m for m in marks if suffix is not None and not _taken(suffix("x" + m), m)]
    edits.needles.update(prefixes, suffixes)
    if prefixes:
        edits.prefix.append(f"^(?:{_any_of(prefixes)})")
    if suffixes:
        edits.suffix.append(f"(?:{_any_of(suffixes)})$")
    _read_as_known(nlp, pairs, set(prefixes) & set(suffixes))


def _read_as_known(nlp: Language, pairs: Sequence[QuotePair], unseen: set[str]) -> None:
    """A mark the tokenizer did not know, the tagger did not see either: it
    tags "‹" as a noun. Giving it the norm, prefix, suffix and shape (the
    features the trained models embed) of a known mark on the same side
    makes it read as a quote mark. The known marks are those of the first
    pair in the rules that the tokenizer knew and that has two sides."""
    known = next((p for p in pairs if p.open != p.close and not {p.open, p.close} & unseen), None)
    if known is None:
        return
    for pair in pairs:
        sides = [(pair.open, known.open), (pair.close, known.close)]
        sides += [(mark, known.close) for mark in pair.also_closed_by]
        for mark, model in sides:
            if mark in unseen:
                read_like(nlp, mark, model)


def read_like(nlp: Language, unseen: str, known: str) -> None:
    """The tagger and parser read `unseen` as they read `known`: it takes the
    features the trained models embed (norm, prefix, suffix and shape)."""
    lexeme, seen = nlp.vocab[unseen], nlp.vocab[known]
    lexeme.norm_, lexeme.prefix_ = seen.norm_, seen.prefix_
    lexeme.suffix_, lexeme.shape_ = seen.suffix_, seen.shape_


def _taken(found: re.Match[str] | None, mark: str) -> bool:
    return found is not None and found.group() == mark


def _any_of(marks: list[str]) -> str:
    # Longest first: a two-character mark wins over its first character.
    return "|".join(re.escape(m) for m in sorted(marks, key=len, reverse=True))


def extended_pattern(bound_method: Search | FindIter, alternative: str) -> re.Pattern[str]:
    """The tokenizer regex behind `bound_method`, also matching `alternative`."""
    # A bound method of a compiled regex; a Callable type does not carry `__self__`.
    pattern: re.Pattern[str] = bound_method.__self__  # type: ignore[union-attr]
    return re.compile(f"{pattern.pattern}|{alternative}", pattern.flags)
