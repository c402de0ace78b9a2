"""quotes.attribution.entities: the registry of who an article names, with what role,
affiliation and gender, and which person a name written later means."""

from __future__ import annotations

import pytest

from quotes.attribution.entities import EntityRegistry
from quotes.attribution.entity import Entity
from quotes.attribution.names import bearing_name

LUKIN = (
    "But talk of greater Sino-Russian military collaboration was more than just a gesture of solidarity, "
    "said Artyom Lukin, a professor of international politics at Far Eastern Federal University in Vladivostok."
)
WEI = "China’s Defence Minister Wei Fenghe salutes during a review of an honour guard in Moscow on Tuesday."
YANG = (
    "Yang Cheng, a Sino-Russian relations expert from Shanghai International Studies University, "
    "said the double visit was a signal."
)


@pytest.fixture(scope="module")
def index_of(nlp, rules):
    def build(text: str) -> EntityRegistry:
        return EntityRegistry(nlp(text), rules)

    return build


def people_of(index: EntityRegistry) -> dict[str, tuple[str | None, str | None]]:
    return {p.name: (p.description.role, p.description.affiliation) for p in index.people}


DESCRIBED = [
    # An apposition after the name gives role and affiliation.
    (LUKIN, {"Artyom Lukin": ("professor of international politics", "Far Eastern Federal University")}),
    (YANG, {"Yang Cheng": ("Sino-Russian relations expert", "Shanghai International Studies University")}),
    (
        "Artyom Lukin, a professor at Far Eastern Federal University, said the deal was done.",
        {"Artyom Lukin": ("professor", "Far Eastern Federal University")},
    ),
    # A title before the name; a possessive country is the affiliation.
    (WEI, {"Wei Fenghe": ("Defence Minister", "China")}),
    ("Britain’s Prime Minister Boris Johnson spoke in London.", {"Boris Johnson": ("Prime Minister", "Britain")}),
    ("Health Minister Jane Doe said the hospitals were full.", {"Jane Doe": ("Health Minister", None)}),
    # A bare name: no role, no affiliation.
    ("Sergei Shoigu met his guest at the airport.", {"Sergei Shoigu": (None, None)}),
]


@pytest.mark.parametrize(("text", "expected"), DESCRIBED, ids=[c[0][:30] for c in DESCRIBED])
def test_people_and_their_descriptions(index_of, text, expected):
    assert people_of(index_of(text)) == expected


def test_honorific_is_not_a_role(index_of):
    index = index_of("Chinese officials met Mr Yang Cheng in Beijing on Monday.")
    assert people_of(index) == {"Yang Cheng": (None, None)}


SEED_PARAGRAPHS = "\n\n".join([WEI, YANG, LUKIN, "Yang said the talks would continue. Lukin agreed with him."])


@pytest.fixture(scope="module")
def seed_index(index_of):
    return index_of(SEED_PARAGRAPHS)


def test_seed_people_are_indexed_once_each(seed_index):
    assert people_of(seed_index) == {
        "Wei Fenghe": ("Defence Minister", "China"),
        "Yang Cheng": ("Sino-Russian relations expert", "Shanghai International Studies University"),
        "Artyom Lukin": ("professor of international politics", "Far Eastern Federal University"),
    }
    # The later "Yang" and "Lukin" are mentions of the full names.
    assert {p.name: len(p.mentions) for p in seed_index.people} == {"Wei Fenghe": 1, "Yang Cheng": 2, "Artyom Lukin": 2}


LOOKUPS = [
    ("Lukin", "Artyom Lukin"),
    ("Artyom Lukin", "Artyom Lukin"),
    ("Artyom", "Artyom Lukin"),
    ("Yang", "Yang Cheng"),
    ("Mr Yang", "Yang Cheng"),
    ("Mr. Yang", "Yang Cheng"),
    ("Dr Lukin", "Artyom Lukin"),
    ("Wei’s", "Wei Fenghe"),
    ("Wei", "Wei Fenghe"),
    # Names the article never gives.
    ("Sergei Shoigu", None),
    ("Shoigu", None),
    ("Yang Jiechi", None),
    ("Cheng Yang", None),
    ("Mr", None),
    ("", None),
]


@pytest.mark.parametrize(("name", "expected"), LOOKUPS)
def test_lookup(seed_index, name, expected):
    person = seed_index.lookup(name)
    assert (person.name if person else None) == expected


AMBIGUOUS = (
    "Yang Cheng, an expert at Fudan University, said the talks had stalled.\n\n"
    "Yang Jiechi, China’s top diplomat, said they would resume.\n\n"
    "Yang said the deal was close."
)


def test_ambiguous_surname_without_position_is_unresolved(index_of):
    index = index_of("Yang Cheng, an expert at Fudan University, met Yang Jiechi, China’s top diplomat.")
    assert set(people_of(index)) == {"Yang Cheng", "Yang Jiechi"}
    assert index.lookup("Yang") is None


def test_ambiguous_surname_resolves_to_the_nearest_earlier_full_name(nlp, rules):
    doc = nlp(AMBIGUOUS)
    index = EntityRegistry(doc, rules)
    last_yang = max(ent.start for ent in doc.ents if ent.text == "Yang")
    assert set(people_of(index)) == {"Yang Cheng", "Yang Jiechi"}
    assert index.lookup("Yang", near=last_yang).name == "Yang Jiechi"


def test_a_name_the_model_labels_a_product_still_resolves_its_surname(extract):
    # en_core_web_sm reads "Ines Arrowsmith" here as a PRODUCT; as the
    # subject of a sentence, two title-case proper nouns are a person.
    text = "“We cannot wait for a collapse,” Ines Arrowsmith told reporters. Arrowsmith said repairs would cost $40 million.\n"
    claims = extract(text).claims
    assert [(c.speaker.mention.text, c.speaker.name, c.speaker.kind) for c in claims] == [
        ("Ines Arrowsmith", "Ines Arrowsmith", "person"),
        ("Arrowsmith", "Ines Arrowsmith", "person"),
    ]


# --- names that are not names ---------------------------------------------------

CLEAN_NAMES = [
    # A headline verb the recogniser ran into a name links to the body's person.
    ("Okafor Says Budget Will Pass\n\nGrace Okafor, the finance minister, spoke on Monday.", {"Grace Okafor"}),
    # An epithet before a name is no part of it.
    (
        "Mark Dunn spoke first. “Crooked Grace Okafor will lose,” he said. Grace Okafor did not reply.",
        {"Mark Dunn", "Grace Okafor"},
    ),
    # A possessive is no part of a name.
    ("Grace Okafor’s office said the budget would pass.", {"Grace Okafor"}),
    # A line that is only a name is a signature, not a headline.
    ("“We were never asked what we needed.”\n― Carla Sanchez", {"Carla Sanchez"}),
    # A question's modal is no first name ...
    ("Game over. Will Sanders come down off the fence?\n\nBernie Sanders spoke on Tuesday.", {"Bernie Sanders"}),
    # ... but "Will" before a verb in the past is.
    ("Will Doyle said the plan would fail.", {"Will Doyle"}),
]


@pytest.mark.parametrize(("text", "expected"), CLEAN_NAMES, ids=[c[0][:30] for c in CLEAN_NAMES])
def test_names_are_names(index_of, text, expected):
    assert {p.name for p in index_of(text).people} == expected


# --- gender -------------------------------------------------------------------------

GENDERS = [
    # An honorific before the name.
    ("Mrs. Jordan Vale met the board on Monday.", "Jordan Vale", "female"),
    # A gendered role in apposition.
    ("Jordan Vale, a spokeswoman for the council, met the board.", "Jordan Vale", "female"),
    # The article's own link: "X said her ...".
    ("Jordan Okafor said her office would pay for the repairs.", "Jordan Okafor", "female"),
    ("Jordan Okafor thanked the staff in his speech on Monday.", "Jordan Okafor", "male"),
    # Deeper in the verb's own clause: "released details of his plan".
    ("Jordan Okafor released details of his plan on Monday.", "Jordan Okafor", "male"),
    ("Jordan Okafor proposes to pay for her plan with new taxes.", "Jordan Okafor", "female"),
    # Negative: the predicate of "became" is someone else's; so is what a
    # relative clause says.
    ("Jordan Okafor became his business partner in 2010.", "Jordan Okafor", None),
    ("Jordan Okafor praised the aide who lost his job.", "Jordan Okafor", None),
    # Negative: another person stands between; "her" may be theirs.
    ("Jordan Okafor attacked Maria Santos for her record on Monday.", "Jordan Okafor", None),
    ("Jordan Okafor told Maria Santos her office would pay.", "Jordan Okafor", None),
    # A first name one sex bears.
    ("Maria Santos met the board on Monday.", "Maria Santos", "female"),
    # A partner owned by a pronoun: "X and her husband".
    ("Jordan Okafor and her husband, Tom, arrived on Monday.", "Jordan Okafor", "female"),
    # A relative clause about someone else's role says nothing of the name.
    (
        "Jordan Vale, whose husband, Navy SEAL Ty Vale, was one of four sailors killed in 2012, spoke on Thursday.",
        "Jordan Vale",
        None,
    ),
    # Nothing says: unknown stays unknown.
    ("Jordan Okafor met the board on Monday.", "Jordan Okafor", None),
    ("Yang Cheng met the board on Monday.", "Yang Cheng", None),
]


@pytest.mark.parametrize(("text", "name", "gender"), GENDERS, ids=[g[0][:40] for g in GENDERS])
def test_gender_evidence(index_of, text, name, gender):
    person = next(p for p in index_of(text).people if p.name == name)
    assert person.gender == gender, person.gender_evidence


# --- one surname, several people -----------------------------------------------------

HARLANS = "Tom Harlan and his wife, Ruth Harlan, run the shelter on Dock Street."


def harlan_said(extract, text: str) -> str | None:
    claim = next(c for c in extract(text).claims if "the beds were full" in c.text)
    return claim.speaker.name


SHARED_SURNAMES = [
    # An honorific's gender decides.
    (HARLANS + " Mrs. Harlan said the beds were full.", "Ruth Harlan"),
    (HARLANS + " Mr. Harlan said the beds were full.", "Tom Harlan"),
    # Nothing decides: no name.
    (HARLANS + " Harlan said the beds were full.", None),
    # The relative called by first name elsewhere is not the bare surname.
    (HARLANS + "\n\nRuth said the roof leaks.\n\nThe city has promised help.\n\nHarlan said the beds were full.", "Tom Harlan"),
    # "Mrs. Harlan" when only Tom is known is someone else, not Tom.
    ("Tom Harlan runs the shelter. Mrs. Harlan said the beds were full.", "Mrs. Harlan"),
    # A pronoun after the surname tells them apart as well as an honorific.
    (HARLANS + " Harlan said she thought the beds were full.", "Ruth Harlan"),
    # A full name repeated is how news tells a relative from the one the
    # bare surname means: it counts once towards who is named most.
    (
        "Tom Harlan runs the shelter on Dock Street. His wife, Ruth Harlan, has written to the city. "
        "Ruth Harlan said the city had not answered. Ruth Harlan said donations had fallen.\n\n"
        "Harlan said the beds were full.",
        None,
    ),
    # The one named before: a surname cannot mean someone the article introduces later.
    (
        "Ruth Harlan runs the shelter on Dock Street.\n\nThe city pays for half of it.\n\n"
        "Donations have fallen since spring.\n\nHarlan said the beds were full.\n\n"
        "Her husband, Tom Harlan, fixes the roof.",
        "Ruth Harlan",
    ),
]


@pytest.mark.parametrize(("text", "expected"), SHARED_SURNAMES, ids=[s[0][-40:] for s in SHARED_SURNAMES])
def test_a_shared_surname(extract, text, expected):
    assert harlan_said(extract, text) == expected


def test_organizations_are_registered_with_their_article(index_of):
    index = index_of("The Dallas Ledger said on Monday that the mayor would resign.")
    assert [o.name for o in index.organizations] == ["The Dallas Ledger"]


def test_names_in_boilerplate_are_nobody_the_article_quotes(nlp, rules):
    text = "By Mara Lindqvist | Tidewater Ledger\n\nThe tunnel will close, the minister said. “We cannot wait,” she said."
    doc = nlp(text)
    byline = (0, text.index("\n"))
    [person] = EntityRegistry(doc, rules).people
    assert person.name == "Mara Lindqvist" and len(person.mentions) == 1
    # Still known by name, but with no mention a pronoun can go back to.
    [person] = EntityRegistry(doc, rules, skipped=[byline]).people
    assert person.name == "Mara Lindqvist" and person.mentions == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "CLEVELAND - Tom Harlan painted a dire picture of the shelter on Thursday.\n\nHarlan said the beds were full.",
            "Tom Harlan",
        ),
        ("ROME - Bernie Sanders spoke at the Vatican on Friday. Sanders said it was a moral issue.", "Bernie Sanders"),
    ],
)
def test_a_dateline_the_recogniser_ran_into_a_name_is_no_part_of_it(nlp, rules, text, expected):
    doc = nlp(text)
    dateline = (0, text.index(" - ") + 3)
    registry = EntityRegistry(doc, rules, skipped=[dateline])
    assert [(e.kind, e.name) for e in registry.people + registry.organizations] == [("person", expected)]
    assert len(registry.people[0].mentions) == 2


MISSED_FULL_NAMES = [
    # The recogniser misses "Levent Uz" but knows "Uz": the person news
    # names in full first and by surname after.
    (
        "Levent Uz — celebrity chef and host of a morning cooking show — was criticised by nutritionists on Monday. "
        "For the mayor, Uz's studio was a friendly stage. Uz said the criticism was unfair.",
        {"Levent Uz": 3},
    ),
    # A full name after the surname alone is someone else, as "Ivanka
    # Trump" after "Trump".
    (
        "Uz said the criticism was unfair. For the mayor, Uz's studio was a friendly stage. "
        "Later, Levent Uz — a nutritionist and his sister — was criticised too.",
        {"Uz": 2, "Levent Uz": 1},
    ),
]


@pytest.mark.parametrize(("text", "expected"), MISSED_FULL_NAMES)
def test_a_missed_full_name_before_its_surname_is_that_person(index_of, text, expected):
    assert {p.name: len(p.mentions) for p in index_of(text).people} == expected


ACRONYMS = [
    # An acronym after the name in full is that organization.
    ("The International Monetary Fund cut its forecast. The IMF said growth would slow.", "IMF"),
    # One the recogniser missed, written with dots.
    ("The Securities and Exchange Commission wrote new rules. The S.E.C. said they would be clear.", "S.E.C."),
]


@pytest.mark.parametrize(("text", "word"), ACRONYMS, ids=[a[1] for a in ACRONYMS])
def test_an_acronym_is_the_organization_named_in_full(index_of, text, word):
    index = index_of(text)
    [organization] = [o for o in index.organizations if any(m.text == word for m in o.mentions)]
    assert len(organization.mentions) == 2 and organization.name != word


def test_an_acronym_two_names_share_is_neither(index_of):
    index = index_of("The Sierra Energy Council met the Southern Electric Cooperative. The SEC said prices would rise.")
    assert all(len(o.mentions) == 1 for o in index.organizations)


# --- one surname, several people: decided as the article goes on ------------------

JOHNSONS = (
    "Senate candidate Gary Johnson released his tax returns on Friday.\n\n"
    "The campaign said the returns were complete.\n\n"
    "___.\n\n"
    "Homeland Security Secretary Jeh Johnson says hackers are targeting state election offices.\n\n"
    "Johnson tells a morning show on Friday that the attacks remain under investigation.\n\n"
    "Johnson said local officials should ask for help. “There is no single point of failure,” he said."
)


def test_a_shared_surname_follows_the_nearest_full_name_from_paragraph_to_paragraph(extract):
    claims = extract(JOHNSONS).claims
    assert speakers_of(claims, "the attacks remain", "local officials should ask", "no single point of failure") == [
        "Jeh Johnson",
        "Jeh Johnson",
        "Jeh Johnson",
    ]


def speakers_of(claims, *phrases: str) -> list[str | None]:
    return [next(c for c in claims if phrase in c.text).speaker.name for phrase in phrases]


def test_a_relative_named_by_first_name_is_not_what_the_surname_means(extract):
    text = (
        "Betsy Ebeling, a retired teacher, came to the rally with her husband, Tom Ebeling.\n\n"
        "“Betsy never misses a rally,” Tom said.\n\n"
        "Ebeling told reporters that she had known the candidate since sixth grade.\n\n"
        "Ebeling said the candidate was honest."
    )
    claims = extract(text).claims
    assert speakers_of(claims, "candidate was honest") == ["Betsy Ebeling"]


def test_first_names_joined_to_a_full_name_share_its_surname(index_of):
    index = index_of("The parents, Khizr and Ghazala Khan, spoke at the convention on Thursday.")
    assert {p.name for p in index.people} == {"Khizr Khan", "Ghazala Khan"}


def test_a_surname_joined_to_a_full_name_is_not_a_first_name(index_of):
    text = "Mr. Obama met the governor. Obama and Hillary Clinton spoke later. Obama left first."
    assert "Obama Clinton" not in {p.name for p in index_of(text).people}


def test_a_team_is_not_a_person(index_of):
    index = index_of("Hillary Clinton spoke on Monday. Team Clinton said the polls were wrong.")
    assert {p.name for p in index.people} == {"Hillary Clinton"}
    assert "Team Clinton" in {o.name for o in index.organizations}


BEARERS = [
    # A surname before a given name: "Trump" is Donald Trump, not a "Trump Tower" read as a person.
    (["Trump"], ["Donald Trump", "Ivanka Trump"]),
    # A given name alone still finds its bearer.
    (["Ivanka"], ["Ivanka Trump"]),
    # Several bearers of a surname are all found.
    (["Bush"], ["Jeb Bush", "Barbara Bush"]),
]


@pytest.mark.parametrize(("words", "expected"), BEARERS, ids=[b[0][0] for b in BEARERS])
def test_people_bearing_a_name(words, expected):
    people = [Entity(name, "person") for name in ("Trump Tower", "Donald Trump", "Ivanka Trump", "Jeb Bush", "Barbara Bush")]
    assert [p.name for p in bearing_name(people, words)] == expected


JOINED = [
    # The recogniser splits a court's name at "for": one court.
    (
        "The U.S. Court of Appeals for the Sixth Circuit ruled on Friday. The appeals court said the law stands.",
        "The U.S. Court of Appeals for the Sixth Circuit",
    ),
    # Negative: two organizations with other words between stay two.
    ("The Justice Department asked the Sierra Club for comment.", "The Justice Department"),
]


@pytest.mark.parametrize(("text", "name"), JOINED, ids=[j[1] for j in JOINED])
def test_an_organization_name_split_at_for_or_of_is_one_name(index_of, text, name):
    names = {o.name for o in index_of(text).organizations}
    assert name in names, names


FIRST_LINE = [
    # A surname in the headline, before anyone bearing it is named, is the one
    # the lede names first.
    (
        "Harlan says the shelter is full.\n\n"
        "Tom Harlan, who runs the shelter on Dock Street, has turned people away all week. "
        "His wife, Ruth Harlan, has written to the city.",
        "the shelter is full",
        "Tom Harlan",
    ),
    # That guess is no sign for the surnames after it: the body's "Harlan",
    # before Ruth is named, is Tom by order alone.
    (
        "Mixed messages on Harlan shelter plan.\n\n"
        "Tom Harlan's new plan for the shelter is vague, experts say. Harlan said the beds were full.\n\n"
        "Ruth Harlan, his wife, said the plan was hers. Ruth Harlan said it would work. Ruth Harlan said so again.",
        "the beds were full",
        "Tom Harlan",
    ),
    # When nothing else decides, the surname is the one the first line names.
    (
        "Bill Clinton calls the health law a crazy system.\n\n"
        "Former President Bill Clinton spoke at a rally in Flint for his wife, Hillary Clinton.\n\n"
        "“It doesn't make any sense,” Clinton said.",
        "It doesn't make any sense",
        "Bill Clinton",
    ),
]


@pytest.mark.parametrize(("text", "phrase", "expected"), FIRST_LINE, ids=[c[1] for c in FIRST_LINE])
def test_a_shared_surname_and_the_first_line(extract, text, phrase, expected):
    assert speakers_of(extract(text).claims, phrase) == [expected]
