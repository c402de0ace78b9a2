"""A person's gender, from the evidence an article gives, strongest first.

1. a gender word where the person is named: an honorific or gendered title
   before the name ("Mrs. Clinton", "Congresswoman Ruiz") or a gendered role
   ("Dunn, a spokeswoman for ..."); the words live in the rule files;
2. the article's own link: the person is a clause's subject and the first
   personal pronoun after it in that clause is gendered ("Okafor said her
   office ...");
3. the first name, from the 1990 US Census lists of first names (the `names`
   package): a name borne by one sex at least eight times as often as by the
   other ("Maria", "John"), and by at least 0.004% of it; "Jordan" or
   "Taylor" say nothing, nor do surnames the lists hold as rare given names
   ("Yang Cheng": Yang is his surname).

Unknown stays unknown: a candidate of unknown gender is kept for any pronoun.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources

from spacy.tokens import Span, Token

from ..rules.ruleset import RuleSet
from .people import SUBJECT_DEPS

MALE = "male"
FEMALE = "female"
GENDERS = (MALE, FEMALE)
# Evidence below a gender word that disagrees decides when the first name's
# side has this many times as many pieces as the other.
OUTWEIGH = 2
# How much more often one sex bears a first name before it tells the gender.
FIRST_NAME_RATIO = 8.0
# The least share of that sex (in percent) that bears it: rarer entries are
# mostly surnames written first ("Yang", "Wei", "Li": 0.002%), not given names.
FIRST_NAME_MIN_SHARE = 0.004


class Strength:
    """Evidence ranks: a stronger kind overrides a weaker one."""

    FIRST_NAME = 1
    PRONOUN_LINK = 2
    GENDER_WORD = 3


@dataclass(frozen=True)
class GenderEvidence:
    gender: str
    strength: int
    why: str  # shown by `quotes explain`: "Mrs. before the name", "first name Maria"


@cache
def _first_names() -> dict[str, str]:
    """Upper-case first name -> gender, for names one sex dominates."""
    shares: dict[str, dict[str, float]] = {}
    for gender in GENDERS:
        listing = resources.files("names").joinpath(f"dist.{gender}.first").read_text(encoding="ascii")
        for line in listing.splitlines():
            fields = line.split()
            if len(fields) >= 2:
                shares.setdefault(fields[0], {})[gender] = float(fields[1])
    decided = {}
    for name, by_gender in shares.items():
        male, female = by_gender.get(MALE, 0.0), by_gender.get(FEMALE, 0.0)
        if male >= FIRST_NAME_RATIO * female and male >= FIRST_NAME_MIN_SHARE:
            decided[name] = MALE
        elif female >= FIRST_NAME_RATIO * male and female >= FIRST_NAME_MIN_SHARE:
            decided[name] = FEMALE
    return decided


@cache
def _all_first_names() -> frozenset[str]:
    names = set()
    for gender in GENDERS:
        listing = resources.files("names").joinpath(f"dist.{gender}.first").read_text(encoding="ascii")
        names |= {line.split()[0] for line in listing.splitlines() if line.strip()}
    return frozenset(names)


@cache
def _surnames() -> frozenset[str]:
    listing = resources.files("names").joinpath("dist.all.last").read_text(encoding="ascii")
    return frozenset(line.split()[0] for line in listing.splitlines() if line.strip())


def is_census_name(word: str) -> bool:
    """Whether the census lists the word as a first name or a surname."""
    key = word.strip(".").upper()
    return key in _all_first_names() or key in _surnames()


def is_first_name(word: str) -> bool:
    """Whether the census lists the word as a first name, of either sex."""
    return word.strip(".").upper() in _all_first_names()


def first_name_gender(first_name: str) -> str | None:
    """The gender a first name says, or None ("Jordan", "Yang", "Okafor")."""
    return _first_names().get(first_name.strip(".").upper())


def decide(evidence: list[GenderEvidence]) -> GenderEvidence | None:
    """The strongest evidence. A gender word outranks the rest; below it,
    evidence that disagrees leaves the gender unknown ("Melanie" and a stray
    "his" after her name say nothing for sure) unless the side the first
    name takes has at least OUTWEIGH times as many pieces ("Hillary", a
    "she" and a stray "his"). Pronouns alone never outvote a first name:
    "Comey said her answers ..." is about someone else, however often."""
    if not evidence:
        return None
    strongest = max(e.strength for e in evidence)
    top = [e for e in evidence if e.strength == strongest]
    considered = top if strongest == Strength.GENDER_WORD else evidence
    votes = Counter(e.gender for e in considered)
    if len(votes) > 1:
        (winner, most), (_, next_most) = votes.most_common(2)
        named = any(e.gender == winner and e.strength == Strength.FIRST_NAME for e in considered)
        if strongest == Strength.GENDER_WORD or not named or most < OUTWEIGH * next_most:
            return None
        return max((e for e in considered if e.gender == winner), key=lambda e: e.strength)
    return top[0]


# --- the evidence in the parse ------------------------------------------------


def gender_word_at(ent: Span, rules: RuleSet) -> Token | None:
    """ "Mrs. Harlan", "Congresswoman Ruiz": a gender word just before the
    name, or as the entity's own first word."""
    doc = ent.doc
    for index in (ent.start, ent.start - 1):
        if 0 <= index < len(doc) and doc[index].lower_ in rules.gender_words:
            if index < ent.start or len(ent) > 1:
                return doc[index]
    return None


def gender_word_before(ent: Span, rules: RuleSet) -> GenderEvidence | None:
    """The evidence of a gender word where the person is named (see `gender_word_at`)."""
    word = gender_word_at(ent, rules)
    if word is None:
        return None
    return GenderEvidence(rules.gender_words[word.lower_], Strength.GENDER_WORD, f"{word.text!r} before the name")


def described_as(words: Iterable[str], rules: RuleSet) -> list[GenderEvidence]:
    """The gendered words among those the article describes a person by
    ("spokeswoman", "congressman")."""
    found = []
    for word in words:
        gender = rules.gender_words.get(word)
        if gender is not None:
            found.append(GenderEvidence(gender, Strength.GENDER_WORD, f"described as {word!r}"))
    return found


# Clauses with a speaker or a subject of their own: a possessive there is not
# necessarily the subject's ("Trump said her emails ...", "the aide who ...").
OWN_CLAUSE_DEPS = {"ccomp", "relcl", "advcl", "parataxis", "conj", "acl", "csubj"}


def pronoun_link(
    root: Token,
    named: str,
    rules: RuleSet,
    in_quote: Callable[[int], bool],
    gender_at: Callable[[Token], str | None] = lambda _: None,
) -> GenderEvidence | None:
    """ "Okafor said she ...", "Okafor said her office ...": the subject of
    the clause a subject's verb reports is a gendered pronoun, or is
    owned by one, outside quotes, with no one between who may be what the
    pronoun means; so is the owner of a partner ("Okafor and her husband"). `root` is the subject's head, `named` its words as
    written; `gender_at` tells the gender known of a person named at a token."""
    for partner in root.children:
        # "Ebeling and her husband": the partner's owner is the name.
        if partner.dep_ != "conj" or in_quote(partner.idx):
            continue
        for word in partner.children:
            gender = _pronoun_gender(word, rules)
            if gender is not None and word.dep_ == "poss" and not _someone_between(root, word, rules, gender_at):
                return GenderEvidence(gender, Strength.PRONOUN_LINK, f"{named} and {word.text} {partner.text}")
    verb = root.head
    for word in _own_clause_owners(verb, root, in_quote):
        # "Henning thanked Halabi in his speech", "Sanders released details
        # of his plan": a possessive in the verb's own clause is the subject's.
        gender = _pronoun_gender(word, rules)
        if gender is not None and not _someone_between(root, word, rules, gender_at):
            return GenderEvidence(gender, Strength.PRONOUN_LINK, f"{named} ... {word.text} {word.head.text}")
    # "Eze went on to say that her staff ...": through the verbs the
    # subject's verb runs on into, which have no subject of their own.
    verbs = [verb, *(c for c in verb.children if c.dep_ in {"xcomp", "advcl"} and not _has_subject(c))]
    for clause in (c for v in verbs for c in v.children):
        if clause.dep_ != "ccomp" or in_quote(clause.idx):
            continue
        for subject in clause.children:
            if subject.dep_ not in SUBJECT_DEPS:
                continue
            owners = [subject, *(c for c in subject.children if c.dep_ == "poss")]
            for word in owners:
                gender = _pronoun_gender(word, rules)
                if gender is not None and not _someone_between(root, word, rules, gender_at):
                    return GenderEvidence(gender, Strength.PRONOUN_LINK, f"{named} said {word.text!r} ...")
    return None


def gender_said_after(
    ent: Span,
    rules: RuleSet,
    in_quote: Callable[[int], bool],
    gender_at: Callable[[Token], str | None],
) -> GenderEvidence | None:
    """The gender a pronoun gives a subject's name as its sentence goes on
    ("Woods said she ..."): `pronoun_link`, but never through a clause
    before the name, which may be a misparse ("He added ..., should Clinton
    attempt ..." read as what Clinton does)."""
    if any(c.dep_ == "ccomp" and c.i < ent.start for c in ent.root.head.children):
        return None
    return pronoun_link(ent.root, ent.text, rules, in_quote, gender_at)


def _someone_between(subject: Token, pronoun: Token, rules: RuleSet, gender_at: Callable[[Token], str | None]) -> bool:
    """Whether a person who may be what `pronoun` means is named, or
    another pronoun of its gender stands, between the subject and it:
    "Trump attacked Clinton for her support" (but not "Henning thanked
    Nora Halabi in his speech")."""
    gender = _pronoun_gender(pronoun, rules)
    for token in subject.doc[subject.right_edge.i + 1 : pronoun.i]:
        if token.ent_type_ == "PERSON" and gender_at(token) in (None, gender):
            return True
        if _pronoun_gender(token, rules) == gender:
            return True
    return False


def _own_clause_owners(verb: Token, subject: Token, in_quote: Callable[[int], bool]) -> Iterator[Token]:
    """The possessive words of `verb`'s own clause after its subject, outside
    quotes: not in a clause of its own ("that her staff ..." is a ccomp),
    nor in the subject itself."""
    for child in verb.children:
        if child.i < subject.i or child.dep_ in SUBJECT_DEPS | OWN_CLAUSE_DEPS | {"attr"} or in_quote(child.idx):
            continue  # "Clarkston became HIS home": the predicate is someone else's
        if child.dep_ == "xcomp" and _has_subject(child):
            continue
        yield from (t for t in child.subtree if t.dep_ == "poss" and not in_quote(t.idx) and not _in_own_clause(t, child))


def _in_own_clause(token: Token, top: Token) -> bool:
    """Whether a clause of its own lies between `token` and `top` (a relative clause, a complement)."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ in OWN_CLAUSE_DEPS or (token.pos_ in {"VERB", "AUX"} and _has_subject(token)):
            return True
        token = token.head
    return False


def _has_subject(verb: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS for c in verb.children)


def _pronoun_gender(word: Token, rules: RuleSet) -> str | None:
    gender = rules.pronouns.get(word.lower_)
    return gender if gender in GENDERS else None
