"""Cues the rules write as phrases: "according to X", "X was quoted as
saying", "PENCE:", "“…” ― Name", and title-case headlines.

Each phrase rule names where its speaker stands (its `speaker` field); one
reader per kind finds the speaker and the content around the matched words.
Of overlapping matches the longest wins, so "according to" is not read twice.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from ...rules.ruleset import PhraseCue, RuleSet
from ..trace import considering, decline
from .complements import clause_content
from .cue import Cue
from .relay import relay_of
from .spans import trim
from .speakers import RELATIVE_TAGS, is_named, speaker_phrase_end, subject_of

# Punctuation a cue phrase may be anchored on without being part of the cue.
ANCHOR_PUNCTUATION = {",", "(", ";", "—", "–", "-"}
# The most words a headline's source takes before its verb ("New Poll Shows").
HEADLINE_SOURCE_MAX = 4


def phrase_cue(doc: Doc, phrase: PhraseCue, start: int, end: int, rules: RuleSet) -> Cue | None:
    """The cue a phrase match makes, read by the phrase's kind of speaker, or
    None where the reader declines the match."""
    rule = phrase.rule_id
    considering(rule, start, end)
    if phrase.speaker in {"object", "subject"}:
        # Patterns may anchor on the comma before a phrase; the cue is the words.
        while start < end - 1 and doc[start].text in ANCHOR_PUNCTUATION:
            start += 1
    cue = _PHRASE_SPEAKERS[phrase.speaker](doc, start, end, rules, phrase)
    if cue is not None:
        cue.confidence, cue.rule = phrase.confidence, rule
    return cue


def _object_phrase_cue(doc: Doc, start: int, end: int, rules: RuleSet, phrase: PhraseCue) -> Cue | None:
    """ "According to X, ...": the source follows the phrase; the content is
    the rest of the sentence, on either side."""
    objects = [c for c in doc[end - 1].children if c.dep_ == "pobj"]
    speaker = objects[0] if objects else _noun_after(doc, end)
    if speaker is None:
        decline("no source after the phrase")
        return None
    phrase_start = min(doc[start].left_edge.i, start)
    # The source ends where its name does: the parser may hang the whole
    # content on it ("According to Ana Ortiz, the plan costs ...").
    phrase_end = _past_relative_aside(doc, max(speaker_phrase_end(speaker) + 1, end))
    sent = doc[start].sent
    parts = (trim(doc, sent.start, phrase_start), trim(doc, phrase_end, sent.end))
    return Cue(start, end, None, speaker, [p for p in parts if p is not None])


def _past_relative_aside(doc: Doc, at: int) -> int:
    """Past a clause set off about the source: "according to an analysis by
    Ana Ruiz, WHOSE FINDINGS OTHERS SHARE" says nothing the source claims."""
    if at + 1 < len(doc) and doc[at].text == "," and doc[at + 1].tag_ in RELATIVE_TAGS:
        clause = next((t for t in doc[at + 1].ancestors if t.dep_ == "relcl"), None)
        if clause is not None and clause.left_edge.i == at + 1:
            return clause.right_edge.i + 1
    return at


def _last_word_phrase_cue(doc: Doc, start: int, end: int, rules: RuleSet, phrase: PhraseCue) -> Cue | None:
    """ "In the latest poll, the mayor leads": the phrase's last word is the
    source; the content is the rest of the sentence, on either side."""
    if start > 0 and doc[start - 1].lower_ == "than":
        decline('after "than" the phrase compares, it does not attribute')  # "better than in other polls"
        return None
    speaker = doc[end - 1]
    phrase_end = max(speaker_phrase_end(speaker) + 1, end)
    sent = doc[start].sent
    parts = (trim(doc, sent.start, start), trim(doc, phrase_end, sent.end))
    return Cue(start, end, None, speaker, [p for p in parts if p is not None])


def _noun_after(doc: Doc, start: int, window: int = 8) -> Token | None:
    """The head of the noun phrase right after a phrase, when the parser did
    not make it the phrase's object ("according to show insiders")."""
    head = None
    for token in doc[start : min(start + window, len(doc))]:
        if token.is_punct or token.is_space:
            break
        if token.pos_ in {"NOUN", "PROPN", "PRON"}:
            head = token
    return head


def _subject_phrase_cue(doc: Doc, start: int, end: int, rules: RuleSet, phrase: PhraseCue) -> Cue | None:
    """ "X was quoted as saying ...": the source is the subject of the phrase's verb."""
    verb = next((t for t in doc[start:end] if t.pos_ == "VERB"), doc[start])
    speaker = subject_of(verb)
    if phrase.named_speaker and not is_named(speaker, rules):
        # "The weather is sure to improve"
        decline("the rule needs a named source (a name, an entity or a personal pronoun) as subject")
        return None
    content: list[tuple[int, int]] = []
    # The last word first: "is critical OF THE DEAL" hangs on the adjective.
    for token in (*reversed(doc[start:end]), verb):
        content = clause_content(token, speaker, phrase.content)
        if content:
            break
    via = None
    for token in doc[start:end]:
        via = via or relay_of(token, rules)
    return Cue(start, end, verb, speaker, content, via)


def _label_phrase_cue(doc: Doc, start: int, end: int, rules: RuleSet, phrase: PhraseCue) -> Cue | None:
    """ "PENCE: And that's why ...", "Rush Limbaugh: Hillary ...": a name and a
    colon at the start of a line label what follows, to the end of the line."""
    before = start - 1
    while before >= 0 and "\n" not in doc[before].text:
        if not (doc[before].is_quote or doc[before].is_space):
            decline("the label does not open its line")
            return None
        before -= 1
    colon = end - 1
    last = colon + 1
    while last < len(doc) and "\n" not in doc[last].text:
        last += 1
    first = colon + 1
    while first < last and doc[first].is_space:
        first += 1
    while last > first and (doc[last - 1].is_space or doc[last - 1].is_quote):
        last -= 1
    if sum(1 for t in doc[first:last] if t.is_alpha) < 2:
        # "Clinton: 547.", "Twitter: @Milbank.": a tally or a handle, no statement
        decline("fewer than two words follow the label")
        return None
    return Cue(colon, end, None, doc[colon - 1], [(first, last)], is_label=True)


def _follows_phrase_cue(doc: Doc, start: int, end: int, rules: RuleSet, phrase: PhraseCue) -> Cue | None:
    """“…” ― Nell Carden Grey: the name after the cue signs the quote before it."""
    name = doc[start + 1 : end]
    return Cue(start, start + 1, None, name.root, [])


def _headline_phrase_cue(doc: Doc, start: int, end: int, rules: RuleSet, phrase: PhraseCue) -> Cue | None:
    """ "Mayor Vows To Cut Fares": in a title-case headline the tagger often
    reads the verb as a name; the words that open the line are the source,
    the rest of the line is the content."""
    first = start
    while first > 0 and "\n" not in doc[first - 1].text:
        first -= 1
    source = doc[first:start]
    if not 1 <= len(source) <= HEADLINE_SOURCE_MAX or not all(t.is_title or t.is_upper or not t.is_alpha for t in source):
        decline(f"not a title-case line opening with a source of 1 to {HEADLINE_SOURCE_MAX} words")
        return None
    if any(t.is_punct for t in source):
        decline("punctuation in the words before the verb: not a headline source")
        return None
    last = end
    while last < len(doc) and "\n" not in doc[last].text:
        last += 1
    content = trim(doc, start + 1, last)
    if content is None:
        decline("what follows is too short to be content")
        return None
    return Cue(start, start + 1, None, doc[start - 1], [content])


_PHRASE_SPEAKERS = {
    "headline": _headline_phrase_cue,
    "follows": _follows_phrase_cue,
    "object": _object_phrase_cue,
    "subject": _subject_phrase_cue,
    "label": _label_phrase_cue,
    "last": _last_word_phrase_cue,
}
