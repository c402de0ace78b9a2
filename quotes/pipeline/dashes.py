"""Dashes the English models never saw, read as the dash they stand for.

Some outlets sign quotes and set off asides with the horizontal bar (U+2015)
or the figure dash (U+2012). The tokenizer does not split them from a
neighbouring quote mark ("”―"), and the tagger, meeting an unknown
character, tags it as a word, which derails the parse of the whole sentence.
Splitting them like an em dash and giving them the em dash's norm, prefix,
suffix and shape (the features the trained models embed) makes them read as
one. The text and its
offsets are untouched: only tokens' boundaries and features change.
"""

from __future__ import annotations

from spacy.language import Language

from .marktokens import PatternEdits, read_like, tokenizer_edits

EM_DASH = "—"
UNSEEN_DASHES = ("―", "‒")


def read_unseen_dashes_as_em_dash(nlp: Language, edits: PatternEdits | None = None) -> None:
    """The unseen dashes split off and read as em dashes; the tokenizer's
    patterns changed through `edits` when given, at once otherwise."""
    if edits is None:
        with tokenizer_edits(nlp) as now:
            read_unseen_dashes_as_em_dash(nlp, now)
        return
    dashes = "".join(UNSEEN_DASHES)
    edits.prefix.append(f"^[{dashes}]")
    edits.suffix.append(f"[{dashes}]$")
    edits.infix.append(f"[{dashes}]")
    edits.needles.update(UNSEEN_DASHES)
    for dash in UNSEEN_DASHES:
        read_like(nlp, dash, EM_DASH)
