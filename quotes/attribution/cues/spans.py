"""The edges of reported content: where a clause ends and which words at
either end are no part of what was said.

Every reader of content (verb, noun, phrase and headline cues) cuts its token
range the same way, so the cut lives here once.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .grammar import DASHES, SUBJECT_DEPS

CONTENT_EDGE_SKIP = {"mark", "punct"}


def clause_end(root: Token) -> int:
    """Where a reported clause ends: before a trailing participle or a new
    coordinated clause that the parser hung on it ("..., arguing that ...",
    "... and Democrats accused ...")."""
    doc = root.doc
    for child in root.rights:
        before = doc[child.left_edge.i - 1] if child.left_edge.i > 0 else None
        if before is None or before.i <= root.i:
            continue
        set_off = before.text in {",", ";", *DASHES} or before.dep_ == "cc"
        participle = child.dep_ in {"advcl", "xcomp"} and child.tag_ == "VBG"
        # "... and THAT the vote will be delayed" is a second complement, not a new clause.
        new_clause = (
            child.dep_ == "conj"
            and any(c.dep_ in SUBJECT_DEPS for c in child.children)
            and not any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
        )
        if set_off and (participle or new_clause):
            return before.i
    return root.right_edge.i + 1


def trim(doc: Doc, start: int, end: int, min_tokens: int = 2) -> tuple[int, int] | None:
    """Drop the edges that are not content: "that", commas, conjunctions."""
    while start < end and (doc[start].dep_ in CONTENT_EDGE_SKIP or doc[start].is_space) and not _is_quote_mark(doc[start]):
        start += 1
    while (
        end > start
        and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc")
        and not _is_quote_mark(doc[end - 1])
    ):
        end -= 1
    if end - start < min_tokens:
        return None
    return start, end


def _is_quote_mark(token: Token) -> bool:
    return token.is_quote and token.text not in {"'s", "’s"}
