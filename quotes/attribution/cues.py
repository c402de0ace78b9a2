"""Find attribution cues in a parsed Doc: the words that say someone said it.

A cue knows where it stands, who its grammatical speaker is and, when the
parse shows one, the clause it reports. Pairing cues with quotation marks is
attribute.py's job; this module only reads the parse. Reporting verbs,
reporting nouns and cue phrases come from the rules and compile to one spaCy
Matcher.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from ..rules.ruleset import CueWord, PhraseCue, RuleSet
from .people import entity_of
from .trace import considering, decline, is_tracing

# Matcher keys of the lexicon; a phrase rule's name cannot hold "/" (the
# schema allows [a-z0-9-]), so no rule file can take one of these.
VERB_KEY = "lexicon/verb"
NOUN_KEY = "lexicon/noun"
# A headline verb the tagger read as a plural noun: "Mayor Vows To Fix
# Roads", "Council votes to close the depot", "Union charges that ...".
HEADLINE_KEY = "lexicon/headline-noun"
COLON_KEY = "quote-marks/colon"
# Clausal dependents of a reporting verb that hold what was said.
CONTENT_DEPS = {"ccomp"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
RELATIVE_PRONOUNS = {"who", "that", "which", "whom"}
# A participle or coordinated verb shares its subject with the verb it hangs
# from: "Trump attacked Clinton, saying ...", "He paused and added ...".
SHARED_SUBJECT_DEPS = {"conj", "advcl", "xcomp"}
FINITE_VERB_TAGS = {"VBD", "VBZ", "VBP", "MD"}
CONTENT_EDGE_SKIP = {"mark", "punct"}
# Dependents after a stance verb that say what the stance is about:
# "called THE PLAN A FRAUD", "called ON POLICE TO ACT", "attacked CLINTON".
OBJECT_DEPS = {"dobj", "dative", "oprd", "prt", "xcomp", "ccomp", "attr", "acomp"}
# A particle that makes another verb, whose object is no content: "showed UP
# at the meeting" ("backed OFF the tax plan" still reports a stance).
OTHER_VERB_PARTICLES = {"up"}
# A prepositional object says what a stance is about ("called FOR an
# inquiry"), unless it says when it was taken ("declared IN THE 1970S").
TIME_ENTITIES = {"DATE", "TIME"}
# Entities that count rather than name: "19 percent OF VOTERS" keeps its
# "of", where "Lukin of the university" is a name and its apposition.
QUANTITY_ENTITIES = {"PERCENT", "CARDINAL", "QUANTITY", "MONEY", "ORDINAL"}
# Prepositions that take what a stance is about: "as he called FOR a recount".
STANCE_PREPOSITIONS = {"for", "against", "about", "of", "with"}
# Punctuation a cue phrase may be anchored on without being part of the cue.
ANCHOR_PUNCTUATION = {",", "(", ";", "—", "–", "-"}
# Entities that can own a claim when they stand before its noun.
SOURCE_ENTITIES = {"PERSON", "ORG", "NORP", "GPE"}
# What the people rules call a pronoun that stands for a person or people.
PERSON_PRONOUNS = {"male", "female", "plural"}
# An embedded question reports what was asked or left open, not a claim.
QUESTION_MARKERS = {"whether", "if"}
# Relative and wh-words ("which", "what", "who") that can open a clause
# around its reporting verb.
WH_TAGS = {"WDT", "WP"}
# What an "as" aside may take without reporting anything of its own: "as he
# put IT", "as she said SO", "pointed OUT".
ASIDE_OBJECTS = {"it", "so", "out"}
# The most words a headline's source takes before its verb ("New Poll Shows").
HEADLINE_SOURCE_MAX = 4


@dataclass
class Cue:
    """One attribution cue; token indices are half-open [start, end)."""

    start: int
    end: int
    verb: Token | None
    speaker: Token | None
    content: list[tuple[int, int]] = field(default_factory=list)
    via: Span | None = None
    confidence: float = 0.5
    rule: str = ""
    # False: in an opinion piece this cue is the author's own characterisation.
    in_opinion: bool = True
    # A "NAME:" label that opens a line (or the quote on it).
    is_label: bool = False
    # "did not say", "never claimed".
    negated: bool = False
    _bounds: tuple[tuple[int, int, int], tuple[int, int]] | None = field(default=None, repr=False, compare=False)

    def text_span(self, doc: Doc) -> Span:
        return doc[self.start : self.end]

    def clause_bounds(self) -> tuple[int, int]:
        """Token range of the cue words and the speaker phrase together."""
        # Asked once per quote of the article: remembered, for as long as the
        # cue and its speaker stay where they are.
        key = (self.start, self.end, self.speaker.i if self.speaker is not None else -1)
        if self._bounds is None or self._bounds[0] != key:
            start, end = self.start, self.end
            if self.speaker is not None:
                # A speaker after its cue reaches no further back than the cue,
                # whatever the parse hangs on it (“…?” ― Jacklyn Ashley).
                left_edge = self.speaker.left_edge.i
                start = min(start, left_edge if self.speaker.i < self.start else max(left_edge, self.start))
                end = max(end, speaker_mention(self.speaker, self.start).end)
            self._bounds = (key, (start, end))
        return self._bounds[1]


class CueFinder:
    """Compiled once per vocabulary and rule set; called once per Doc."""

    def __init__(self, vocab: Vocab, rules: RuleSet):
        self.rules = rules
        self.matcher = Matcher(vocab)
        self.matcher.add(VERB_KEY, [[{"LEMMA": {"IN": sorted(rules.verbs)}, "POS": "VERB"}]])
        if rules.nouns:
            self.matcher.add(NOUN_KEY, [[{"LEMMA": {"IN": sorted(rules.nouns)}, "POS": "NOUN"}]])
        self.matcher.add(HEADLINE_KEY, [[{"LEMMA": {"IN": sorted(rules.verbs)}, "TAG": "NNS", "DEP": "ROOT"}]])
        if rules.colon_cue is not None:
            self.matcher.add(COLON_KEY, [[{"ORTH": ":"}]])
        self.opening_marks = tuple(p.open for p in rules.quote_pairs)
        # Common nouns that name someone who can speak: "the senator", "the company".
        self.speaking_nouns = (
            set(rules.gender_words) | rules.organization_nouns | {t.casefold() for t in rules.titles}
        )
        # Keyed by the full rule id: two files may each have a phrase of the
        # same name, and both hold.
        self.phrases = {phrase.rule_id: phrase for phrase in rules.phrases}
        self.phrase_order = {rule: i for i, rule in enumerate(self.phrases)}
        for phrase in rules.phrases:
            self.matcher.add(phrase.rule_id, [phrase.pattern])

    def __call__(self, doc: Doc) -> list[Cue]:
        phrase_matches: list[tuple[str, int, int]] = []
        verb_tokens: list[Token] = []
        noun_tokens: list[Token] = []
        headline_tokens: list[Token] = []
        colons: list[Token] = []
        for match_id, start, end in self.matcher(doc):
            key = doc.vocab.strings[match_id]
            if key == VERB_KEY:
                verb_tokens.append(doc[start])
            elif key == NOUN_KEY:
                noun_tokens.append(doc[start])
            elif key == HEADLINE_KEY:
                headline_tokens.append(doc[start])
            elif key == COLON_KEY:
                colons.append(doc[start])
            else:
                phrase_matches.append((key, start, end))
        phrase_matches = _longest_first(phrase_matches, self.phrase_order)
        built = [(self._phrase_cue(doc, key, start, end), start, end) for key, start, end in phrase_matches]
        # A phrase that declines its match leaves its words to the lexicon.
        covered = {i for cue, start, end in built if cue is not None for i in range(start, end)}
        cues = [cue for cue, _, _ in built]
        cues += [self._verb_cue(token) for token in verb_tokens if token.i not in covered]
        headline_cues = [self._headline_cue(token) for token in headline_tokens if token.i not in covered]
        cues += headline_cues
        covered.update(c.start for c in headline_cues if c is not None)
        cues += [self._noun_cue(token) for token in noun_tokens if token.i not in covered]
        if is_tracing():
            self._note_covered(verb_tokens, self.rules.verbs, covered)
            self._note_covered(headline_tokens, self.rules.verbs, covered)
            self._note_covered(noun_tokens, self.rules.nouns, covered)
        found = [c for c in cues if c is not None]
        found = sorted(found + self._colon_cues(doc, colons, found), key=lambda c: c.start)
        self._adopt_stray_clauses(found)
        _end_before_trailing_cues(found)
        return found

    def _note_covered(self, tokens: list[Token], words: dict[str, CueWord], covered: set[int]) -> None:
        for token in tokens:
            if token.i in covered:
                word = words[token.lemma_.lower()]
                considering(word.rule_id, token.i, token.i + 1)
                decline("its word belongs to a cue phrase or headline cue that matched here")

    def _verb_cue(self, verb: Token) -> Cue | None:
        rule = self.rules.verbs[verb.lemma_.lower()]
        considering(rule.rule_id, verb.i, verb.i + 1)
        if rule.objects and not any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in rule.objects for c in verb.children):
            # "released the hostages" reports nothing; "released a report" does
            return decline(f"the group counts only these objects: {', '.join(sorted(rule.objects))}")
        other_sense = _other_sense(verb, rule.not_objects) if rule.not_objects else None
        if other_sense is not None:
            # "cast a ballot", "ballots were cast", "spoke on condition of anonymity"
            return decline(f"'{other_sense.text}' makes it another sense of the verb")
        # "Putin is expected to visit": others expect; the source of a passive
        # cue, if any, is its agent ("was told by aides"), and what the agent
        # stands on may be the subject ("Clinton was endorsed by papers").
        passive = _is_passive(verb)
        speaker = _agent_of(verb) if passive else subject_of(verb) or _inverted_speaker(verb)
        content = clause_content(verb, speaker, rule.content, rule.questions, rule.prepositions, rule.not_prepositions)
        if passive and not content and speaker is not None and "object" in rule.content:
            content = _passive_subject(verb)
        elif passive and not content and speaker is None and rule.unnamed_passive:
            # "The firm has been accused of dumping waste": someone unnamed
            # says so, and the whole clause is what they say.
            content = _passive_clause(verb)
        cue = Cue(
            start=_auxiliaries_start(verb),
            end=verb.i + 1,
            verb=verb,
            speaker=speaker,
            content=content,
            via=relay_of(verb, self.rules),
            confidence=rule.confidence,
            rule=rule.rule_id,
            in_opinion=rule.in_opinion,
            negated=any(child.dep_ == "neg" for child in verb.children),
        )
        return cue

    def _colon_cues(self, doc: Doc, colons: list[Token], cues: list[Cue]) -> list[Cue]:
        """"Trump boomed: “…”", "The mayor had a message for the council: “…”":
        a quote that a colon introduces is said by the subject of the clause
        before the colon, whatever its verb, when that subject can speak."""
        rule = self.rules.colon_cue
        if rule is None:
            return []
        taken = {c.verb.i for c in cues if c.verb is not None}
        found = []
        for colon in colons:
            if colon.i == 0 or colon.i + 1 == len(doc):
                continue
            after = doc[colon.i + 1]
            if after.is_space and colon.i + 2 < len(doc) and "\n" not in after.text:
                after = doc[colon.i + 2]
            if not after.text.startswith(self.opening_marks) or colon.i == colon.sent.start:
                continue
            verb = _clause_before(colon)
            if verb.i in taken or verb.pos_ not in {"VERB", "AUX"}:
                continue
            speaker = subject_of(verb)
            if speaker is None or not self._can_speak(speaker):
                continue
            considering(rule.rule_id, verb.i, verb.i + 1)
            found.append(
                Cue(
                    start=_auxiliaries_start(verb),
                    end=verb.i + 1,
                    verb=verb,
                    speaker=speaker,
                    confidence=rule.confidence,
                    rule=rule.rule_id,
                    negated=any(child.dep_ == "neg" for child in verb.children),
                )
            )
        return found

    def _can_speak(self, token: Token) -> bool:
        """A person, an organization, a personal pronoun or a title: not "the sign"."""
        if token.ent_type_ in {"PERSON", "ORG", "NORP"} or token.pos_ == "PROPN":
            return True
        if token.pos_ == "NOUN" and token.is_title and not any(c.dep_ in {"det", "poss"} for c in token.children):
            return True  # a name the tagger took for a noun ("Trump boomed:")
        if token.pos_ == "PRON":
            return _is_person_pronoun(token, self.rules)
        return token.lemma_.casefold() in self.speaking_nouns

    def _adopt_stray_clauses(self, cues: list[Cue]) -> None:
        """"Although she conceded THE FIGURES WERE LOW, the mayor noted ...":
        the parser hung the clause right after a cue on a later verb. A cue
        with no content of its own takes a clause that starts right after
        it and that another cue does not already report from after itself."""
        for cue in cues:
            verb = cue.verb
            if verb is None or cue.content or cue.speaker is None or verb.pos_ != "VERB":
                continue
            word = self.rules.verbs.get(verb.lemma_.lower())
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
            part = _trim(doc, start, _clause_end(clause))
            taken = [span for other in cues for span in other.content]
            if part is not None and not any(s < part[1] and part[0] < e for s, e in taken):
                cue.content = [part]

    def _headline_cue(self, noun: Token) -> Cue | None:
        """"Mayor Vows To Fix Roads": a reporting verb tagged as
        a plural noun at the root, its subject parsed as a compound before it
        and its complement hung on it after."""
        rule = self.rules.verbs[noun.lemma_.lower()]
        considering(rule.rule_id, noun.i, noun.i + 1)
        if any(c.dep_ in {"det", "poss", "nummod"} for c in noun.children):
            return decline("read as a headline verb, but a determiner or owner makes it a noun")  # "the claims"
        speaker = next((c for c in reversed(list(noun.lefts)) if c.dep_ in {"compound", "nsubj"}), None)
        rights = [c for c in noun.rights if not c.is_punct and c.dep_ not in {"cc", "conj"}]
        if speaker is None or not rights:
            return decline("read as a headline verb, but no source before it or no words after it")
        part = _trim(noun.doc, rights[0].left_edge.i, _clause_end(rights[-1]), min_tokens=2)
        if part is None:
            return decline("read as a headline verb, but what follows is too short to be content")
        return Cue(
            noun.i, noun.i + 1, None, speaker, [part], None, rule.confidence, rule.rule_id, rule.in_opinion
        )

    def _noun_cue(self, noun: Token) -> Cue | None:
        word = self.rules.nouns[noun.lemma_.lower()]
        considering(word.rule_id, noun.i, noun.i + 1)
        content = noun_content(noun, word.content, word.prepositions)
        if not content:
            return decline(f"no complement of the kinds the group takes ({', '.join(word.content)})")
        speaker = noun_source(noun)
        if speaker is None:
            return decline("no source: no owner (\"her claim\"), no \"by\" or \"from\", no subject of the verb it is object of")
        return Cue(
            noun.i, noun.i + 1, None, speaker, content, None, word.confidence, word.rule_id, word.in_opinion
        )

    def _phrase_cue(self, doc: Doc, rule: str, start: int, end: int) -> Cue | None:
        phrase = self.phrases[rule]
        considering(rule, start, end)
        if phrase.speaker in {"object", "subject"}:
            # Patterns may anchor on the comma before a phrase; the cue is the words.
            while start < end - 1 and doc[start].text in ANCHOR_PUNCTUATION:
                start += 1
        cue = _PHRASE_SPEAKERS[phrase.speaker](doc, start, end, self.rules, phrase)
        if cue is not None:
            cue.confidence, cue.rule = phrase.confidence, rule
        return cue


# Dashes that set a phrase off as a comma does: "... — adding that ...". The
# double hyphen is how plain-text copy types an em dash.
DASHES = {"—", "–", "--"}
# A lone hyphen too, between a clause and the cue tacked on it; not where a
# reported clause ends: the tokenizer splits hyphenated words ("cost-cutting")
# round a hyphen of their own, which sets nothing off.
SET_OFF = {",", ";", *DASHES, "-"}


def _end_before_trailing_cues(cues: list[Cue]) -> None:
    """Content ends where a claim of its own is tacked on: "said the bridge
    was safe AND WARNED that ...", "..., THOUGH SHE NOTED that ...", "...,
    ADDING that ...". The trailing cue reports its own content; the first
    one stops before the comma or conjunction that sets the second off."""
    verbs = sorted((c for c in cues if c.verb is not None and c.content), key=lambda c: c.verb.i)
    positions = [c.verb.i for c in verbs]
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
            other = verbs[at]
            at += 1
            if other is cue:
                continue
            last = _last_word(other.verb.doc, start, end) if last is None else last
            edge = _trailing_edge(other.verb, start, end, last)
            if edge is not None:
                cut = min(cut, edge)
        if cut < end:
            doc = verbs[0].verb.doc
            part = _trim(doc, start, cut, min_tokens=1 if doc[start].ent_type_ else 2)
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


def _object_phrase_cue(doc: Doc, start: int, end: int, rules: RuleSet, phrase: PhraseCue) -> Cue | None:
    """"According to X, ...": the source follows the phrase; the content is
    the rest of the sentence, on either side."""
    objects = [c for c in doc[end - 1].children if c.dep_ == "pobj"]
    speaker = objects[0] if objects else _noun_after(doc, end)
    if speaker is None:
        return decline("no source after the phrase")
    phrase_start = min(doc[start].left_edge.i, start)
    # The source ends where its name does: the parser may hang the whole
    # content on it ("According to Ana Ortiz, the plan costs ...").
    phrase_end = max(speaker_phrase_end(speaker) + 1, end)
    sent = doc[start].sent
    parts = (_trim(doc, sent.start, phrase_start), _trim(doc, phrase_end, sent.end))
    return Cue(start, end, None, speaker, [p for p in parts if p is not None])


def _last_word_phrase_cue(doc: Doc, start: int, end: int, rules: RuleSet, phrase: PhraseCue) -> Cue | None:
    """"In the latest poll, the mayor leads": the phrase's last word is the
    source; the content is the rest of the sentence, on either side."""
    if start > 0 and doc[start - 1].lower_ == "than":
        return decline("after \"than\" the phrase compares, it does not attribute")  # "better than in other polls"
    speaker = doc[end - 1]
    phrase_end = max(speaker_phrase_end(speaker) + 1, end)
    sent = doc[start].sent
    parts = (_trim(doc, sent.start, start), _trim(doc, phrase_end, sent.end))
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
    """"X was quoted as saying ...": the source is the subject of the phrase's verb."""
    verb = next((t for t in doc[start:end] if t.pos_ == "VERB"), doc[start])
    speaker = subject_of(verb)
    if phrase.named_speaker and not _is_named(speaker, rules):
        # "The weather is sure to improve"
        return decline("the rule needs a named source (a name, an entity or a personal pronoun) as subject")
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


def _is_named(token: Token | None, rules: RuleSet) -> bool:
    """A source by name or person: an entity, a proper noun, or a pronoun the
    people rules know as a person ("she", "they"), not "it" or "there"."""
    if token is None:
        return False
    if token.pos_ == "PRON":
        return _is_person_pronoun(token, rules)
    return bool(token.ent_type_) or token.pos_ == "PROPN"


def _is_person_pronoun(token: Token, rules: RuleSet) -> bool:
    """"she", "they": a pronoun the people rules know as a person or people."""
    return rules.pronouns.get(token.lower_) in PERSON_PRONOUNS


def _label_phrase_cue(doc: Doc, start: int, end: int, rules: RuleSet, phrase: PhraseCue) -> Cue | None:
    """"PENCE: And that's why ...", "Rush Limbaugh: Hillary ...": a name and a
    colon at the start of a line label what follows, to the end of the line."""
    before = start - 1
    while before >= 0 and "\n" not in doc[before].text:
        if not (doc[before].is_quote or doc[before].is_space):
            return decline("the label does not open its line")
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
    if last - first < 2:
        return decline("fewer than two words follow the label")
    return Cue(colon, end, None, doc[colon - 1], [(first, last)], is_label=True)


def _follows_phrase_cue(doc: Doc, start: int, end: int, rules: RuleSet, phrase: PhraseCue) -> Cue | None:
    """“…” ― Nell Carden Grey: the name after the cue signs the quote before it."""
    name = doc[start + 1 : end]
    return Cue(start, start + 1, None, name.root, [])


def _headline_phrase_cue(doc: Doc, start: int, end: int, rules: RuleSet, phrase: PhraseCue) -> Cue | None:
    """"Mayor Vows To Cut Fares": in a title-case headline the tagger often
    reads the verb as a name; the words that open the line are the source,
    the rest of the line is the content."""
    first = start
    while first > 0 and "\n" not in doc[first - 1].text:
        first -= 1
    source = doc[first:start]
    if not 1 <= len(source) <= HEADLINE_SOURCE_MAX or not all(t.is_title or t.is_upper or not t.is_alpha for t in source):
        return decline(f"not a title-case line opening with a source of 1 to {HEADLINE_SOURCE_MAX} words")
    if any(t.is_punct for t in source):
        return decline("punctuation in the words before the verb: not a headline source")
    last = end
    while last < len(doc) and "\n" not in doc[last].text:
        last += 1
    content = _trim(doc, start + 1, last)
    if content is None:
        return decline("what follows is too short to be content")
    return Cue(start, start + 1, None, doc[start - 1], [content])


_PHRASE_SPEAKERS = {
    "headline": _headline_phrase_cue,
    "follows": _follows_phrase_cue,
    "object": _object_phrase_cue,
    "subject": _subject_phrase_cue,
    "label": _label_phrase_cue,
    "last": _last_word_phrase_cue,
}


def noun_content(
    noun: Token, modes: tuple[str, ...], prepositions: frozenset[str] = frozenset()
) -> list[tuple[int, int]]:
    """"claim THAT THE ELECTION WAS RIGGED", "plan TO RAISE TAXES", and with
    `object`, what a preposition names: "remarks ON THE RULING"."""
    for child in noun.rights:
        # A "that" the parser marks as a conjunction opens the content even
        # where it calls the clause relative ("a report THAT HE HAD LOST").
        if child.dep_ not in {"acl", "ccomp", "relcl"}:
            continue
        is_that = any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children)
        if child.dep_ == "relcl" and not is_that:
            continue
        is_to = any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
        if ("clause" in modes and is_that) or ("infinitive" in modes and is_to):
            part = _trim(noun.doc, child.left_edge.i, _clause_end(child))
            return [part] if part else []
    if "object" in modes:
        for child in noun.rights:
            if child.dep_ == "prep" and child.lower_ in prepositions:
                part = _trim(noun.doc, child.i + 1, child.right_edge.i + 1)
                return [part] if part else []
    return []


def noun_source(noun: Token) -> Token | None:
    """Who makes the claim a noun reports: the verb's subject when the noun is
    its object ("Trump repeated his claim"), else the owner ("Trump's
    claim"), else the agent ("a claim by Democrats"), else a name before it."""
    if noun.dep_ == "dobj":
        subject = subject_of(noun.head)
        if subject is not None:
            return subject
    for child in noun.children:
        if child.dep_ == "poss":
            return child
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ in {"by", "from"}:
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    # A name before the noun owns it too: "a Reuters report that ...", "the
    # Clinton plan to ...".
    for child in noun.lefts:
        if child.dep_ == "compound" and child.pos_ == "PROPN" and child.ent_type_ in SOURCE_ENTITIES:
            return child
    return None


def _is_passive(verb: Token) -> bool:
    if any(child.dep_ == "nsubj" for child in verb.children):
        return False  # "who's called for a recount": the parser took "'s" for "is"
    return any(child.dep_ in {"auxpass", "nsubjpass"} for child in verb.children)


def _passive_subject(verb: Token) -> list[tuple[int, int]]:
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            part = _trim(verb.doc, child.left_edge.i, speaker_phrase_end(child) + 1, min_tokens=1)
            return [part] if part else []
    return []


def _passive_clause(verb: Token) -> list[tuple[int, int]]:
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.i > verb.i or verb.dep_ == "relcl":
        return []  # "the hearing he was called to" describes the hearing
    if any(c.dep_ == "neg" for c in verb.children) or any(t.lower_ in {"neither", "no"} for t in subject.subtree):
        return []  # "was never charged over it" reports no charge
    part = _trim(verb.doc, subject.left_edge.i, _clause_end(verb), min_tokens=4)
    return [part] if part else []


def _agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def _auxiliaries_start(verb: Token) -> int:
    """The cue reads with its auxiliaries: "has learned", "did not say"."""
    start = verb.i
    for child in reversed(list(verb.lefts)):
        if child.dep_ in {"aux", "auxpass", "neg"} and child.tag_ != "TO" and child.i == start - 1:
            start = child.i
    return start


def _longest_first(matches: list[tuple[str, int, int]], order: dict[str, int]) -> list[tuple[str, int, int]]:
    """The longest matches that do not overlap; of two alike, the phrase
    loaded first (a built-in before a user's)."""
    kept: list[tuple[str, int, int]] = []
    taken: set[int] = set()
    for key, start, end in sorted(matches, key=lambda m: (m[1] - m[2], m[1], order[m[0]])):
        if not taken.intersection(range(start, end)):
            kept.append((key, start, end))
            taken.update(range(start, end))
    return kept


def _inverted_speaker(verb: Token) -> Token | None:
    """"“…,” added ANOTHER REPUBLICAN", "“…,” read THE EMAIL": right after a
    closing quote the parser may take the speaker after the verb for its
    object; it is the speaker all the same."""
    doc = verb.doc
    before = verb.i - 1
    if before > 0 and doc[before].text == ",":
        before -= 1
    if before < 0 or not doc[before].is_quote:
        return None
    return next((c for c in verb.rights if c.dep_ in {"dobj", "npadvmod", "attr"} and c.pos_ in {"NOUN", "PROPN"}), None)


def _clause_before(colon: Token) -> Token:
    """The head of what comes before a colon in its sentence, whatever the
    parser hung the colon on (often the quote after it)."""
    token = colon.doc[colon.i - 1]
    while token.head.i != token.i and colon.sent.start <= token.head.i < colon.i:
        token = token.head
    return token


def subject_of(verb: Token) -> Token | None:
    """The grammatical speaker of a reporting verb, following shared subjects."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            if child.dep_ == "nsubjpass" and child.lower_ == "it":
                return None
            return child
    if verb.dep_ in SHARED_SUBJECT_DEPS and verb.head is not verb:
        return subject_of(_reporter_of(verb) or verb.head)
    if verb.dep_ == "acomp" and verb.head is not verb:
        return subject_of(verb.head)  # "was able to tout": able -> was
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head is not verb.head:
        return _subject_before(verb.head.head)  # "sings before asking her"
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head  # "a report praising the budget", "a statement saying"
    return None


def _reporter_of(participle: Token) -> Token | None:
    """"The senator said the bill would pass — ADDING that ...": a participle
    set off after a complement clause, which the parser hung on that clause,
    goes on with the subject of the verb the clause completes; "the bill"
    adds nothing. That verb, or None where the participle stands otherwise."""
    clause = participle.head
    reporter = clause.head
    if participle.tag_ != "VBG" or participle.dep_ != "advcl" or participle.i < clause.i:
        return None
    if clause.dep_ != "ccomp" or reporter is clause or reporter.i > clause.i:
        return None  # "The bill would pass, the senator said, adding ...": no clause before it
    before = participle.left_edge.i - 1
    while before > 0 and participle.doc[before].is_quote:
        before -= 1  # “… up quickly,” referring to …: the comma stands inside the quote
    if before < 0 or participle.doc[before].text not in SET_OFF:
        return None  # "said he left SHOUTING": not set off, it tells how he left
    return reporter if subject_of(reporter) is not None else None


def _subject_before(host: Token) -> Token | None:
    """Who does what a gerund after a preposition names: the subject of the
    verb the phrase hangs on ("stopped short of endorsing"), through a
    prepositional phrase ("were at the front in demanding"), or the owner of
    the noun it completes ("her habit of praising rivals")."""
    for _ in range(3):
        if host.pos_ in {"NOUN", "PROPN"}:
            owner = next((c for c in host.children if c.dep_ == "poss"), None)
            if owner is not None:
                return owner
            if host.dep_ == "pobj" and host.head.dep_ == "prep" and host.head.head.pos_ in {"VERB", "AUX"}:
                return subject_of(host.head.head)
            return None
        if host.dep_ in {"advmod", "acomp"} and host.pos_ in {"ADV", "ADJ"} and host.head is not host:
            host = host.head
            continue
        return subject_of(host)
    return None


def antecedent_of(speaker: Token) -> Token:
    """Who a relative pronoun at the cue stands for: "officials, WHO said"
    -> "officials"; any other speaker stands for itself."""
    clause = speaker.head
    if speaker.lower_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl" and clause.head is not clause:
        return clause.head
    return speaker


def speaker_phrase_end(head: Token) -> int:
    """Last token index of the speaker as named at the cue. A name stops
    before its apposition ("Artyom Lukin, a professor ..."); a description
    keeps what tells who it is ("officials familiar with the matter", "a union
    representing dock workers", "the mayor and her deputy")."""
    end = head.i
    is_name = (bool(head.ent_type_) and head.ent_type_ not in QUANTITY_ENTITIES) or head.pos_ == "PROPN"
    for child in head.rights:
        if _named_apposition(head, child):
            end = child.right_edge.i  # "Vatican spokesman the Rev. Federico Lombardi"
            continue
        if child.text in {",", "(", "—", "–"} or child.dep_ in {"appos", "punct", "case"}:
            break
        if child.dep_ == "acl" and any(t.ent_type_ in TIME_ENTITIES for t in child.subtree):
            break  # "a poll released on Tuesday" is the poll
        if child.dep_ == "relcl" and (is_name or child.doc[child.left_edge.i - 1].text == ","):
            break  # "every economist we asked" keeps its clause; a name does not
        if child.dep_ in {"prep", "acl", "amod"} and is_name:
            break
        if child.dep_ == "conj" and child.pos_ not in {"NOUN", "PROPN", "PRON"}:
            break
        if child.dep_ == "cc" and not any(c.dep_ == "conj" and c.pos_ in {"NOUN", "PROPN", "PRON"} for c in head.rights):
            break
        end = child.right_edge.i
    # A name the entity recogniser saw whole ends with its entity: "the
    # chamber OF COMMERCE", "the Bank OF ENGLAND"; not past a finite verb,
    # where it ran a name into a clause ("Trump accused Holt of being a").
    doc = head.doc
    while (
        head.ent_type_
        and end + 1 < len(doc)
        and doc[end + 1].ent_iob_ == "I"
        and end + 1 > head.i
        and doc[end + 1].tag_ not in FINITE_VERB_TAGS  # "Alliance to Reclaim Our Schools" goes on
    ):
        end += 1
    return end


def _named_apposition(head: Token, child: Token) -> bool:
    """A name set right after a title with no comma: "spokesman FEDERICO LOMBARDI"."""
    if child.dep_ != "appos" or child.ent_type_ != "PERSON" or head.ent_type_:
        return False
    between = head.doc[head.i + 1 : child.left_edge.i]
    return not any(t.is_punct for t in between) and not head.doc[child.left_edge.i].is_punct


def speaker_mention(head: Token, cue_start: int | None = None) -> Span:
    """The speaker's words; they end before the cue when the cue hangs on the
    speaker ("a statement | saying that ..."), and start after it when the
    speaker follows it."""
    doc = head.doc
    start = head.left_edge.i
    if cue_start is not None and start <= cue_start < head.i:
        start = cue_start + 1  # the parse took the cue into the name ("Said Ellis")
    while start < head.i and (doc[start].dep_ in {"punct", "cc", "preconj"} or doc[start].is_space):
        start += 1
    end = speaker_phrase_end(head) + 1
    if cue_start is not None and head.i < cue_start < end:
        end = cue_start
    while end - 1 > head.i and doc[end - 1].is_space:
        end -= 1
    return doc[start:end]


def clause_content(
    verb: Token,
    speaker: Token | None,
    modes: tuple[str, ...] = ("clause",),
    questions: bool = False,
    prepositions: frozenset[str] = frozenset(),
    not_prepositions: frozenset[str] = frozenset(),
) -> list[tuple[int, int]]:
    """The reported content of a verb as token ranges, or [] if the parse has
    none. `modes` are the complements that may carry it (see the
    reporting_verbs rules): a clause, an infinitive, or the objects.
    `questions`: an embedded question ("asked whether ...") is content too.
    `prepositions`: if any, only objects they lead count ("spoke ABOUT ...");
    `not_prepositions` never lead it ("reported FROM Kabul")."""
    doc = verb.doc
    if "clause" in modes:
        found = _clausal_complement(verb, speaker, questions)
        if found is not None:
            return found
    if speaker is None:
        return []  # "to push for reform" with nobody pushing is no claim
    if "object" in modes and _object_gap(verb):
        # "the budget THE COUNCIL PROPOSED", "a cut SHE PROMISED to deliver":
        # what the relative clause leaves out is what it describes.
        antecedent = verb.head
        part = _trim(doc, antecedent.left_edge.i, verb.right_edge.i + 1)
        if part:
            return [part]
    if "infinitive" in modes:
        # "voted 7-2 on Tuesday TO CLOSE the depot": with no object in
        # between, an infinitive parsed as a purpose clause is the content too.
        infinitive_deps = {"xcomp"} if any(c.dep_ in {"dobj", "dative"} for c in verb.children) else {"xcomp", "advcl"}
        for child in verb.rights:
            if child.dep_ in infinitive_deps and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                part = _trim(doc, child.left_edge.i, child.right_edge.i + 1)
                if part:
                    return [part]
    if "object" not in modes and _characterises(verb):
        # "Farmers see THE RULE AS A BURDEN", "consider it A MISTAKE": an
        # object and what it is taken for state a view, whatever the verb.
        modes = (*modes, "object")
    if "object" in modes and not any(c.dep_ == "prt" and c.lower_ in OTHER_VERB_PARTICLES for c in verb.children):
        objects = [c for c in verb.rights if _is_object(c, prepositions, not_prepositions)]
        agent = next((c for c in verb.rights if c.dep_ == "agent"), None)
        if agent is not None and any(c.i < agent.i for c in objects):
            # "was called A FRAUD by rivals for ...": the object comes before
            # the agent ("pressed by reporters ON WHY ..." has none before it).
            objects = [c for c in objects if c.i < agent.i]
        if objects:
            start, end = objects[0].left_edge.i, objects[-1].right_edge.i + 1
            # One word is too little to report, unless it names someone
            # ("attacked Trump").
            named = doc[start].ent_type_ or (end - start == 1 and _names_someone(doc[start]))
            part = _trim(doc, start, end, min_tokens=1 if named else 2)
            if part:
                return [part]
    return []


def _names_someone(token: Token) -> bool:
    """ "criticized HIM", "praised OBAMA"; not "knows IT", "said THIS"."""
    if token.pos_ == "PROPN":
        return True
    return token.pos_ == "PRON" and "Prs" in token.morph.get("PronType") and "Neut" not in token.morph.get("Gender")


def _object_gap(verb: Token) -> bool:
    """A relative clause whose own subject is no relative pronoun and that
    has no object or clause of its own: its antecedent is its object."""
    if verb.dep_ != "relcl" or verb.head.pos_ not in {"NOUN", "PROPN"} or verb.head.i > verb.i:
        return False
    subject = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subject is None or subject.lower_ in RELATIVE_PRONOUNS or subject.dep_ == "nsubjpass":
        return False
    if verb.left_edge.pos_ == "ADP" or any(c.tag_ == "WRB" for c in verb.children):
        return False  # "the week DURING WHICH they will vote", "the town WHERE they planned"
    return not any(
        c.dep_ in {"ccomp", "oprd", "attr", "dative"} or (c.dep_ == "dobj" and c.lower_ not in RELATIVE_PRONOUNS | {"what"})
        for c in verb.children
    )


def _characterises(verb: Token) -> bool:
    if any(c.dep_ == "oprd" and c.pos_ in {"NOUN", "PROPN", "ADJ"} for c in verb.rights):
        return True  # "consider it A THREAT"
    objects = [c for c in verb.rights if c.dep_ == "dobj"]
    return bool(objects) and any(
        c.dep_ == "prep" and c.lower_ == "as" and c.i > objects[0].i and c.nbor(-1).lower_ != "such"
        for c in (*verb.rights, *objects[0].rights)
    )


def _is_object(
    child: Token, prepositions: frozenset[str] = frozenset(), not_prepositions: frozenset[str] = frozenset()
) -> bool:
    # "spoke at the rally" says where, "spoke about the rally" what.
    if prepositions and not (child.dep_ == "prep" and child.lower_ in prepositions):
        return False
    if child.dep_ == "prep" and child.lower_ in not_prepositions:
        return False
    if child.dep_ in OBJECT_DEPS:
        return True
    if child.dep_ != "prep":
        return False
    # The object itself, not anything under it: "accused him OF leaving the
    # office on Friday" is about more than a day.
    return not any(c.dep_ == "pobj" and c.ent_type_ in TIME_ENTITIES for c in child.children)


def _other_sense(verb: Token, not_objects: frozenset[str]) -> Token | None:
    """The object (active or passive) or prepositional object that makes the
    verb another sense: "cast a BALLOT", "BALLOTS were cast", "spoke on CONDITION"."""
    return next(
        (c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "prep"} and _object_lemma(c) in not_objects), None
    )


def _object_lemma(child: Token) -> str:
    """The lemma of an object, or of the object of a preposition ("on CONDITION")."""
    if child.dep_ == "prep":
        child = next((c for c in child.children if c.dep_ == "pobj"), child)
    return child.lemma_.lower()


def _clausal_complement(verb: Token, speaker: Token | None, questions: bool) -> list[tuple[int, int]] | None:
    doc = verb.doc
    sent = verb.sent
    clauses = [c for c in verb.children if _is_reported_clause(verb, c) and (speaker is None or not _inside(speaker, c))]
    if not clauses:
        # "Budget silent on rural clinics, doctors say": a verbless
        # headline clause the parser could only hang on as a bare dependent.
        clauses = [
            c for c in verb.lefts
            if c.dep_ in {"dep", "advcl"} and c.pos_ in {"NOUN", "PROPN"} and c.right_edge.i - c.left_edge.i >= 3
            and doc[c.right_edge.i + 1].text == ","
        ]
    # A clause before the cue and one after it: the parser has glued on the
    # sentence before ("It is early; aides say SHE WILL RUN").
    clauses.sort(key=lambda c: c.i < verb.i)
    # "The stakes are high: the rebels declared war on ...": a colon or
    # semicolon closes the clause before; it is not what the cue reports.
    clauses = [c for c in clauses if c.i > verb.i or not _closed_before(c, verb)]
    for child in clauses[:1]:
        if child.left_edge.i < verb.i < child.right_edge.i:
            # "which tenants said WAS TOO HIGH": a fronted wh-word.
            return _fronted_content(verb, child)
        if not questions and any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKERS for c in child.children):
            return []  # "declined to say whether she would run" reports no claim
        part = _trim(doc, child.left_edge.i, _clause_end(child))
        return [part] if part else []
    if (verb.dep_ == "parataxis" or _is_as_aside(verb)) and verb.head is not verb:
        # "The plan, he said, is dead": the cue interrupts its own content;
        # "The dam, as engineers pointed out, is old": so does an aside.
        cue_start = verb.left_edge.i
        cue_end = verb.right_edge.i + 1
        head = verb.head
        parts = [
            _trim(doc, max(head.left_edge.i, sent.start), cue_start),
            _trim(doc, cue_end, min(head.right_edge.i + 1, sent.end)),
        ]
        return [p for p in parts if p]
    return None


def _closed_before(clause: Token, verb: Token) -> bool:
    doc = verb.doc
    return any(t.text in {":", ";"} for t in doc[clause.right_edge.i : verb.i])


def _is_as_aside(verb: Token) -> bool:
    """"as one adviser pointed out": an aside whose verb reports the clause it
    hangs on, having nothing of its own to report ("as he told reporters",
    "as she argued for reform" do)."""
    if verb.dep_ != "advcl" or verb.head is verb:
        return False
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return False
    if not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return False  # "as expected": nobody's aside
    after = verb.right_edge.i + 1
    if after < verb.sent.end and not verb.doc[after].is_punct:
        return False  # not set off: the parse lost an object ("as he welcomed | guests")
    return not any(
        (c.dep_ in OBJECT_DEPS and c.lower_ not in ASIDE_OBJECTS)
        or (c.dep_ == "prep" and c.lower_ in STANCE_PREPOSITIONS)
        for c in verb.children
    )


def _fronted_content(verb: Token, clause: Token) -> list[tuple[int, int]]:
    """"the rent, WHICH tenants said WAS TOO HIGH", "WHAT he says HIS PLAN
    WOULD DO": a relative or wh-word moved out of the reported clause puts the
    speaker inside it; the content is that word and the clause after the verb."""
    doc = verb.doc
    wh_words = [t for t in doc[clause.left_edge.i : verb.i] if t.tag_ in WH_TAGS and t.head.i > verb.i]
    if len(wh_words) != 1:
        return []
    after = _trim(doc, verb.i + 1, _clause_end(clause))
    if after is None or after[0] > clause.i:
        return []
    return [(wh_words[0].i, wh_words[0].i + 1), after]


def _is_reported_clause(verb: Token, child: Token) -> bool:
    if child.dep_ in CONTENT_DEPS:
        return True
    # The parser sometimes hangs the reported clause on as an adverbial one
    # ("said after the vote she would not resign ..."): a clause after
    # the verb, with a subject of its own and no subordinating word.
    return (
        child.dep_ == "advcl"
        and child.i > verb.i
        and any(c.dep_ in SUBJECT_DEPS for c in child.children)
        and not any(c.dep_ == "mark" or c.tag_ == "WRB" for c in child.children)
        and not any(c.dep_ in {"dobj", "ccomp"} for c in verb.children)
    )


def _clause_end(root: Token) -> int:
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


def _inside(token: Token, root: Token) -> bool:
    """The token belongs to the clause: "which SHE says are ..." has the
    speaker between the clause's edges but not in it."""
    return token is root or root.is_ancestor(token)


def _trim(doc: Doc, start: int, end: int, min_tokens: int = 2) -> tuple[int, int] | None:
    """Drop the edges that are not content: "that", commas, conjunctions."""
    while start < end and (doc[start].dep_ in CONTENT_EDGE_SKIP or doc[start].is_space) and not _is_quote_mark(doc[start]):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space or doc[end - 1].dep_ == "cc") and not _is_quote_mark(doc[end - 1]):
        end -= 1
    if end - start < min_tokens:
        return None
    return start, end


def _is_quote_mark(token: Token) -> bool:
    return token.is_quote and token.text not in {"'s", "’s"}


def relay_of(verb: Token, rules: RuleSet) -> Span | None:
    """The outlet that relayed a quote, named in the cue's clause: "quoted by
    Tass", "told Reuters", "in an interview with the BBC"."""
    candidates: list[Token] = []
    for child in verb.children:
        if child.dep_ in {"dative", "dobj"} and verb.lemma_.lower() in rules.listener_verbs:
            candidates.append(child)
        if child.dep_ in {"prep", "agent"} and child.lower_ in rules.relay_prepositions:
            candidates += [c for c in child.children if c.dep_ == "pobj"]
        if child.dep_ == "prep":
            for pobj in (c for c in child.children if c.dep_ == "pobj"):
                for inner in pobj.children:
                    if inner.dep_ == "prep" and inner.lower_ in rules.relay_prepositions:
                        candidates += [c for c in inner.children if c.dep_ == "pobj"]
    for candidate in candidates:
        name = _outlet_name(candidate, rules)
        if name is not None:
            return name
    return None


def _outlet_name(token: Token, rules: RuleSet) -> Span | None:
    doc = token.doc
    if token.ent_type_ in {"ORG", "WORK_OF_ART"}:
        return entity_of(token)
    left = token.i
    while left > 0 and doc[left - 1].dep_ == "compound":
        left -= 1
    span = doc[left : token.i + 1]
    if span.text in rules.agencies or token.text in rules.agencies:
        return span
    start = left - 1 if left > 0 and doc[left - 1].lower_ == "the" else left
    if doc[start : token.i + 1].text in rules.agencies:
        return doc[start : token.i + 1]
    return None
