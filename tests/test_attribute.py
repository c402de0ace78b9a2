"""quotes.attribution.attribute end to end: text in, claim records out.

Every extraction goes through the `extract` fixture, which validates it
against the output schema. Each case is (text, expected): expected describes
every claim, in order, by the fields that matter for the case; a field left
out of a description is not checked.
"""

from __future__ import annotations

import pytest

CONTINUATION = "quotes.quote-marks#continuation"
UNATTRIBUTED = "quotes.quote-marks#unattributed"
SPEECH = "cues.reporting-verbs#speech"

YANG_INTRO = (
    "Yang Cheng, a Sino-Russian relations expert from Shanghai International Studies University, "
    "said the double visit was a signal."
)
LUKIN_INTRO = "Artyom Lukin, a professor of international politics at Far Eastern Federal University, said the deal was done."


def summary(claim) -> dict:
    return {
        "id": claim.id,
        "type": claim.type,
        "text": claim.text,
        "parts": len(claim.spans),
        "speaker": claim.speaker.name,
        "mention": claim.speaker.mention.text if claim.speaker.mention else None,
        "kind": claim.speaker.kind,
        "role": claim.speaker.role,
        "affiliation": claim.speaker.affiliation,
        "cue": claim.cue.text if claim.cue else None,
        "via": claim.source.via,
        "rule": claim.rule,
    }


def check(claims, expected: list[dict]) -> None:
    found = [summary(c) for c in claims]
    assert len(found) == len(expected), found
    for got, want in zip(found, expected):
        assert {key: got[key] for key in want} == want, got


# --- one quote or two ---------------------------------------------------------

SPLITS = [
    # “A,” he said. “B.”: two quotes of the same speaker.
    (
        YANG_INTRO + "\n\n“China and Russia already have an established diplomatic relationship,” he said. "
        "“A new mechanism like this could mean that both soft and hard strategies are discussed.”",
        [
            {"type": "indirect", "text": "the double visit was a signal", "speaker": "Yang Cheng"},
            {
                "type": "direct",
                "text": "China and Russia already have an established diplomatic relationship",
                "parts": 1,
                "speaker": "Yang Cheng",
                "mention": "he",
                "cue": "said",
                "affiliation": "Shanghai International Studies University",
            },
            {
                "type": "direct",
                "text": "A new mechanism like this could mean that both soft and hard strategies are discussed.",
                "parts": 1,
                "speaker": "Yang Cheng",
                # The cue that attributes the first quote attributes this one.
                "cue": "said",
                "mention": "he",
                "rule": CONTINUATION,
            },
        ],
    ),
    # The same with a cue on each quote.
    (
        "Maria Lopez, the city’s housing chief, said the plan had failed.\n\n"
        "“We have tried everything we could think of,” she said. “We will keep trying until the money runs out,” she added.",
        [
            {"type": "indirect", "speaker": "Maria Lopez", "role": "housing chief"},
            {"type": "direct", "text": "We have tried everything we could think of", "speaker": "Maria Lopez", "cue": "said"},
            {"type": "direct", "text": "We will keep trying until the money runs out", "speaker": "Maria Lopez", "cue": "added"},
        ],
    ),
    # “A,” he said, “b …”: one quote interrupted by its cue.
    (
        LUKIN_INTRO + "\n\n“Ever closer military cooperation is among the top priorities,” he said, "
        "“and Russia has shown a willingness to sell China its most advanced weapons …”",
        [
            {"type": "indirect", "speaker": "Artyom Lukin"},
            {
                "type": "direct",
                "text": "Ever closer military cooperation is among the top priorities "
                "and Russia has shown a willingness to sell China its most advanced weapons …",
                "parts": 2,
                "speaker": "Artyom Lukin",
                "mention": "he",
                "cue": "said",
                "rule": SPEECH,
            },
        ],
    ),
    (
        '"We will not give in to pressure," the minister said, "and we will keep negotiating with the unions."',
        [
            {
                "type": "direct",
                "text": "We will not give in to pressure and we will keep negotiating with the unions.",
                "parts": 2,
                "mention": "the minister",
                "kind": "unknown",
            }
        ],
    ),
    # A quote running over two paragraphs is one claim in two parts.
    (
        "“We will fight on until the end of this war.\n\n“We will never surrender to anyone,” the general said.",
        [
            {
                "type": "direct",
                "text": "We will fight on until the end of this war. We will never surrender to anyone",
                "parts": 2,
                "mention": "the general",
                "cue": "said",
            }
        ],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SPLITS, ids=[f"split-{i}" for i in range(len(SPLITS))])
def test_split_and_successive_quotes(extract, text, expected):
    check(extract(text).claims, expected)


# --- who "he" is ------------------------------------------------------------

PRONOUNS = [
    # The last person named as a speaker.
    (
        LUKIN_INTRO + "\n\n" + YANG_INTRO + "\n\n“Nobody expected the talks to collapse so quickly,” he said.",
        [
            {"speaker": "Artyom Lukin", "mention": "Artyom Lukin"},
            {"speaker": "Yang Cheng", "mention": "Yang Cheng"},
            {"type": "direct", "speaker": "Yang Cheng", "mention": "he", "role": "Sino-Russian relations expert"},
        ],
    ),
    # Not a person named only inside a quote, though the subject there.
    (
        "Artyom Lukin said the deal was done. “Vladimir Putin wants this deal more than anyone else in Moscow,” he said.",
        [
            {"speaker": "Artyom Lukin"},
            {
                "type": "direct",
                "text": "Vladimir Putin wants this deal more than anyone else in Moscow",
                "speaker": "Artyom Lukin",
                "mention": "he",
            },
        ],
    ),
    # Not a name between that is not the subject of its sentence.
    (
        "Artyom Lukin said the deal was done. The Kremlin thanked Sergei Shoigu for his work on the talks. "
        "“The Kremlin is very happy with the outcome,” he said.",
        [
            {"speaker": "Artyom Lukin"},
            {"type": "direct", "speaker": "Artyom Lukin", "mention": "he"},
        ],
    ),
    # A surname and a pronoun after it both reach the full name.
    (
        YANG_INTRO + "\n\nThe timing of the visits was also significant, Yang said.\n\n"
        "“It is important to reaffirm the Sino-Russian relationship after the elections in March,” he said.",
        [
            {"speaker": "Yang Cheng"},
            {
                "type": "indirect",
                "text": "The timing of the visits was also significant",
                "speaker": "Yang Cheng",
                "mention": "Yang",
            },
            {"type": "direct", "speaker": "Yang Cheng", "mention": "he"},
        ],
    ),
    # A title names the person introduced with it.
    (
        "China’s Defence Minister Wei Fenghe arrived in Moscow on Tuesday.\n\n"
        "The United States should be aware of the close military ties between Beijing and Moscow, "
        "China’s defence minister said.",
        [
            {
                "type": "indirect",
                "speaker": "Wei Fenghe",
                "mention": "China’s defence minister",
                "role": "defence minister",
                "affiliation": "China",
            }
        ],
    ),
    # Nobody to refer to: the pronoun stays unresolved.
    (
        "“We will not give in to pressure,” she said.",
        [{"type": "direct", "speaker": None, "mention": "she", "kind": "person"}],
    ),
]


@pytest.mark.parametrize(("text", "expected"), PRONOUNS, ids=[f"speaker-{i}" for i in range(len(PRONOUNS))])
def test_speakers_are_resolved(extract, text, expected):
    check(extract(text).claims, expected)


# --- direct, indirect, mixed ------------------------------------------------

TYPES = [
    # A long quoted fragment at the end of reported speech: mixed.
    (
        "China’s Defence Minister Wei Fenghe arrived in Moscow on Tuesday.\n\n"
        "In talks with his Russian counterpart, Sergei Shoigu, Wei said he wanted it made clear that his visit "
        "was a signal to “let the Americans know about the close ties between the armed forces of China and Russia”.",
        [
            {
                "type": "mixed",
                "text": "he wanted it made clear that his visit was a signal to “let the Americans know about the "
                "close ties between the armed forces of China and Russia”",
                "speaker": "Wei Fenghe",
                "cue": "said",
            }
        ],
    ),
    (
        "Lukin said that North Korea was likely to top the agenda as Russia was keen to avoid "
        "“making any moves that would contradict China’s position”.",
        [{"type": "mixed", "speaker": "Lukin", "cue": "said"}],
    ),
    # A short scare quote inside reported speech is part of it, not a claim of its own.
    (
        "Yang Cheng, a Sino-Russian relations expert from Shanghai International Studies University, said "
        "Russia and China were considering regular “2+2 ministerial” meetings.",
        [
            {
                "type": "indirect",
                "text": "Russia and China were considering regular “2+2 ministerial” meetings",
                "speaker": "Yang Cheng",
            }
        ],
    ),
    (
        "The central bank said inflation was “transitory” and would fade.",
        [{"type": "indirect", "text": "inflation was “transitory” and would fade", "mention": "The central bank"}],
    ),
    ("He said “nothing” would change.", [{"type": "indirect", "text": "“nothing” would change"}]),
    # Reported speech with no marks at all.
    (
        "The economy will recover next year, the finance minister said on Monday.",
        [
            {
                "type": "indirect",
                "text": "The economy will recover next year",
                "mention": "the finance minister",
                "role": "finance minister",
            }
        ],
    ),
    (
        "According to police, the driver fled the scene.",
        [{"type": "indirect", "text": "the driver fled the scene", "mention": "police", "cue": "According to"}],
    ),
    # Relays, and a continuation keeps its source's relay.
    (
        "“I am visiting Russia as the new defence minister of China,” Wei Fenghe was quoted as saying by Tass. "
        "“Our armed forces will strengthen strategic cooperation.”",
        [
            {"type": "direct", "speaker": "Wei Fenghe", "cue": "was quoted as saying", "via": "Tass"},
            {"type": "direct", "speaker": "Wei Fenghe", "via": "Tass", "rule": CONTINUATION},
        ],
    ),
    ("“Talks are over,” the envoy told Reuters.", [{"type": "direct", "via": "Reuters", "mention": "the envoy"}]),
    ("“Talks are over,” the envoy told reporters.", [{"type": "direct", "via": None, "mention": "the envoy"}]),
]


@pytest.mark.parametrize(("text", "expected"), TYPES, ids=[f"type-{i}" for i in range(len(TYPES))])
def test_claim_types(extract, text, expected):
    check(extract(text).claims, expected)


# --- quotes with no cue of their own ------------------------------------------

CONTINUED = [
    # A quote-only paragraph after an attributed one continues that speaker.
    (
        LUKIN_INTRO + "\n\n“The Kremlin is very happy with the outcome of these talks.”",
        [
            {"type": "indirect", "speaker": "Artyom Lukin"},
            {
                "type": "direct",
                "text": "The Kremlin is very happy with the outcome of these talks.",
                "speaker": "Artyom Lukin",
                "role": "professor of international politics",
                "cue": "said",
                "mention": "Artyom Lukin",
                "rule": CONTINUATION,
            },
        ],
    ),
    (
        LUKIN_INTRO + "\n“The Kremlin is very happy with the outcome of these talks.”",
        [{"speaker": "Artyom Lukin"}, {"speaker": "Artyom Lukin", "rule": CONTINUATION}],
    ),
    # A quote that runs on carries on from the claim whose cue governs the
    # sentence, not from a clause about the speaker after it.
    (
        "“Anybody who attacks him pays for it,” said Louise Sunshine, who has known Trump since the 1970s."
        " “Donald is very thin-skinned.”",
        [
            {"cue": "said", "speaker": "Louise Sunshine"},
            {"cue": "has known", "mention": "who"},
            {"cue": "said", "mention": "Louise Sunshine", "rule": CONTINUATION},
        ],
    ),
    # A narrative paragraph in between: the lone quote is nobody's.
    (
        LUKIN_INTRO + "\n\nThe talks resumed on Monday in Moscow.\n\n“Nobody expected this result from the negotiations.”",
        [
            {"speaker": "Artyom Lukin"},
            {"type": "direct", "speaker": None, "mention": None, "cue": None, "rule": UNATTRIBUTED},
        ],
    ),
]


BLOCKS = [
    # A cue closing its paragraph with a colon introduces the next paragraph,
    # a block quotation set without quote marks.
    (
        "The mayor spoke after the vote.\n\nIn a statement, the union wrote:\n\n"
        "Our members have waited long enough for a fair contract. The strike goes on.\n\nTalks resume Monday.",
        [
            {
                "type": "indirect",
                "text": "Our members have waited long enough for a fair contract. The strike goes on.",
                "mention": "the union",
                "cue": "wrote",
            }
        ],
    ),
    # A colon after a clause that has content of its own introduces a list.
    ("The mayor said the plan has two parts:\n\nLower fares and more buses.", [{"text": "the plan has two parts"}]),
    # A colon after something other than a cue introduces nothing.
    ("The council met on Monday:\n\nTaxes will rise next year.", []),
]


@pytest.mark.parametrize(("text", "expected"), BLOCKS, ids=[f"block-{i}" for i in range(len(BLOCKS))])
def test_a_cue_with_a_colon_introduces_the_next_paragraph(extract, text, expected):
    check(extract(text).claims, expected)


@pytest.mark.parametrize(("text", "expected"), CONTINUED, ids=[f"continued-{i}" for i in range(len(CONTINUED))])
def test_quote_only_paragraphs(extract, text, expected):
    check(extract(text).claims, expected)


def test_quote_only_paragraph_continues_with_crlf(extract):
    text = LUKIN_INTRO + "\r\n\r\n“The Kremlin is very happy with the outcome of these talks.”"
    check(
        extract(text).claims,
        [{"speaker": "Artyom Lukin"}, {"speaker": "Artyom Lukin", "rule": CONTINUATION}],
    )


# --- what is not a claim ----------------------------------------------------

NOT_CLAIMS = [
    # The author's own view, outside quotes.
    "I think the deal is a mistake.",
    "We believe the sanctions will fail and that Washington knows it.",
    # An "it" that is nobody: the author's aside.
    "It is worth noting that the bridge reopened in May.",
    "It's fair to say the council has changed its mind.",
    "It is important to remember that turnout was low.",
    # No quotes, no cue.
    "Residents were evacuated on Monday. The river burst its banks overnight and flooded the town centre.",
    "Putin is expected to visit China later this year.",
    # A reporting verb with nothing reported.
    "She said hello and left.",
    "The company held its annual meeting in Ohio.",
    "The votes were counted according to the rules.",
    # Backticks typed as apostrophes quote nothing.
    "It is Wei`s first official overseas tour after taking office.",
    # Short quoted terms in narrative prose.
    "The so-called “2+2 ministerial” meetings begin in May.",
]


@pytest.mark.parametrize("text", NOT_CLAIMS, ids=[t[:30] for t in NOT_CLAIMS])
def test_no_claim(extract, text):
    assert [summary(c) for c in extract(text).claims] == []


def test_a_name_inside_the_quote_is_not_the_speaker_after_it(extract):
    # The parse gives "said" two subjects, "[Dunn]" in the quote and "Kilfoyle": the nearer speaks.
    check(
        extract("“In conversation with other teachers, [Dunn] can be very polarizing,” Kilfoyle said.").claims,
        [{"type": "direct", "mention": "Kilfoyle"}],
    )


@pytest.mark.parametrize(
    ("text", "mention"),
    [
        # The parser took the name for a compound of the verb ...
        ("“Look at the statement he put out after the shootings,” Okafor notes.", "Okafor"),
        # ... or hung it on the quote, with an aside between name and verb.
        (
            "“We have had better conventions than this one,” delegate Bill Eastwick, wearing a “Reyes 2016” pin, said wearily.",
            "delegate Bill Eastwick",
        ),
    ],
)
def test_the_name_opening_a_speech_tag_speaks(extract, text, mention):
    check(extract(text).claims, [{"type": "direct", "mention": mention}])


def test_a_relative_fronted_before_the_subject_is_no_speaker(extract):
    check(
        extract("Okafor defended the arrangement, which at least one former employee considered obviously illegal.").claims,
        [
            {"text": "the arrangement", "mention": "Okafor"},
            {"text": "obviously illegal", "mention": "at least one former employee"},
        ],
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Okafor was asked: the question is no one's named here.
        (
            "Asked about the vote on Monday, Okafor said it would pass.",
            [{"text": "about the vote on Monday", "mention": None}, {"text": "it would pass", "mention": "Okafor"}],
        ),
        # The agent, when the text names one.
        (
            "When asked by a reporter whether the plan would pass, Okafor said it would.",
            [{"text": "the plan would pass", "mention": "a reporter"}, {"text": "it would", "mention": "Okafor"}],
        ),
    ],
)
def test_the_subject_of_a_passive_participle_was_asked(extract, text, expected):
    check(extract(text).claims, expected)


def test_an_it_that_is_someone_still_speaks(extract):
    check(
        extract("The company kept quiet for a week. It was quick to note that sales rose.").claims,
        [{"type": "indirect", "text": "sales rose", "mention": "It"}],
    )


def test_the_authors_view_is_a_claim_when_quoted(extract):
    check(
        extract("“I think the deal is a mistake,” she said.").claims,
        [{"type": "direct", "text": "I think the deal is a mistake", "mention": "she"}],
    )


# --- ids and offsets ----------------------------------------------------------

ARTICLE = (
    "Beijing warns Washington, minister says\n\n"
    + YANG_INTRO
    + "\n\n“China and Russia already have an established diplomatic relationship,” he said. "
    "“A new mechanism like this could mean that both soft and hard strategies are discussed.”\n\n"
    "The timing of the visits was also significant, Yang said.\n\n"
    + LUKIN_INTRO
    + "\n\n“Ever closer military cooperation is among the top priorities,” he said, "
    "“and Russia has shown a willingness to sell China its most advanced weapons …”\n\n"
    "“The Kremlin is very happy with the outcome of these talks.”\n"
)


def test_claim_ids_are_q1_to_qn_in_text_order(extract):
    claims = extract(ARTICLE).claims
    assert [c.id for c in claims] == [f"q{i}" for i in range(1, 10)]
    assert [c.start for c in claims] == sorted(c.start for c in claims)
    assert len({c.start for c in claims}) == len(claims)
    # Continuations sit among the cued claims by position, not at the end.
    assert [(c.text[:25], c.speaker.name, c.rule == CONTINUATION) for c in claims] == [
        ("Beijing warns Washington", None, False),  # the headline: "..., minister says"
        # Inside it, a named source the minister reports: a claim of its own.
        ("Washington", "Beijing", False),
        ("the double visit was a si", "Yang Cheng", False),
        ("China and Russia already ", "Yang Cheng", False),
        ("A new mechanism like this", "Yang Cheng", True),
        ("The timing of the visits ", "Yang Cheng", False),
        ("the deal was done", "Artyom Lukin", False),
        ("Ever closer military coop", "Artyom Lukin", False),
        ("The Kremlin is very happy", "Artyom Lukin", True),
    ]


OFFSET_TEXTS = {
    "lf": ARTICLE,
    "crlf": ARTICLE.replace("\n", "\r\n"),
    "leading-whitespace": "\n\n   \t" + ARTICLE,
    "indented-paragraphs": ARTICLE.replace("\n\n", "\n\n    "),
    "nbsp": ARTICLE.replace(" he said", "\u00a0he said"),
    "bom": "\ufeff" + ARTICLE,
}


@pytest.mark.parametrize("text", OFFSET_TEXTS.values(), ids=OFFSET_TEXTS.keys())
def test_offsets_index_the_given_text(extract, text):
    claims = extract(text).claims
    assert len(claims) == 9
    for claim in claims:
        pieces = [text[s.start : s.end] for s in claim.spans]
        assert claim.text == " ".join(pieces)
        assert all(piece and piece == piece.strip() for piece in pieces)
        assert [s.start for s in claim.spans] == sorted(s.start for s in claim.spans)
        if claim.cue is not None:
            assert text[claim.cue.start : claim.cue.end] == claim.cue.text
        mention = claim.speaker.mention
        if mention is not None:
            assert text[mention.start : mention.end] == mention.text
            assert mention.text == mention.text.strip()


@pytest.mark.parametrize("text", list(OFFSET_TEXTS.values()), ids=list(OFFSET_TEXTS))
def test_line_ends_and_indents_do_not_change_the_claims(extract, text):
    def key(claim):
        return (claim.type, claim.text, claim.speaker.name, claim.cue.text if claim.cue else None, claim.rule)

    assert [key(c) for c in extract(text).claims] == [key(c) for c in extract(ARTICLE).claims]


LEADING = {
    "none": "",
    "newlines": "\n\n",
    "spaces": "  ",
    "tab": "\t",
    "bom": "\ufeff",
}


@pytest.mark.parametrize("prefix", list(LEADING.values()), ids=list(LEADING))
def test_text_start_does_not_change_the_speaker(extract, prefix):
    text = prefix + "Artyom Lukin said the deal was done."
    [claim] = extract(text).claims
    mention = claim.speaker.mention
    assert (claim.speaker.name, mention.text) == ("Artyom Lukin", "Artyom Lukin")
    assert text[mention.start : mention.end] == "Artyom Lukin"


@pytest.mark.parametrize(
    ("text", "mention", "name"),
    [
        ("The bill drew fire from Artyom Lukin, who said that the plan would fail.", "who", "Artyom Lukin"),
        ("Officials, who said the talks had stalled, left Moscow on Monday.", "who", None),
    ],
)
def test_a_relative_pronoun_is_the_mention_and_its_antecedent_the_name(extract, text, mention, name):
    [claim] = extract(text).claims
    assert (claim.speaker.mention.text, claim.speaker.name) == (mention, name)


@pytest.mark.parametrize(
    ("text", "claims"),
    [
        # A title in quote marks near an attributed quote is named, not said.
        ("“We will win this race,” Smith said on “The Morning Hour With Dana Reyes”.", 1),
        ("“We will win this race,” Smith said.\n\n“The Morning Hour With Dana Reyes”", 1),
        # A capitalised chant is still said.
        ("“We will win this race,” Smith said.\n\n“Four more years! Four more years!”", 2),
    ],
)
def test_titles_in_quote_marks_are_not_quotes(extract, text, claims):
    assert len(extract(text).claims) == claims


@pytest.mark.parametrize(
    ("text", "negated"),
    [
        ("The minister did not say that the talks had failed.", True),
        ("The senator never claimed that the bill would pass.", True),
        ("The minister said that the talks had failed.", False),
    ],
)
def test_a_negated_cue_is_marked_on_its_claim(extract, text, negated):
    [claim] = extract(text).claims
    assert claim.negated is negated


@pytest.mark.parametrize(
    ("text", "cues"),
    [
        # A source reported inside another's claim is a claim of its own,
        # named or not.
        ("Mayor Ana Ruiz said the city paid for what the auditors said was a lavish retreat.", ["said", "said"]),
        ("The mayor said the council believes the tax is unfair.", ["said", "believes"]),
        # The same speaker again, or a pronoun left unresolved, is part of it.
        ("The mayor said the mayor believes the tax is unfair.", ["said"]),
        ("Mayor Ana Ruiz said she believed the city would win.", ["said"]),
    ],
)
def test_a_nested_cue_is_its_own_claim_when_another_source_speaks(extract, text, cues):
    assert [c.cue.text for c in extract(text).claims] == cues


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A title-case headline verb the tagger reads as a name: the source's
        # name stops at the cue even when NER runs it on.
        (
            "Obama Sees Progress In Climate Talks\n\nThe president spoke on Monday.",
            [{"cue": "Sees", "text": "Progress In Climate Talks", "speaker": "Obama", "mention": "Obama"}],
        ),
        # A headline that ends in its cue is left to the parse.
        (
            "Taxes Will Rise Next Year, Governor Says\n\nThe governor spoke on Monday.",
            [{"cue": "Says", "text": "Taxes Will Rise Next Year"}],
        ),
    ],
)
def test_headline_cues(extract, text, expected):
    check(extract(text).claims, expected)


# --- quote marks of other conventions --------------------------------------------

OTHER_MARKS = [
    # Guillemets, double and single, with the punctuation after the closing mark.
    (
        "«We are leaving», the minister told reporters.",
        [{"type": "direct", "text": "We are leaving", "mention": "the minister", "cue": "told"}],
    ),
    (
        "‹We are leaving›, the minister said.",
        [{"type": "direct", "text": "We are leaving", "mention": "the minister", "cue": "said"}],
    ),
    (
        "‹We are leaving,› the minister said.",
        [{"type": "direct", "text": "We are leaving", "mention": "the minister", "cue": "said"}],
    ),
    (
        "‹We will not sign this deal›, said Ana Ortiz, the foreign minister.",
        [{"type": "direct", "text": "We will not sign this deal", "speaker": "Ana Ortiz", "cue": "said"}],
    ),
    (
        "The minister said: ‹We will not sign this deal in its current form.›",
        [{"type": "direct", "text": "We will not sign this deal in its current form.", "mention": "The minister"}],
    ),
    # German marks in English copy, closed by the German mark, the English
    # closing mark or a straight one.
    (
        "„We are leaving,“ the minister said.",
        [{"type": "direct", "text": "We are leaving", "mention": "the minister", "cue": "said"}],
    ),
    (
        "„We are leaving“, the minister said.",
        [{"type": "direct", "text": "We are leaving", "mention": "the minister", "cue": "said"}],
    ),
    (
        "„We are leaving,” the minister said.",
        [{"type": "direct", "text": "We are leaving", "mention": "the minister", "cue": "said"}],
    ),
    (
        "Ana Ortiz told reporters: „We will not sign this deal in its current form.“",
        [{"type": "direct", "text": "We will not sign this deal in its current form.", "speaker": "Ana Ortiz", "cue": "told"}],
    ),
    # Two German quotes, the second attributed: the first carries on from it.
    (
        "„We are leaving the talks today.“ „We will not come back,“ the minister said.",
        [
            {"type": "direct", "text": "We are leaving the talks today.", "cue": "said", "rule": CONTINUATION},
            {"type": "direct", "text": "We will not come back", "mention": "the minister", "rule": SPEECH},
        ],
    ),
    # English quotes are read as before.
    (
        "“We are leaving,” the minister said.",
        [{"type": "direct", "text": "We are leaving", "mention": "the minister", "cue": "said"}],
    ),
    # Not claims: German copy has no English cue; spaced single guillemets
    # are a page's arrows; a lone low mark opens nothing.
    ("„Wir gehen“, sagte der Minister.", []),
    ("‹ Older posts    Newer posts ›", []),
    ("He drew a „ on the board and then he left the room.", []),
]


@pytest.mark.parametrize(("text", "expected"), OTHER_MARKS, ids=[t[:40] for t, _ in OTHER_MARKS])
def test_quote_marks_of_other_conventions(extract, text, expected):
    check(extract(text).claims, expected)


# --- a quote inside a quote ---------------------------------------------------

NESTED_QUOTES = [
    # The inner quote is part of the outer one: one claim, the outer
    # speaker's, its text the whole outer quote; "My father" speaks in it, not
    # in the article.
    (
        "\"My father always said, 'Never sell the farm,' and I never will,\" she said.",
        "My father always said, 'Never sell the farm,' and I never will",
        "she",
    ),
    (
        "“My father always said, ‘Never sell the farm,’ and I never will,” she said.",
        "My father always said, ‘Never sell the farm,’ and I never will",
        "she",
    ),
    (
        "‘My father always said, “Never sell the farm,” and I never will,’ she said.",
        "My father always said, “Never sell the farm,” and I never will",
        "she",
    ),
    (
        "She said: “My father always said, ‘Never sell the farm,’ and I never will.”",
        "My father always said, ‘Never sell the farm,’ and I never will.",
        "She",
    ),
    # The inner quote ends where the outer one does.
    (
        "“The president told me, ‘We will win this election,’” the senator said.",
        "The president told me, ‘We will win this election,’",
        "the senator",
    ),
    # A named source inside the inner quote is no speaker of the article's.
    (
        "“The governor told us, ‘Senator Smith said the bill is dead,’ and we believed him,” Ana Ortiz said.",
        "The governor told us, ‘Senator Smith said the bill is dead,’ and we believed him",
        "Ana Ortiz",
    ),
    (
        "«My father always said, “Never sell the farm,” and I never will», she said.",
        "My father always said, “Never sell the farm,” and I never will",
        "she",
    ),
    (
        "„My father always said, ‚Never sell the farm,‘ and I never will,“ she said.",
        "My father always said, ‚Never sell the farm,‘ and I never will",
        "she",
    ),
]


@pytest.mark.parametrize(("text", "quoted", "mention"), NESTED_QUOTES, ids=[f"nested-{i}" for i in range(len(NESTED_QUOTES))])
def test_a_quote_inside_a_quote_is_part_of_its_claim(extract, text, quoted, mention):
    check(extract(text).claims, [{"type": "direct", "text": quoted, "mention": mention, "cue": "said", "rule": SPEECH}])


# --- "— adding that" ------------------------------------------------------------

ADDING = (
    [
        # A participle set off by a comma or any dash goes on with the speaker.
        (
            f"The mayor said the budget was balanced{dash}adding that taxes would not rise next year.",
            [
                {"type": "indirect", "text": "the budget was balanced", "mention": "The mayor", "cue": "said"},
                {"type": "indirect", "text": "taxes would not rise next year", "mention": "The mayor", "cue": "adding"},
            ],
        )
        for dash in (", ", " — ", " – ", " -- ", "—", "--")
    ]
    + [
        # The parser hangs the participle on the reported clause: the clause's
        # subject ("the bill", "profits") still adds nothing.
        (
            f"The senator said the bill would pass{dash}adding that she had the votes.",
            [
                {"type": "indirect", "text": "the bill would pass", "mention": "The senator", "cue": "said"},
                {"type": "indirect", "text": "she had the votes", "mention": "The senator", "cue": "adding"},
            ],
        )
        for dash in (", ", " — ", " – ", " -- ")
    ]
    + [
        (
            "The company said profits rose in the third quarter — adding that it expected growth to slow.",
            [
                {"type": "indirect", "text": "profits rose in the third quarter", "mention": "The company"},
                {"type": "indirect", "text": "it expected growth to slow", "mention": "The company", "cue": "adding"},
            ],
        ),
        (
            "Analysts said geopolitical factors have contributed to the shift, citing the strategic importance of the port.",
            [
                {"type": "indirect", "mention": "Analysts", "cue": "said"},
                {"type": "indirect", "text": "the strategic importance of the port", "mention": "Analysts", "cue": "citing"},
            ],
        ),
        # After a direct quote and its cue.
        (
            "“The bill will pass,” the senator said — adding that she had the votes.",
            [
                {"type": "direct", "text": "The bill will pass", "mention": "the senator"},
                {"type": "indirect", "text": "she had the votes", "mention": "the senator", "cue": "adding"},
            ],
        ),
        # A participle after a dash that is no cue ends the reported clause.
        (
            "The senator said the bill would pass -- ending months of talks.",
            [{"type": "indirect", "text": "the bill would pass", "mention": "The senator", "cue": "said"}],
        ),
        # With no reported clause before it, the participle keeps its own subject.
        (
            "The man ran into the street, shouting that he had a gun.",
            [{"type": "indirect", "text": "he had a gun", "mention": "The man", "cue": "shouting"}],
        ),
        (
            "The bill would pass, the senator said, adding that she had the votes.",
            [
                {"type": "indirect", "text": "The bill would pass", "mention": "the senator", "cue": "said"},
                {"type": "indirect", "text": "she had the votes", "mention": "the senator", "cue": "adding"},
            ],
        ),
    ]
)


@pytest.mark.parametrize(("text", "expected"), ADDING, ids=[t[:60] for t, _ in ADDING])
def test_a_set_off_participle_continues_the_attribution(extract, text, expected):
    check(extract(text).claims, expected)


# --- a quoted title is no speaker ---------------------------------------------------


def test_the_person_before_a_cue_is_found_past_an_apposition():
    # When the parser takes a show title in quotation marks after "said" for
    # its subject, the speaker is the person named before the cue.
    from quotes.api import load_pipeline
    from quotes.attribution.speakers import _person_before

    doc = load_pipeline()("“We are done,” Grace Okafor, a top Reyes adviser, said on WKRP’s “Breakfast and Friends.”")
    said = next(t for t in doc if t.text == "said")
    assert _person_before(doc, said.i).text == "Okafor"
    # Not past a quotation mark: the quote before is someone else's words.
    doc = load_pipeline()("“Grace Okafor is wrong,” said the mayor.")
    said = next(t for t in doc if t.text == "said")
    assert _person_before(doc, said.i) is None
