"""Cue words mined from annotated articles: the words annotators took for
cues, how often each use of them is one, and whether the rules name them.

What a rule writer reads before adding a word to a rule file. A word that
is a cue in one use of five costs more false alarms than it finds, however
often the annotators marked it; a word the rules already name, yet missed,
needs its mechanism fixed, not the lexicon grown, and the trace of the rule
that matched it says which ("no content", "no source").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span, Token

from ..rules.ruleset import RuleSet, strings_in
from .gold import GoldArticle
from .matching import claim_spans, match
from .tables import rounded

if TYPE_CHECKING:
    from ..formats.explain import RuleMatch

# The parts of speech a reporting rule lists words of; a cue of another
# (a colon, "in" a poll) is counted by its construction only.
WORD_CLASSES = {"VERB": "verb", "NOUN": "noun", "ADJ": "adjective"}
OTHER_CLASSES = {"ADP": "preposition", "PUNCT": "punctuation", "AUX": "auxiliary"}
NO_CUE = "no cue"
LISTED, NOT_LISTED = "listed", "not listed"
NO_RULE = "no rule matched its cue"
# A reason may open with the word it is about ("'signs' makes it another sense").
_OPENING_WORD = re.compile(r"^'[^']+'")
_PARTICULAR = "'…'"


@dataclass(frozen=True)
class MinedArticle:
    """A gold article, its parse, and what an extraction made of it: the
    gold quotes it missed and the rules that matched. Without `missed`,
    every gold quote counts and no rule is asked why. `offset` is where the
    Doc's text starts in the article's (after a byte-order mark)."""

    article: GoldArticle
    doc: Doc
    missed: frozenset[int] | None = None
    matches: Sequence[RuleMatch] = ()
    offset: int = 0


@dataclass(frozen=True)
class MinedWord:
    """A word the annotators took for a cue: `cues` of its `uses` in the
    articles were one, `missed` of them with no claim (when claims are given)."""

    lemma: str
    pos: str
    listed: bool
    cues: int
    uses: int
    missed: int = 0
    example: str = ""

    @property
    def share(self) -> float:
        """The precision a rule firing on every use of the word would have."""
        return self.cues / self.uses if self.uses else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), **rounded(self, "share")}


@dataclass
class Mining:
    """Gold quotes counted by the construction of their cue and by why no
    claim took them, and the cue words."""

    articles: int = 0
    quotes: int = 0
    # Gold quotes counted: all, or those no claim found when claims are given.
    counted: int = 0
    with_claims: bool = False
    constructions: Counter[str] = field(default_factory=Counter)
    # Why the rule that matched a counted quote's cue made no claim of it.
    outcomes: Counter[str] = field(default_factory=Counter)
    words: list[MinedWord] = field(default_factory=list)

    def to_dict(self, words: Sequence[MinedWord] | None = None) -> dict[str, Any]:
        """The counts as JSON data, with `words` (default: all) for the words."""
        return {
            "articles": self.articles,
            "quotes": self.quotes,
            "counted": self.counted,
            "counted_are": "missed" if self.with_claims else "all",
            "constructions": dict(self.constructions.most_common()),
            "outcomes": dict(self.outcomes.most_common()),
            "words": [w.to_dict() for w in (self.words if words is None else words)],
        }


def named_words(rules: RuleSet) -> frozenset[str]:
    """Every word the cue rules name: reporting verbs and nouns, and the
    literal words of the phrase patterns ("according", "optimistic")."""
    phrases = [*rules.phrases, *([rules.colon_cue] if rules.colon_cue else [])]
    literals = {text.casefold() for phrase in phrases for _, text in strings_in(phrase.pattern)}
    return frozenset({*rules.verbs, *rules.nouns, *literals})


def cue_word(span: Span) -> Token:
    """The word that makes a gold cue one: its syntactic root, unless that is
    a copula or light auxiliary ("is OPTIMISTIC", "has BEEN critical"),
    then its first verb, noun or adjective."""
    root = span.root
    if root.pos_ in WORD_CLASSES and root.lemma_.lower() != "be":
        return root
    return next((t for t in span if t.pos_ in WORD_CLASSES and t.lemma_.lower() != "be"), root)


def word_key(token: Token) -> tuple[str, str]:
    return token.lemma_.lower(), token.pos_


def construction(token: Token | None, named: frozenset[str]) -> str:
    """What kind of cue a gold cue is: "verb, not listed", "noun, listed",
    "preposition, listed", "punctuation", "no cue"."""
    if token is None:
        return NO_CUE
    kind = WORD_CLASSES.get(token.pos_) or OTHER_CLASSES.get(token.pos_, "other")
    if kind == "punctuation":
        return kind
    return f"{kind}, {LISTED if is_named(token, named) else NOT_LISTED}"


def is_named(token: Token, named: frozenset[str]) -> bool:
    """Whether the rules name the word, by its lemma or as written ("according")."""
    return token.lemma_.lower() in named or token.lower_ in named


def missed_quotes(article: GoldArticle, claims: Sequence[Mapping[str, Any]]) -> frozenset[int]:
    """The indices of the article's gold quotes that no claim matches."""
    found = match([q.spans for q in article.quotes], [claim_spans(c) for c in claims])
    matched = {g for g, _ in found.pairs}
    return frozenset(i for i in range(len(article.quotes)) if i not in matched)


def extracted_article(article: GoldArticle, *, model: str | None = None, rules_dirs: Sequence[str | Path] = ()) -> MinedArticle:
    """The article extracted with its rules traced: its Doc, the gold quotes
    the claims miss, and every rule match with what became of it."""
    from ..formats.explain import read_traced, rule_matches

    view, doc, read, trace = read_traced(article.text, article.outlet, model=model, rules_dirs=rules_dirs)
    extraction = view.extraction_in_given(read.extraction)
    missed = missed_quotes(article, extraction.to_dict()["claims"])
    return MinedArticle(article, doc, missed, rule_matches(doc, doc[:], trace, extraction.claims, view), view.start)


def mine_cues(articles: Iterable[MinedArticle], rules: RuleSet) -> Mining:
    """Gold cues counted by construction and by word, and the counted
    quotes (the missed ones, when an article says) by why no claim was made.
    A word's `cues` and `uses` count the whole of the articles."""
    named = named_words(rules)
    mining = Mining()
    uses: Counter[tuple[str, str]] = Counter()
    cues: Counter[tuple[str, str]] = Counter()
    missed_cues: Counter[tuple[str, str]] = Counter()
    examples: dict[tuple[str, str], str] = {}
    listed: dict[tuple[str, str], bool] = {}
    for mined in articles:
        mining.articles += 1
        mining.with_claims = mining.with_claims or mined.missed is not None
        uses.update(word_key(t) for t in mined.doc if t.pos_ in WORD_CLASSES)
        seen: set[int] = set()  # two quotes may share one cue
        for number, quote in enumerate(mined.article.quotes):
            token = _cue_token(mined.doc, quote.cue_span, mined.offset)
            counts = mined.missed is None or number in mined.missed
            mining.quotes += 1
            if counts:
                mining.counted += 1
                mining.constructions[construction(token, named)] += 1
                if mined.missed is not None:
                    mining.outcomes[why_missed(quote.cue_span, mined.matches)] += 1
            if token is None or token.pos_ not in WORD_CLASSES or token.i in seen or not _is_word(token):
                continue
            seen.add(token.i)
            key = word_key(token)
            cues[key] += 1
            if counts and mined.missed is not None:
                missed_cues[key] += 1
            examples.setdefault(key, " ".join(token.sent.text.split()))
            listed[key] = listed.get(key, False) or is_named(token, named)
    mining.words = [
        MinedWord(*key, listed[key], n, max(uses[key], n), missed_cues[key], examples[key]) for key, n in cues.items()
    ]
    mining.words.sort(key=lambda w: (-(w.missed if mining.with_claims else w.cues), -w.share, w.lemma))
    return mining


def why_missed(cue_span: tuple[int, int] | None, matches: Sequence[RuleMatch]) -> str:
    """Why no claim took a gold quote, as the first rule that matched its cue
    tells it ("cues.reporting-verbs#speech: no claim: no content"), its
    particulars left out ("'signs' makes it ..." -> "'…' makes it ...")."""
    if cue_span is None:
        return NO_CUE
    start, end = cue_span
    hit = next((m for m in matches if m.start < end and start < m.end), None)
    if hit is None:
        return NO_RULE
    if hit.why_not is None:
        return f"{hit.rule}: a claim, of other words"
    kind = hit.why_not.split(": ", 1)[0]  # "no content: no quote next to it, ..." -> "no content"
    return f"{hit.rule}: no claim: {_OPENING_WORD.sub(_PARTICULAR, kind)}"


def _is_word(token: Token) -> bool:
    """A word a rule could list: "’" read as a verb is none."""
    return any(c.isalpha() for c in token.lemma_)


def _cue_token(doc: Doc, cue_span: tuple[int, int] | None, offset: int = 0) -> Token | None:
    if cue_span is None:
        return None
    span = doc.char_span(cue_span[0] - offset, cue_span[1] - offset, alignment_mode="expand")
    return cue_word(span) if span is not None and len(span) else None


def candidates(mining: Mining, min_share: float = 0.0, min_cues: int = 1, listed: bool = False) -> list[MinedWord]:
    """The mined words worth a look: not in the rules (or all, with
    `listed`), a cue at least `min_cues` times and in `min_share` of uses."""
    return [w for w in mining.words if (listed or not w.listed) and w.cues >= min_cues and w.share >= min_share]


def format_mining(mining: Mining, words: Sequence[MinedWord], top: int) -> list[str]:
    """The report: constructions, then the top words, as text lines."""
    counted = "missed gold quotes" if mining.with_claims else "gold quotes"
    lines = [f"{mining.articles} articles, {mining.quotes} gold quotes; counted: {mining.counted} {counted}", ""]
    lines.append(f"{counted} by construction of the cue:")
    total = mining.counted or 1
    lines += [f"  {n:>6} {n / total:>6.1%}  {kind}" for kind, n in mining.constructions.most_common()]
    if mining.outcomes:
        reasons = mining.outcomes.most_common(top)
        lines += ["", f"{counted} by the rule that matched the cue, and why it made no claim (top {len(reasons)}):"]
        lines += [f"  {n:>6} {n / total:>6.1%}  {reason}" for reason, n in reasons]
    shown = list(words)[:top]
    lines += ["", f"cue words (top {len(shown)} of {len(words)}):"]
    missed = "  missed" if mining.with_claims else ""
    lines.append(f"  {'lemma':<18} {'pos':<5} {'listed':<6}{missed}    cues    uses   share  example")
    for w in shown:
        gone = f"  {w.missed:>6}" if mining.with_claims else ""
        example = w.example if len(w.example) <= 80 else w.example[:79] + "…"
        lines.append(
            f"  {w.lemma:<18} {w.pos:<5} {'yes' if w.listed else 'no':<6}{gone}  {w.cues:>6}  {w.uses:>6}  {w.share:>5.1%}  {example}"
        )
    return lines
