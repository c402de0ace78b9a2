"""Find attribution cues in a parsed Doc: the words that say someone said it.

A cue knows where it stands, who its grammatical speaker is and, when the
parse shows one, the clause it reports. Pairing cues with quotation marks is
attribute.py's job; this package only reads the parse. Reporting verbs,
reporting nouns and cue phrases come from the rules and compile to one spaCy
Matcher.

One idea a module:

- patterns: the Matcher built from the rules, and its matches by kind;
- verbs, nouns, phrases, colons: the reader for each kind of candidate;
- speakers: who speaks at a cue, and the words that name them;
- complements: what a reporting verb reports; spans: where content ends;
- relay: the outlet that relayed a quote;
- neighbours: how the cues of a sentence share its words;
- finder: CueFinder, which runs them all; cue: the Cue record.
"""

from __future__ import annotations

from .complements import clause_content
from .cue import Cue
from .finder import CueFinder
from .grammar import RELATIVE_PRONOUNS, SUBJECT_DEPS
from .nouns import noun_content, noun_source
from .patterns import COLON_KEY, HEADLINE_KEY, NOUN_KEY, VERB_KEY
from .relay import relay_of
from .speakers import antecedent_of, speaker_mention, speaker_phrase_end, subject_of

__all__ = [
    "COLON_KEY",
    "HEADLINE_KEY",
    "NOUN_KEY",
    "RELATIVE_PRONOUNS",
    "SUBJECT_DEPS",
    "VERB_KEY",
    "Cue",
    "CueFinder",
    "antecedent_of",
    "clause_content",
    "noun_content",
    "noun_source",
    "relay_of",
    "speaker_mention",
    "speaker_phrase_end",
    "subject_of",
]
