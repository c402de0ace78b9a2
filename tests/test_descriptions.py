"""quotes.attribution.descriptions: whom "the company", "the Trump campaign",
"a union representing nurses" and "the president" mean. Every story is
invented; a careful reader has one answer, or none (then no name)."""

from __future__ import annotations

import pytest
from speaker_cases import ids, run

OPENING = [
    # The lede describes the union; the next sentence names it.
    (
        "Nurses' union backs hospital merger.\n\n"
        "A union representing hospital nurses said Tuesday that it would support the merger of the two hospitals.\n\n"
        "The Federation of Hospital Nurses voted 40-12 on Monday night to back the deal.",
        {"it would support the merger": "The Federation of Hospital Nurses"},
    ),
    # Whose panel it is does not make it the panel: the committee the story names is.
    (
        "A Senate panel said Thursday that it would subpoena the former mayor of Harlow.\n\n"
        "The Senate Committee on Municipal Affairs voted 9-6 to send the subpoena.",
        {"it would subpoena the former mayor": "The Senate Committee on Municipal Affairs"},
    ),
    # An adjective the name does not hold may go when it holds the noun.
    (
        "A federal appeals court ruled Friday that the state's voter purge was illegal.\n\n"
        "A three-judge panel of the U.S. Court of Appeals for the Ninth Circuit overruled a district judge.",
        {"the state's voter purge was illegal": "the U.S. Court of Appeals for the Ninth Circuit"},
    ),
    # Negative: a noun the name does not hold may not.
    (
        "A federal appeals court ruled Friday that the state's voter purge was illegal.\n\n"
        "A lawyer for the U.S. Department of Justice said the ruling would be appealed.",
        {"the state's voter purge was illegal": None},
    ),
    # Negative: deep in the story, a union described is someone new.
    (
        "The merger was announced in March.\n\n"
        "The hospitals said the deal would save money.\n\n"
        "Nurses and doctors met on Monday to discuss the plan.\n\n"
        "A union representing hospital cooks said Tuesday that the merger would cost jobs.\n\n"
        "The Federation of Hospital Cooks has 900 members.",
        {"the merger would cost jobs": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), OPENING, ids=ids("opening", OPENING))
def test_an_organization_the_opening_describes(extract, text, expected):
    run(extract, text, expected)


OWNED = [
    # A government named by its country.
    (
        "The Norwegian government said on Friday that it would reopen the northern ferry route.",
        {"it would reopen the northern ferry route": "the Norwegian government"},
    ),
    # Negative: with its name after it, the newspaper is not "the Israeli newspaper".
    (
        "The Israeli newspaper Haaretz reported that the talks had stalled.",
        {"the talks had stalled": None},
    ),
    # "It" means the campaign named as the subject just before.
    (
        "Mark Dalton's campaign is defending the new television advertisement. "
        "It said the footage was licensed from a local station.",
        {"the new television advertisement": "the Dalton campaign", "the footage was licensed": "the Dalton campaign"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), OWNED, ids=ids("owned", OWNED))
def test_an_organization_named_by_whom_it_belongs_to(extract, text, expected):
    run(extract, text, expected)


CALLED_BEFORE = [
    # The noun a name is built on: "the fund" is the fund named before.
    (
        "The Northern Pension Fund cut its forecast for the year on Tuesday.\n\n"
        "Markets fell after the announcement.\n\n"
        "The fund said that the outlook for bonds had worsened.",
        {"the outlook for bonds had worsened": "The Northern Pension Fund"},
    ),
    # A description its name bears out reaches back further than a pronoun.
    (
        "The Court of Appeals for the Ninth Circuit heard the case in May.\n\n"
        "The city had asked for a quick ruling.\n\n"
        "Lawyers for the residents said the delay hurt them.\n\n"
        "Council members met twice in June.\n\n"
        "The mayor held a news conference.\n\n"
        "Residents marched on Friday.\n\n"
        "The appeals court said the ordinance was unconstitutional.",
        {"the ordinance was unconstitutional": "The Court of Appeals for the Ninth Circuit"},
    ),
    # The same noun, named by its owner before: "the campaign" is that campaign.
    (
        "A new ad from Dana Reyes's campaign went on the air in Ohio on Monday.\n\n"
        "The ad shows empty classrooms.\n\n"
        "The campaign said the ad would run for three weeks.",
        {"the ad would run for three weeks": "the Reyes campaign"},
    ),
    # Of two bodies that hold "budget", the one whose noun is "office".
    (
        "The Senate Budget Committee met on Monday. The Congressional Budget Office released its figures on Tuesday.\n\n"
        "The budget office said the deficit would rise.",
        {"the deficit would rise": "The Congressional Budget Office"},
    ),
    # Named by its owner after the noun.
    (
        "The government of Costa Rica said on Friday that it would open two new shelters.",
        {"it would open two new shelters": "the government of Costa Rica"},
    ),
    # Negative: whose campaign "his" says, and a pronoun is not resolved here.
    (
        "Tom Rand met party leaders on Monday. Dana Reyes's campaign released an ad.\n\nHis campaign said the meeting went well.",
        {"the meeting went well": None},
    ),
    # Negative: a noun that no name before is built on is no organization.
    (
        "The Harlow Historical Society opened its archive on Monday.\n\nThe museum said the archive would stay open all year.",
        {"the archive would stay open": None},
    ),
    # Negative: "a group of" is some of them, not a body named by them.
    (
        "A group of Republicans said the bill went too far.",
        {"the bill went too far": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CALLED_BEFORE, ids=ids("called", CALLED_BEFORE))
def test_an_organization_called_by_its_noun(extract, text, expected):
    run(extract, text, expected)


PLACES = [
    # A country that acts is what "it" may mean.
    (
        "Fishing quotas are at the heart of the dispute.\n\n"
        "Norway has threatened to close its waters to foreign boats. "
        "It said on Monday that the quotas would be cut by a third.",
        {"the quotas would be cut by a third": "Norway"},
    ),
    # Negative: a place named only as where something happens is not "it".
    (
        "Fishing quotas are at the heart of the dispute.\n\n"
        "The boats gathered in Norway on Monday. It said that the quotas would be cut by a third.",
        {"the quotas would be cut by a third": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), PLACES, ids=ids("place", PLACES))
def test_it_may_mean_a_country_that_acts(extract, text, expected):
    run(extract, text, expected)


BEFORE_PRONOUN = [
    # "The president" before "he" is a mention of the president, the aide's speech notwithstanding.
    (
        "President Alder Quint visited the fishing port of Harlow on Monday.\n\n"
        "Tom Rask, one of the president's closest aides, recalled Mr. Quint talking about the port for years.\n\n"
        "The president also drew on his roots in the region. "
        "In Harlow last week, he told a meeting of fishermen that few people understood the sea better than they did.",
        {"few people understood the sea": "Alder Quint"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), BEFORE_PRONOUN, ids=ids("before-pronoun", BEFORE_PRONOUN))
def test_a_description_before_a_pronoun_is_a_mention(extract, text, expected):
    run(extract, text, expected)


THEY = [
    # "They" for the organization the sentence before is about.
    (
        "Senator's jobs figure is wrong.\n\n"
        "The Marlow Policy Institute looked at the senator's claim on Monday.\n\n"
        "On Tuesday they published the results, saying that the senator's figure was wrong.",
        {"the senator's figure was wrong": "The Marlow Policy Institute"},
    ),
    # Negative: a group is as near, and most often what "they" means.
    (
        "The Marlow Water Institute said on Monday that it would test the wells.\n\n"
        "Engineers from the plant met residents on Tuesday.\n\n"
        "They said the water in the eastern districts was safe to drink.",
        {"the water in the eastern districts was safe": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), THEY, ids=ids("they", THEY))
def test_they_may_mean_an_organization(extract, text, expected):
    run(extract, text, expected)


PERSON_OPENING = [
    # The lede describes him; the next sentence names him.
    (
        "Base closing draws fire.\n\n"
        "A retired general said Tuesday that the base should stay open.\n\n"
        "Gen. Tom Varga, who led the base for a decade, spoke to reporters in Harlow.",
        {"the base should stay open": "Tom Varga"},
    ),
    # Negative: two generals are introduced; the text does not say which one spoke.
    (
        "Base closing draws fire.\n\n"
        "A retired general said Tuesday that the base should stay open.\n\n"
        "Gen. Tom Varga and Gen. Ray Ostrow, who both led the base, spoke to reporters in Harlow.",
        {"the base should stay open": None},
    ),
    # A headline drops its articles: "Former Fire Chief" is "a former fire chief".
    (
        "Council Ignored Warnings On Mill For Years, Former Fire Chief Says.\n\n"
        "The town knew of the danger for years.\n\n"
        "Fire Chief Dana Reyes, who retired in May, wrote to the council twice about the mill.",
        {"Council Ignored Warnings On Mill": "Dana Reyes"},
    ),
    # Negative: deep in the story, the description is someone new.
    (
        "The base opened in 1951.\n\nIt employs 4,000 people.\n\nThe town grew around it.\n\n"
        "A retired general said Tuesday that the base should stay open.\n\n"
        "Gen. Tom Varga, who led the base for a decade, spoke to reporters in Harlow.",
        {"the base should stay open": None},
    ),
]


@pytest.mark.parametrize(("text", "expected"), PERSON_OPENING, ids=ids("person-opening", PERSON_OPENING))
def test_a_person_the_opening_describes(extract, text, expected):
    run(extract, text, expected)
