"""Cues whose word is a reporting verb: "said", "warned", "has denied", and
the headline verb the tagger read as a plural noun ("Mayor Vows To Fix Roads").

A verb cue's speaker is its subject, or its agent when passive; its content
is what complements.py finds on it. The verb's own rule says which senses
and objects count.
"""

from __future__ import annotations

from spacy.tokens import Token

from ...rules.ruleset import RuleSet
from ..trace import considering, decline
from .complements import clause_content
from .cue import Cue
from .grammar import RELATIVE_PRONOUNS, TIME_ENTITIES
from .relay import relay_of
from .spans import clause_end, trim
from .speakers import inverted_speaker, last_closing_mark, speaker_phrase_end, subject_of

DEMONSTRATIVES = {"that", "this"}
# What may stand before a name in a speech tag: "Texas DELEGATE Bill Eastland", "THE FORMER MAYOR ...".
TITLE_POS = {"NOUN", "PROPN", "ADJ", "DET"}


def verb_cue(verb: Token, rules: RuleSet) -> Cue | None:
    """The cue a reporting verb makes, or None where its rule says this
    use of the verb reports nothing (another sense, the wrong object)."""
    rule = rules.verbs[verb.lemma_.lower()]
    considering(rule.rule_id, verb.i, verb.i + 1)
    if rule.objects and not any(c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in rule.objects for c in verb.children):
        # "released the hostages" reports nothing; "released a report" does
        decline(f"the group counts only these objects: {', '.join(sorted(rule.objects))}")
        return None
    if _is_turn_of_phrase(verb):
        decline("'That said,' opening a sentence is a turn of phrase, not a report")
        return None
    other_sense = _other_sense(verb, rule.not_objects) if rule.not_objects else None
    if other_sense is not None:
        # "cast a ballot", "ballots were cast", "spoke on condition of anonymity"
        decline(f"'{other_sense.text}' makes it another sense of the verb")
        return None
    # "Putin is expected to visit": others expect; the source of a passive
    # cue, if any, is its agent ("was told by aides"), and what the agent
    # stands on may be the subject ("Clinton was endorsed by papers").
    participle = _is_passive_participle(verb)
    passive = participle or _is_passive(verb)
    speaker = _agent_of(verb) if passive else subject_of(verb) or inverted_speaker(verb)
    if speaker is None and not passive:
        speaker = _name_before(verb)
    if speaker is not None and speaker.i == verb.head.i and verb.dep_ == "acl":
        speaker = _maker_of(speaker, rules) or _holder_of(speaker, rules) or speaker
    # What Christie was asked about is content, whoever asked.
    patient = subject_of(verb) if participle else None
    content = clause_content(verb, speaker or patient, rule.content, rule.questions, rule.prepositions, rule.not_prepositions)
    if passive and not content and speaker is not None and "object" in rule.content:
        content = _passive_subject(verb)
    elif passive and not content and speaker is None and rule.unnamed_passive:
        # "The firm has been accused of dumping waste": someone unnamed
        # says so, and the whole clause is what they say.
        content = _passive_clause(verb)
    cue = Cue(
        start=auxiliaries_start(verb),
        end=verb.i + 1,
        verb=verb,
        speaker=speaker,
        content=content,
        via=relay_of(verb, rules),
        confidence=rule.confidence,
        rule=rule.rule_id,
        in_opinion=rule.in_opinion,
        negated=any(child.dep_ == "neg" for child in verb.children),
        quote_object=rule.quote_object,
    )
    return cue


def _is_turn_of_phrase(verb: Token) -> bool:
    """ "THAT SAID, Cruz cannot win": a demonstrative and the verb, set off
    by a comma at the start of a sentence, concede a point; no one says."""
    doc = verb.doc
    if verb.i < 1 or verb.i + 1 >= len(doc) or doc[verb.i + 1].text != ",":
        return False
    subject = doc[verb.i - 1]
    opens = subject.is_sent_start or doc[subject.i - 1].is_punct or doc[subject.i - 1].is_space
    return subject.lower_ in DEMONSTRATIVES and subject.head.i == verb.i and opens


def headline_cue(noun: Token, rules: RuleSet) -> Cue | None:
    """ "Mayor Vows To Fix Roads": a reporting verb tagged as
    a plural noun at the root, its subject parsed as a compound before it
    and its complement hung on it after."""
    rule = rules.verbs[noun.lemma_.lower()]
    considering(rule.rule_id, noun.i, noun.i + 1)
    if any(c.dep_ in {"det", "poss", "nummod"} for c in noun.children):
        decline("read as a headline verb, but a determiner or owner makes it a noun")  # "the claims"
        return None
    speaker = next((c for c in reversed(list(noun.lefts)) if c.dep_ in {"compound", "nsubj"}), None)
    rights = [c for c in noun.rights if not c.is_punct and c.dep_ not in {"cc", "conj"}]
    if speaker is None or not rights:
        decline("read as a headline verb, but no source before it or no words after it")
        return None
    part = trim(noun.doc, rights[0].left_edge.i, clause_end(rights[-1]), min_tokens=2)
    if part is None:
        decline("read as a headline verb, but what follows is too short to be content")
        return None
    return Cue(noun.i, noun.i + 1, None, speaker, [part], None, rule.confidence, rule.rule_id, rule.in_opinion)


def _name_before(verb: Token, reach: int = 12) -> Token | None:
    """The person named just before a finite verb the parse gave no
    subject, past an apposition between commas: "Alarmed by the unrest,
    Senator Harry REID, the minority leader, said" (the parser listed the
    name with the unrest). Not past another verb or a quote mark."""
    if verb.dep_ != "ROOT" or verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None
    tagged = _name_after_quote(verb)
    if tagged is not None:
        return tagged
    doc = verb.doc
    for index in range(verb.i - 1, max(verb.sent.start, verb.i - reach) - 1, -1):
        token = doc[index]
        if token.is_quote or token.pos_ in {"VERB", "AUX"}:
            return None
        if token.ent_type_ == "PERSON":
            return token
    return None


def _name_after_quote(verb: Token) -> Token | None:
    """The name that opens a speech tag after a quote, which the parser
    hung on the quote or on the verb as a compound: "“…,” CONWAY notes",
    "“…,” Texas delegate Bill EASTLAND, wearing a “Ted Cruz” pin, said".
    Only title words may stand before it, and only an aside set off by
    commas after it."""
    doc = verb.doc
    closing = last_closing_mark(doc, verb.sent.start, verb.i)
    if closing is None:
        return None
    name: Token | None = None
    for token in doc[closing + 1 : verb.i]:
        if token.ent_type_ == "PERSON" or (token.pos_ == "PROPN" and not token.ent_type_):
            name = token
        elif name is not None:
            break
        elif token.pos_ not in TITLE_POS:
            return None
    if name is None:
        return None
    aside = doc[name.i + 1 : verb.i]
    if len(aside) and (aside[0].text != "," or aside[-1].text != ","):
        return None
    return name


# How far up an occasion's phrase its verb may stand: "spent [much [of [his speech]]]".
OCCASION_REACH = 4


def _maker_of(thing: Token, rules: RuleSet) -> Token | None:
    """Who put out the words a participle hangs on, when they are the
    object of the verb that put them out: "HIS OFFICE released a statement
    saying ...", "CLINTON delivered a speech attacking ..."; not when that
    verb reports a view of them ("Clinton described a tweet attacking
    ..."), nor when they are people ("cheered Democrats saying"), nor for a
    relative pronoun or a date."""
    if thing.dep_ != "dobj" or thing.ent_type_ in {"PERSON", "NORP"}:
        return None
    verb = thing.head
    if verb.pos_ != "VERB":
        return None
    rule = rules.verbs.get(verb.lemma_.lower())
    if rule is not None and not rule.puts_out_words:
        return None
    maker = subject_of(verb)
    if maker is None or maker.lower_ in RELATIVE_PRONOUNS or maker.ent_type_ in TIME_ENTITIES:
        return None
    return maker


def _holder_of(occasion: Token, rules: RuleSet) -> Token | None:
    """Who speaks at the occasion a participle hangs on: the subject of the
    verb it is the occasion of ("SHE said at a recent news conference
    announcing ...", "WHO spent much of his speech defending ..."), else its
    owner ("HIS speech defending ...")."""
    if occasion.lemma_.lower() not in rules.occasion_nouns:
        return None
    holder = occasion
    for _ in range(OCCASION_REACH):
        if holder.dep_ not in {"pobj", "prep", "dobj"} or holder.head.i == holder.i:
            break
        holder = holder.head
        if holder.pos_ in {"VERB", "AUX"}:
            subject = subject_of(holder)
            if subject is not None:
                return subject
            break
    return next((c for c in occasion.children if c.dep_ == "poss"), None)


def _other_sense(verb: Token, not_objects: frozenset[str]) -> Token | None:
    """The object (active or passive) or prepositional object that makes the
    verb another sense: "cast a BALLOT", "BALLOTS were cast", "spoke on CONDITION"."""
    return next((c for c in verb.children if c.dep_ in {"dobj", "nsubjpass", "prep"} and _object_lemma(c) in not_objects), None)


def _object_lemma(child: Token) -> str:
    """The lemma of an object, or of the object of a preposition ("on CONDITION")."""
    if child.dep_ == "prep":
        child = next((c for c in child.children if c.dep_ == "pobj"), child)
    return child.lemma_.lower()


def _is_passive(verb: Token) -> bool:
    if any(child.dep_ == "nsubj" for child in verb.children):
        return False  # "who's called for a recount": the parser took "'s" for "is"
    return any(child.dep_ in {"auxpass", "nsubjpass"} for child in verb.children)


def _is_passive_participle(verb: Token) -> bool:
    """ "Asked about the plan, Christie said": a past participle opening a
    clause with no auxiliary or subject of its own is passive; the subject
    it shares was asked."""
    own = {"aux", "auxpass", "nsubj", "nsubjpass"}
    return verb.tag_ == "VBN" and verb.dep_ == "advcl" and not any(c.dep_ in own for c in verb.children)


def _passive_subject(verb: Token) -> list[tuple[int, int]]:
    for child in verb.children:
        if child.dep_ == "nsubjpass":
            part = trim(verb.doc, child.left_edge.i, speaker_phrase_end(child) + 1, min_tokens=1)
            return [part] if part else []
    return []


def _passive_clause(verb: Token) -> list[tuple[int, int]]:
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.i > verb.i or verb.dep_ == "relcl":
        return []  # "the hearing he was called to" describes the hearing
    if any(c.dep_ == "neg" for c in verb.children) or any(t.lower_ in {"neither", "no"} for t in subject.subtree):
        return []  # "was never charged over it" reports no charge
    part = trim(verb.doc, subject.left_edge.i, clause_end(verb), min_tokens=4)
    return [part] if part else []


def _agent_of(verb: Token) -> Token | None:
    for child in verb.children:
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    return None


def auxiliaries_start(verb: Token) -> int:
    """The cue reads with its auxiliaries: "has learned", "did not say"."""
    start = verb.i
    for child in reversed(list(verb.lefts)):
        if child.dep_ in {"aux", "auxpass", "neg"} and child.tag_ != "TO" and child.i == start - 1:
            start = child.i
    return start
