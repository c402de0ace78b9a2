"""Outlet profiles at work: which outlet published an article, its byline,
date and kind, and which lines are boilerplate.

Boilerplate is marked, never removed: claims in marked lines are skipped, and
every offset still indexes the text as the user gave it.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass
from functools import cached_property

import regex

from ..records import Article, ArticleKind
from ..rules.ruleset import LinePattern, OutletProfile, RuleSet, compile_search_pattern

# The named groups a field pattern hands its value in; a date may come in parts.
VALUE_GROUP = "value"
DATE_GROUPS = ("year", "month", "day")
FIELD_GROUPS = {"published": (VALUE_GROUP, *DATE_GROUPS)}
# The kinds of article the outlet schema allows (rules/schemas/outlet.schema.json).
_ARTICLE_KINDS: dict[str, ArticleKind] = {"news": "news", "opinion": "opinion"}

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ],
        start=1,
    )
    for name in names
}
_TITLE_MIN_WORDS = 3
_TITLE_MAX_WORDS = 40


# Labels of the boilerplate line starts that turn an interview's
# transcript: a question, an answer; two of each make a transcript.
QUESTION_LABEL, ANSWER_LABEL = "question", "answer"
TRANSCRIPT_TURNS = 2


@dataclass(frozen=True)
class MarkedLine:
    start: int
    end: int
    label: str
    rule: str
    # Named groups of the match: a dateline's place (`value`) and credit (`supplied_by`).
    groups: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class ArticleReading:
    article: Article
    profile: OutletProfile | None
    marked: tuple[MarkedLine, ...]
    # A later piece of a long text (see `pieces`): the article's head, and so
    # its title, is in the first piece, not in this text.
    continued: bool = False

    def is_marked(self, start: int, end: int) -> bool:
        return any(m.start <= start and end <= m.end for m in self.marked)

    def in_answer(self, char: int) -> bool:
        """Whether `char` stands in an interview's answer. Its "I" is the
        interviewee, not the author."""
        return any(start <= char < end for start, end in self._answers)

    @cached_property
    def _answers(self) -> list[tuple[int, int]]:
        """An interview's answers: from a line marked `answer` ("A: ...") to
        the next marked `question` ("Q: ..."), in a text with at least two of
        each, a transcript."""
        questions = [m.start for m in self.marked if m.label == QUESTION_LABEL]
        answers = [m.start for m in self.marked if m.label == ANSWER_LABEL]
        if len(questions) < TRANSCRIPT_TURNS or len(answers) < TRANSCRIPT_TURNS:
            return []
        return [(a, min((q for q in questions if q > a), default=sys.maxsize)) for a in answers]


def is_url(hint: str) -> bool:
    return "://" in hint or hint.startswith("www.")


def detect_profile(text: str, rules: RuleSet, outlet: str | None = None) -> OutletProfile | None:
    """The profile `outlet` names (an outlet's name, or the article's URL and
    so its domain), else the one whose signatures the text shows most often
    (ties go to the first profile loaded). An agency's marks travel with its
    copy, so any other outlet's marks win over them."""
    if outlet and is_url(outlet):
        found = rules.outlet_at(outlet)
        if found:
            return found
    elif outlet:
        return rules.outlet_named(outlet)
    best, best_rank = None, (False, 0)
    for profile in rules.outlets:
        hits = sum(1 for sig in profile.signatures if _found(sig, text))
        rank = (hits > 0 and not profile.agency, hits)
        if rank > best_rank:
            best, best_rank = profile, rank
    return best


def matching_view(text: str) -> str:
    """The text with every CR turned into LF: same length, so match offsets
    index the original, and `^`/`$` find the ends of CRLF lines too."""
    return text.replace("\r", "\n")


def read_article(text: str, rules: RuleSet, outlet: str | None = None) -> ArticleReading:
    text = matching_view(text)
    profile = detect_profile(text, rules, outlet)
    fields = profile.fields if profile else {}
    author = _field(text, fields.get("author"))
    marked = _marked_lines(text, _boilerplate(rules, profile), author)
    article = Article(
        outlet=profile.name if profile else (None if not outlet or is_url(outlet) else outlet),
        url=outlet if outlet and is_url(outlet) else None,
        author=author,
        author_affiliation=_field(text, fields.get("author_affiliation"), author),
        published=_date(text, fields.get("published")),
        kind=_kind(text, profile),
        title=_field(text, fields.get("title")) or _first_headline(text, marked, author),
        dateline=_field(text, fields.get("dateline")) or _from_dateline(marked, "value"),
        supplied_by=_supplier(_field(text, fields.get("supplied_by")) or _from_dateline(marked, "supplied_by"), profile, rules),
    )
    return ArticleReading(article, profile, tuple(marked))


def continue_reading(text: str, rules: RuleSet, first: ArticleReading) -> ArticleReading:
    """A later piece of the article `first` read: the same outlet, byline and
    title; its own boilerplate lines, marked by the same rules."""
    marked = _marked_lines(matching_view(text), _boilerplate(rules, first.profile), first.article.author)
    return ArticleReading(first.article, first.profile, tuple(marked), continued=True)


def _boilerplate(rules: RuleSet, profile: OutletProfile | None) -> list[LinePattern]:
    """The lines every article may carry, and those of its outlet."""
    return [*rules.boilerplate, *(profile.boilerplate if profile else ())]


def _field(text: str, pattern: str | None, author: str | None = None) -> str | None:
    if not pattern:
        return None
    compiled = compile_search_pattern(pattern, author)
    match = compiled.search(text) if compiled else None
    if not match:
        return None
    value = match.groupdict().get(VALUE_GROUP) or match.group(0)
    return " ".join(value.split()) or None


def _supplier(credit: str | None, profile: OutletProfile | None, rules: RuleSet) -> str | None:
    """The credited supplier by its profile's name ("AP" -> "Associated Press");
    None when the credit names the publisher itself."""
    if credit is None:
        return None
    known = rules.outlet_named(credit)
    name = known.name if known else credit
    return None if profile is not None and name == profile.name else name


def _date(text: str, pattern: str | None) -> str | None:
    compiled = compile_search_pattern(pattern) if pattern else None
    match = compiled.search(text) if compiled else None
    if not match:
        return None
    groups = match.groupdict()
    try:
        if groups.get("year"):
            month = groups["month"]
            month_number = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
            return dt.date(int(groups["year"]), month_number, int(groups["day"])).isoformat()
        return dt.date.fromisoformat((groups.get(VALUE_GROUP) or match.group(0)).strip()).isoformat()
    except (KeyError, ValueError):
        return None


def _kind(text: str, profile: OutletProfile | None) -> ArticleKind | None:
    """The kind a marker in the text shows, else the outlet's usual kind."""
    if profile is None:
        return None
    for kind, patterns in profile.kind_markers.items():
        if any(_found(p, text) for p in patterns):
            return _ARTICLE_KINDS.get(kind)
    return _ARTICLE_KINDS.get(profile.kind)


def _found(pattern: str, text: str) -> bool:
    """Whether a signature or kind marker occurs in the text. One that names
    the author cannot be searched before the author is known: it does not."""
    compiled = compile_search_pattern(pattern)
    return compiled is not None and compiled.search(text) is not None


def _marked_lines(text: str, patterns: list[LinePattern], author: str | None) -> list[MarkedLine]:
    marked: list[MarkedLine] = []
    for line_pattern in patterns:
        compiled = line_pattern.compile(author)
        if compiled is None:
            continue
        marked += [
            MarkedLine(m.start(), m.end(), line_pattern.label, line_pattern.rule, _named_groups(m))
            for m in compiled.finditer(text)
        ]
    return sorted(marked, key=lambda m: m.start)


def _named_groups(match: regex.Match) -> tuple[tuple[str, str], ...]:
    return tuple((k, " ".join(v.split())) for k, v in match.groupdict().items() if v and v.strip())


def _from_dateline(marked: list[MarkedLine], name: str) -> str | None:
    """A field a generic dateline rule found ("WASHINGTON (AP) —"), for
    outlets whose profile does not say."""
    first = next((m for m in marked if m.label == "dateline"), None)
    return dict(first.groups).get(name) if first else None


def _first_headline(text: str, marked: list[MarkedLine], author: str | None) -> str | None:
    """The first unmarked line that reads like a headline: a few words, no
    byline. Outlet profiles can name the title exactly instead."""
    lines = list(re.finditer(r"[^\n]*\S[^\n]*", text))
    if len(lines) < 2:
        return None  # a text of one paragraph has no headline above it
    for match in lines:
        line = match.group(0).strip()
        words = line.split()
        if not (_TITLE_MIN_WORDS <= len(words) <= _TITLE_MAX_WORDS):
            continue
        if any(m.start <= match.start() and match.end() <= m.end for m in marked):
            continue
        if author and author in line and line.lower().startswith("by "):
            continue
        return line
    return None
