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

from .marktokens import extended_pattern, read_like, rule_tokenizer

EM_DASH = "—"
UNSEEN_DASHES = ("―", "‒")


def read_unseen_dashes_as_em_dash(nlp: Language) -> None:
    tokenizer = rule_tokenizer(nlp)
    dashes = "".join(UNSEEN_DASHES)
    if tokenizer.prefix_search is not None:
        tokenizer.prefix_search = extended_pattern(tokenizer.prefix_search, f"^[{dashes}]").search
    if tokenizer.suffix_search is not None:
        tokenizer.suffix_search = extended_pattern(tokenizer.suffix_search, f"[{dashes}]$").search
    if tokenizer.infix_finditer is not None:
        tokenizer.infix_finditer = extended_pattern(tokenizer.infix_finditer, f"[{dashes}]").finditer
    for dash in UNSEEN_DASHES:
        read_like(nlp, dash, EM_DASH)
