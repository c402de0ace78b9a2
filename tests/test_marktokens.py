"""quotes.pipeline.marktokens: the rules' quote marks are tokens of their own."""

from __future__ import annotations

import pytest
from spacy.lang.en import English

from quotes.api import load_model
from quotes.pipeline.marktokens import split_quote_marks
from quotes.rules.ruleset import QuotePair


@pytest.fixture(scope="module")
def plain():
    """The model as it comes, its tokenizer untouched."""
    return load_model()


@pytest.mark.parametrize(
    ("text", "marks"),
    [
        ("‹We are leaving›, the minister said.", {0: "``", 4: "''"}),
        ("‹We are leaving,› the minister said.", {0: "``", 5: "''"}),
        ("He called it ‹a mistake› on Monday.", {3: "``", 6: "''"}),
    ],
)
def test_a_mark_the_tokenizer_did_not_know_is_a_token_tagged_as_a_quote_mark(nlp, text, marks):
    doc = nlp(text)
    for index, tag in marks.items():
        assert doc[index].text in {"‹", "›"}, [t.text for t in doc]
        assert doc[index].tag_ == tag and doc[index].pos_ == "PUNCT"
    assert doc.text == text  # nothing rewritten: offsets index the text as given


@pytest.mark.parametrize(
    "text",
    [
        "“We are leaving,” the minister said.",
        '"We are leaving," the minister said.',
        "‘We are leaving,’ the players’ union said.",
        "«We are leaving», the minister told reporters.",
        "„We are leaving,“ the minister said.",
        "Rock'n'roll isn't dead, it's the minister's view.",
    ],
)
def test_marks_the_tokenizer_knew_keep_their_tokens(nlp, plain, text):
    assert [t.text for t in nlp(text)] == [t.text for t in plain.tokenizer(text)]


def test_the_marks_come_from_the_pairs():
    nlp = English()
    assert [t.text for t in nlp("~~We leave~~, he said.")][:2] == ["~~We", "leave~~"]
    split_quote_marks(nlp, [QuotePair("“", "”"), QuotePair("~~", "~~")])
    assert [t.text for t in nlp("~~We leave~~, he said.")] == ["~~", "We", "leave", "~~", ",", "he", "said", "."]


def test_not_marks_stay_on_their_word():
    nlp = English()
    split_quote_marks(nlp, [QuotePair("“", "”"), QuotePair("‹", "›")], not_marks={"‹", "›"})
    assert [t.text for t in nlp("‹We leave›")] == ["‹We", "leave›"]
