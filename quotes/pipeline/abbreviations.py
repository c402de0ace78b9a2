"""Title abbreviations the rules list kept as one token.

The English tokenizer keeps "Gen." and "Sen." whole but splits "Capt.",
"Lt." and "Sens." into a word and a full stop, which the parser takes for
the end of a sentence: "said Navy Capt. | Jeff Davis" loses the speaker's
name. A special case for each abbreviation the rules list keeps it whole,
as the tokenizer keeps the ones it knows, and `line_sentencizer` starts no
sentence after one. Offsets are untouched.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.attrs import ORTH  # type: ignore[import-not-found]  # compiled; spaCy ships no stub
from spacy.language import Language

from ..rules.ruleset import RuleSet


def written_abbreviations(rules: RuleSet) -> list[str]:
    """The rules' titles that end in a full stop, as they stand before a
    name: "Mr.", "Sen.", and "Capt." for the casefolded "capt."."""
    listed = {t for t in rules.honorifics | rules.titles if t.endswith(".")}
    listed |= {t[0].upper() + t[1:] for t in rules.title_abbreviations if t.endswith(".") and len(t) > 2}
    return sorted(listed)


def keep_abbreviations_whole(nlp: Language, abbreviations: Iterable[str]) -> None:
    """Each abbreviation one token from now on."""
    add = getattr(nlp.tokenizer, "add_special_case", None)
    if add is None:
        return  # a custom tokenizer keeps its own rules
    for written in abbreviations:
        if len(nlp.tokenizer(written)) > 1:
            add(written, [{ORTH: written}])
