"""Who speaks at a cue: the grammatical speaker of a reporting verb, and how
much of the sentence names them.

The parse seldom hangs the speaker right on the cue: a participle shares its
subject with the verb it hangs from, a relative pronoun stands for the noun
before it, a name runs on into its title or apposition. These functions walk
those paths; attribute.py and the cue readers call them.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ...rules.ruleset import RuleSet
from .grammar import DASHES, RELATIVE_PRONOUNS, SET_OFF, SUBJECT_DEPS, TIME_ENTITIES

# A participle or coordinated verb shares its subject with the verb it hangs
# from: "Trump attacked Clinton, saying ...", "He paused and added ...".
SHARED_SUBJECT_DEPS = {"conj", "advcl", "xcomp"}
FINITE_VERB_TAGS = {"VBD", "VBZ", "VBP", "MD"}
# Entities that count rather than name: "19 percent OF VOTERS" keeps its
# "of", where "Lukin of the university" is a name and its apposition.
QUANTITY_ENTITIES = {"PERCENT", "CARDINAL", "QUANTITY", "MONEY", "ORDINAL"}
# What the people rules call a pronoun that stands for a person or people.
PERSON_PRONOUNS = {"male", "female", "plural"}
# What may stand after the verb as its speaker: "added ANOTHER REPUBLICAN",
# "tweeted ANOTHER", "read ONE".
INVERTED_POS = {"NOUN", "PROPN", "DET", "NUM"}
OBJECT_PRONOUNS = {"me", "us", "you", "him", "her", "it", "them", "this", "that", "what"}
# The tags of "who", "which", "that" and "whose" opening a relative clause.
RELATIVE_TAGS = {"WDT", "WP", "WP$"}
EMPHATIC_REFLEXIVES = {"himself", "herself", "themselves", "itself", "myself", "ourselves"}
# Pronouns that stand for people (or a relative pronoun for them).
SPEAKING_PRONOUNS = {"i", "we", "you", "he", "she", "they", "me", "us", "him", "her", "them", "who"}
# "has" and "is" contracted onto the subject: "he’s said", "Christie's been saying".
CONTRACTED_AUXILIARIES = {"'s", "’s"}
# What a quoted sentence ends with inside its closing mark: “…,” “….” “…?”
QUOTE_ENDS = {",", ".", "?", "!"}
# "Sen. Tom Carper OF DELAWARE", "Joel Pollak OF BREITBART": where a named
# speaker comes from or works is part of how the text names them.
ORIGIN_PREPOSITIONS = {"of", "from"}
ORIGIN_ENTITIES = {"GPE", "ORG", "LOC", "NORP", "FAC"}


def subject_of(verb: Token) -> Token | None:
    """The grammatical speaker of a reporting verb, following shared subjects."""
    subjects = [c for c in verb.children if c.dep_ in SUBJECT_DEPS]
    before = [c for c in subjects if c.i < verb.i]
    if len(subjects) > 1 and before:
        # The parse gave the verb two subjects: the nearer is its own. "the
        # plan, which one former employee considered illegal" (the relative
        # is the object); "“... [Clinton] can be very polarizing,” Kilfoyle
        # said" (the first stands in the quote).
        subjects = before[-1:]
    for child in subjects:
        if child.dep_ == "nsubjpass" and child.lower_ == "it":
            return None
        if child.lower_ in CONTRACTED_AUXILIARIES:
            # "he’s said": the parser may take the contracted "has" for the
            # subject and hang the real one on it.
            return next((c for c in child.children if c.dep_ in SUBJECT_DEPS), child)
        return child
    controller = _object_controller(verb)
    if controller is not None:
        return controller
    misread = _misread_subject(verb)
    if misread is not None:
        return misread
    if verb.dep_ in SHARED_SUBJECT_DEPS and verb.head.i != verb.i:
        shared = subject_of(_reporter_of(verb) or verb.head)
        speechless = shared is None or (shared.pos_ == "PRON" and shared.lower_ not in SPEAKING_PRONOUNS)
        if speechless and verb.dep_ in {"conj", "advcl"} and verb.head.dep_ == "ccomp" and verb.head.head.i != verb.head.i:
            # "Clark said there are two - but said ...", "Suu Kyi said it was
            # too early but added ...": the parser joined the second verb to
            # the complement of the first, whose subject cannot speak.
            return subject_of(verb.head.head)
        return shared
    if verb.dep_ == "acomp" and verb.head.i != verb.i:
        return subject_of(verb.head)  # "was able to tout": able -> was
    if verb.dep_ == "pcomp" and verb.head.dep_ == "prep" and verb.head.head.i != verb.head.i:
        return _subject_before(verb.head.head)  # "sings before asking her"
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN"}:
        return verb.head  # "a report praising the budget", "a statement saying"
    # "About 4 in 10 say ...": the parser may hang a share on the verb as a number.
    return next((c for c in verb.lefts if c.dep_ in {"nummod", "npadvmod"} and c.tag_ == "CD"), None)


def _misread_subject(verb: Token) -> Token | None:
    """Two misparses that leave a finite reporting verb without a subject:
    a noun with a participle taken for a clause ("Large majorities of voters
    GOING to the polls said": majorities), and a clause before it taken for
    its complement ("Kasich offered the man a job, THEN says ...": Kasich)."""
    for child in verb.lefts:
        clause_subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
        if clause_subject is None:
            continue
        if child.dep_ == "csubj" and child.tag_ in {"VBG", "VBN"}:
            return clause_subject
        joined = any(t.lower_ in {"then", "and"} for t in verb.doc[child.right_edge.i + 1 : verb.i])
        if child.dep_ == "ccomp" and joined:
            return clause_subject
    return None


def _object_controller(verb: Token) -> Token | None:
    """ "It prompted ANDERSON COOPER to accuse Bondi", "The victory led
    PRIEBUS to declare": when a thing makes someone do what an infinitive
    says, the one it makes does it; where a person makes them ("Sanders
    pushed Democrats to act"), the call is the person's."""
    if verb.dep_ != "xcomp" or verb.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    obj = next((c for c in verb.head.children if c.dep_ == "dobj" and c.i < verb.i), None)
    if obj is None or not _can_speak(obj):
        return None
    cause = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    return obj if cause is None or not _can_speak(cause) else None


def _can_speak(token: Token) -> bool:
    """A name, a group or a person pronoun: someone who can say something."""
    return token.ent_type_ in {"PERSON", "ORG", "NORP"} or token.pos_ == "PROPN" or token.lower_ in SPEAKING_PRONOUNS


def _reporter_of(participle: Token) -> Token | None:
    """ "The senator said the bill would pass — ADDING that ...": a participle
    set off after a complement clause, which the parser hung on that clause,
    goes on with the subject of the verb the clause completes; "the bill"
    adds nothing. That verb, or None where the participle stands otherwise."""
    clause = participle.head
    reporter = clause.head
    if participle.tag_ != "VBG" or participle.dep_ != "advcl" or participle.i < clause.i:
        return None
    if clause.dep_ != "ccomp" or reporter.i >= clause.i:
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
        if host.dep_ in {"advmod", "acomp"} and host.pos_ in {"ADV", "ADJ"} and host.head.i != host.i:
            host = host.head
            continue
        return subject_of(host)
    return None


def antecedent_of(speaker: Token) -> Token:
    """Who a relative pronoun at the cue stands for: "officials, WHO said"
    -> "officials"; any other speaker stands for itself."""
    clause = speaker.head
    if speaker.lower_ in RELATIVE_PRONOUNS and clause.dep_ == "relcl" and clause.head.i != clause.i:
        return clause.head
    return speaker


def speaker_phrase_end(head: Token, origin: bool = True) -> int:
    """Last token index of the speaker as named at the cue. A name stops
    before its apposition ("Artyom Lukin, a professor ...") but keeps where
    it comes from ("Artyom Lukin of the university", unless `origin` is
    False); a description keeps what tells who it is ("officials familiar
    with the matter", "a union representing dock workers", "a poll released
    on Tuesday", "the mayor and her deputy")."""
    end = head.i
    is_name = (bool(head.ent_type_) and head.ent_type_ not in QUANTITY_ENTITIES) or head.pos_ == "PROPN"
    # "Democrats", "one Republican": a group's name describes its members.
    group = head.ent_type_ == "NORP" and (head.tag_ in {"NNS", "NNPS"} or any(c.dep_ in {"det", "nummod"} for c in head.lefts))
    for child in head.rights:
        if _named_apposition(head, child):
            end = child.right_edge.i  # "Vatican spokesman the Rev. Federico Lombardi"
            continue
        if child.text in {",", "(", "—", "–"} or child.dep_ in {"appos", "punct", "case"}:
            break
        if child.dep_ == "prep" and _when(child) and child.i == max(c.i for c in head.rights if not c.is_punct):
            break  # "the campaign ON MONDAY said": when they spoke, not who
        place = _origin(head, child) if origin and is_name else None
        if place is not None:
            end = speaker_phrase_end(place)  # "Ted Cruz of Texas and Rand Paul of Kentucky"
            continue
        if child.dep_ == "relcl" and (is_name or child.doc[child.left_edge.i - 1].text == ","):
            break  # "every economist we asked" keeps its clause; a name does not
        if child.dep_ in {"prep", "acl", "amod"} and is_name and not (group and not _dated(child)):
            break  # a name ends; a group goes on: "Democrats IN CONGRESS", "Republicans INVOLVED IN it"
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
    # "one person with knowledge of the talks, WHO spoke on condition of
    # anonymity": a clause set off about the speaker, however deep the parse
    # hangs it, tells about them but does not name them.
    aside = next((t.i for t in doc[head.i + 1 : end] if t.text == "," and doc[t.i + 1].tag_ in RELATIVE_TAGS), None)
    if aside is not None:
        return aside - 1
    if end + 1 < len(doc) and doc[end + 1].lower_ in EMPHATIC_REFLEXIVES and doc[end + 1].head.i in {head.i, head.head.i}:
        return end + 1  # "Sanders HIMSELF acknowledged"
    return _dashed_aside_end(head, end)


def _dashed_aside_end(head: Token, end: int) -> int:
    """A subject goes on over what dashes set off between it and its verb
    when that says who it is: "Jason Sims — a teacher from Ohio — said",
    "the leaders -- and, in particular, Harry Reid -- said"; not over a
    clause about it ("Sanders — now that he has won — said", "Kagan — who
    ...")."""
    doc = head.doc
    verb, dash = head.head, end + 1
    if verb.i == head.i or verb.i <= dash + 1 or doc[dash].text not in DASHES | {"-"} or not doc[dash - 1].whitespace_:
        return end
    first = doc[dash + 1]
    if first.tag_ in {"WDT", "WP", "WP$", "WRB", "IN"} or first.dep_ in {"mark", "advmod", "advcl", "relcl"}:
        return end
    close = next((t.i for t in doc[dash + 1 : verb.i] if t.text == doc[dash].text), None)
    if close is None or close == dash + 1:
        return end
    inside = doc[dash + 1 : close]
    if not all(head.left_edge.i <= t.head.i <= close for t in inside):
        return end  # the dashes hold something of the verb's, not of the subject's
    return close


def _when(preposition: Token) -> bool:
    """ "on Monday", "in March": a preposition whose object is a time;
    not "of recent years", which says which."""
    if preposition.lower_ == "of":
        return False
    objects = [c for c in preposition.children if c.dep_ == "pobj"]
    return bool(objects) and all(o.ent_type_ in TIME_ENTITIES for o in objects)


def _dated(phrase: Token) -> bool:
    """ "on Tuesday", "released last week": a phrase that says when."""
    return any(t.ent_type_ in TIME_ENTITIES for t in phrase.subtree)


def _origin(head: Token, child: Token) -> Token | None:
    """The place or organization a name is "of" or "from", right after it:
    "Tom Carper OF DELAWARE", "Stu Rothenberg OF THE ... POLITICAL REPORT"."""
    if child.dep_ != "prep" or child.lower_ not in ORIGIN_PREPOSITIONS or child.i != head.i + 1:
        return None
    if head.ent_type_ in TIME_ENTITIES:
        return None  # "Nine months of Trump"
    place = next((c for c in child.children if c.dep_ == "pobj"), None)
    if place is None or not (place.ent_type_ in ORIGIN_ENTITIES or (place.pos_ == "PROPN" and not place.ent_type_)):
        return None
    return place


def _named_apposition(head: Token, child: Token) -> bool:
    """A name set right after a title with no comma: "spokesman FEDERICO LOMBARDI"."""
    if child.dep_ != "appos" or child.ent_type_ != "PERSON" or head.ent_type_:
        return False
    between = head.doc[head.i + 1 : child.left_edge.i]
    return not any(t.is_punct for t in between) and not head.doc[child.left_edge.i].is_punct


def left_edge_outside_quotes(head: Token) -> int:
    """Where the words hung on a speaker start, past the closing mark of a
    quoted sentence: the parser may hang the end of a quote on the name
    after it ("… hunky-DORY,” Gene Sperling said"); not past the marks of
    a title ("“Daily Show” host Trevor Noah")."""
    start = head.left_edge.i
    last = last_closing_mark(head.doc, start, head.i)
    return last + 1 if last is not None else start


def last_closing_mark(doc: Doc, start: int, end: int) -> int | None:
    """The last mark in tokens [start, end) that closes a quoted sentence
    (“…,” “….” “…?”), or None."""
    marks = [t.i for t in doc[start:end] if t.is_quote and t.i > 0 and doc[t.i - 1].text in QUOTE_ENDS]
    return marks[-1] if marks else None


def speaker_mention(head: Token, cue_start: int | None = None, origin: bool = True) -> Span:
    """The speaker's words; they end before the cue when the cue hangs on the
    speaker ("a statement | saying that ..."), and start after it when the
    speaker follows it. `origin`: with where a name comes from (see
    `speaker_phrase_end`)."""
    doc = head.doc
    start = left_edge_outside_quotes(head)
    if cue_start is not None and start <= cue_start < head.i:
        start = cue_start + 1  # the parse took the cue into the name ("Said Ellis")
    while start < head.i and (doc[start].dep_ in {"punct", "cc", "preconj"} or doc[start].is_space):
        start += 1
    end = speaker_phrase_end(head, origin) + 1
    if cue_start is not None and head.i < cue_start < end:
        end = cue_start
    while end - 1 > head.i and doc[end - 1].is_space:
        end -= 1
    return doc[start:end]


def inverted_speaker(verb: Token) -> Token | None:
    """ "“…,” added ANOTHER REPUBLICAN", "“…,” read THE EMAIL": right after a
    closing quote the parser may take the speaker after the verb for its
    object, or for the subject of what follows ("“…,” said THE WOMAN, who
    ...", "said BEN CARSON, asked about ..."); it is the speaker all the
    same. So is a name between the quote and the verb that the parser hung
    inside the quote ("“…,” GENE SPERLING, an adviser, said")."""
    doc = verb.doc
    if not verb.text[:1].islower():
        return None  # “…” Calls men names: a new sentence, or a headline
    before = _skip_back(doc, verb.i - 1)
    if before >= 0 and doc[before].text == ",":
        before = _skip_back(doc, before - 1)
    if before >= 0 and doc[before].is_quote:
        found = next((c for c in verb.rights if c.dep_ in {"dobj", "npadvmod", "attr"} and _may_speak_after(c)), None)
        return found or _noun_run_after(verb)
    return _name_after_quote(verb)


def _may_speak_after(token: Token) -> bool:
    """ "added ANOTHER REPUBLICAN", "tweeted ANOTHER", "read ONE"; not whom
    the verb was said to ("told HIM")."""
    return token.pos_ in INVERTED_POS or (token.pos_ == "PRON" and token.lower_ not in OBJECT_PRONOUNS)


def _skip_back(doc: Doc, index: int) -> int:
    while index >= 0 and doc[index].is_space:
        index -= 1
    return index


def _noun_run_after(verb: Token, reach: int = 8) -> Token | None:
    """The last word of the nouns right after the verb ("said retired
    neurosurgeon BEN CARSON"), ended by punctuation or the sentence."""
    doc, last = verb.doc, None
    for token in doc[verb.i + 1 : min(verb.i + 1 + reach, verb.sent.end)]:
        if (token.pos_ in {"DET", "ADJ", "NOUN", "PROPN"} or token.dep_ in {"amod", "compound"}) and not token.is_punct:
            last = token if token.pos_ in {"NOUN", "PROPN"} else last
            continue
        return last if token.is_punct and last is not None and last.dep_ not in {"compound", "amod", "poss"} else None
    return None


def _name_after_quote(verb: Token) -> Token | None:
    """A subjectless verb set after "“…,” NAME, apposition,": the name."""
    doc = verb.doc
    if any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return None
    stretch = [t for t in doc[verb.sent.start : verb.i] if not t.is_space]
    quote = max((i for i, t in enumerate(stretch) if t.is_quote), default=None)
    if quote is None or quote + 2 >= len(stretch) or stretch[quote - 1].text not in {",", "?", "!"}:
        return None
    after = stretch[quote + 1 :]
    if any(t.pos_ in {"VERB", "AUX"} for t in after):
        return None
    name = next((t for t in after if t.ent_type_ == "PERSON"), None)
    if name is None or after[0].ent_type_ != "PERSON":
        return None
    while name.i + 1 < verb.i and doc[name.i + 1].ent_type_ == "PERSON" and doc[name.i + 1].ent_iob_ == "I":
        name = doc[name.i + 1]
    return name


def is_named(token: Token | None, rules: RuleSet) -> bool:
    """A source by name or person: an entity, a proper noun, or a pronoun the
    people rules know as a person ("she", "they"), not "it" or "there"."""
    if token is None:
        return False
    if token.pos_ == "PRON":
        return is_person_pronoun(token, rules)
    return bool(token.ent_type_) or token.pos_ == "PROPN"


def is_person_pronoun(token: Token, rules: RuleSet) -> bool:
    """ "she", "they": a pronoun the people rules know as a person or people."""
    return rules.pronouns.get(token.lower_) in PERSON_PRONOUNS
