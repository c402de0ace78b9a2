"""quotes.people: who an article names, with what role and affiliation."""

from __future__ import annotations

import pytest

from quotes.api import load_pipeline
from quotes.people import Description, PeopleIndex, normalise_name
from quotes.ruleset import load_rules

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
def nlp():
    return load_pipeline()


@pytest.fixture(scope="module")
def rules():
    return load_rules()


@pytest.fixture(scope="module")
def index_of(nlp, rules):
    def build(text: str) -> PeopleIndex:
        return PeopleIndex(nlp(text), rules)

    return build


def people_of(index: PeopleIndex) -> dict[str, tuple[str | None, str | None]]:
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


NAMES = [
    ("Mr Yang", "Yang"),
    ("Mr. Yang", "Yang"),
    ("Dr Anthony Fauci", "Anthony Fauci"),
    ("President Xi Jinping", "Xi Jinping"),
    ("Mr Wei’s", "Wei"),
    ("Lukin's", "Lukin"),
    ("the Saudis’", "the Saudis"),
    ("Yang Cheng", "Yang Cheng"),
    ("  Sergei   Shoigu ", "Sergei Shoigu"),
    # An honorific only counts in front: "Chancellor" inside a name stays.
    ("Lord Chancellor", "Lord Chancellor"),
    # A lone apostrophe-s is not emptied.
    ("’s", "’s"),
    ("Mr", ""),
]


@pytest.mark.parametrize(("text", "expected"), NAMES)
def test_normalise_name(rules, text, expected):
    assert normalise_name(text, rules.name_prefixes) == expected


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


TITLES = [
    (Description("defence minister", "China"), "Wei Fenghe"),
    (Description("Defence Minister", None), "Wei Fenghe"),
    (Description("minister", "China"), "Wei Fenghe"),
    (Description("professor of international politics", None), "Artyom Lukin"),
    (Description("expert", "Shanghai International Studies University"), "Yang Cheng"),
    # Another country's minister, another title, or no title at all.
    (Description("defence minister", "Russia"), None),
    (Description("foreign minister", "China"), None),
    (Description(None, "China"), None),
]


@pytest.mark.parametrize(("description", "expected"), TITLES, ids=lambda x: str(x))
def test_lookup_title(seed_index, description, expected):
    person = seed_index.lookup_title(description)
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
    index = PeopleIndex(doc, rules)
    last_yang = max(ent.start for ent in doc.ents if ent.text == "Yang")
    assert set(people_of(index)) == {"Yang Cheng", "Yang Jiechi"}
    assert index.lookup("Yang", near=last_yang).name == "Yang Jiechi"


def test_a_name_the_model_labels_a_product_still_resolves_its_surname(extract):
    # en_core_web_sm reads "Ines Arrowsmith" here as a PRODUCT; as the
    # subject of a sentence, two title-case proper nouns are a person.
    text = (
        "“We cannot wait for a collapse,” Ines Arrowsmith told reporters. "
        "Arrowsmith said repairs would cost $40 million.\n"
    )
    claims = extract(text).claims
    assert [(c.speaker.mention.text, c.speaker.name, c.speaker.kind) for c in claims] == [
        ("Ines Arrowsmith", "Ines Arrowsmith", "person"),
        ("Arrowsmith", "Ines Arrowsmith", "person"),
    ]
