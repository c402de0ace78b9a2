"""quotes.cues.CueFinder over parsed news sentences.

Each case is (text, expected): expected describes every cue found, in order,
by its words, the speaker as named at the cue, the content parts and the
relaying outlet; a field left out of a description is not checked.
"""

from __future__ import annotations

import pytest

from quotes.api import load_pipeline
from quotes.cues import CueFinder, speaker_mention
from quotes.ruleset import load_rules

VERB = "cues.reporting-verbs#speech"
COGNITION = "cues.reporting-verbs#cognition"
ACCORDING = "cues.cue-phrases#according-to"
ACCORDING_ASIDE = "cues.cue-phrases#according-to-aside"
QUOTED_AS = "cues.cue-phrases#quoted-as-saying"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def find_cues(nlp):
    finder = CueFinder(nlp.vocab, load_rules())

    def run(text: str) -> list[dict]:
        doc = nlp(text)
        return [describe(doc, cue) for cue in finder(doc)]

    return run


def describe(doc, cue) -> dict:
    return {
        "cue": cue.text_span(doc).text,
        "speaker": speaker_mention(cue.speaker, cue.start).text if cue.speaker is not None else None,
        "content": [doc[start:end].text for start, end in cue.content],
        "via": cue.via.text if cue.via is not None else None,
        "rule": cue.rule,
        "confidence": cue.confidence,
    }


def check(found: list[dict], expected: list[dict]) -> None:
    assert len(found) == len(expected), found
    for got, want in zip(found, expected):
        assert {key: got[key] for key in want} == want, got


CASES = [
    # A reporting verb, its subject and its clausal complement.
    (
        "The minister said the talks had failed.",
        [{"cue": "said", "speaker": "The minister", "content": ["the talks had failed"], "via": None, "rule": VERB, "confidence": 0.9}],
    ),
    (
        "Maria Lopez said that the plan had failed.",
        [{"cue": "said", "speaker": "Maria Lopez", "content": ["the plan had failed"]}],
    ),
    (
        "Health Minister Jane Doe warned the hospitals were running out of beds.",
        [{"cue": "warned", "speaker": "Health Minister Jane Doe", "content": ["the hospitals were running out of beds"]}],
    ),
    # Content before the cue: "X, Y said".
    (
        "The economy will recover next year, the minister said.",
        [{"cue": "said", "speaker": "the minister", "content": ["The economy will recover next year"]}],
    ),
    (
        "But talk of greater Sino-Russian military collaboration was more than a gesture, said Artyom Lukin, "
        "a professor of international politics at Far Eastern Federal University.",
        [
            {
                "cue": "said",
                "speaker": "Artyom Lukin",
                "content": ["But talk of greater Sino-Russian military collaboration was more than a gesture"],
            }
        ],
    ),
    # A parenthetical cue splits its content in two.
    ("The plan, he said, is dead.", [{"cue": "said", "speaker": "he", "content": ["The plan", "is dead"]}]),
    (
        "The ceasefire, the spokesman said, would hold until Friday.",
        [{"cue": "said", "speaker": "the spokesman", "content": ["The ceasefire", "would hold until Friday"]}],
    ),
    # Next to a direct quote the content is the quoted clause.
    (
        "“We will not back down,” the union leader said on Monday.",
        # The negated "back" inside the quote is found here; attribution leaves it to the quote.
        [
            {"cue": "will not back", "speaker": "We", "content": []},
            {"cue": "said", "speaker": "the union leader", "content": ["We will not back down"]},
        ],
    ),
    # "according to X", opening the sentence and as an aside.
    (
        "According to police, the driver fled the scene.",
        [{"cue": "According to", "speaker": "police", "content": ["the driver fled the scene"], "rule": ACCORDING, "confidence": 0.85}],
    ),
    (
        "According to the Interior Ministry, 14 people were killed in the blast.",
        [{"cue": "According to", "content": ["14 people were killed in the blast"], "rule": ACCORDING}],
    ),
    (
        "Fourteen people were killed in the blast, according to the Interior Ministry.",
        [{"cue": "according to", "content": ["Fourteen people were killed in the blast"], "rule": ACCORDING_ASIDE}],
    ),
    (
        "The talks had stalled, according to two officials familiar with the matter.",
        [{"cue": "according to", "content": ["The talks had stalled"], "rule": ACCORDING_ASIDE}],
    ),
    (
        "Fourteen people were killed — according to the Interior Ministry — in the blast.",
        [{"cue": "according to", "content": ["Fourteen people were killed", "in the blast"], "rule": ACCORDING_ASIDE}],
    ),
    # "according to" that cites no one.
    ("The votes were counted according to the rules.", []),
    ("Seats in the assembly were allocated according to population.", []),
    # A phrase cue with its relay.
    (
        "“I am visiting Russia as the new defence minister of China,” Wei Fenghe was quoted as saying by Tass.",
        [
            {
                "cue": "was quoted as saying",
                "speaker": "Wei Fenghe",
                "content": ["I am visiting Russia as the new defence minister of China"],
                "via": "Tass",
                "rule": QUOTED_AS,
                "confidence": 0.9,
            }
        ],
    ),
    (
        "“We have no plans to raise rates,” the governor was quoted as saying by Xinhua.",
        # The noun cue inside the quote is found here; attribution leaves it to the quote.
        [
            {"cue": "plans", "speaker": "We", "content": ["to raise rates"]},
            {"cue": "was quoted as saying", "speaker": "the governor", "via": "Xinhua", "rule": QUOTED_AS},
        ],
    ),
    # "told" a news agency relays; "told" reporters or parliament does not.
    ("“Talks are over,” the envoy told Reuters.", [{"cue": "told", "speaker": "the envoy", "content": ["Talks are over"], "via": "Reuters"}]),
    ("“Prices will fall,” the minister told the BBC.", [{"cue": "told", "via": "BBC"}]),
    ("He told Reuters that the plant would close.", [{"cue": "told", "speaker": "He", "content": ["the plant would close"], "via": "Reuters"}]),
    ("“Talks are over,” the envoy told reporters.", [{"cue": "told", "speaker": "the envoy", "via": None}]),
    ("He told reporters that the plant would close.", [{"cue": "told", "content": ["the plant would close"], "via": None}]),
    ("“Prices will fall,” the minister told parliament.", [{"cue": "told", "via": None}]),
    # Auxiliaries and negation read with the verb.
    (
        "The Financial Times has learned that the bank will cut 2,000 jobs.",
        [{"cue": "has learned", "content": ["the bank will cut 2,000 jobs"], "rule": COGNITION, "confidence": 0.6}],
    ),
    ("Police have said the suspect fled.", [{"cue": "have said", "speaker": "Police", "content": ["the suspect fled"]}]),
    # A participle shares the subject of the verb it hangs from.
    (
        "“We will not give in,” the minister said, adding that talks would continue.",
        [
            {"cue": "said", "speaker": "the minister", "content": ["We will not give in"]},
            {"cue": "adding", "speaker": "the minister", "content": ["talks would continue"]},
            # "continue" cues speech ("She continued, “…”") but reports nothing here.
            {"cue": "would continue", "speaker": "talks", "content": []},
        ],
    ),
    # A reporting verb with no reported clause: a cue, but no content.
    ("She said hello and left.", [{"cue": "said", "speaker": "She", "content": []}]),
    ("The mayor said goodbye to the crowd on Friday.", [{"cue": "said", "speaker": "The mayor", "content": []}]),
    # A reported figure is a statement's object.
    ("The company reported a loss of $3 million.", [{"cue": "reported", "content": ["a loss of $3 million"]}]),
    # A negated cue still reports (the claim says negated: true); an embedded
    # question reports no claim.
    ("The minister did not say that the talks had failed.", [{"cue": "did not say", "content": ["the talks had failed"]}]),
    ("The senator would never say that she would run.", [{"cue": "would never say", "content": ["she would run"]}]),
    # ... except for verbs of asking, whose content is the question.
    ("The senator asked whether the bill would pass.", [{"cue": "asked", "speaker": "The senator", "content": ["the bill would pass"]}]),
    # Declining is an intention of its own; the "say whether" inside it reports nothing.
    ("The senator declined to say whether she would run.", [{"cue": "declined", "content": ["to say whether she would run"]}, {"cue": "say", "content": []}]),
    # No reporting word at all.
    ("The talks ended on Monday without an agreement.", []),
    # A speaker between a clause's edges is not in it: "which HE says ...".
    (
        "The deal would protect the mine, which Mr. Clarke says he is doing everything he can to keep open.",
        [{"cue": "says", "speaker": "Mr. Clarke", "content": ["which Mr. Clarke says he is doing everything he can to keep open"]}],
    ),
    # A time under a prepositional object does not void it.
    (
        "Trump has responded with attacks on Machado, including Friday's tweets.",
        [{"cue": "has responded", "speaker": "Trump", "content": ["with attacks on Machado, including Friday's tweets"]}],
    ),
    # Gerunds and infinitives after adjectives and prepositions find their subject.
    ("He was able to consistently tout his polling strength.", [{"cue": "tout", "speaker": "He", "content": ["his polling strength"]}]),
    (
        "Trump stopped short of calling Shelby's actions racially motivated.",
        [{"cue": "calling", "speaker": "Trump", "content": ["Shelby's actions racially motivated"]}],
    ),
    # An "as" aside reports the clause it hangs on.
    (
        "As many tax experts have pointed out, Mr. Trump is free to disclose his returns.",
        [
            {"cue": "have pointed", "speaker": "many tax experts", "content": ["Mr. Trump is free to disclose his returns"]},
            {"cue": "disclose", "speaker": "Mr. Trump", "content": ["his returns"]},
        ],
    ),
    ("The company failed, as analysts had predicted.", [{"cue": "had predicted", "speaker": "analysts", "content": ["The company failed"]}]),
    # An agentless passive of a stance or statement: someone unnamed says the
    # whole clause; not when it is negated, nor for an intention.
    (
        "Peacekeepers have sometimes been accused of hurting the civilians they were sent to protect.",
        [{"cue": "been accused", "speaker": None, "content": ["Peacekeepers have sometimes been accused of hurting the civilians they were sent to protect"]}],
    ),
    ("The plan was also dubbed a failure.", [{"cue": "dubbed", "speaker": None, "content": ["The plan was also dubbed a failure"]}]),
    ("Neither Clinton nor her allies have been charged with any crime.", [{"cue": "have been charged", "content": []}]),
    ("Putin is expected to visit China later this year.", [{"cue": "is expected", "content": []}]),
    # A participle with an agent is passive too.
    ("It is a view echoed by everyone I interviewed.", [{"cue": "echoed", "speaker": "everyone I interviewed", "content": ["a view"]}]),
    # A headline verb the tagger took for a plural noun.
    (
        "House panel votes to hold Clinton aide in contempt",
        [{"cue": "votes", "speaker": "House panel", "content": ["to hold Clinton aide in contempt"], "rule": "cues.reporting-verbs#intention"}],
    ),
    # Content ends before a claim of its own tacked on after it.
    (
        "She praised Clinton, who has called for big tax hikes on the rich.",
        [
            {"cue": "praised", "speaker": "She", "content": ["Clinton"]},
            {"cue": "has called", "speaker": "who", "content": ["for big tax hikes on the rich"]},
        ],
    ),
    (
        "The senator rejected the plan, though she noted that talks would continue.",
        [
            {"cue": "rejected", "content": ["the plan"]},
            {"cue": "noted", "speaker": "she", "content": ["talks would continue"]},
            {"cue": "would continue", "content": []},
        ],
    ),
    # What polls show is content as an object; "show up" is another verb.
    ("Polls show Clinton ahead by 3 points, but the race remains close.", [{"cue": "show", "speaker": "Polls", "content": ["Clinton ahead by 3 points"]}]),
    ("Pagliano did not show up at the hearing.", [{"cue": "did not show", "content": []}]),
    # A clause closed by a colon or semicolon before the cue is not its content.
    (
        "It's an extremely unlikely scenario; Clinton's team says she will continue her march toward Election Day.",
        [
            {"cue": "says", "speaker": "Clinton's team", "content": ["she will continue her march toward Election Day"]},
            {"cue": "will continue", "content": []},
        ],
    ),
    (
        "We have been here before: Osama bin Laden declared war on the United States.",
        [{"cue": "declared", "speaker": "Osama bin Laden", "content": ["war on the United States"]}],
    ),
    # A cue with no clause takes the one the parser hung on a later verb.
    (
        "While he acknowledged funding was a major reason, Ham also noted several intangibles left him disillusioned.",
        [
            {"cue": "acknowledged", "speaker": "he", "content": ["funding was a major reason"]},
            {"cue": "noted", "speaker": "Ham", "content": ["several intangibles left him disillusioned"]},
        ],
    ),
    # "X as Y" states a view, whatever the verb; a "when" clause is no content.
    ("Critics see the program as an opportunity to fix problems.", [{"cue": "see", "speaker": "Critics", "content": ["the program as an opportunity to fix problems"]}]),
    (
        "Few people would have described Mr. Obama as a climate evangelist when he ran for the White House in 2008.",
        [{"cue": "would have described", "content": ["Mr. Obama as a climate evangelist"]}],
    ),
    # An infinitive purpose clause with no object before it; a relative clause's object gap.
    (
        "The committee voted along party lines to send a resolution to the House.",
        [{"cue": "voted", "speaker": "The committee", "content": ["to send a resolution to the House"]}],
    ),
    # Believing and fearing take a thing as well as a clause; considering
    # takes a judgement, not a topic.
    ("Many voters fear a new pact between the two leaders.", [{"cue": "fear", "speaker": "Many voters", "content": ["a new pact between the two leaders"]}]),
    ("Russia and China were considering regular meetings.", [{"cue": "were considering", "content": []}]),
    ("Analysts consider the test a threat to the region.", [{"cue": "consider", "speaker": "Analysts", "content": ["the test a threat to the region"]}]),
    # "... and that ..." is a second complement of the same cue.
    (
        "She said the plan had failed and that talks would resume.",
        [{"cue": "said", "content": ["the plan had failed and that talks would resume"]}],
    ),
    # A verbless headline clause before the cue.
    ("Trump plan vague on costs, economists say", [{"cue": "say", "speaker": "economists", "content": ["Trump plan vague on costs"]}]),
    ("The emissions target it pledged to reach is ambitious.", [{"cue": "pledged", "speaker": "it", "content": ["The emissions target it pledged to reach"]}]),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:40] for c in CASES])
def test_cues(find_cues, text, expected):
    check(find_cues(text), expected)


def test_cue_offsets_are_token_ranges_of_the_doc(nlp):
    finder = CueFinder(nlp.vocab, load_rules())
    doc = nlp("The plan, he said, is dead. Fourteen people were killed, according to the Interior Ministry.")
    cues = finder(doc)
    assert [c.text_span(doc).text for c in cues] == ["said", "according to"]
    assert [c.start for c in cues] == sorted(c.start for c in cues)
    said = cues[0]
    assert said.verb is not None and said.verb.i == said.end - 1
    # The cue and speaker together: "he said".
    assert doc[slice(*said.clause_bounds())].text == "he said"
    for cue in cues:
        for start, end in cue.content:
            assert doc[start].sent == doc[cue.start].sent
            assert not (start <= cue.start < end)


def test_a_participle_on_a_noun_takes_the_noun_as_its_source(find_cues):
    [saying] = [c for c in find_cues("The union issued a statement saying that the strike would go on.") if c["cue"] == "saying"]
    assert (saying["speaker"], saying["content"]) == ("a statement", ["the strike would go on"])
