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

import re

from spacy.language import Language

EM_DASH = "—"
UNSEEN_DASHES = ("―", "‒")


def read_unseen_dashes_as_em_dash(nlp: Language) -> None:
    tokenizer = nlp.tokenizer
    dashes = "".join(UNSEEN_DASHES)
    if tokenizer.prefix_search is not None:
        tokenizer.prefix_search = _extended(tokenizer.prefix_search, f"^[{dashes}]").search
    if tokenizer.suffix_search is not None:
        tokenizer.suffix_search = _extended(tokenizer.suffix_search, f"[{dashes}]$").search
    if tokenizer.infix_finditer is not None:
        tokenizer.infix_finditer = _extended(tokenizer.infix_finditer, f"[{dashes}]").finditer
    em_dash = nlp.vocab[EM_DASH]
    for dash in UNSEEN_DASHES:
        lexeme = nlp.vocab[dash]
        lexeme.norm_, lexeme.prefix_ = em_dash.norm_, em_dash.prefix_
        lexeme.suffix_, lexeme.shape_ = em_dash.suffix_, em_dash.shape_


def _extended(bound_method, alternative: str) -> re.Pattern[str]:
    pattern: re.Pattern[str] = bound_method.__self__
    return re.compile(f"{pattern.pattern}|{alternative}", pattern.flags)
