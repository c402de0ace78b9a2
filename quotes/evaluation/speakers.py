"""Whether a predicted speaker names the gold speaker.

The gold writes speakers as an annotator saw them ("Mr. Barrett", "Artyom
Lukin, a professor at ..."), a record as the text names them ("Kevin
Barrett", "Lukin"): both are normalised, then one may end the other, also
with the gold's head before a comma or parenthesis (see `evaluate`).
"""

from __future__ import annotations

import re
import unicodedata

# Relative pronouns too: the gold writes "who" where a record names the person.
PRONOUNS = frozenset("he she they it we i you him her them his their its who whom which that".split())
DETERMINERS = frozenset(("the", "a", "an"))
# Dropped like determiners: the gold writes "Mr. Barrett" where a name is "Kevin Barrett".
HONORIFICS = frozenset(("mr", "mrs", "ms", "miss", "mx", "dr", "mr.", "mrs.", "ms.", "mx.", "dr."))
_LEADING = DETERMINERS | HONORIFICS
_HEAD_ENDS = re.compile(r"[,(]")
_POSSESSIVES = ("'s", "\u2019s")


def normalise_speaker(text: str | None) -> str:
    """Casefolded, without surrounding punctuation, possessive 's or leading
    determiners and honorifics, spaces collapsed: "The President’s" ->
    "president", "Mr. Barrett" -> "barrett"."""
    words = " ".join((text or "").casefold().split())
    while True:
        before = words
        words = _strip_punctuation(words)
        for possessive in _POSSESSIVES:
            if words.endswith(possessive):
                words = words[: -len(possessive)]
        if words == before:
            break
    tokens = words.split()
    while len(tokens) > 1 and tokens[0] in _LEADING:
        tokens = tokens[1:]
    return " ".join(tokens)


def _strip_punctuation(text: str) -> str:
    start, end = 0, len(text)
    while start < end and is_punctuation(text[start]):
        start += 1
    while end > start and is_punctuation(text[end - 1]):
        end -= 1
    return text[start:end]


def is_punctuation(char: str) -> bool:
    return char.isspace() or unicodedata.category(char)[0] in "PS"


def _ends_with(longer: list[str], shorter: list[str]) -> bool:
    return 0 < len(shorter) <= len(longer) and longer[len(longer) - len(shorter) :] == shorter


def speaker_right(predicted: str | None, gold: str | None) -> bool:
    """Whether a predicted speaker string names the gold speaker (see module doc)."""
    s, g = normalise_speaker(predicted), normalise_speaker(gold)
    if not s or not g:
        return False
    s_words, g_words = s.split(), g.split()
    if s == g or _ends_with(s_words, g_words) or _ends_with(g_words, s_words):
        return True
    if gold and _HEAD_ENDS.search(gold):
        head = normalise_speaker(_HEAD_ENDS.split(gold, 1)[0]).split()
        return _ends_with(head, s_words) or _ends_with(s_words, head)
    return False


def is_pronoun(speaker: str | None) -> bool:
    return normalise_speaker(speaker) in PRONOUNS
