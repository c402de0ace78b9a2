"""quotes.pipeline.model_text: what the model reads of a text, and offsets moved back
into the text as given."""

from __future__ import annotations

import pytest

from quotes.attribution.outlets import MarkedLine
from quotes.errors import QuotesError
from quotes.pipeline.model_text import BYTE_ORDER_MARK, ModelText
from quotes.records import Extraction

TEXT = "“We are ready,” she said."


@pytest.mark.parametrize(
    "given,start,seen",
    [
        (TEXT, 0, TEXT),
        (BYTE_ORDER_MARK + TEXT, 1, TEXT),
        # Only a leading mark is kept from the model; one inside is text.
        (TEXT + BYTE_ORDER_MARK, 0, TEXT + BYTE_ORDER_MARK),
    ],
)
def test_an_article_is_read_without_its_byte_order_mark(given, start, seen):
    view = ModelText.of_article(given)
    assert (view.start, view.seen) == (start, seen)
    assert view.given[view.to_given(0) :] == seen


@pytest.mark.parametrize("given", ["", " \n", BYTE_ORDER_MARK, BYTE_ORDER_MARK + "\n\t "])
def test_no_words_is_no_article(given):
    with pytest.raises(QuotesError) as caught:
        ModelText.of_article(given)
    assert caught.value.code == "E007"


def test_a_piece_of_a_piece_maps_back_into_the_given_text():
    view = ModelText.of_article(BYTE_ORDER_MARK + "first part. second part.")
    piece = view.piece(12, 24)
    assert piece.seen == "second part."
    assert piece.given[piece.to_given(0) : piece.to_given(6)] == "second"


def test_claims_and_marked_lines_move_back_into_the_given_text(extract):
    given = BYTE_ORDER_MARK + "Advertisement\n" + TEXT
    view = ModelText.of_article(given)
    seen = extract(view.seen)
    moved = view.extraction_in_given(seen)
    claim = moved.claims[0]
    assert given[claim.start : claim.end] == "We are ready"
    assert given[claim.cue.start : claim.cue.end] == "said"
    assert given[claim.speaker.mention.start : claim.speaker.mention.end] == "she"
    (line,) = view.marked_in_given((MarkedLine(0, 13, "advertisement", "common.boilerplate"),))
    assert given[line.start : line.end] == "Advertisement"


def test_a_view_from_the_start_changes_nothing(extract):
    view = ModelText.of_article(TEXT)
    seen = extract(TEXT)
    assert view.extraction_in_given(seen) is seen
    assert isinstance(seen, Extraction)
