"""The word classes that several cue readers share: who a verb's subject is,
what a relative pronoun is, what dates a phrase, what sets a phrase off.

Kept apart so that speakers, complements and the cues that trail each other
read them from one place and agree on them.
"""

from __future__ import annotations

SUBJECT_DEPS = {"nsubj", "nsubjpass"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
# A prepositional object says what a stance is about ("called FOR an
# inquiry"), unless it says when it was taken ("declared IN THE 1970S").
TIME_ENTITIES = {"DATE", "TIME"}
# Dashes that set a phrase off as a comma does: "... — adding that ...". The
# double hyphen is how plain-text copy types an em dash.
DASHES = {"—", "–", "--"}
# A lone hyphen too, between a clause and the cue tacked on it; not where a
# reported clause ends: the tokenizer splits hyphenated words ("cost-cutting")
# round a hyphen of their own, which sets nothing off.
SET_OFF = {",", ";", *DASHES, "-"}
