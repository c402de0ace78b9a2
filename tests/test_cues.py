"""quotes.attribution.cues.CueFinder over parsed news sentences.

Each case is (text, expected): expected describes every cue found, in order,
by its words, the speaker as named at the cue, the content parts and the
relaying outlet; a field left out of a description is not checked.
"""

from __future__ import annotations

import pytest

from quotes.attribution.cues import CueFinder, speaker_mention
from quotes.rules.merging import load_rules

VERB = "cues.reporting-verbs#speech"
COGNITION = "cues.reporting-verbs#cognition"
ACCORDING = "cues.cue-phrases#according-to"
ACCORDING_ASIDE = "cues.cue-phrases#according-to-aside"
QUOTED_AS = "cues.cue-phrases#quoted-as-saying"


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
        [
            {
                "cue": "said",
                "speaker": "The minister",
                "content": ["the talks had failed"],
                "via": None,
                "rule": VERB,
                "confidence": 0.9,
            }
        ],
    ),
    (
        "Maria Lopez said that the plan had failed.",
        [{"cue": "said", "speaker": "Maria Lopez", "content": ["the plan had failed"]}],
    ),
    (
        "Health Minister Jane Doe warned the hospitals were running out of beds.",
        [{"cue": "warned", "speaker": "Health Minister Jane Doe", "content": ["the hospitals were running out of beds"]}],
    ),
    # A "that" clause the parser hangs on the noun of a phrase between the
    # verb and it ("said in a statement that ...") is still what was said.
    (
        "The party’s chief strategist Tom Rand says in a statement that the race will now be a three-way "
        "contest between Reyes, Okafor and Lind.",
        [
            {
                "cue": "says",
                "speaker": "The party’s chief strategist Tom Rand",
                "content": ["the race will now be a three-way contest between Reyes, Okafor and Lind"],
            }
        ],
    ),
    (
        "Kirby also said for the first time that some emails had been located.",
        [{"cue": "said", "speaker": "Kirby", "content": ["some emails had been located"]}],
    ),
    # Not a relative clause whose subject is "that": it describes the statement.
    (
        "The mayor said as much in a statement that was released on Friday.",
        [{"cue": "said", "content": []}],
    ),
    # A cue the parser joined to the clause before as a conjunct, with only a
    # comma between: the clause before is what was said.
    (
        "The package includes a new fund for rural clinics, Health Secretary Dana Reyes told a Senate panel Wednesday.",
        [
            {
                "cue": "told",
                "speaker": "Health Secretary Dana Reyes",
                "content": ["The package includes a new fund for rural clinics"],
            }
        ],
    ),
    # Not when "and" joins them: two things done, none reported.
    ("The plant will close in May, and the mayor said nothing.", [{"cue": "said", "content": []}]),
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
        [
            {
                "cue": "According to",
                "speaker": "police",
                "content": ["the driver fled the scene"],
                "rule": ACCORDING,
                "confidence": 0.85,
            }
        ],
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
    # A clause set off about the source is neither source nor content.
    (
        "The talks had stalled, according to a report by Ana Ruiz, an analyst in Ohio, whose findings others share.",
        [
            {
                "cue": "according to",
                "speaker": "a report by Ana Ruiz, an analyst in Ohio",
                "content": ["The talks had stalled"],
                "rule": ACCORDING_ASIDE,
            }
        ],
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
    (
        "“Talks are over,” the envoy told Reuters.",
        [{"cue": "told", "speaker": "the envoy", "content": ["Talks are over"], "via": "Reuters"}],
    ),
    ("“Prices will fall,” the minister told the BBC.", [{"cue": "told", "via": "BBC"}]),
    (
        "He told Reuters that the plant would close.",
        [{"cue": "told", "speaker": "He", "content": ["the plant would close"], "via": "Reuters"}],
    ),
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
    # Set off by a dash as by a comma; hung by the parser on the reported
    # clause, it still shares the reporter's subject, not the clause's.
    (
        "The senator said the bill would pass — adding that she had the votes.",
        [
            {"cue": "said", "speaker": "The senator", "content": ["the bill would pass"]},
            {"cue": "adding", "speaker": "The senator", "content": ["she had the votes"]},
        ],
    ),
    (
        "The senator said the bill would pass -- adding that she had the votes.",
        [
            {"cue": "said", "speaker": "The senator", "content": ["the bill would pass"]},
            {"cue": "adding", "speaker": "The senator", "content": ["she had the votes"]},
        ],
    ),
    # A double hyphen ends the reported clause before a participle, as a comma does.
    ("The senator said the bill would pass -- ending months of talks.", [{"cue": "said", "content": ["the bill would pass"]}]),
    ("The senator said the bill would pass, ending months of talks.", [{"cue": "said", "content": ["the bill would pass"]}]),
    # With no reported clause before it, a participle keeps its own subject.
    (
        "The man ran into the street, shouting that he had a gun.",
        [{"cue": "shouting", "speaker": "The man", "content": ["he had a gun"]}],
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
    (
        "The senator asked whether the bill would pass.",
        [{"cue": "asked", "speaker": "The senator", "content": ["the bill would pass"]}],
    ),
    # The question, though the parse reads it as a condition on the asking;
    # a request keeps its own condition.
    (
        "She asked the students if they were always so serious.",
        [{"cue": "asked", "speaker": "She", "content": ["they were always so serious"]}],
    ),
    ("He will ask for a recount if the margin is under one percent.", [{"cue": "will ask", "content": ["for a recount"]}]),
    (
        "A supporter asked people in the audience to clap if they agreed.",
        [{"cue": "asked", "content": ["people in the audience to clap"]}, {"cue": "agreed", "content": []}],
    ),
    # Declining is an intention of its own; the "say whether" inside it reports nothing.
    (
        "The senator declined to say whether she would run.",
        [{"cue": "declined", "content": ["to say whether she would run"]}, {"cue": "say", "content": []}],
    ),
    # Speaking reports only with a topic: a place or a time is not content.
    ("The governor spoke about the flooding in the valley.", [{"cue": "spoke", "content": ["about the flooding in the valley"]}]),
    ("The governor spoke at a rally in Ohio on Tuesday.", [{"cue": "spoke", "speaker": "The governor", "content": []}]),
    ("The lawyer talked for an hour.", [{"cue": "talked", "content": []}]),
    # The small model's "hop" for "hopes" still cues; a real hop does not report.
    ("Tom Clarke hopes to offset the costs.", [{"cue": "hopes", "speaker": "Tom Clarke", "content": ["to offset the costs"]}]),
    ("They hopped on a bus to the stadium.", [{"content": []}]),
    # A name before a reporting noun is its source; a "that" relative is no content.
    (
        "Investors were rattled by a Reuters report that the factory would close.",
        [{"cue": "report", "speaker": "Reuters", "content": ["the factory would close"]}],
    ),
    ("The 2019 report that the committee read was long.", []),
    # Stances stated as a role.
    ("Smith has long been a fierce critic of the trade deal.", [{"speaker": "Smith", "content": ["of the trade deal"]}]),
    ("Smith is a film critic at the newspaper.", []),
    # A relative or wh-word fronted out of the reported clause: the content is
    # that word and the clause after the verb, not the speaker before it.
    (
        "The rent, which tenants said was too high, rose again.",
        [{"cue": "said", "speaker": "tenants", "content": ["which", "was too high"]}],
    ),
    (
        "The vote hinges on what the mayor says her plan would cost.",
        [{"cue": "says", "speaker": "the mayor", "content": ["what", "her plan would cost"]}],
    ),
    # ... but a relative clause whose verb reports nothing gives no content.
    ("The mayor, who said hello to the crowd, left early.", [{"cue": "said", "content": []}]),
    # An "as" aside reports the clause it is set in.
    (
        "As several analysts have noted, the bill would raise taxes.",
        [{"cue": "have noted", "speaker": "several analysts", "content": ["the bill would raise taxes"]}],
    ),
    (
        "The bill would raise taxes, as critics have said.",
        [{"cue": "have said", "speaker": "critics", "content": ["The bill would raise taxes"]}],
    ),
    # ... also where the parse makes the comma that sets it off its own.
    (
        "As the mayor said, the two bridges have become some of the least safe in the state.",
        [{"cue": "said", "speaker": "the mayor", "content": ["the two bridges have become some of the least safe in the state"]}],
    ),
    # ... unless it has an object of its own, or nobody speaks in it.
    ("As she announced the plan, protesters gathered outside.", [{"cue": "announced", "content": ["the plan"]}]),
    ("As expected, the bill passed.", [{"cue": "expected", "content": []}]),
    # A title-case headline verb the phrase rules take (a matcher key shared
    # with the lexicon once broke this with a KeyError).
    (
        "Mayor Denies Report On Bridge Costs\n\nThe story ran on Monday.",
        [{"cue": "Denies", "content": ["Report On Bridge Costs"]}],
    ),
    # No reporting word at all.
    ("The talks ended on Monday without an agreement.", []),
    # A speaker between a clause's edges is not in it: "which SHE says ...";
    # the content is the fronted word and the clause after the cue.
    (
        "The plan would save the clinic, which the mayor says she is doing everything she can to keep open.",
        [{"cue": "says", "speaker": "the mayor", "content": ["which", "she is doing everything she can to keep open"]}],
    ),
    # A date under a prepositional object does not void it.
    (
        "The governor has responded with fresh attacks on the union, including Monday's statement.",
        [
            {
                "cue": "has responded",
                "speaker": "The governor",
                "content": ["with fresh attacks on the union, including Monday's statement"],
            }
        ],
    ),
    # Gerunds and infinitives after adjectives and prepositions find their subject.
    (
        "She was able to repeatedly tout her fundraising totals.",
        [{"cue": "tout", "speaker": "She", "content": ["her fundraising totals"]}],
    ),
    (
        "The senator stopped short of calling the ruling politically motivated.",
        [
            {"cue": "calling", "speaker": "The senator", "content": ["the ruling politically motivated"]},
            {"cue": "ruling", "content": []},
        ],
    ),
    # An "as" aside reports the clause it hangs on.
    (
        "As several economists have pointed out, the city is free to raise its own taxes.",
        [{"cue": "have pointed", "speaker": "several economists", "content": ["the city is free to raise its own taxes"]}],
    ),
    (
        "The bridge collapsed, as engineers had predicted.",
        [{"cue": "had predicted", "speaker": "engineers", "content": ["The bridge collapsed"]}],
    ),
    # An agentless passive of a stance or statement: someone unnamed says the
    # whole clause; not when it is negated, nor for an intention.
    (
        "The firm has sometimes been accused of dumping waste in the river near the plant.",
        [
            {
                "cue": "been accused",
                "speaker": None,
                "content": ["The firm has sometimes been accused of dumping waste in the river near the plant"],
            }
        ],
    ),
    (
        "The new budget was also dubbed a disaster.",
        [{"cue": "dubbed", "speaker": None, "content": ["The new budget was also dubbed a disaster"]}],
    ),
    ("Neither the mayor nor his aides have been charged with an offence.", [{"cue": "have been charged", "content": []}]),
    ("The minister is expected to visit the region next month.", [{"cue": "is expected", "content": []}]),
    # A headline verb the tagger took for a plural noun.
    (
        "City council votes to close bus depot",
        [
            {
                "cue": "votes",
                "speaker": "City council",
                "content": ["to close bus depot"],
                "rule": "cues.reporting-verbs#intention",
            }
        ],
    ),
    (
        "Union charges that the company broke the contract",
        [{"cue": "charges", "speaker": "Union", "content": ["the company broke the contract"]}],
    ),
    # Content ends before a claim of its own tacked on after it ...
    (
        "He praised the governor, who has called for a recount in three counties.",
        [
            {"cue": "praised", "speaker": "He", "content": ["the governor"]},
            {"cue": "has called", "speaker": "who", "content": ["for a recount in three counties"]},
        ],
    ),
    (
        "The minister rejected the proposal, though she noted that talks would continue.",
        [
            {"cue": "rejected", "content": ["the proposal"]},
            {"cue": "noted", "speaker": "she", "content": ["talks would continue"]},
            {"cue": "would continue", "content": []},
        ],
    ),
    (
        "The minister said the bridge was safe and warned drivers to slow down.",
        [{"cue": "said", "content": ["the bridge was safe"]}, {"cue": "warned", "content": ["drivers to slow down"]}],
    ),
    # ... but "and that ..." is a second complement of the same cue.
    (
        "He said the bridge was safe and that repairs would start soon.",
        [{"cue": "said", "content": ["the bridge was safe and that repairs would start soon"]}],
    ),
    # What surveys show is content as an object; "show up" is another verb.
    (
        "Surveys show the incumbent ahead by 4 points, but the race remains tight.",
        [{"cue": "show", "speaker": "Surveys", "content": ["the incumbent ahead by 4 points"]}],
    ),
    ("The witness did not show up at the trial.", [{"cue": "did not show", "content": []}]),
    # A clause closed by a colon or semicolon before the cue is not its content.
    (
        "It is still early; the senator's aides say she will announce her decision in May.",
        [
            {"cue": "say", "speaker": "the senator's aides", "content": ["she will announce her decision in May"]},
            {"cue": "will announce", "content": ["her decision"]},
        ],
    ),
    (
        "The stakes are high: the rebels declared war on the capital.",
        [{"cue": "declared", "speaker": "the rebels", "content": ["war on the capital"]}],
    ),
    # A cue with no clause takes the one the parser hung on a later verb.
    (
        "Although she conceded the figures were low, the mayor also noted several schools had improved.",
        [
            {"cue": "conceded", "speaker": "she", "content": ["the figures were low"]},
            {"cue": "noted", "speaker": "the mayor", "content": ["several schools had improved"]},
        ],
    ),
    # "X as Y" and "X a Y" state a view, whatever the verb; a "when" clause is no content.
    (
        "Farmers see the rule as a burden on small producers.",
        [{"cue": "see", "speaker": "Farmers", "content": ["the rule as a burden on small producers"]}],
    ),
    (
        "Analysts consider the merger a mistake for both firms.",
        [{"cue": "consider", "speaker": "Analysts", "content": ["the merger a mistake for both firms"]}],
    ),
    ("The two ministries were considering new talks.", [{"cue": "were considering", "content": []}]),
    (
        "Few analysts would have described the governor as a reformer when she took office in 2010.",
        [{"cue": "would have described", "content": ["the governor as a reformer"]}],
    ),
    # Believing and fearing take a thing as well as a clause.
    (
        "Many farmers fear a trade war with their biggest customer.",
        [{"cue": "fear", "speaker": "Many farmers", "content": ["a trade war with their biggest customer"]}],
    ),
    # An infinitive purpose clause with no object before it; a relative clause's object gap.
    (
        "The council voted 7-2 on Tuesday to close the depot.",
        [{"cue": "voted", "speaker": "The council", "content": ["to close the depot"]}],
    ),
    (
        "The budget cut she promised to deliver is large.",
        [{"cue": "promised", "speaker": "she", "content": ["The budget cut she promised to deliver"]}],
    ),
    # A statement or a stance and what it is about.
    (
        "The senator's remarks on the pension reform angered her colleagues.",
        [{"cue": "remarks", "speaker": "The senator", "content": ["the pension reform"]}],
    ),
    ("The senator's remarks at the dinner were brief.", []),
    # Releasing a document reports it; releasing people does not.
    (
        "The agency released a study of air quality in the valley.",
        [{"cue": "released", "speaker": "The agency", "content": ["a study of air quality in the valley"]}],
    ),
    ("The police released the two suspects on Friday.", []),
    # A poll as the source.
    (
        "In the latest poll, the mayor leads her rival by six points.",
        [{"cue": "In the latest poll", "speaker": "the latest poll", "content": ["the mayor leads her rival by six points"]}],
    ),
    ("Turnout was higher than in previous polls.", []),
    # A verbless headline clause before the cue.
    (
        "Budget silent on rural clinics, doctors say",
        [{"cue": "say", "speaker": "doctors", "content": ["Budget silent on rural clinics"]}],
    ),
    # A share of people keeps who they are.
    (
        "Nineteen percent of college students polled said the economy came first.",
        [{"cue": "said", "speaker": "Nineteen percent of college students polled"}],
    ),
    ("Nine in 10 voters said the race mattered to them.", [{"cue": "said", "speaker": "Nine in 10 voters"}]),
    # A share the parser hung on the verb as a number.
    ("About 4 in 10 say the next president should change course.", [{"cue": "say", "speaker": "About 4 in 10"}]),
    # A name keeps the place or organization it is "of" or "from", before
    # any apposition; not a time, nor what the name is doing.
    (
        "Artyom Lukin of the Far Eastern Federal University said the talks were useful.",
        [{"speaker": "Artyom Lukin of the Far Eastern Federal University"}],
    ),
    ("“We will fight on,” said Sen. Tom Carper of Delaware.", [{"speaker": "Sen. Tom Carper of Delaware"}]),
    (
        "Rep. Tom Cole of Oklahoma, an ally of the leadership, said the bill would pass.",
        [{"speaker": "Rep. Tom Cole of Oklahoma"}],
    ),
    ("Dana Ruiz from Ohio told reporters the plant would close.", [{"speaker": "Dana Ruiz from Ohio"}]),
    (
        "Senators Ann Walsh of Maine and Bo Reyes of Utah said the bill was dead.",
        [{"speaker": "Senators Ann Walsh of Maine and Bo Reyes of Utah"}],
    ),
    ("Dana Ruiz of all people said the plant would close.", [{"speaker": "Dana Ruiz"}]),
    ("Dana Ruiz, of Ohio, said the plant would close.", [{"speaker": "Dana Ruiz"}]),
    ("Dana Ruiz in Ohio said the plant would close.", [{"speaker": "Dana Ruiz"}]),
    # A poll keeps when it came out, as a description keeps what tells which it is.
    (
        "A CNN/ORC poll released on Tuesday found that Clinton leads by five points.",
        [{"cue": "found", "speaker": "A CNN/ORC poll released on Tuesday", "content": ["Clinton leads by five points"]}],
    ),
    (
        "A court filing submitted on Friday said the plant would close.",
        [{"cue": "said", "speaker": "A court filing submitted on Friday"}],
    ),
    ("A union representing dock workers said the strike would go on.", [{"speaker": "A union representing dock workers"}]),
    # What dashes set off between a subject and its verb says who it is;
    # not a clause about it.
    (
        "Jason Sims — a teacher from Ohio — said the plant would close.",
        [{"cue": "said", "speaker": "Jason Sims — a teacher from Ohio —"}],
    ),
    (
        "The three scholars -- two lawyers and a judge -- agreed the plant would close.",
        [{"speaker": "The three scholars -- two lawyers and a judge --"}],
    ),
    ("Sanders — now that he has drawn even — said the race is wide open.", [{"cue": "said", "speaker": "Sanders"}]),
    ("Kagan — who was an architect of the surge — said the plan was sound.", [{"cue": "said", "speaker": "Kagan"}]),
    # A group's name describes its members, and goes on as a description
    # does; not over when they spoke.
    ("Democrats in Congress said the plan would fail.", [{"speaker": "Democrats in Congress"}]),
    ("Democrats involved in the negotiations said the deal was close.", [{"speaker": "Democrats involved in the negotiations"}]),
    ("One Democrat familiar with the talks said the deal was close.", [{"speaker": "One Democrat familiar with the talks"}]),
    ("Republicans on Tuesday said the bill was dead.", [{"speaker": "Republicans"}]),
    # A clause set off about the speaker, however deep the parse hangs it,
    # does not name them.
    (
        "“It is over,” said one person with knowledge of the talks, who spoke on the condition of anonymity.",
        [{"cue": "said", "speaker": "one person with knowledge of the talks"}],
    ),
    (
        "A report from the Policy Institute, which tracks spending, said the plant would close.",
        [{"cue": "said", "speaker": "A report from the Policy Institute"}],
    ),
    (
        "Every economist we asked said the plant would close.",
        [{"cue": "asked", "speaker": "we"}, {"cue": "said", "speaker": "Every economist we asked"}],
    ),
    # An emphatic reflexive goes with the speaker; an object does not.
    ("The senator himself said the bill was dead.", [{"cue": "said", "speaker": "The senator himself"}]),
    # A title and the name after it with no comma are one speaker.
    ("Her lawyer Lanny Davis said the emails were private.", [{"speaker": "Her lawyer Lanny Davis"}]),
    ("Her lawyer, Lanny Davis, said the emails were private.", [{"speaker": "Her lawyer"}]),
    # A participle set off after a quoted complement goes on with the
    # reporter, the comma inside the closing mark.
    (
        "Trump said things “should be wrapped up quickly,” referring to the investigation.",
        [{"cue": "said", "speaker": "Trump"}, {"cue": "referring", "speaker": "Trump", "content": ["to the investigation"]}],
    ),
    # Right after a closing quote, the words after the verb are its speaker
    # even where the parser takes them for its object.
    ("“America is great! Trump is a disgrace to us all,” read one banner.", [{"cue": "read", "speaker": "one banner"}]),
    (
        "“There are more candidates in New Hampshire than ever,” added another New Hampshire Republican.",
        [{"cue": "added", "speaker": "another New Hampshire Republican"}],
    ),
    # A quote a colon introduces is the subject's, whatever the verb.
    (
        "McConnell delivered a blunt message to Trump: “You need to stop this right now.”",
        [{"cue": "delivered", "speaker": "McConnell", "content": [], "rule": "quotes.quote-marks#colon"}],
    ),
    ("He had a simple answer: “We will build it anyway.”", [{"cue": "had", "speaker": "He"}]),
    ("Trump boomed: “We are going to win so much.”", [{"cue": "boomed", "speaker": "Trump"}]),
    # Not when the subject cannot speak, or no quote follows the colon.
    ("The results were clear: “Nobody came to the meeting at all.”", []),
    ("McConnell delivered a blunt message to Trump: stop this right now.", []),
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


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        # Right after a quote, the speaker after the verb, whatever the parse
        # hangs it on, past a stray space.
        ("“We will see this through,”  added Gowdy.", "added", "Gowdy"),
        (
            "“I will not apologize,” said retired surgeon Ben Carson, asked about his claims.",
            "said",
            "retired surgeon Ben Carson",
        ),
        ("“We are in shock,” said the woman, who did not want to be named.", "said", "the woman"),
        ("“America is great! Trump is a disgrace,” read one.", "read", "one"),
        ("“Better watch out for the count,” tweeted another.", "tweeted", "another"),
        # Between the quote and the verb, a name the parse hung inside the quote.
        ("“It is not the position that all is well,” Gene Sperling, a top adviser, said at an event.", "said", "Gene Sperling"),
        # A name the parse took for a compound of the verb, or with an aside after it.
        ("“Look at what he put out after the shootings,” Okafor notes.", "notes", "Okafor"),
        (
            "“We have had better conventions,” delegate Bill Eastwick, wearing a “Reyes” pin, said.",
            "said",
            "delegate Bill Eastwick",
        ),
        # A mark that ends no quoted sentence is part of the name.
        ("Flight attendants' union endorses Clinton.", "endorses", "Flight attendants' union"),
    ],
)
def test_the_speaker_beside_a_quote(find_cues, text, cue, speaker):
    [found] = [c for c in find_cues(text) if c["cue"] == cue]
    assert found["speaker"] == speaker


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        # When a thing makes someone do what an infinitive says, the one it
        # makes does it; when a person makes them, the call is the person's.
        ("The shift in tone prompted Anderson Cooper to accuse Bondi of hypocrisy.", "accuse", "Anderson Cooper"),
        ("The victory led Reince Priebus to declare that the race was over.", "declare", "Reince Priebus"),
        ("Senator Bernie Sanders pushed Democrats to reject the deal.", "reject", "Senator Bernie Sanders"),
        ("Pence used his keynote speech to call for unity.", "call", "Pence"),
        # A finite verb the parse gave no subject: the person named before it.
        (
            "Alarmed by the unrest in Nevada, Senator Harry Reid, the minority leader, said that he spoke with Sanders.",
            "said",
            "Senator Harry Reid",
        ),
        # A second verb the parse joined to the first one's complement, whose
        # subject cannot speak.
        ("Suu Kyi said it was too early to congratulate winners but added that the vote went well.", "added", "Suu Kyi"),
        (
            "Clark said Brooks had begun making calls - there are two from each district - but said the outcome was unclear.",
            "said",
            "Clark",
        ),
        # A clause before the verb that the parse took for its complement:
        # the two verbs share that clause's subject.
        (
            "Kasich jokingly offered the man a job as Secretary of Defense, then says he will welcome advice from anyone.",
            "says",
            "Kasich",
        ),
        # A noun with a participle that the parse took for a clause.
        (
            "Large majorities of Republican primary voters in six states going to the polls on Super Tuesday said "
            "they support a proposal to ban the imports.",
            "said",
            "Large majorities of Republican primary voters in six states",
        ),
        # Negative: a complement clause before a verb with its own subject after it.
        ("The vote went well, said Suu Kyi.", "said", "Suu Kyi"),
        # Negative: the relative as the only subject is the speaker.
        ("The mayor, who said the deal was legal, left early.", "said", "who"),
        # A contracted "has" the parse took for the subject, with the subject hung on it.
        ("While he’s said he believes the deal is fair, he’s also voted against it.", "said", "he"),
        # When they spoke is no part of who spoke; what survey it was is.
        ("The Reyes campaign on Monday said the vote was rigged.", "said", "The Reyes campaign"),
        ("Surveys of recent years show that turnout fell.", "show", "Surveys of recent years"),
    ],
)
def test_who_does_what_a_verb_says(find_cues, text, cue, speaker):
    assert [c["speaker"] for c in find_cues(text) if c["cue"] == cue][-1] == speaker


@pytest.mark.parametrize(
    ("text", "cue", "speaker"),
    [
        # The words a participle hangs on speak for themselves ...
        ("A statement praising the budget was read out.", "praising", "A statement"),
        ("The mayor praised a report warning that the river would flood.", "warning", "a report"),
        # ... unless the subject put them out: then they are the subject's.
        ("The union issued a statement saying that the strike would go on.", "saying", "The union"),
        ("Clinton delivered a speech attacking Trump on trade.", "attacking", "Clinton"),
        ("The council approved a resolution condemning the attack.", "condemning", "The council"),
        # People the participle hangs on are its speakers.
        ("The jobs report cheered Democrats saying the economy was fine.", "saying", "Democrats"),
        # An occasion at which someone speaks is whoever holds it: the subject
        # of its verb, or else its owner.
        ("She spoke at a news conference announcing that the state would be sued.", "announcing", "She"),
        ("Mr. Carson endorsed Mr. Trump at a news conference, calling him intelligent.", "calling", "Mr. Carson"),
        ("The governor spent much of his speech defending the budget.", "defending", "The governor"),
        ("His speech attacking free trade drew cheers.", "attacking", "His"),
        # Not a thing that carries words.
        ("She pointed to a report warning that the river would flood.", "warning", "a report"),
    ],
)
def test_a_participle_on_a_noun_takes_the_noun_or_who_put_it_out(find_cues, text, cue, speaker):
    [found] = [c for c in find_cues(text) if c["cue"] == cue]
    assert found["speaker"] == speaker


def _with_entity(doc, start: int, end: int, label: str):
    """The doc as if the recogniser had read doc[start:end] as one `label`."""
    from spacy.tokens import Span

    doc.set_ents([Span(doc, start, end, label=label)], default="outside")
    return doc


def test_a_speaker_stops_at_a_finite_verb_the_recogniser_ran_into_its_name(nlp):
    # en_core_web_sm reads "Trump accused Holt of being a" as one WORK_OF_ART.
    doc = _with_entity(nlp("Bemoaning the system, Trump accused Holt of being a Democrat."), 4, 10, "WORK_OF_ART")
    trump = doc[4]
    assert speaker_mention(trump, 0).text == "Trump"


def test_a_speaker_keeps_the_rest_of_a_name_with_a_verb_in_it(nlp):
    doc = _with_entity(nlp("The Alliance to Reclaim Our Schools said the walk-in drew thousands."), 1, 6, "ORG")
    assert speaker_mention(doc[1], 6).text == "The Alliance to Reclaim Our Schools"


def test_the_cue_is_no_part_of_a_speaker_after_it(find_cues):
    # The parser reads "Said" as part of the name.
    text = "Clinton has ignored tax reform. Said Ellis: “I don’t get the sense she cares about it.”"
    [said] = [c for c in find_cues(text) if c["cue"] == "Said"]
    assert said["speaker"] == "Ellis"
