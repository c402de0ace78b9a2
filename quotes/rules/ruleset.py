"""What a rule set is made of: the rule files as read, the cues, quote marks,
line patterns and outlet profiles merged from them, and where the built-in
files live.

The built-in rules ship inside the wheel (quotes/_rules) and live in the
repository's rules/ folder; user folders layer over them. Finding the files
is `folders`, reading and validating one file `reading` and `validation`,
layering the folders and switching rules off `layering`, and merging the
files into a RuleSet `merging`: this module holds only the data they share,
so that the code that reads a RuleSet imports nothing that builds one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import regex

from ..errors import Location, QuotesError
from .patterns import UserPattern, compile_search, compile_whole_line
from .yamlsafe import JsonPath, Marks, location_of

if TYPE_CHECKING:
    from ..evaluation.calibration_model import Calibration

RULE_KINDS = (
    "reporting_verbs",
    "reporting_nouns",
    "indirect_quote",
    "relays",
    "direct_quote",
    "people",
    "boilerplate",
    "outlet",
    "disable",
    "calibration",
)
RULES_ENV = "QUOTES_RULES"
COLON_CUE = "colon"  # the part name of the colon cue in a direct_quote file
# A placeholder an outlet profile may use in a pattern for the author it found.
AUTHOR_PLACEHOLDER = "{author}"


def builtin_rules_dir() -> Path:
    packaged = Path(__file__).parents[1] / "_rules"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "rules"


@dataclass(frozen=True)
class RuleFile:
    id: str
    kind: str
    path: str
    data: dict[str, Any]
    marks: Marks

    @property
    def tests(self) -> list[dict[str, Any]]:
        return self.data.get("tests", [])

    def location(self, *at: str | int) -> Location:
        return location_of(self.marks, self.path, tuple(at))


@dataclass(frozen=True)
class CueWord:
    lemma: str
    group: str
    confidence: float
    rule: str
    content: tuple[str, ...] = ("clause",)
    in_opinion: bool = True
    questions: bool = False
    # Only objects led by these prepositions carry the content (empty: any).
    prepositions: frozenset[str] = frozenset()
    unnamed_passive: bool = False
    # The verb puts words out ("released a statement"): a participle on its
    # object speaks for its subject ("... a statement SAYING").
    puts_out_words: bool = False
    # A quotation right after the verb is what was said, whatever follows
    # it ("chanting “no contract, no peace” after the talks failed").
    quote_object: bool = False
    # Only these object nouns make the verb a cue ("released A REPORT").
    objects: frozenset[str] = frozenset()
    # Objects of another sense ("cast A BALLOT"), and prepositions that never
    # lead the content ("reported FROM Kabul").
    not_objects: frozenset[str] = frozenset()
    not_prepositions: frozenset[str] = frozenset()

    @property
    def rule_id(self) -> str:
        """FILE-ID#GROUP: what a claim's `rule` says and `disable` names."""
        return f"{self.rule}#{self.group}"


@dataclass(frozen=True)
class PhraseCue:
    name: str
    pattern: list[dict[str, Any]]
    speaker: str
    confidence: float
    rule: str
    content: tuple[str, ...] = ("clause",)
    named_speaker: bool = False

    @property
    def rule_id(self) -> str:
        return f"{self.rule}#{self.name}"


@dataclass(frozen=True)
class QuotePair:
    open: str
    close: str
    single: bool = False
    # Marks typed by mistake for `close` ("“We will,\" she said"): they close
    # the quote when its own closing mark does not follow on the line.
    also_closed_by: tuple[str, ...] = ()

    @cached_property
    def closing_starts(self) -> frozenset[str]:
        """The first characters of the marks that may close this pair's quote:
        asked of every character inside a quote, so kept."""
        return frozenset(mark[0] for mark in (self.close, *self.also_closed_by))


@dataclass(frozen=True)
class LinePattern:
    label: str
    pattern: str
    rule: str
    # "line": the pattern is the whole line; "line_start": it marks how a line
    # begins (a dateline before the story), and claims start after it.
    at: str = "line"

    def compile(self, author: str | None = None) -> UserPattern | None:
        if self.at == "line_start":
            filled = _with_author(self.pattern, author)
            return compile_search(f"^(?:{filled})", self.pattern) if filled is not None else None
        return compile_line_pattern(self.pattern, author)


@dataclass(frozen=True)
class OutletProfile:
    id: str
    name: str
    aliases: tuple[str, ...]
    domains: tuple[str, ...]
    signatures: tuple[str, ...]
    kind: str
    kind_markers: dict[str, tuple[str, ...]]
    fields: dict[str, str]
    boilerplate: tuple[LinePattern, ...]
    agency: bool = False


@dataclass
class RuleSet:
    files: list[RuleFile] = field(default_factory=list)
    verbs: dict[str, CueWord] = field(default_factory=dict)
    nouns: dict[str, CueWord] = field(default_factory=dict)
    phrases: list[PhraseCue] = field(default_factory=list)
    relay_prepositions: set[str] = field(default_factory=set)
    listener_verbs: set[str] = field(default_factory=set)
    agencies: set[str] = field(default_factory=set)
    quote_pairs: list[QuotePair] = field(default_factory=list)
    not_marks: set[str] = field(default_factory=set)
    min_quote_words: int = 4
    # The cue of a quote a colon introduces ("Trump boomed: “…”"), said by the
    # subject before the colon; None: such quotes have no cue.
    colon_cue: PhraseCue | None = None
    new_speaker: str | None = None
    pronouns: dict[str, str] = field(default_factory=dict)
    honorifics: set[str] = field(default_factory=set)
    titles: set[str] = field(default_factory=set)
    gender_words: dict[str, str] = field(default_factory=dict)  # casefolded word -> male | female
    title_abbreviations: dict[str, str] = field(default_factory=dict)  # casefolded title -> noun
    indefinite_determiners: set[str] = field(default_factory=set)
    organization_nouns: set[str] = field(default_factory=set)
    document_nouns: set[str] = field(default_factory=set)
    occasion_nouns: set[str] = field(default_factory=set)
    impersonal_adjectives: set[str] = field(default_factory=set)  # "it is WORTH noting": no one's claim
    party_markers: dict[str, str] = field(default_factory=dict)  # "D" -> democratic
    affiliation_prepositions: set[str] = field(default_factory=set)
    boilerplate: list[LinePattern] = field(default_factory=list)
    outlets: list[OutletProfile] = field(default_factory=list)
    # The model that turns a claim's evidence into its confidence; without
    # one, a claim keeps the confidence its rule gives itself.
    calibration: Calibration | None = None

    @property
    def name_prefixes(self) -> set[str]:
        return self.honorifics | self.titles

    @property
    def person_nouns(self) -> set[str]:
        """Casefolded nouns that name a person: gender words ("spokeswoman"),
        titles as written and without their point ("sen.", "sen"), and the
        nouns title abbreviations stand for ("senator")."""
        titles = {t.casefold() for t in self.titles}
        return set(self.gender_words) | titles | {t.rstrip(".") for t in titles} | set(self.title_abbreviations.values())

    @property
    def opening_marks(self) -> tuple[str, ...]:
        """The marks that open a quotation."""
        return tuple(pair.open for pair in self.quote_pairs)

    @cached_property
    def rule_confidences(self) -> dict[str, float]:
        """FILE-ID#PART -> the confidence that part of a rule file gives itself."""
        cues: list[CueWord | PhraseCue] = [*self.verbs.values(), *self.nouns.values(), *self.phrases]
        if self.colon_cue is not None:
            cues.append(self.colon_cue)
        return {cue.rule_id: cue.confidence for cue in cues}

    def pattern_location(self, pattern: str) -> Location | None:
        """Where a rule file writes `pattern`, to point a runaway pattern's error at it."""
        for rule in self.files:
            for at, value in strings_in(rule.data, ()):
                if value == pattern:
                    return rule.location(*at)
        return None

    def outlet_at(self, url: str) -> OutletProfile | None:
        """The profile whose domain serves `url` (its host, or a subdomain of it);
        None for a URL that does not parse ("http://[::1", where urllib raises
        ValueError): it names no outlet."""
        try:
            host = (urlsplit(url if "://" in url else f"//{url}").hostname or "").casefold()
        except ValueError:
            return None
        for profile in self.outlets:
            if any(host == d.casefold() or host.endswith("." + d.casefold()) for d in profile.domains):
                return profile
        return None

    def outlet_named(self, name: str) -> OutletProfile | None:
        wanted = name.casefold().strip()
        for profile in self.outlets:
            if wanted in {n.casefold() for n in (profile.name, *profile.aliases)}:
                return profile
        return None


def strings_in(node: Any, at: JsonPath = ()) -> list[tuple[JsonPath, str]]:
    """Every string in a parsed rule file, with the path that reaches it."""
    if isinstance(node, str):
        return [(at, node)]
    if isinstance(node, dict):
        return [found for key, value in node.items() for found in strings_in(value, at + (key,))]
    if isinstance(node, list):
        return [found for i, value in enumerate(node) for found in strings_in(value, at + (i,))]
    return []


class RulesInvalid(Exception):
    """One or more rule files are broken; `problems` holds every one."""

    def __init__(self, problems: list[QuotesError]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

    def __reduce__(self) -> tuple[object, ...]:
        return (type(self), (self.problems,))  # not `args`, the joined message


def compile_line_pattern(pattern: str, author: str | None = None) -> UserPattern | None:
    """A line pattern matches whole lines; None when it needs an author we lack."""
    filled = _with_author(pattern, author)
    return compile_whole_line(filled, pattern) if filled is not None else None


def compile_search_pattern(pattern: str, author: str | None = None) -> UserPattern | None:
    """A field or signature pattern searches the text, ^ and $ at line ends."""
    filled = _with_author(pattern, author)
    return compile_search(filled, pattern) if filled is not None else None


def _with_author(pattern: str, author: str | None) -> str | None:
    if AUTHOR_PLACEHOLDER not in pattern:
        return pattern
    return pattern.replace(AUTHOR_PLACEHOLDER, regex.escape(author)) if author else None
