"""quotes.pipeline.line_sentencizer: the line_sentencizer makes each line its own sentence.

Copied news pages put headlines, captions and datelines on lines of their
own, often with no full stop; without the line_sentencizer the parser runs
them into the paragraph below.
"""

from __future__ import annotations

import pytest

from quotes.api import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def sentences(nlp, text: str) -> list[str]:
    return [s.text.strip() for s in nlp(text).sents if s.text.strip()]


def test_line_sentencizer_runs_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names.index("line_sentencizer") < names.index("parser")
    assert names[-1] == "quotes"


CASES = [
    # A headline with no full stop, then a paragraph: two sentences.
    (
        "Beijing warns Washington over trade talks\nThe minister said the talks would go on.",
        ["Beijing warns Washington over trade talks", "The minister said the talks would go on."],
    ),
    (
        "US take note: Chinese, Russian militaries are closer than you think, China’s defence minister says\n\n"
        "Wei Fenghe makes bold statement on visit to Moscow",
        [
            "US take note: Chinese, Russian militaries are closer than you think, China’s defence minister says",
            "Wei Fenghe makes bold statement on visit to Moscow",
        ],
    ),
    # A one-word section label above a paragraph.
    (
        "Russia\nThe United States should be aware of the close military ties between Beijing and Moscow, "
        "China’s defence minister said.",
        [
            "Russia",
            "The United States should be aware of the close military ties between Beijing and Moscow, "
            "China’s defence minister said.",
        ],
    ),
    # Windows line ends and indented lines.
    (
        "Flood relief under way\r\nRelief teams arrived on Sunday, officials said.",
        ["Flood relief under way", "Relief teams arrived on Sunday, officials said."],
    ),
    (
        "Beijing warns Washington over trade talks  \n  The minister said the talks would go on.",
        ["Beijing warns Washington over trade talks", "The minister said the talks would go on."],
    ),
    # A line break even in mid-clause starts a sentence: each line stands alone.
    ("The minister said the talks\nwould go on.", ["The minister said the talks", "would go on."]),
    # Boilerplate lines one under another.
    ("Advertisement\nAdvertisement\nRussia", ["Advertisement", "Advertisement", "Russia"]),
    # Within a line the parser still decides.
    ("The talks failed. The envoy left Moscow on Monday.", ["The talks failed.", "The envoy left Moscow on Monday."]),
    (
        "The minister, who arrived in Moscow on Monday, said the talks would go on.",
        ["The minister, who arrived in Moscow on Monday, said the talks would go on."],
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0][:30] for c in CASES])
def test_each_line_is_its_own_sentence(nlp, text, expected):
    assert sentences(nlp, text) == expected


def test_without_it_the_parser_runs_a_headline_into_its_paragraph(nlp):
    # The reason for the component: the same text, with it switched off.
    text = "Flood relief under way\nRelief teams arrived on Sunday, officials said."
    with nlp.select_pipes(disable=["line_sentencizer", "quotes"]):
        merged = sentences(nlp, text)
    assert merged == ["Flood relief under way\nRelief teams arrived on Sunday, officials said."]
    assert sentences(nlp, text) == ["Flood relief under way", "Relief teams arrived on Sunday, officials said."]


def test_it_sets_starts_only_after_line_breaks(nlp):
    # It marks the first word after a break and leaves every other token to
    # the parser (None), so the parser can still split a line.
    doc = nlp.make_doc("The envoy said the talks were over\nand left. He flew home.")
    doc = nlp.get_pipe("line_sentencizer")(doc)
    assert [t.text for t in doc[1:] if t.is_sent_start] == ["and"]
    assert [t.text for t in doc[1:] if t.is_sent_start is None] == [t.text for t in doc[1:] if t.text != "and"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The tokenizer splits "Capt." and "Sens.", and the parser took the full stop for a sentence's end.
        (
            "“We are at war,” said Navy Capt. Jeff Davis, a Pentagon spokesman.",
            ["“We are at war,” said Navy Capt. Jeff Davis, a Pentagon spokesman."],
        ),
        ("Sens. Ana Ruiz and Tom Hale said the bill was dead.", ["Sens. Ana Ruiz and Tom Hale said the bill was dead."]),
        # A full stop after any other word still ends a sentence.
        ("The talks failed in May. Capt. Davis left.", ["The talks failed in May.", "Capt. Davis left."]),
    ],
)
def test_no_sentence_starts_after_a_title(nlp, text, expected):
    assert sentences(nlp, text) == expected


def test_title_abbreviations_are_one_token(nlp):
    assert [t.text for t in nlp.make_doc("Navy Capt. Jeff Davis and Sens. Ruiz")] == [
        "Navy",
        "Capt.",
        "Jeff",
        "Davis",
        "and",
        "Sens.",
        "Ruiz",
    ]
