"""How the cues of one sentence share its words: a cue that found no
content adopts a clause the parser hung elsewhere, and a cue's content ends
where another cue's claim is tacked on.

These run after every cue is read, since each needs the others.
"""

from __future__ import annotations

import bisect

from spacy.tokens import Doc, Token

from ...rules.ruleset import RuleSet
from .cue import Cue
from .grammar import SET_OFF
from .spans import clause_end, trim


def adopt_stray_clauses(cues: list[Cue], rules: RuleSet) -> None:
    """ "Although she conceded THE FIGURES WERE LOW, the mayor noted ...":
    the parser hung the clause right after a cue on a later verb. A cue
    with no content of its own takes a clause that starts right after
    it and that another cue does not already report from after itself."""
    for cue in cues:
        verb = cue.verb
        if verb is None or cue.content or cue.speaker is None or verb.pos_ != "VERB":
            continue
        word = rules.verbs.get(verb.lemma_.lower())
        if word is None or "clause" not in word.content:
            continue
        if any(c.dep_ in {"dobj", "ccomp", "xcomp", "prep"} for c in verb.children):
            continue
        doc = verb.doc
        start = verb.i + 1
        if start < len(doc) and doc[start].lower_ == "that":
            start += 1
        if start >= len(doc) or doc[start].is_punct:
            continue
        token, clause = doc[start], None
        while token.head.i != token.i and token.head.i > verb.i:
            token = token.head
            if token.dep_ == "ccomp" and token.head.i != verb.i:
                clause = token
                break
        if clause is None:
            continue
        part = trim(doc, start, clause_end(clause))
        taken = [span for other in cues for span in other.content]
        if part is not None and not any(s < part[1] and part[0] < e for s, e in taken):
            cue.content = [part]


def end_before_trailing_cues(cues: list[Cue]) -> None:
    """Content ends where a claim of its own is tacked on: "said the bridge
    was safe AND WARNED that ...", "..., THOUGH SHE NOTED that ...", "...,
    ADDING that ...". The trailing cue reports its own content; the first
    one stops before the comma or conjunction that sets the second off."""
    # Each cue with a verb and content, by where its verb stands.
    verbs = sorted(((c.verb, c) for c in cues if c.verb is not None and c.content), key=lambda pair: pair[0].i)
    positions = [verb.i for verb, _ in verbs]
    for cue in cues:
        if not cue.content:
            continue
        start, end = cue.content[-1]
        cut = end
        # Only the verbs inside the content, found by position: a sentence
        # with hundreds of cues must not cost cues x cues walks.
        at = bisect.bisect_right(positions, start)
        last = None
        while at < len(verbs) and positions[at] < cut:
            other_verb, other = verbs[at]
            at += 1
            if other is cue:
                continue
            last = _last_word(other_verb.doc, start, end) if last is None else last
            edge = _trailing_edge(other_verb, start, end, last)
            if edge is not None:
                cut = min(cut, edge)
        if cut < end:
            doc = verbs[0][0].doc
            part = trim(doc, start, cut, min_tokens=1 if doc[start].ent_type_ else 2)
            cue.content = cue.content[:-1] + ([part] if part else [])


# The phrase that sets a trailing cue off is its clause or one a few heads up;
# a walk to the root of a 2,000-token sentence finds nothing more.
TRAILING_EDGE_STEPS = 16


def _trailing_edge(verb: Token, start: int, end: int, last: int) -> int | None:
    """Where the phrase holding a cue begins, when it runs to the last word
    (`last`) of [start, end) and a comma, dash or conjunction sets it off."""
    doc = verb.doc
    token = verb
    for _ in range(TRAILING_EDGE_STEPS):
        if not start <= token.i < end:
            break
        first = token.left_edge.i
        if start < first and token.right_edge.i + 1 >= last:
            before = doc[first - 1]
            if before.dep_ == "cc" and any(c.dep_ == "mark" and c.lower_ == "that" for c in token.children):
                return None  # "believe X and THAT the court knows it": a second complement
            if before.text in SET_OFF or before.dep_ == "cc":
                return first - 1
        if token.head.i == token.i:
            break
        token = token.head
    return None


def _last_word(doc: Doc, start: int, end: int) -> int:
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return end
