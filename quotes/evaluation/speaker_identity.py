"""Speaker identity: does a claim's `speaker.name` name the entity meant?

Gold is JSON Lines, one attribution a line (../shared/README.md):
`{"id": article id, "q": index into that article's "quotes", "source":
"pronoun" | "named", "referent": fullest name or null, "kind": "person" |
"organization" | "group" | "unnamed" | "document" | "unresolvable", "sure"}`.

Definitions (also printed above the table):

Scored
    The gold quotes matched to a claim (the quote-detection matching of
    `quotes.evaluation.evaluate`) whose referent is a person or an organization with a
    name. Pronoun sources ("he", "who") and named ones ("Mr. Clyburn", "the
    senator") are reported apart, and again for the referents marked sure.
Same entity
    Both names are put into words: without case, possessive 's, a leading
    "the"/"a"/"an" or honorific, dots inside a word ("F.B.I." is "FBI"),
    other punctuation, middle initials ("Donald J. Trump") and a last
    Jr./Sr./II/III/IV ("Joseph R. Biden Jr."); a quoted nickname also stands
    for the names before it ('Robert C. "Bobby" Scott' is "Bobby Scott").
    Then the words of one end the other's ("Clinton" for "Hillary Clinton",
    never "Bill Clinton"); or one is a lone first name of the other
    ("Hillary"); or one is the acronym of the other, which may leave out
    to/of/the/and/for/on/in/& ("SEIU"; "AROS" for "Alliance to Reclaim Our
    Schools"); or the referent names two ("A and B") and the name is either.
Right / wrong entity / no name
    The claim gives a name that is the same entity / another entity / none.
    "of names given, right" = right / (right + wrong entity).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..corpus.lines import Line, decode_line, input_name, is_blank, open_lines
from ..errors import Location, QuotesError
from .gold import GoldArticle
from .matching import claim_spans, match
from .mistakes import spread
from .report import shorten
from .speakers import is_punctuation, normalise_speaker
from .tables import rounded

SCORED_KINDS = frozenset(("person", "organization"))
SOURCES = ("pronoun", "named")
# Words an acronym may leave out: "FBI" is the Federal Bureau of Investigation.
_ACRONYM_SKIPS = frozenset(("to", "of", "the", "and", "for", "on", "in", "&"))
_INITIAL = re.compile(r"\w\.?")  # a middle initial: "J." in "Donald J. Trump"
_SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv"))
_NICKNAME = re.compile(r'["\u201c\u201d]([^"\u201c\u201d]+)["\u201c\u201d]')
_POSSESSIVE = re.compile(r"(?<=\w)['\u2019]s\b")  # "Donald Trump's campaign"
_BOTH = re.compile(r"\s+(?:and|&)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Referent:
    """The entity behind one gold attribution's source."""

    article: str
    quote: int
    source: str
    name: str | None
    kind: str
    sure: bool


def referent(obj: Mapping[str, Any], line: int) -> Referent:
    """A referent from its decoded JSON line (E021 for a field of the wrong type)."""
    checks = (("id", str, "a string"), ("q", int, "a whole number"), ("source", str, "a string"), ("kind", str, "a string"))
    for name, kind, said in checks:
        value = obj.get(name)
        if not isinstance(value, kind) or isinstance(value, bool):
            raise QuotesError("E021", line=line, field=name, kind=said)
    named = obj.get("referent")
    if named is not None and not isinstance(named, str):
        raise QuotesError("E021", line=line, field="referent", kind="a string or null")
    if not isinstance(obj.get("sure", True), bool):
        raise QuotesError("E021", line=line, field="sure", kind="true or false")
    return Referent(obj["id"], obj["q"], obj["source"], named or None, obj["kind"], obj.get("sure", True))


def read_referents(lines: Iterable[Line], where: str = "speakers") -> dict[tuple[str, int], Referent]:
    found: dict[tuple[str, int], Referent] = {}
    for number, line in enumerate(lines, 1):
        if is_blank(line):
            continue
        try:
            item = referent(decode_line(line, number), number)
        except QuotesError as exc:
            exc.location = Location(where)
            raise
        found[(item.article, item.quote)] = item
    return found


def load_referents(path: str) -> dict[tuple[str, int], Referent]:
    with open_lines(path) as lines:
        return read_referents(lines, input_name(path))


# --- same entity -------------------------------------------------------------


def _forms(text: str) -> list[list[str]]:
    """The name's words, and with a quoted nickname also the nickname and the
    words after it: 'Robert C. "Bobby" Scott' -> robert scott, bobby scott."""
    nickname = _NICKNAME.search(text)
    if not nickname:
        return [_words(text)]
    return [_words(text[: nickname.start()] + text[nickname.end() :]), _words(nickname[1] + text[nickname.end() :])]


def _words(text: str) -> list[str]:
    """Normalised words without middle initials, possessive 's or a last
    Jr./Sr./II/III/IV; dots inside a word go ("F.B.I." -> "fbi"), other punctuation splits."""
    folded = _POSSESSIVE.sub("", re.sub(r"(?<=\w)\.(?=\w)", "", normalise_speaker(text))).split()
    kept = [w for i, w in enumerate(folded) if not (0 < i < len(folded) - 1 and _INITIAL.fullmatch(w))]
    # "&" stays a word: "AT&T", "A & B".
    words = "".join(" " if is_punctuation(c) and c != "&" else c for c in " ".join(kept)).split()
    return words[:-1] if len(words) > 1 and words[-1] in _SUFFIXES else words


def _acronym_of(short: str, words: Sequence[str]) -> bool:
    """Initials of the words, each small word's optional: "aros" for "alliance
    to reclaim our schools"."""
    pattern = "".join(re.escape(w[0]) + ("?" if w in _ACRONYM_SKIPS else "") for w in words)
    return len(short) >= 2 and len(words) >= 2 and re.fullmatch(pattern, short) is not None


def _same_words(a: list[str], b: list[str]) -> bool:
    if not a or not b:
        return False
    shorter, longer = sorted((a, b), key=len)
    if longer[len(longer) - len(shorter) :] == shorter:
        return True  # "Clinton" ends "Hillary Clinton"
    if len(shorter) == 1 and longer[0] == shorter[0]:
        return True  # a lone first name
    return len(shorter) == 1 and _acronym_of(shorter[0], longer)


def same_entity(name: str | None, referent_name: str | None) -> bool:
    """Whether a resolved name names the referent (see module doc)."""
    if not name or not referent_name:
        return False
    parts = _BOTH.split(referent_name)
    wholes = [referent_name] if len(parts) == 1 else [referent_name, *parts]
    return any(_same_words(a, b) for a in _forms(name) for whole in wholes for b in _forms(whole))


# --- scores ------------------------------------------------------------------


@dataclass
class IdentityRow:
    right: int = 0
    wrong: int = 0
    no_name: int = 0

    @property
    def total(self) -> int:
        return self.right + self.wrong + self.no_name

    @property
    def share_right(self) -> float:
        return _share(self.right, self.total)

    @property
    def share_wrong(self) -> float:
        return _share(self.wrong, self.total)

    @property
    def share_no_name(self) -> float:
        return _share(self.no_name, self.total)

    @property
    def given_right(self) -> float:
        return _share(self.right, self.right + self.wrong)

    def add(self, outcome: str) -> None:
        setattr(self, outcome, getattr(self, outcome) + 1)

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "right": self.right,
            "wrong_entity": self.wrong,
            "no_name": self.no_name,
            **rounded(self, "share_right", "share_wrong", "share_no_name", "given_right"),
        }


def _share(part: int, whole: int) -> float:
    return part / whole if whole else 0.0


@dataclass
class Identity:
    rows: dict[str, IdentityRow] = field(default_factory=dict)
    unscored: int = 0  # matched gold quotes whose referent is not a named person or organization
    examples: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rows": {label: row.to_dict() for label, row in self.rows.items()},
            "unscored": self.unscored,
            "examples": list(self.examples),
        }


ROW_LABELS = ("pronoun", "named", "all", "pronoun, sure", "named, sure", "all, sure")


def outcome(name: str | None, referent_name: str) -> str:
    if not name:
        return "no_name"
    return "right" if same_entity(name, referent_name) else "wrong"


def score_identity(
    gold: Sequence[GoldArticle],
    records: Iterable[Mapping[str, Any]],
    referents: Mapping[tuple[str, int], Referent],
    errors: int = 0,
) -> Identity:
    """Identity of the named speakers of matched quotes (see module doc)."""
    by_id = {record.get("id"): record for record in records}
    identity = Identity(rows={label: IdentityRow() for label in ROW_LABELS})
    wrong: list[dict[str, Any]] = []
    for article in gold:
        record = by_id.get(article.id) or {}
        claims = [] if record.get("error") else list(record.get("claims") or [])
        found = match([q.spans for q in article.quotes], [claim_spans(c) for c in claims])
        for g, c in sorted(found.pairs):
            gold_referent = referents.get((article.id, g))
            if gold_referent is None:
                continue
            if gold_referent.kind not in SCORED_KINDS or not gold_referent.name:
                identity.unscored += 1
                continue
            speaker = claims[c].get("speaker") or {}
            result = outcome(speaker.get("name"), gold_referent.name)
            labels = [gold_referent.source, "all"]
            if gold_referent.sure:
                labels += [f"{label}, sure" for label in labels]
            for label in labels:
                if label in identity.rows:
                    identity.rows[label].add(result)
            if result == "wrong":
                wrong.append(_wrong_entity(article, g, claims[c], gold_referent))
    identity.examples = spread(wrong, errors)
    return identity


def _wrong_entity(article: GoldArticle, index: int, claim: Mapping[str, Any], gold: Referent) -> dict[str, Any]:
    speaker = claim.get("speaker") or {}
    mention = speaker.get("mention") or {}
    return {
        "article": article.id,
        "claim": claim.get("id"),
        "q": index,
        "source": gold.source,
        "gold_speaker": article.quotes[index].speaker,
        "referent": gold.name,
        "mention": mention.get("text"),
        "name": speaker.get("name"),
        "resolution": speaker.get("resolution"),
        "content": article.quotes[index].content,
    }


HEADER = """\
speaker identity: matched quotes whose source is a named person or organization (gold referents);
  right = the name is the same entity (case, punctuation, honorifics, middle initials, Jr./Sr./II/III
  dropped; a quoted nickname for the first names; one ends the other; a lone first name; an acronym,
  small words optional; either of "A and B"); given = right + wrong entity"""


def format_identity(identity: Identity) -> str:
    lines = [
        HEADER,
        "",
        f"{'':16}{'n':>6}{'right':>8}{'wrong':>8}{'no name':>9}{'given right':>13}",
    ]
    for label, row in identity.rows.items():
        lines.append(
            f"  {label:14}{row.total:>6}{row.share_right:>8.3f}{row.share_wrong:>8.3f}"
            f"{row.share_no_name:>9.3f}{row.given_right:>13.3f}"
        )
    lines.append(f"  {identity.unscored} matched quotes have a group, unnamed or document source (not scored)")
    if identity.examples:
        lines += ["", f"wrong entities ({len(identity.examples)}):"]
        for item in identity.examples:
            lines.append(
                f"- {item['article']} {item['claim']} [{item['source']}] gold: {shorten(item['gold_speaker'], 60)}"
                f" -> {shorten(item['referent'], 60)} | mention: {shorten(item['mention'], 60)} | name: {shorten(item['name'], 60)}"
                f" ({item['resolution'] or '-'})"
            )
            lines.append(f"    content: {shorten(item['content'], 160)}")
    return "\n".join(lines) + "\n"
