"""What a reporting verb reports: its clausal complement, an infinitive, or
the objects that say what a stance is about.

The parse hangs reported content on a verb in many ways (a ccomp, an
adverbial clause it mistook for one, a relative clause's gap, a clause the
cue interrupts); `clause_content` tries them in the order the rules allow and
returns token ranges, or [] when the parse shows nothing that was said.
"""

from __future__ import annotations

from spacy.tokens import Token

from .grammar import RELATIVE_PRONOUNS, SUBJECT_DEPS, TIME_ENTITIES
from .spans import clause_end, trim

# Clausal dependents of a reporting verb that hold what was said.
CONTENT_DEPS = {"ccomp"}
# How the parser hangs a reported clause on a noun between it and its verb
# ("said in a statement that ...").
STRANDED_DEPS = {"acl", "relcl"}
# Dependents after a stance verb that say what the stance is about:
# "called THE PLAN A FRAUD", "called ON POLICE TO ACT", "attacked CLINTON".
OBJECT_DEPS = {"dobj", "dative", "oprd", "prt", "xcomp", "ccomp", "attr", "acomp"}
# A particle that makes another verb, whose object is no content: "showed UP
# at the meeting" ("backed OFF the tax plan" still reports a stance).
OTHER_VERB_PARTICLES = {"up"}
# Prepositions that take what a stance is about: "as he called FOR a recount".
STANCE_PREPOSITIONS = {"for", "against", "about", "of", "with"}
# An embedded question reports what was asked or left open, not a claim.
QUESTION_MARKERS = {"whether", "if"}
# Relative and wh-words ("which", "what", "who") that can open a clause
# around its reporting verb.
WH_TAGS = {"WDT", "WP"}
# What an "as" aside may take without reporting anything of its own: "as he
# put IT", "as she said SO", "pointed OUT".
ASIDE_OBJECTS = {"it", "so", "out"}


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
        part = trim(doc, antecedent.left_edge.i, verb.right_edge.i + 1)
        if part:
            return [part]
    if "infinitive" in modes:
        # "voted 7-2 on Tuesday TO CLOSE the depot": with no object in
        # between, an infinitive parsed as a purpose clause is the content too.
        infinitive_deps = {"xcomp"} if any(c.dep_ in {"dobj", "dative"} for c in verb.children) else {"xcomp", "advcl"}
        for child in verb.rights:
            if child.dep_ in infinitive_deps and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children):
                part = trim(doc, child.left_edge.i, child.right_edge.i + 1)
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
            part = trim(doc, start, end, min_tokens=1 if named else 2)
            if part:
                return [part]
    return []


def _names_someone(token: Token) -> bool:
    """ "criticized HIM", "praised OBAMA"; not "knows IT", "said THIS"."""
    if token.pos_ == "PROPN":
        return True
    # spaCy's stub wants `default`; None is its run-time default ([] if absent).
    return token.pos_ == "PRON" and "Prs" in token.morph.get("PronType", None) and "Neut" not in token.morph.get("Gender", None)


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


def _is_object(child: Token, prepositions: frozenset[str] = frozenset(), not_prepositions: frozenset[str] = frozenset()) -> bool:
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


def _clausal_complement(verb: Token, speaker: Token | None, questions: bool) -> list[tuple[int, int]] | None:
    doc = verb.doc
    sent = verb.sent
    clauses = [
        c for c in verb.children if _is_reported_clause(verb, c, questions) and (speaker is None or not _inside(speaker, c))
    ]
    if not clauses:
        clauses = _stranded_clauses(verb)
    if not clauses:
        # "Budget silent on rural clinics, doctors say": a verbless
        # headline clause the parser could only hang on as a bare dependent.
        clauses = [
            c
            for c in verb.lefts
            if c.dep_ in {"dep", "advcl"}
            and c.pos_ in {"NOUN", "PROPN"}
            and c.right_edge.i - c.left_edge.i >= 3
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
        start = child.left_edge.i
        if child.dep_ in STRANDED_DEPS and doc[start].lower_ == "that":
            start += 1  # the parse makes it no "mark", so `trim` keeps it
        part = trim(doc, start, clause_end(child))
        return [part] if part else []
    if (verb.dep_ == "parataxis" or _is_as_aside(verb) or _is_comma_conjunct(verb)) and verb.head.i != verb.i:
        # "The plan, he said, is dead": the cue interrupts its own content;
        # "The dam, as engineers pointed out, is old": so does an aside.
        cue_start = verb.left_edge.i
        cue_end = verb.right_edge.i + 1
        head = verb.head
        parts = [
            trim(doc, max(head.left_edge.i, sent.start), cue_start),
            trim(doc, cue_end, min(head.right_edge.i + 1, sent.end)),
        ]
        return [p for p in parts if p]
    return None


def _is_comma_conjunct(verb: Token) -> bool:
    """ "This includes a special force, Defense Secretary Ash Carter told a
    Senate panel.": a cue the parser joined to the clause before it as a
    conjunct, with a comma and no "and" or "but" between, and with a
    subject of its own that ends the sentence."""
    if verb.dep_ != "conj" or verb.head.i >= verb.i:
        return False
    doc = verb.doc
    if verb.left_edge.i == 0 or doc[verb.left_edge.i - 1].text != ",":
        return False
    if any(c.dep_ == "cc" and c.i < verb.i for c in verb.head.children):
        return False
    if not any(c.dep_ in SUBJECT_DEPS for c in verb.lefts):
        return False
    return all(t.is_punct or t.is_space for t in doc[verb.right_edge.i + 1 : verb.sent.end])


def _closed_before(clause: Token, verb: Token) -> bool:
    doc = verb.doc
    return any(t.text in {":", ";"} for t in doc[clause.right_edge.i : verb.i])


def _is_as_aside(verb: Token) -> bool:
    """ "as one adviser pointed out": an aside whose verb reports the clause it
    hangs on, having nothing of its own to report ("as he told reporters",
    "as she argued for reform" do)."""
    if verb.dep_ != "advcl" or verb.head.i == verb.i:
        return False
    if not any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children):
        return False
    if not any(c.dep_ in SUBJECT_DEPS for c in verb.children):
        return False  # "as expected": nobody's aside
    last = verb.right_edge  # the comma that sets it off may be its own ("As he said, ...")
    after = last.i + 1
    if not last.is_punct and after < verb.sent.end and not verb.doc[after].is_punct:
        return False  # not set off: the parse lost an object ("as he welcomed | guests")
    return not any(
        (c.dep_ in OBJECT_DEPS and c.lower_ not in ASIDE_OBJECTS) or (c.dep_ == "prep" and c.lower_ in STANCE_PREPOSITIONS)
        for c in verb.children
    )


def _fronted_content(verb: Token, clause: Token) -> list[tuple[int, int]]:
    """ "the rent, WHICH tenants said WAS TOO HIGH", "WHAT he says HIS PLAN
    WOULD DO": a relative or wh-word moved out of the reported clause puts the
    speaker inside it; the content is that word and the clause after the verb."""
    doc = verb.doc
    wh_words = [t for t in doc[clause.left_edge.i : verb.i] if t.tag_ in WH_TAGS and t.head.i > verb.i]
    if len(wh_words) != 1:
        return []
    after = trim(doc, verb.i + 1, clause_end(clause))
    if after is None or after[0] > clause.i:
        return []
    return [(wh_words[0].i, wh_words[0].i + 1), after]


def _is_reported_clause(verb: Token, child: Token, questions: bool = False) -> bool:
    if child.dep_ in CONTENT_DEPS:
        return True
    if questions and _is_question_read_as_condition(verb, child):
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


def _is_question_read_as_condition(verb: Token, child: Token) -> bool:
    """ "asked the students IF THEY WERE READY": the parser reads the asked
    question as a condition on the asking. Not after a request, whose
    condition it is ("asked them to clap if they agreed", "will ask for a
    recount if the margin is small")."""
    return (
        child.dep_ == "advcl"
        and child.i > verb.i
        and any(c.dep_ == "mark" and c.lower_ in QUESTION_MARKERS for c in child.children)
        and any(c.dep_ in SUBJECT_DEPS for c in child.children)
        and not any(_is_request(c) and c.i < child.i for c in verb.children)
    )


def _is_request(child: Token) -> bool:
    """What asking for something hangs on the verb: "to clap", "for a recount"."""
    return child.dep_ == "xcomp" or (child.dep_ == "prep" and child.lower_ == "for")


def _stranded_clauses(verb: Token) -> list[Token]:
    """ "said in a statement THAT THE RACE WAS OVER", "said for the first
    time that ...": the parser hangs the reported clause on the noun of a
    phrase between, as if it described that noun. A clause opened by
    "that" with a subject of its own ("a statement that was released" has
    none: "that" is its subject)."""
    if any(c.dep_ in {"dobj", "ccomp"} for c in verb.children):
        return []
    for prep in (c for c in verb.rights if c.dep_ == "prep"):
        for noun in (c for c in prep.children if c.dep_ == "pobj"):
            for clause in noun.rights:
                opener = clause.doc[clause.left_edge.i]
                if (
                    clause.dep_ in STRANDED_DEPS
                    and opener.lower_ == "that"
                    and opener.dep_ in {"mark", "advmod"}
                    and any(c.dep_ in SUBJECT_DEPS and c.lower_ not in RELATIVE_PRONOUNS for c in clause.children)
                ):
                    return [clause]
    return []


def _inside(token: Token, root: Token) -> bool:
    """The token belongs to the clause: "which SHE says are ..." has the
    speaker between the clause's edges but not in it."""
    return token is root or root.is_ancestor(token)
