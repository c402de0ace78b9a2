"""Rule files: find them, load them safely, validate them, merge them.

The built-in rules ship inside the wheel (quotes/_rules) and live in the
repository's rules/ folder; user folders layer over them. Every problem in
every file is collected with its file:line:col, so one `quotes rules check`
run shows them all.
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import regex
from jsonschema import Draft202012Validator, FormatChecker

from ..errors import Location, QuotesError
from ..evaluation.calibration import Calibration, from_rule_data
from .messages import misspelt_required, schema_problem, shown_path, unknown_kind
from .patterns import (
    UserPattern,
    backtracking_risk,
    compile_search,
    compile_whole_line,
    regex_problem,
)
from .yamlsafe import Marks, location_of, read_yaml_file

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

    @cached_property
    def rule_confidences(self) -> dict[str, float]:
        """FILE-ID#PART -> the confidence that part of a rule file gives itself."""
        cues = [*self.verbs.values(), *self.nouns.values(), *self.phrases]
        if self.colon_cue is not None:
            cues.append(self.colon_cue)
        return {cue.rule_id: cue.confidence for cue in cues}

    def pattern_location(self, pattern: str) -> Location | None:
        """Where a rule file writes `pattern`, to point a runaway pattern's error at it."""
        for rule in self.files:
            for at, value in _strings(rule.data, ()):
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


def _strings(node: Any, at: tuple[str | int, ...]) -> list[tuple[tuple[str | int, ...], str]]:
    if isinstance(node, str):
        return [(at, node)]
    if isinstance(node, dict):
        return [found for key, value in node.items() for found in _strings(value, at + (key,))]
    if isinstance(node, list):
        return [found for i, value in enumerate(node) for found in _strings(value, at + (i,))]
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


def rule_dirs(extra: list[str | Path] | None = None) -> list[Path]:
    """Built-ins first, then QUOTES_RULES folders, then the given ones."""
    dirs = [builtin_rules_dir()]
    env = os.environ.get(RULES_ENV, "")
    dirs += [Path(p) for p in env.split(os.pathsep) if p]
    dirs += [Path(p) for p in extra or []]
    return dirs


def copy_schemas(folder: Path) -> list[Path]:
    """The schemas, copied into `folder`/schemas: a rule file in `folder`/KIND/
    names its schema as the built-ins do (`$schema=../schemas/KIND.schema.json`)."""
    target = folder / "schemas"
    try:
        target.mkdir(parents=True, exist_ok=True)
        written = []
        for schema in sorted((builtin_rules_dir() / "schemas").glob("*.schema.json")):
            written.append(target / schema.name)
            written[-1].write_bytes(schema.read_bytes())
    except OSError as exc:
        raise QuotesError("E026", path=str(target), detail=exc.strerror or str(exc)) from None
    return written


def rule_paths(directory: Path) -> list[Path]:
    if not directory.is_dir():
        raise QuotesError("E108", path=str(directory))
    return sorted(p for p in directory.rglob("*.y*ml") if p.suffix in {".yaml", ".yml"})


def read_rule_file(path: Path) -> tuple[RuleFile | None, list[QuotesError]]:
    """Load and validate one file; a broken file yields problems, not a rule."""
    shown = str(path)
    try:
        data, marks, problems = read_yaml_file(path, shown)
    except QuotesError as exc:
        return None, [exc]
    if not isinstance(data, dict):
        return None, [QuotesError("E102", Location(shown, 1, 1), detail="a rule file is a mapping with id, kind and description")]
    kind = data.get("kind")
    if kind not in RULE_KINDS:
        where = location_of(marks, shown, ("kind",))
        return None, [*problems, QuotesError("E107", where, detail=unknown_kind(kind, RULE_KINDS))]
    problems += _schema_problems(kind, data, marks, shown)
    if not problems and kind in {"reporting_verbs", "reporting_nouns"}:
        problems += _repeated_lemmas(RuleFile(data["id"], kind, shown, data, marks))
    if problems:
        return None, problems
    rule = RuleFile(id=data["id"], kind=kind, path=shown, data=data, marks=marks)
    problems = _unknown_test_parts(rule)
    return (None, problems) if problems else (rule, [])


def _unknown_test_parts(rule: RuleFile) -> list[QuotesError]:
    """A test's `part` must name a part of its own file, or switching that
    part off would skip nothing."""
    parts = part_names(rule)
    problems = []
    for i, test in enumerate(rule.tests):
        if "part" in test and test["part"] not in parts:
            known = ", ".join(sorted(parts)) or "none: a test of this kind of file names no part"
            problems.append(QuotesError("E115", rule.location("tests", i, "part"), part=test["part"], parts=known))
    return problems


class _PatternProblem(ValueError):
    def __init__(self, code: str, detail: str):
        self.code = code
        self.detail = detail
        super().__init__(detail)


# Schema errors carry the JSON path of the value; patterns get their own codes.
_FORMATS = FormatChecker()


@_FORMATS.checks("rule-regex", raises=_PatternProblem)
def _check_rule_regex(pattern: object) -> bool:
    if not isinstance(pattern, str):
        return True
    problem = regex_problem(pattern.replace(AUTHOR_PLACEHOLDER, "Jane Doe"))
    if problem:
        code = "E110" if problem.startswith("catastrophic") else "E103"
        raise _PatternProblem(code, problem.split(": ", 1)[1])
    return True


@_FORMATS.checks("token-pattern", raises=_PatternProblem)
def _check_token_pattern(pattern: object) -> bool:
    from spacy.errors import MatchPatternError
    from spacy.matcher import Matcher

    if not isinstance(pattern, list):
        return True
    try:
        Matcher(_blank_vocab(), validate=True).add("pattern", [pattern])
    except (MatchPatternError, ValueError, TypeError) as exc:
        raise _PatternProblem("E104", " ".join(str(exc).split())) from None
    for value in token_regexes(pattern):
        risk = backtracking_risk(value)
        if risk:
            raise _PatternProblem("E110", f"REGEX {value!r}: {risk}")
    return True


def token_regexes(pattern: list[Any]) -> list[str]:
    """Every REGEX value of a token pattern, at any depth."""
    return [value for at, value in _strings(pattern, ()) if at and at[-1] == "REGEX"]


def _schema_problems(kind: str, data: dict, marks: Marks, path: str) -> list[QuotesError]:
    problems = []
    errors = sorted(_validator(kind).iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    for error in errors:
        if misspelt_required(error, errors):
            continue
        if isinstance(error.cause, _PatternProblem):
            at = tuple(error.absolute_path)
            where = location_of(marks, path, at)
            problems.append(QuotesError(error.cause.code, where, at=shown_path(at), detail=error.cause.detail))
        else:
            at, detail = schema_problem(error)
            problems.append(QuotesError("E102", location_of(marks, path, at), detail=detail))
    return problems


@lru_cache(maxsize=None)
def rule_schema(kind: str) -> dict[str, Any]:
    schema_path = builtin_rules_dir() / "schemas" / f"{kind}.schema.json"
    return json.loads(schema_path.read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def _validator(kind: str) -> Draft202012Validator:
    return Draft202012Validator(rule_schema(kind), format_checker=_FORMATS)


def _repeated_lemmas(rule: RuleFile) -> list[QuotesError]:
    """A lemma belongs to one group: listed twice, which group wins is a guess."""
    problems = []
    first_group: dict[str, str] = {}
    for g, group in enumerate(rule.data["groups"]):
        for i, lemma in enumerate(group["lemmas"]):
            if lemma in first_group:
                where = rule.location("groups", g, "lemmas", i)
                problems.append(QuotesError("E109", where, lemma=lemma, first=first_group[lemma]))
            else:
                first_group[lemma] = group["name"]
    return problems


@lru_cache(maxsize=1)
def _blank_vocab():
    import spacy

    return spacy.blank("en").vocab


@dataclass(frozen=True)
class RulesCheck:
    """What checking the layered rule folders found: the valid files, every
    problem, and how many files were read."""

    files: list[RuleFile]
    problems: list[QuotesError]
    checked: int

    @property
    def files_with_problems(self) -> int:
        return len({p.location.path for p in self.problems if p.location is not None})


def check_rules(extra_dirs: list[str | Path] | None = None) -> tuple[list[RuleFile], list[QuotesError]]:
    """Every valid rule file and every problem across the layered folders."""
    report = inspect_rules(extra_dirs)
    return report.files, report.problems


def inspect_rules(extra_dirs: list[str | Path] | None = None) -> RulesCheck:
    files: list[RuleFile] = []
    problems: list[QuotesError] = []
    first_seen: dict[str, RuleFile] = {}
    checked = 0
    for directory in rule_dirs(extra_dirs):
        try:
            paths = rule_paths(directory)
        except QuotesError as exc:
            problems.append(exc)
            continue
        for path in paths:
            if path.parent.name == "schemas":
                continue
            checked += 1
            rule, file_problems = read_rule_file(path)
            problems += file_problems
            if rule is None:
                continue
            if rule.id in first_seen:
                problems.append(QuotesError("E105", rule.location("id"), rule_id=rule.id, first=first_seen[rule.id].path))
                continue
            first_seen[rule.id] = rule
            files.append(rule)
    problems += _switched_off_problems(files)
    return RulesCheck(files, problems, checked)


# The named parts of a rule file that `disable` can switch off one by one, as
# FILE-ID#NAME (the form a claim's `rule` field takes): where the list of parts
# stands in the file, and the key that names each part.
_PARTS: dict[str, tuple[tuple[str, ...], str]] = {
    "reporting_verbs": (("groups",), "name"),
    "reporting_nouns": (("groups",), "name"),
    "indirect_quote": (("phrases",), "name"),
    "boilerplate": (("lines",), "label"),
    "outlet": (("outlet", "boilerplate"), "label"),
}


def _part_holder(data: dict[str, Any], kind: str) -> tuple[dict[str, Any], str, str]:
    """The mapping that holds a kind's list of parts, the list's key, and the
    key that names each part."""
    path, name_key = _PARTS[kind]
    holder = data
    for step in path[:-1]:
        holder = holder.get(step, {})
    return holder, path[-1], name_key


# Parts that are one key of a file rather than an entry of a list: part name -> key.
_KEYED_PARTS: dict[str, dict[str, str]] = {"direct_quote": {COLON_CUE: "colon_cue"}}


def parts_of(rule: RuleFile) -> list[tuple[str, dict[str, Any]]]:
    """The named parts of a file in the order it writes them: (name, part)."""
    parts = []
    if rule.kind in _PARTS:
        holder, key, name_key = _part_holder(rule.data, rule.kind)
        parts = [(part[name_key], part) for part in holder.get(key, [])]
    keyed = [(name, rule.data[key]) for name, key in _KEYED_PARTS.get(rule.kind, {}).items() if key in rule.data]
    return parts + keyed


def part_names(rule: RuleFile) -> set[str]:
    return {name for name, _ in parts_of(rule)}


def switched_off(files: list[RuleFile]) -> dict[str, str]:
    """What the `disable` files switch off (FILE-ID for a whole file,
    FILE-ID#PART for one part), each with the id of the `disable` file."""
    return {target: rule.id for rule in files if rule.kind == "disable" for target in rule.data["rules"]}


def _switched_off_problems(files: list[RuleFile]) -> list[QuotesError]:
    """A `disable` entry must name a rule or part that exists: a typo would
    otherwise leave the rule on without a word."""
    by_id = {rule.id: rule for rule in files}
    problems = []
    for rule in files:
        if rule.kind != "disable":
            continue
        for i, target in enumerate(rule.data["rules"]):
            file_id, _, part = target.partition("#")
            found = by_id.get(file_id)
            if found is None:
                problems.append(QuotesError("E111", rule.location("rules", i), rule_id=target, detail=""))
            elif part and part not in part_names(found):
                known = ", ".join(sorted(part_names(found))) or "none"
                detail = f": {file_id} has no part '{part}' (its parts: {known})"
                problems.append(QuotesError("E111", rule.location("rules", i), rule_id=target, detail=detail))
    return problems


def _switch_off(files: list[RuleFile]) -> list[RuleFile]:
    """The files and parts left on once every `disable` file has been applied."""
    off = {target for rule in files if rule.kind == "disable" for target in rule.data["rules"]}
    kept = []
    for rule in files:
        if rule.id in off:
            continue
        parts_off = {t.partition("#")[2] for t in off if t.startswith(f"{rule.id}#")}
        if parts_off:
            rule = _without_parts(rule, parts_off)
        kept.append(rule)
    return kept


def _without_parts(rule: RuleFile, names: set[str]) -> RuleFile:
    data = copy.deepcopy(rule.data)
    for name, key in _KEYED_PARTS.get(rule.kind, {}).items():
        if name in names:
            data.pop(key, None)
    if rule.kind in _PARTS:
        holder, key, name_key = _part_holder(data, rule.kind)
        holder[key] = [part for part in holder.get(key, []) if part[name_key] not in names]
    return RuleFile(rule.id, rule.kind, rule.path, data, rule.marks)


def load_rules(extra_dirs: list[str | Path] | None = None) -> RuleSet:
    files, problems = check_rules(extra_dirs)
    if problems:
        raise RulesInvalid(problems)
    return build_ruleset(files)


def build_ruleset(files: list[RuleFile]) -> RuleSet:
    rules = RuleSet(files=files)
    for rule in _switch_off(files):
        _MERGERS[rule.kind](rules, rule)
    return rules


def _merge_verbs(rules: RuleSet, rule: RuleFile) -> None:
    _merge_cue_words(rules.verbs, rule)


def _merge_nouns(rules: RuleSet, rule: RuleFile) -> None:
    _merge_cue_words(rules.nouns, rule)


def _merge_cue_words(words: dict[str, CueWord], rule: RuleFile) -> None:
    for group in rule.data["groups"]:
        for lemma in group["lemmas"]:
            content = tuple(group.get("content", ["clause"]))
            words[lemma] = CueWord(
                lemma=lemma,
                group=group["name"],
                confidence=group["confidence"],
                rule=rule.id,
                content=content,
                in_opinion=group.get("in_opinion", True),
                questions=group.get("questions", False),
                prepositions=frozenset(group.get("prepositions", [])),
                unnamed_passive=group.get("unnamed_passive", False),
                objects=frozenset(group.get("objects", [])),
                not_objects=frozenset(group.get("not_objects", [])),
                not_prepositions=frozenset(group.get("not_prepositions", [])),
            )


def _merge_phrases(rules: RuleSet, rule: RuleFile) -> None:
    for phrase in rule.data["phrases"]:
        rules.phrases.append(
            PhraseCue(
                phrase["name"],
                phrase["pattern"],
                phrase["speaker"],
                phrase["confidence"],
                rule.id,
                tuple(phrase.get("content", ["clause"])),
                phrase.get("named_speaker", False),
            )
        )


def _merge_relays(rules: RuleSet, rule: RuleFile) -> None:
    rules.relay_prepositions |= {p.lower() for p in rule.data.get("prepositions", [])}
    rules.listener_verbs |= {v.lower() for v in rule.data.get("listener_verbs", [])}
    rules.agencies |= set(rule.data["agencies"])


def _merge_direct_quote(rules: RuleSet, rule: RuleFile) -> None:
    rules.quote_pairs += [
        QuotePair(p["open"], p["close"], p.get("single", False), tuple(p.get("also_closed_by", ())))
        for p in rule.data["pairs"]
    ]
    rules.not_marks |= set(rule.data.get("not_marks", []))
    rules.min_quote_words = rule.data.get("min_quote_words", rules.min_quote_words)
    rules.new_speaker = rule.data.get("new_speaker", rules.new_speaker)
    if "colon_cue" in rule.data:
        rules.colon_cue = PhraseCue(COLON_CUE, [], "subject", rule.data["colon_cue"]["confidence"], rule.id)


def _merge_people(rules: RuleSet, rule: RuleFile) -> None:
    rules.pronouns.update({k.lower(): v for k, v in rule.data.get("pronouns", {}).items()})
    rules.honorifics |= set(rule.data.get("honorifics", []))
    rules.titles |= set(rule.data.get("titles", []))
    for gender, words in rule.data.get("gender_words", {}).items():
        rules.gender_words.update({word.casefold(): gender for word in words})
    rules.title_abbreviations.update({k.casefold(): v.casefold() for k, v in rule.data.get("title_abbreviations", {}).items()})
    rules.indefinite_determiners |= {w.casefold() for w in rule.data.get("indefinite_determiners", [])}
    rules.organization_nouns |= {w.casefold() for w in rule.data.get("organization_nouns", [])}
    rules.party_markers.update({k: v.casefold() for k, v in rule.data.get("party_markers", {}).items()})
    rules.affiliation_prepositions |= {p.lower() for p in rule.data.get("affiliation_prepositions", [])}


def _merge_boilerplate(rules: RuleSet, rule: RuleFile) -> None:
    rules.boilerplate += [_line_pattern(line, rule) for line in rule.data["lines"]]


def _line_pattern(line: dict[str, Any], rule: RuleFile) -> LinePattern:
    return LinePattern(line["label"], line["pattern"], rule.id, line.get("at", "line"))


def _merge_outlet(rules: RuleSet, rule: RuleFile) -> None:
    outlet = rule.data["outlet"]
    rules.outlets.append(
        OutletProfile(
            id=rule.id,
            name=outlet["name"],
            aliases=tuple(outlet.get("aliases", [])),
            domains=tuple(outlet.get("domains", [])),
            signatures=tuple(outlet.get("signatures", [])),
            kind=outlet.get("kind", "news"),
            kind_markers={k: tuple(v) for k, v in outlet.get("kind_markers", {}).items()},
            fields=dict(outlet.get("fields", {})),
            boilerplate=tuple(_line_pattern(b, rule) for b in outlet.get("boilerplate", [])),
            agency=outlet.get("agency", False),
        )
    )


def _merge_calibration(rules: RuleSet, rule: RuleFile) -> None:
    # One model holds: a user's calibration file replaces the built-in one.
    rules.calibration = from_rule_data(rule.data)


_MERGERS = {
    "reporting_verbs": _merge_verbs,
    "reporting_nouns": _merge_nouns,
    "indirect_quote": _merge_phrases,
    "relays": _merge_relays,
    "direct_quote": _merge_direct_quote,
    "people": _merge_people,
    "boilerplate": _merge_boilerplate,
    "outlet": _merge_outlet,
    "disable": lambda rules, rule: None,  # applied before merging, by _switch_off
    "calibration": _merge_calibration,
}
