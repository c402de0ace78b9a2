"""Who said it: the speaker of each claim, resolved end to end.

The rule: the right person, or no name. A wrong name is worse than no name,
so where a careful reader could not tell who spoke, speaker.name is None.

Every story is invented (the people, places of work and events are
fictional) and written so that a careful human reader has one clear answer.
Every extraction goes through the `extract` fixture, which validates it
against the output schema. Each case is (text, expected): expected maps a
phrase to the speaker name of the one claim whose text contains it, so the
cases do not depend on the order or the number of the other claims.
"""

from __future__ import annotations

import pytest
from speaker_cases import claim_with, ids, run, speaker_of

# --- 1. gender ------------------------------------------------------------------

GENDER = [
    # "she" skips the man named as the subject just before; a common first name.
    (
        "Maria Santos, the city’s budget director, said the deficit had narrowed for a second year.\n\n"
        "Mayor John Pryor said the numbers were encouraging.\n\n"
        "“We are not out of the woods yet,” she said.",
        {
            "the deficit had narrowed": "Maria Santos",
            "the numbers were encouraging": "John Pryor",
            "We are not out of the woods yet": "Maria Santos",
        },
    ),
    # "he" skips the woman named more recently; gendered titles.
    (
        "Derek Vossberg, a councilman from the east side, said the vote on the new stadium would be close.\n\n"
        "The council’s spokeswoman, Tamsin Everly, said the session could run past midnight.\n\n"
        "“I have counted the votes twice and I still cannot call it,” he said.",
        {
            "the session could run past midnight": "Tamsin Everly",
            "I have counted the votes twice": "Derek Vossberg",
        },
    ),
    # Honorifics, with first names that give no clue.
    (
        "Rilo Tenshaw, the port’s director, met Avel Marsk, the dockworkers’ chief negotiator, on Monday.\n\n"
        "Ms. Marsk said her members had waited three years for a raise. "
        "Mr. Tenshaw said the port could not afford a strike.\n\n"
        "“Nobody on the docks wants a strike, but we will not back down,” she said.",
        {
            "her members had waited three years": "Avel Marsk",
            "the port could not afford a strike": "Rilo Tenshaw",
            "Nobody on the docks wants a strike": "Avel Marsk",
        },
    ),
    # The article's own link: "Okafor said her office" makes Okafor a woman.
    (
        "Temi Okafor became the state’s auditor general in March.\n\n"
        "Okafor said her office had found gaps in the accounts of three ministries. "
        "Finance Minister Peter Blake said the ministries would cooperate with the audit.\n\n"
        "“The numbers do not lie,” she said.",
        {
            "her office had found gaps": "Temi Okafor",
            "the ministries would cooperate": "Peter Blake",
            "The numbers do not lie": "Temi Okafor",
        },
    ),
    # ... also through a verb the subject's runs on into ("went on to say that her ..."):
    # the only woman is far, but the only one whose gender fits.
    (
        "Ngozi Eze, the clinic director, went on to say that her staff had not been paid since May.\n\n"
        "Peter Kanu, the city lawyer, said the wages would be paid on Friday.\n\n"
        "The city council met on Thursday.\n\nThe budget was approved.\n\n"
        "“We cannot wait another month,” she said.",
        {"We cannot wait another month": "Ngozi Eze"},
    ),
    # A speaker of unknown gender a "she" meant is a woman for the next "she"
    # (no first-name lexicon knows "Rakeyia"), and no candidate for "he".
    (
        "Police released the video on Friday. Rakeyia Vance can be heard yelling at the officers.\n\n"
        "“Don't shoot him,” she says.\n\n"
        "The picture then goes dark for a moment.\n\n"
        "“Did you shoot him?” she yells.",
        {"Don't shoot him": "Rakeyia Vance", "Did you shoot him": "Rakeyia Vance"},
    ),
    (
        "Police released the video on Friday. Rakeyia Vance can be heard yelling at the officers.\n\n"
        "“Don't shoot him,” she says.\n\n"
        "The picture then goes dark for a moment.\n\n"
        "“Did you shoot him?” he yells.",
        {"Don't shoot him": "Rakeyia Vance", "Did you shoot him": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), GENDER, ids=ids("gender", GENDER))
def test_a_pronoun_agrees_in_gender(extract, text, expected):
    run(extract, text, expected)


# --- 2. candidates beyond subjects ---------------------------------------------------

CANDIDATES = [
    # Introduced as an object: the only woman named.
    (
        "The board of Crestline Foods on Monday named Maria Anand as its new chief executive.\n\n"
        "Chairman Walter Grieg said the vote was unanimous.\n\n"
        "“My first job is to listen to the farmers who supply us,” she said.",
        {
            "the vote was unanimous": "Walter Grieg",
            "My first job is to listen": "Maria Anand",
        },
    ),
    # The same, with a first name that says nothing of her gender: she is far
    # (an object two sentences back) and nothing singles her out: no name.
    (
        "The board of Crestline Foods on Monday named Priya Anand as its new chief executive.\n\n"
        "Chairman Walter Grieg said the vote was unanimous.\n\n"
        "“My first job is to listen to the farmers who supply us,” she said.",
        {"My first job is to listen": None},
    ),
    # Introduced in an apposition to an object; "his" makes the subject a man.
    (
        "Lars Henning, the hospital’s director, thanked the chief architect of the new wing, Nora Halabi, "
        "in his speech at the opening on Friday.\n\n"
        "“We designed every room around the patients and their families,” she said.",
        {"We designed every room around the patients": "Nora Halabi"},
    ),
    # A country that is the subject in between is not "he".
    (
        "Tomas Brandt, the envoy sent by the trade bloc, flew to Mexico City on Sunday.\n\n"
        "Mexico rejected the latest proposal on Monday.\n\n"
        "“We will keep talking for as long as it takes,” he said.",
        {"We will keep talking for as long as it takes": "Tomas Brandt"},
    ),
    # The people a quote names are not the one who says it: "she" is the
    # speaker named before, not the woman her own words mention.
    (
        "Karen Mills, the caucus chair, spoke to reporters after the vote on Friday.\n\n"
        "Mills believes the campaign took its voters for granted.\n\n"
        "“They thought Michelle Obama would come down here and one speech would do it. But it is not enough,” she said.",
        {"But it is not enough": "Karen Mills"},
    ),
    # A quote that speaks of "she" is seldom said by the woman last named in
    # the reported speech before it: she is whom it is about ...
    (
        "Hillary Clinton spoke in Ohio on Monday. Two voters, Jordan Ellery and Mark Dunn, came to the rally.\n\n"
        "Ellery said Clinton doesn't show consistency in her concern for the issue.\n\n"
        "“It's not something that she continuously says,” she said.",
        {"It's not something that she continuously says": "Jordan Ellery"},
    ),
    # ... but without it the two women are about as likely: no name.
    (
        "Hillary Clinton spoke in Ohio on Monday. Two voters, Jordan Ellery and Mark Dunn, came to the rally.\n\n"
        "Ellery said Clinton doesn't show consistency in her concern for the issue.\n\n"
        "“It's not something anyone continuously says,” she said.",
        {"It's not something anyone continuously says": None},
    ),
    # A country is never "she" either, even when it is the only subject in reach.
    (
        "Deputy Trade Minister Elena Ruiz arrived in Washington on Monday for the last round of talks.\n\n"
        "The United States agreed on Tuesday to lift its tariffs on steel.\n\n"
        "“This is a good day for our workers,” she said.",
        {"This is a good day for our workers": "Elena Ruiz"},
    ),
    # The owner of a thing that is the subject is what the story is about:
    # "The mayor's plan came next. ... he said".
    (
        "Tom Harlan, the mayor, left the hall early on Monday. Mark Dunn’s objections came next. "
        "He said the plan would cost jobs.",
        {"the plan would cost jobs": "Mark Dunn"},
    ),
    # A poll that spoke is no "he": the man it spoke of is.
    (
        "Tom Rand, the mayor of Harlow, has refused to release his tax returns.\n\n"
        "A poll released in late August found that most voters said Mr. Rand should release his returns.\n\n"
        "Contrary to his claim that voters would learn nothing from them, the returns would show a great deal.",
        {"voters would learn nothing from them": "Tom Rand"},
    ),
    # Introduced with a role right before the quote, a person outweighs the
    # one who spoke two sentences back: the story has turned to them.
    (
        "Tom Rand, a farmer from Ashby, said the rain came too late for his fields.\n\n"
        "“We lost half the crop this year,” he said.\n\n"
        "While the county keeps a relief fund for floods, nothing has been set aside for drought, "
        "which worries Paul Okafor, director of the Ashby Farm Bureau.\n\n"
        "“No one is paying for this. The county has nothing like that,” he said.",
        {"We lost half the crop": "Tom Rand", "No one is paying for this": "Paul Okafor"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CANDIDATES, ids=ids("candidate", CANDIDATES))
def test_a_pronoun_can_reach_past_subjects(extract, text, expected):
    run(extract, text, expected)


# --- 3. who ----------------------------------------------------------------------

WHO = [
    (
        "Lena Varga, who chairs the finance committee, said the bill would reach the floor next week.",
        {"the bill would reach the floor next week": "Lena Varga"},
    ),
    (
        "“The bill is ready for a vote,” said Lena Varga, who chairs the finance committee.",
        {"The bill is ready for a vote": "Lena Varga"},
    ),
    # "who" as the cue's own subject.
    (
        "Reporters waited outside the office of Lena Varga, who said on Monday that the bill was ready for a vote.",
        {"the bill was ready for a vote": "Lena Varga"},
    ),
    # Not the country named just before "who".
    (
        "The talks in Mexico were led by Oren Castell, who told reporters that a deal was close.",
        {"a deal was close": "Oren Castell"},
    ),
    # "that" after a description set beside a name means the name.
    (
        "The money went to Riverkeep, a conservation group that says the new dam will flood the valley.",
        {"the new dam will flood the valley": "Riverkeep"},
    ),
    # ... also when the description is a capitalised word the tagger reads
    # as a name ("a Republican"), or the name one it reads as a place.
    (
        "Gov. Dale Amsel of Ohio, a Republican who has refused to endorse the nominee, spoke on Monday.",
        {"to endorse the nominee": "Dale Amsel"},
    ),
    (
        "Donors sent $2 million to Future45, a super PAC that intends to attack the senator in the fall.",
        {"to attack the senator in the fall": "Future45"},
    ),
    # In a list, "who" means the name nearest it.
    (
        "The gala drew performers like Ava Lindqvist, Tom Berne and Wes Carrow, who joked that the hall was too cold.",
        {"the hall was too cold": "Wes Carrow"},
    ),
    # Negative: "a pollster and strategist" is one person, the name they describe.
    (
        "“Turnout will fall in the suburbs,” said Ann Lutz, a pollster and strategist who warned that the race was close.",
        {"Turnout will fall in the suburbs": "Ann Lutz", "the race was close": "Ann Lutz"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), WHO, ids=ids("who", WHO))
def test_who_is_the_person_it_follows(extract, text, expected):
    run(extract, text, expected)


# --- 4. one surname, several people -----------------------------------------------

HARLANS = "Tom Harlan and his wife, Ruth Harlan, have run the bakery on Main Street for 30 years."

SURNAMES = [
    # Honorifics decide.
    (
        HARLANS + " Mrs. Harlan said the rent had tripled since 2019. Mr. Harlan said they would close the shop in June.",
        {
            "the rent had tripled": "Ruth Harlan",
            "they would close the shop": "Tom Harlan",
        },
    ),
    # Nothing decides: no name.
    (
        HARLANS + " Harlan said the rent had tripled since 2019.",
        {"the rent had tripled": None},
    ),
    # One of them is called by first name: the bare surname is the other.
    (
        HARLANS + "\n\nRuth said the rent had tripled since 2019.\n\nHarlan said they would close the shop in June.",
        {
            "the rent had tripled": "Ruth Harlan",
            "they would close the shop": "Tom Harlan",
        },
    ),
    # A headline surname the tagger reads as a plural noun is still the surname.
    (
        "Sanders: Harlow needs to get away from all of the talk.\n\n"
        "Sen. Dale Sanders said Tuesday that the city council should focus on the budget.",
        {"Harlow needs to get away": "Dale Sanders"},
    ),
    # A lone surname one letter off the one person of that surname is a typo
    # for it; a short one is left alone ("Cohn" may be someone else).
    (
        "Two voters, Tyresha McClenney and Bryan Anderson, came to the rally on Friday.\n\n"
        "McLenney said the senator never talks about rents.",
        {"the senator never talks about rents": "Tyresha McClenney"},
    ),
    (
        "Mark Cohen, the union's lawyer, filed the appeal on Monday.\n\nCohn said the ruling would not stand.",
        {"the ruling would not stand": "Cohn"},
    ),
    (
        "Gordon Pike founded the boatyard in 1978. His daughter, Jenna Pike, has run it since he retired.\n\n"
        "Jenna said the yard had more orders than ever.\n\n"
        "Pike said he still comes in every morning to sweep the floor.",
        {
            "the yard had more orders than ever": "Jenna Pike",
            "he still comes in every morning": "Gordon Pike",
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), SURNAMES, ids=ids("surname", SURNAMES))
def test_a_shared_surname(extract, text, expected):
    run(extract, text, expected)


# --- 5. the cue's own subject wins -------------------------------------------------

OWN_SUBJECT = [
    (
        "Congress left for its summer recess on Friday without a budget deal.\n\n"
        "Senate Majority Leader Dana Whitfield (R-Ohio) told reporters that Democrats led by "
        "Sen. Ray Castillo had walked away from the table.",
        {"Democrats led by": "Dana Whitfield"},
    ),
    (
        "Paul Korbin has worked for Gov. Alice Brandt since her first campaign.\n\n"
        "Korbin, a senior aide to the governor, told Fox News that Brandt would veto the bill on Friday.",
        {"would veto the bill": "Paul Korbin"},
    ),
    (
        "Ambassador Kofi Mensah-Arde told CNN on Sunday that President Lara Meissen would visit the capital in the spring.",
        {"would visit the capital": "Kofi Mensah-Arde"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), OWN_SUBJECT, ids=ids("own-subject", OWN_SUBJECT))
def test_the_cues_own_subject_wins(extract, text, expected):
    run(extract, text, expected)


# --- 6. words that are not a name ---------------------------------------------------

NOT_NAMES = [
    # A title-case headline.
    (
        "Okafor Says Budget Will Pass\n\n"
        "Grace Okafor, the finance minister, said on Tuesday that the budget would pass before the recess.\n\n"
        "“We have the votes,” Okafor said.",
        {
            "the budget would pass before the recess": "Grace Okafor",
            "We have the votes": "Grace Okafor",
        },
        ["Says"],
    ),
    # A dateline.
    (
        "LAGOS — Samuel Adeyemi, the country’s oil minister, said on Monday that output would rise by a fifth.\n\n"
        "“We have fixed the pipelines,” he said.",
        {
            "output would rise by a fifth": "Samuel Adeyemi",
            "We have fixed the pipelines": "Samuel Adeyemi",
        },
        ["LAGOS", "Lagos"],
    ),
    # A dateline is not an antecedent either.
    (
        "WASHINGTON (AP) — A deal to keep the government open is within reach, he said on Monday.",
        {"A deal to keep the government open": None},
        ["WASHINGTON", "AP"],
    ),
    # An epithet inside a quote is not part of the name.
    (
        "Finance Minister Grace Okafor presented the budget on Tuesday. Rep. Lyle Danner attacked it within the hour.\n\n"
        "“Crooked Grace Okafor has lied about this budget for two years,” Danner said.\n\n"
        "Okafor said the charge was baseless.",
        {
            "has lied about this budget": "Lyle Danner",
            "the charge was baseless": "Grace Okafor",
        },
        ["Crooked"],
    ),
]


@pytest.mark.parametrize(("text", "expected", "not_in_names"), NOT_NAMES, ids=ids("not-a-name", NOT_NAMES))
def test_words_that_are_not_a_name(extract, text, expected, not_in_names):
    claims = run(extract, text, expected)
    for claim in claims:
        for word in not_in_names:
            assert word not in (claim.speaker.name or "").split(), (claim.text, claim.speaker.name)


# --- 7. descriptions -------------------------------------------------------------------

DESCRIPTIONS = [
    # A definite description names the one person introduced with it.
    (
        "Sen. Mara Lind introduced the farm bill on Monday. Rep. Tony Ruiz called it a giveaway.\n\n"
        "The bill would protect small farms from foreclosure, the senator said.",
        {"would protect small farms": "Mara Lind"},
    ),
    (
        "Mayor Ines Calder and Councilman Ray Dorn toured the flooded streets on Saturday.\n\n"
        "The city would pay for the repairs out of its reserves, the mayor told reporters.",
        {"would pay for the repairs": "Ines Calder"},
    ),
    # An indefinite description is someone not named, even when one like it was.
    (
        "Jill Carver, the campaign’s spokeswoman, said on Monday that the candidate would debate in October.\n\n"
        "A spokeswoman for the campaign said later that the debate had been cancelled.",
        {
            "the candidate would debate in October": "Jill Carver",
            "the debate had been cancelled": None,
        },
    ),
    (
        "Sen. Mara Lind voted against the farm bill on Monday.\n\n"
        "A senator from the majority said the bill was dead for this session.",
        {"the bill was dead for this session": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), DESCRIPTIONS, ids=ids("description", DESCRIPTIONS))
def test_descriptions(extract, text, expected):
    run(extract, text, expected)


# --- 8. organizations -------------------------------------------------------------------

ORGANIZATIONS = [
    # "for X to ...": X is the infinitive's subject, what "it" after it means.
    (
        "The new tax is the main tool for Norway to meet the emissions target it pledged to reach at the climate talks in Paris.",
        {"the emissions target": "Norway"},
    ),
    (
        "Halvorsen Shipping Lines said in a statement on Monday that it would cut 400 jobs.\n\n"
        "Most of the cuts would fall on its office in Bergen, it said.",
        {
            "it would cut 400 jobs": "Halvorsen Shipping Lines",
            "Most of the cuts would fall": "Halvorsen Shipping Lines",
        },
    ),
    # Not the person named in between.
    (
        "Halvorsen Shipping Lines said in a statement on Monday that it would cut 400 jobs. "
        "Its chief executive, Erik Dahl, was not available for comment.\n\n"
        "The company expects to return to profit next year, the company said.",
        {"expects to return to profit": "Halvorsen Shipping Lines"},
    ),
    # An organization's name the recogniser missed, with its article: no
    # person, and what "it" means next.
    (
        "Many farmers share these worries, but the North and West Texas Growers Coalition, which represents "
        "3,000 farms, wants to keep its neutrality. Recently, however, it issued a statement welcoming the plan.",
        {"a statement welcoming the plan": "the North and West Texas Growers Coalition"},
    ),
    # One word the recogniser took for a person's name, which no census
    # lists as a name and nothing genders: what "they" may mean ...
    (
        "Following the debate Factwise did a fact-check on Donald Trump's claim about crime in Chicago. "
        "On September 27 they published the results of their check by announcing that Trump's statement was true.",
        {"Trump's statement was true": "Factwise"},
    ),
    # ... but not a surname ...
    (
        "Following the debate Harris did a fact-check on Donald Trump's claim about crime in Chicago. "
        "On September 27 they published the results of their check by announcing that Trump's statement was true.",
        {"Trump's statement was true": None},
    ),
    # ... nor a name only a quote holds.
    (
        "“Then Factwise took action,” the historian said. "
        "On September 27 they published the results of their check by announcing that the statement was true.",
        {"the statement was true": None},
    ),
    # A paragraph quoted without marks after a reporting word and a colon is
    # someone else's sentences: it puts no distance between the article's own ...
    (
        "Paper backs the mayor.\n\n"
        "During the primaries, the Tidewater Gazette gave Mayor Ruth Okafor a glowing endorsement:\n\n"
        "She has long been a persuasive advocate for tenants. She knows the gritty details of housing policy, "
        "and she gained experience on the council. The former councilwoman is a planner. "
        "She has shown her skill as a negotiator.\n\n"
        "Meanwhile, it attacked her rival, saying he “has offended voters with his insults.”",
        {"has offended voters": "the Tidewater Gazette"},
    ),
    # ... but a paragraph after "Watch the video below:" is the article's own.
    (
        "Paper backs the mayor.\n\n"
        "During the primaries, the Tidewater Gazette sent a reporter to the rally. Watch the video below:\n\n"
        "She has long been a persuasive advocate for tenants. She knows the gritty details of housing policy, "
        "and she gained experience on the council. The former councilwoman is a planner. "
        "She has shown her skill as a negotiator.\n\n"
        "Meanwhile, it attacked her rival, saying he “has offended voters with his insults.”",
        {"has offended voters": None},
    ),
    # A group of people is no organization "it" may mean.
    (
        "Several Democrats said the bill was dead. Democrats in the House said they would vote no.\n\n"
        "It declined in almost every state, the figures show.",
        {"in almost every state": None},
    ),
    # "they" is not one person.
    (
        "Frank Osei, the union’s president, met striking nurses outside the hospital on Monday.\n\n"
        "They said the hospital had ignored their complaints for months.",
        {"the hospital had ignored their complaints": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), ORGANIZATIONS, ids=ids("organization", ORGANIZATIONS))
def test_organizations(extract, text, expected):
    run(extract, text, expected)


# --- 9. no one to name -----------------------------------------------------------------

ABSTAIN = [
    # "It" after a document that spoke is the document, which has no name:
    # not the organization named before it.
    (
        "The Securities and Exchange Commission sets the rules for company filings.\n\n"
        "“The penalties are so light that few companies bother,” the report says. It also points out that fines are rare.",
        {"fines are rare": None},
    ),
    # Two men, equally plausible.
    pytest.param(
        "Mark Dunn met Paul Hale on Tuesday. He said the talks went well.",
        {"the talks went well": None},
        marks=pytest.mark.xfail(
            reason="subject preference: the subject of the sentence before outweighs its object, so "
            "Mark Dunn is named where a careful reader could hesitate",
            strict=True,
        ),
    ),
    (
        "Mark Dunn and Paul Hale met for three hours on Tuesday.\n\n“The talks went well,” he said.",
        {"The talks went well": None},
    ),
    # A pronoun in the very first sentence has nothing before it.
    (
        "“We will win,” he said.\n\n"
        "Tom Reyes, the Republican candidate for governor, spent Sunday touring farms in the north of the state.",
        {"We will win": None},
    ),
    # "They" after "A and B" means both of them, not one.
    (
        "The Carpenters Union and the Nurses Guild stayed out of the race. They said the candidates had ignored them.",
        {"the candidates had ignored them": None},
    ),
    # "she" when only men were named.
    (
        "John Pryor and Derek Vossberg argued over the stadium plan for an hour on Tuesday.\n\n"
        "“Neither of them has read the contract,” she said.",
        {"Neither of them has read the contract": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), ABSTAIN, ids=ids("abstain", ABSTAIN))
def test_no_name_when_no_one_fits(extract, text, expected):
    run(extract, text, expected)


# --- 10. split and continued quotes ---------------------------------------------------------

CONTINUED = [
    (
        "Sen. Mara Lind spoke to reporters after the vote on Thursday.\n\n"
        "“This bill is a start,” Lind said. “It is not the end of the fight.”",
        {
            "This bill is a start": "Mara Lind",
            "It is not the end of the fight": "Mara Lind",
        },
    ),
    (
        HARLANS + "\n\n“We never thought we would see this day,” Mrs. Harlan said. "
        "“The bakery was supposed to go to our grandchildren.”",
        {
            "We never thought we would see this day": "Ruth Harlan",
            "supposed to go to our grandchildren": "Ruth Harlan",
        },
    ),
    # A quote at the end of reported speech is the reporter's speaker's, not
    # that of a cue inside what was reported ("the allies will seek").
    (
        "Prime Minister Anna Vogt condemned the missile test on Friday. "
        "She said the allies will seek new sanctions and take other measures "
        "“to show the regime that its actions have consequences for everyone.”",
        {"to show the regime that its actions have consequences": "Anna Vogt"},
    ),
    # A quote-only paragraph after the attributed one.
    (
        "Temi Okafor became the state’s auditor general in March.\n\n"
        "“Three ministries could not account for their spending,” she said.\n\n"
        "“We will publish every line of it.”",
        {
            "Three ministries could not account": "Temi Okafor",
            "We will publish every line of it": "Temi Okafor",
        },
    ),
]


@pytest.mark.parametrize(("text", "expected"), CONTINUED, ids=ids("continued", CONTINUED))
def test_continued_quotes_inherit_the_speaker(extract, text, expected):
    run(extract, text, expected)


# --- how the speaker was resolved -----------------------------------------------------------

RESOLUTIONS = [
    (
        "Lena Varga, the chair of the finance committee, said the bill would reach the floor next week.",
        "would reach the floor",
        ("Lena Varga", "named"),
    ),
    (
        "Sen. Mara Lind spoke to reporters on Thursday.\n\nThe bill is only a start, Lind said.",
        "The bill is only a start",
        ("Mara Lind", "surname"),
    ),
    (
        "Sen. Mara Lind introduced the farm bill on Monday.\n\n"
        "The bill would protect small farms from foreclosure, the senator said.",
        "would protect small farms",
        ("Mara Lind", "title"),
    ),
    (
        "Maria Santos, the city’s budget director, presented the figures on Monday.\n\n"
        "“We are not out of the woods yet,” she said.",
        "We are not out of the woods yet",
        ("Maria Santos", "pronoun"),
    ),
    (
        "Reporters waited outside the office of Lena Varga, who said on Monday that the bill was ready for a vote.",
        "the bill was ready for a vote",
        ("Lena Varga", "relative"),
    ),
    (
        "Sen. Mara Lind spoke to reporters after the vote on Thursday.\n\n"
        "“This bill is a start,” Lind said. “It is not the end of the fight.”",
        "It is not the end of the fight",
        ("Mara Lind", "quote"),
    ),
    # No name, no resolution.
    (
        "“We will win,” he said.",
        "We will win",
        (None, None),
    ),
]


@pytest.mark.parametrize(("text", "phrase", "expected"), RESOLUTIONS, ids=ids("resolution", RESOLUTIONS))
def test_how_the_speaker_was_resolved(extract, text, phrase, expected):
    claim = claim_with(extract(text).claims, phrase)
    assert (claim.speaker.name, getattr(claim.speaker, "resolution", None)) == expected


# --- a name the recogniser missed is someone from then on -----------------------------


def test_a_transcript_label_is_a_candidate_for_later_pronouns(extract):
    text = (
        "Reporters waited outside the hall for an hour.\n\n"
        "OKONJO: We will cut the fuel subsidy in March and not before.\n\n"
        "Afterwards the minister spoke to the press. “The subsidy costs us more than schools,” he said."
    )
    claims = extract(text).claims
    assert speaker_of(claims, "We will cut the fuel subsidy") == "OKONJO"
    assert speaker_of(claims, "The subsidy costs us more") == "OKONJO"


NAMES_WITH_ARTICLE = [
    # A name of several words after "the" that the recogniser missed.
    (
        "Leaders of many groups share these fears, but the Central and East Baltic Coalition, which represents "
        "two million voters, wants to stay neutral.",
        {"to stay neutral": "the Central and East Baltic Coalition"},
    ),
    # A word written as a name (a capital inside it) is one, whatever the tagger says.
    (
        "Averages show Reyes with a small lead, with TrueCountPolitics showing her ahead 3 points.",
        {"her ahead 3 points": "TrueCountPolitics"},
    ),
    # Negative: one capitalised word after "the" may be a description.
    (
        "The Ministry said the budget would pass.",
        {"the budget would pass": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), NAMES_WITH_ARTICLE, ids=ids("article", NAMES_WITH_ARTICLE))
def test_a_name_with_its_article(extract, text, expected):
    run(extract, text, expected)


# --- an interview's answers -----------------------------------------------------------------

TRANSCRIPT = (
    "{headline}\n\nThe governor spoke to reporters on Monday about the budget.\n\n"
    "Q: What went wrong with the plan?\n\nA: I think the council moved too fast.\n\n"
    "Q: What happens now?\n\nA: We believe the vote will pass in May.\n"
)


def test_an_interviews_answers_are_the_interviewees(extract):
    """ "A: I think ..." in a transcript is the interviewee's, whom the
    headline names; "we" may be anyone with them; a headline that names two
    people does not say whom the interview is with."""
    claims = extract(TRANSCRIPT.format(headline="Q&A with Governor Tom Harlan.")).claims
    assert speaker_of(claims, "the council moved too fast") == "Tom Harlan"
    assert speaker_of(claims, "the vote will pass in May") is None
    claims = extract(TRANSCRIPT.format(headline="Tom Harlan and Mark Dunn on the budget.")).claims
    assert speaker_of(claims, "the council moved too fast") is None
