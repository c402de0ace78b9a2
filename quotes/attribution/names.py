"""Reading and matching names: the words of a name the entity recogniser
found, with the titles, possessives and stray words it ran into them taken
off; the names it misread under other labels; title-case headlines, where it
takes any capitalised word for a name; and which known people a written name
can mean (the same name, its surname or given name alone, or a typo of a
surname).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from spacy.tokens import Span, Token

from ..rules.ruleset import RuleSet
from .entity import Entity
from .gender import is_first_name
from .people import PERSON, SUBJECT_DEPS, entity_of, normalise_name

# Labels the small model gives a person's name it misreads ("Ines Arrowsmith"
# as a PRODUCT); an organisation or place label is trusted.
MISREAD_NAME_LABELS = {"PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "LANGUAGE", "FAC"}
# Tags of words the entity recogniser runs into a name that are not part of
# it: "Crooked Hillary Clinton", "Injecting Clinton", "Obama Says".
NOT_NAME_TAGS = {"JJ", "JJR", "JJS", "VB", "VBD", "VBG", "VBN", "VBP", "VBZ", "RB", "IN", "DT", "CD"}
# A headline in title case: the entity recogniser runs verbs and nouns into
# names there ("Obama Says", "Obama Speech"), so its names only link to
# people the body names.
_TITLE_CASE_MIN_WORDS = 3
# A lone name this long or longer, one letter off a known surname, is a typo for it.
MIN_MISSPELLED_LENGTH = 6


def clean_name(ent: Span, text: str, rules: RuleSet) -> list[str]:
    """The words of a name: no honorific or title before it, no
    possessive, no adjective or verb the recogniser ran into it."""
    tokens = [t for t in ent if not t.is_space and t.tag_ != "POS" and t.dep_ != "case"]
    while tokens and (tokens[0].text in rules.name_prefixes or tokens[0].lower_ in rules.gender_words):
        tokens = tokens[1:]
    while len(tokens) > 1 and (tokens[0].tag_ in NOT_NAME_TAGS or _epithet(tokens[0], len(tokens)) or _question_modal(tokens[0])):
        tokens = tokens[1:]
    while len(tokens) > 1 and tokens[-1].tag_ in NOT_NAME_TAGS - {"IN", "DT", "CD"}:
        tokens = tokens[:-1]
    if not tokens:
        return []
    name = text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
    return normalise_name(name, rules.name_prefixes).split()


def _question_modal(token: Token) -> bool:
    """A question's modal the recogniser runs into the name after it:
    "Will Sanders come down ...?" (but "Will Doyle said")."""
    return token.tag_ == "MD" and token.dep_ == "aux" and token.head.tag_ == "VB" and token.head.i > token.i + 1


def _epithet(token: Token, name_length: int) -> bool:
    """A participle the tagger reads as part of a name: "Injecting Clinton's
    marital troubles", "Crooked Hillary Clinton" (no census first name)."""
    word = token.lower_
    if is_first_name(word):
        return False
    return word.endswith("ing") or (word.endswith("ed") and name_length >= 3)


def misread_name(ent: Span) -> bool:
    """A first name and surname under a wrong label, as the subject of a
    sentence: "Ines Arrowsmith told reporters"."""
    return (
        ent.label_ in MISREAD_NAME_LABELS
        and 2 <= len(ent) <= 3
        and all(t.pos_ == "PROPN" and t.is_title and t.is_alpha for t in ent)
        and ent.root.dep_ in SUBJECT_DEPS
    )


def past_boilerplate(ents: Sequence[Span], skipped: Sequence[tuple[int, int]]) -> list[Span]:
    """Names without the boilerplate the recogniser ran into them: the
    dateline of "CLEVELAND - Donald Trump painted ..." is no part of the
    name, and the rest, opening with a first name, is a person's."""
    kept = []
    for ent in ents:
        end = next((e for s, e in skipped if s <= ent.start_char < e < ent.end_char), None)
        if end is not None:
            rest = [t for t in ent if t.idx >= end and not t.is_punct]
            if not rest:
                continue
            label = PERSON if is_first_name(rest[0].lower_) and len(rest) > 1 else ent.label_
            ent = Span(ent.doc, rest[0].i, ent.end, label=label)
        kept.append(ent)
    return kept


def with_article(entity: Span) -> str:
    """NER leaves out a leading "The" that belongs to the name ("The Post")."""
    before = entity.doc[entity.start - 1] if entity.start > 0 else None
    if before is not None and before.lower_ == "the" and before.text[0].isupper():
        return f"{before.text} {entity.text}"
    return entity.text


def joined_names(ents: Sequence[Span]) -> list[Span]:
    """Organization names, each one name where the recogniser split it in
    two at "for" or "of": "the U.S. Court of Appeals" + "for" + "the Sixth
    Circuit" is one court."""
    joined: list[Span] = []
    for ent in sorted(ents, key=lambda e: e.start):
        if joined:
            last = joined[-1]
            doc = ent.doc
            if ent.start == last.end + 1 and doc[last.end].lower_ in {"for", "of"}:
                joined[-1] = doc[last.start : ent.end]
                continue
        joined.append(ent)
    return joined


def org_key(name: str) -> str:
    """What two names of one organization share: "The Post" is "Post"."""
    return " ".join(w for w in name.casefold().split() if w != "the")


# Words an acronym leaves out: "the Federal Bureau of Investigation" is the FBI.
ACRONYM_SKIPS = {"the", "of", "for", "and", "&", "on", "in"}


def acronym(word: str) -> str | None:
    """ "SEC", "S.E.C.", "IMF": the letters of a word written as an
    acronym (two to six capitals, perhaps with dots), or None."""
    letters = word.replace(".", "")
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        return letters
    return None


def initials(name: str) -> str:
    """ "The Securities and Exchange Commission": SEC."""
    words = [w for w in re.split(r"[\s-]+", name) if w and w.casefold() not in ACRONYM_SKIPS]
    return "".join(w[0] for w in words if w[0].isupper()) if all(w[0].isupper() for w in words) else ""


def is_title_case(sent: Span) -> bool:
    """Every word of four letters or more capitalised: "Obama Sees Progress
    In Climate Talks" (a sentence has its verbs in lower case)."""
    words = [t for t in sent if t.is_alpha and len(t) > 3]
    return (
        len(words) >= _TITLE_CASE_MIN_WORDS
        and not opens_with_dash(sent)  # "― Ilse Varga-Toomey" signs a quote
        and all(t.text[0].isupper() for t in words)
        and any(t.ent_type_ != PERSON for t in words)  # a line that is only a name is a signature
    )


def opens_with_dash(sent: Span) -> bool:
    """The line starts with a dash, as a signature under a quote does."""
    first = next((t for t in sent if not t.is_space), None)
    return first is not None and all(unicodedata.category(c) == "Pd" for c in first.text)


def bearing_name(people: Sequence[Entity], words: list[str]) -> list[Entity]:
    """People whose name is these words, or else ends with them, or else
    starts with them."""
    folded = [w.casefold() for w in words]
    if not folded:
        return []
    exact = [p for p in people if p.folded == folded]
    if exact:
        return exact
    size = len(folded)
    longer = [p for p in people if size < len(p.folded)]
    # A surname before a given name: "Trump" is Donald Trump, not Trump Tower.
    by_surname = [p for p in longer if p.folded[-size:] == folded]
    return by_surname or [p for p in longer if p.folded[:size] == folded]


def with_full_name(people: Sequence[Entity], words: list[str]) -> Entity | None:
    """The person of exactly these names, or of the same first name and surname."""
    folded = [w.casefold() for w in words]
    for person in people:
        if person.folded == folded:
            return person
    # "Hillary Rodham Clinton" after "Hillary Clinton": same first name and surname.
    for person in people:
        if len(person.folded) > 1 and person.folded[0] == folded[0] and person.folded[-1] == folded[-1]:
            return person
    return None


def called_by_surname_after(people: Sequence[Entity], words: list[str], start: int) -> Entity | None:
    """The one person the article calls only by this full name's surname,
    every time after `start` ("Mehmet Oz — surgeon ... Oz's show", a full
    name the recogniser missed): news names someone in full first, so a
    full name after the surname ("Trump ... Ivanka Trump") is someone else."""
    surname = words[-1].casefold()
    found = [p for p in people if p.folded == [surname] and p.mentions and p.mentions[0].start > start]
    return found[0] if len(found) == 1 else None


def misspelled_surname_of(people: Sequence[Entity], word: str) -> list[Entity]:
    """A lone name the article never introduced, one letter off the
    surname of one person it did ("McLenney" for Tyresha McClenney): a
    typo for it. Short names are left alone: "Cohn" is not "Cohen"."""
    if len(word) < MIN_MISSPELLED_LENGTH:
        return []
    found = [p for p in people if len(p.folded) > 1 and one_edit_apart(word.casefold(), p.folded[-1])]
    return found if len(found) == 1 else []


def one_edit_apart(a: str, b: str) -> bool:
    """One letter changed, added, dropped, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        differ = [i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y]
        if len(differ) == 1:
            return True
        if len(differ) != 2 or differ[1] != differ[0] + 1:
            return False
        first, second = differ
        return a[first] == b[second] and a[second] == b[first]
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def with_shared_surname(ent: Span, words: list[str], surnames: set[str]) -> list[str]:
    """A first name coordinated with a full name shares its surname:
    "Khizr and Ghazala Khan" names Khizr Khan. Not one of `surnames`
    ("Trump and Hillary Clinton")."""
    if len(words) != 1 or words[0].casefold() in surnames:
        return words
    doc = ent.doc
    if ent.end + 2 >= len(doc) or doc[ent.end].lower_ != "and":
        return words
    partner = entity_of(doc[ent.end + 1])
    if partner is None or partner.label_ != PERSON or partner.start != ent.end + 1 or len(partner) < 2:
        return words
    surname = partner[-1]
    if surname.dep_ != "conj" or surname.head.i != ent.root.i or not surname.is_title:
        return words
    return [words[0], surname.text]
