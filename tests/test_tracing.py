"""quotes trace: one quote followed through invented articles in several
outlets — verbatim, with a number changed, attributed to someone else,
truncated, with other quote marks — among claims on the same topic that are
not it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quotes.database.hits import Hit
from quotes.database.trace_text import WIDTH, render_trace_text
from quotes.database.tracing import natural_key, same_person, trace
from quotes.database.wording import words

QUOTE = "We will build the desalination plant by 2028, and it will supply water to every household in the region."


def hit(article, text, speaker="Marco Ferrante", outlet=None, published=None, claim="q1", url=None):
    return Hit(article, claim, text, speaker, outlet, published, url, "direct", "said")


VERBATIM = hit("herald-0301", QUOTE, outlet="Coast Herald", published="2027-03-01", claim="q2")
OTHER_MARKS = hit(
    "observer-0302",
    "‘We will build the desalination plant by 2028 — and it will supply water to every household in the region!’",
    speaker="Ferrante",
    outlet="Bay Observer",
    published="2027-03-02",
)
CHANGED_NUMBER = hit("times-0303", QUOTE.replace("2028", "2030"), outlet="River Times", published="2027-03-03", claim="q4")
OTHER_SPEAKER = hit("post-0304", QUOTE, speaker="Lucia Bianchi", outlet="Valley Post", published="2027-03-04")
TRUNCATED = hit(
    "wire-0306", "We will build the desalination plant by 2028,", outlet="Morning Wire", published="2027-03-06", claim="q3"
)
SAME_TOPIC = [
    hit("post-0304", "The desalination plant will cost more than the region can afford.", "Lucia Bianchi", claim="q2"),
    hit("times-0303", "Every household in the region already pays too much for water.", "Anna Costa", claim="q1"),
    hit("herald-0301", "We will not build anything by 2028 without the region's support.", "Paolo Neri", claim="q1"),
    hit("wire-0306", "By 2028, the plant will be running.", "Marco Ferrante", claim="q1"),
]
APPEARANCES = [VERBATIM, OTHER_MARKS, CHANGED_NUMBER, OTHER_SPEAKER, TRUNCATED]


def candidates():
    # Shuffled as a database might return them, the unrelated claims mixed in.
    return [
        TRUNCATED,
        SAME_TOPIC[0],
        CHANGED_NUMBER,
        SAME_TOPIC[1],
        OTHER_SPEAKER,
        SAME_TOPIC[2],
        VERBATIM,
        OTHER_MARKS,
        SAME_TOPIC[3],
    ]


def test_one_quote_across_outlets():
    found = trace(QUOTE, candidates())
    assert [a.hit for a in found.appearances] == APPEARANCES
    assert found.first is not None and found.first.hit == VERBATIM
    assert [a.to_dict()["changes"] for a in found.appearances] == [[], [], [{"from": "2028", "to": "2030"}], [], []]
    assert found.speakers == ("Marco Ferrante", "Ferrante", "Lucia Bianchi")
    assert found.conflicting_speakers is True
    assert found.altered is True


def test_the_json_shape():
    found = trace(QUOTE, candidates()).to_dict()
    assert list(found) == ["query", "appearances", "first", "speakers", "conflicting_speakers", "altered"]
    assert found["query"] == QUOTE
    assert found["first"] == {**VERBATIM.to_dict(), "changes": []}
    assert found["appearances"][2] == {**CHANGED_NUMBER.to_dict(), "changes": [{"from": "2028", "to": "2030"}]}
    assert json.loads(json.dumps(found)) == found


def test_traced_from_a_truncated_excerpt_the_full_quotes_are_found():
    found = trace(TRUNCATED.text, candidates())
    assert [a.hit for a in found.appearances] == APPEARANCES


def test_one_speaker_under_a_shorter_name_does_not_conflict_and_unchanged_words_are_not_altered():
    found = trace(QUOTE, [VERBATIM, OTHER_MARKS, TRUNCATED])
    assert found.speakers == ("Marco Ferrante", "Ferrante")
    assert found.conflicting_speakers is False
    assert found.altered is False


def test_no_candidates_no_appearances():
    assert trace(QUOTE, []).to_dict() == {
        "query": QUOTE,
        "appearances": [],
        "first": None,
        "speakers": [],
        "conflicting_speakers": False,
        "altered": False,
    }
    assert trace("", candidates()).appearances == ()
    assert trace(QUOTE, SAME_TOPIC).first is None


def test_unknown_dates_last_and_ties_in_a_stable_order():
    undated_b = hit("b-undated", QUOTE, claim="q10")
    undated_a = hit("a-undated", QUOTE, claim="q10")
    undated_a2 = hit("a-undated", QUOTE, claim="q2")
    same_day = hit("a-0301", QUOTE, published="2027-03-01")
    empty_date = hit("c-empty", QUOTE, published="", claim="2x")
    found = trace(QUOTE, [undated_b, empty_date, undated_a, VERBATIM, undated_a2, same_day])
    assert [a.hit for a in found.appearances] == [same_day, VERBATIM, undated_a2, undated_a, undated_b, empty_date]


def test_claim_ids_order_by_their_numbers_whatever_their_shape():
    assert sorted(["q10", "q2", "2x", "q", "q2b"], key=natural_key) == ["2x", "q", "q2", "q2b", "q10"]


def test_each_claim_appears_once():
    assert [a.hit for a in trace(QUOTE, [VERBATIM, VERBATIM, CHANGED_NUMBER]).appearances] == [VERBATIM, CHANGED_NUMBER]


@pytest.mark.parametrize(
    "query,text",
    [
        (QUOTE, QUOTE),
        (QUOTE, QUOTE.replace("2028", "2030")),
        (QUOTE, QUOTE.replace("desalination ", "")),
        (QUOTE, QUOTE.replace("supply water", "supply clean water")),
        (QUOTE, QUOTE.replace("household", "home")),
        (QUOTE, "it will supply water to every household in the region"),
        (QUOTE, "We will build the desalination plant by 2028"),
        (QUOTE, f"The vote was clear. {QUOTE} Nobody will be left without water, whatever the cost."),
        (QUOTE, "“WE WILL BUILD THE DESALINATION PLANT BY 2028 – AND IT WILL SUPPLY WATER TO EVERY HOUSEHOLD IN THE REGION”"),
        ("supply water to every household", QUOTE),
        ("by 2028", QUOTE),  # a query shorter than MIN_SHARED_WORDS: all its words
        ("I don't think so, not this year.", "I don’t think so — not this year"),
    ],
    ids=[
        "verbatim",
        "number-changed",
        "word-dropped",
        "word-added",
        "word-swapped",
        "head-cut",
        "tail-cut",
        "longer-excerpt",
        "case-marks-dash",
        "short-query",
        "very-short-query",
        "apostrophes",
    ],
)
def test_same_quote(query, text):
    assert [a.hit.text for a in trace(query, [hit("a", text)]).appearances] == [text]


@pytest.mark.parametrize(
    "query,text",
    [
        (QUOTE, SAME_TOPIC[0].text),
        (QUOTE, SAME_TOPIC[1].text),
        (QUOTE, SAME_TOPIC[2].text),
        (QUOTE, SAME_TOPIC[3].text),
        (QUOTE, "They might build a new reservoir by 2035, and it could give power to every farm in the north."),
        (QUOTE, "by 2028"),
        (QUOTE, "in the region"),
        (
            QUOTE,
            "We know it will take time, and the plant is not the only answer: the region will need water "
            "from the river, and every town will have to supply its share to the household budget.",
        ),
        ("supply water to every household", "We will supply water to the region, and every household will pay."),
        (QUOTE, ""),
    ],
    ids=["cost", "pays", "will-not", "running", "rewritten", "two-words", "three-words", "scattered", "reordered", "empty"],
)
def test_not_the_same_quote(query, text):
    assert trace(query, [hit("a", text)]).appearances == ()


@pytest.mark.parametrize(
    "other,changes",
    [
        (QUOTE.replace("2028", "2030"), [{"from": "2028", "to": "2030"}]),
        (QUOTE.replace("supply water", "supply clean water"), [{"from": "", "to": "clean"}]),
        (QUOTE.replace("desalination ", ""), [{"from": "desalination", "to": ""}]),
        (QUOTE.replace("by 2028", "before the end of 2030"), [{"from": "by 2028", "to": "before the end of 2030"}]),
        (QUOTE.replace("region.", "country."), [{"from": "region", "to": "country"}]),
        (
            QUOTE.replace("We will", "They will").replace("2028", "2029"),
            [{"from": "We", "to": "They"}, {"from": "2028", "to": "2029"}],
        ),
        ("We will build the desalination plant by 2028,", []),
        ("it will supply water to every household in the region", []),
        (f"Ferrante said: {QUOTE} More follows.", []),
        (
            "“we will build the Desalination Plant by 2028 — and it’ll supply water to every household in the region”",
            [{"from": "it will", "to": "it’ll"}],
        ),
        ("‘We will build the desalination plant by 2028... And it will supply water to every household in the region’", []),
    ],
    ids=[
        "number",
        "inserted",
        "deleted",
        "words-for-words",
        "last-word",
        "first-and-number",
        "tail-cut",
        "head-cut",
        "longer-excerpt",
        "contraction",
        "marks-case-punctuation",
    ],
)
def test_changes_from_the_first_appearance(other, changes):
    found = trace(QUOTE, [VERBATIM, hit("later", other, published="2027-04-01")])
    assert [a.hit.article for a in found.appearances] == ["herald-0301", "later"]
    assert found.to_dict()["appearances"][1]["changes"] == changes
    assert found.altered is bool(changes)


def test_excerpts_with_different_sentences_around_the_quote_are_not_altered():
    first = hit("a", f"The minister spoke for an hour on Monday. {QUOTE} Nobody will pay more.", published="2027-01-01")
    later = hit("b", f"Ferrante was asked about the drought. {QUOTE} The opposition called it a fantasy.", published="2027-01-02")
    found = trace(QUOTE, [later, first])
    assert [a.hit for a in found.appearances] == [first, later]
    assert found.appearances[1].changes == () and found.altered is False
    changed = hit("c", later.text.replace("2028", "2030").replace("We will", "They will"), published="2027-01-03")
    found = trace(QUOTE, [later, first, changed])
    assert found.to_dict()["appearances"][2]["changes"] == [{"from": "We", "to": "They"}, {"from": "2028", "to": "2030"}]
    last_word = hit("d", QUOTE.replace("region.", "country!").replace("every", "each"), published="2027-01-04")
    found = trace(QUOTE, [first, last_word])
    assert found.to_dict()["appearances"][1]["changes"] == [{"from": "every", "to": "each"}, {"from": "region", "to": "country"}]


def test_changes_keep_the_words_as_written():
    first = hit("a", "Prices rose 2,000 euros in the Region, the minister said on Monday.", published="2027-01-01")
    later = hit("b", "prices rose 2,500 euros in the REGION, the minister said on Monday", published="2027-01-02")
    changes = trace(first.text, [first, later]).appearances[1].changes
    assert [(c.before, c.after) for c in changes] == [("2,000", "2,500")]
    assert later.text[changes[0].at_start : changes[0].at_end] == "2,500"


@pytest.mark.parametrize(
    "a,b,same",
    [
        ("Ferrante", "Marco Ferrante", True),
        ("marco ferrante", "Marco Ferrante", True),
        ("M. Ferrante", "Marco Ferrante", True),
        ("Marco Ferrante", "Lucia Bianchi", False),
        ("Marco Ferrante", "Paola Ferrante", False),
        ("Ferrante", "Bianchi", False),
    ],
)
def test_same_person(a, b, same):
    assert same_person(a, b) is same and same_person(b, a) is same


def test_speakers_conflict_only_between_names():
    unnamed = hit("c", QUOTE, speaker=None, published="2027-03-09")
    found = trace(QUOTE, [VERBATIM, unnamed, OTHER_MARKS])
    assert found.speakers == ("Marco Ferrante", "Ferrante")
    assert found.conflicting_speakers is False
    two_people = trace(QUOTE, [OTHER_MARKS, hit("d", QUOTE, speaker="Paola Ferrante"), VERBATIM])
    assert two_people.conflicting_speakers is True


def test_words_compare_without_case_quote_marks_or_punctuation():
    assert [w.key for w in words("‘It’s “well-known”,’ he said — 3.5%, 2,000 people!")] == [
        "its", "well", "known", "he", "said", "3.5", "2000", "people",
    ]  # fmt: skip


def test_the_text_view():
    undated = hit("island-news", QUOTE.replace("supply water", "supply clean water"), outlet="Island News")
    text = render_trace_text(trace(QUOTE, [*candidates(), undated]))
    lines = text.splitlines()
    assert lines[0].startswith("Trace: “We will build the desalination plant by 2028")
    assert "6 appearances · first: Coast Herald, 2027-03-01 · speakers conflict · words altered" in text
    assert "Speakers: Marco Ferrante, Ferrante, Lucia Bianchi" in text
    ids = [h.claim_id for h in [*APPEARANCES, undated]]
    positions = [text.index(f" · {i}\n") for i in ids]
    assert positions == sorted(positions)
    assert "Valley Post · Lucia Bianchi (not the first's speaker) · post-0304#q1" in text
    assert "Bay Observer · Ferrante · observer-0302#q1" in text
    assert "changes: 2028 → 2030" in text
    assert "changes: added “clean”" in text
    assert "date unknown · Island News" in text
    assert max(len(line) for line in lines) <= WIDTH <= 100
    assert "\x1b" not in text


def test_the_text_view_prints_no_control_characters():
    text = render_trace_text(trace(QUOTE, [hit("a", QUOTE + " \x1b[2J\x1b]0;owned\x07", speaker="\x1b[31mMarco\x9b")]))
    assert not any(ord(c) < 32 and c != "\n" or 127 <= ord(c) < 160 for c in text)
    assert "[2J" in text and "Marco" in text


def test_the_text_view_of_nothing_found():
    text = render_trace_text(trace(QUOTE, SAME_TOPIC))
    assert "No appearance of this quote" in text and "Speakers" not in text


def test_two_hundred_candidates_take_milliseconds():
    # The database hands over up to ~200 claims sharing the query's rarest
    # words; the generous bound keeps a busy machine from failing it.
    texts = [h.text for h in [*APPEARANCES[1:], *SAME_TOPIC]]
    pool = [hit(f"a{i}", text, claim=f"q{n}") for i in range(25) for n, text in enumerate(texts)]
    assert len(pool) == 200
    trace(QUOTE, pool)
    start = time.perf_counter()
    found = trace(QUOTE, pool)
    assert time.perf_counter() - start < 0.25
    assert len(found.appearances) == 100


QUOTE_WORDS = QUOTE.rstrip(".").replace(",", "").split()


@pytest.mark.parametrize("position", range(len(QUOTE_WORDS)))
def test_any_one_word_swapped_or_dropped_is_found_and_reported(position):
    swapped = " ".join([*QUOTE_WORDS[:position], "zzz", *QUOTE_WORDS[position + 1 :]])
    dropped = " ".join([*QUOTE_WORDS[:position], *QUOTE_WORDS[position + 1 :]])
    found = trace(
        QUOTE, [VERBATIM, hit("swapped", swapped, published="2027-05-01"), hit("dropped", dropped, published="2027-05-02")]
    )
    changes = [a.to_dict()["changes"] for a in found.appearances]
    at_an_end = position in (0, len(QUOTE_WORDS) - 1)  # a shorter excerpt, not a word dropped
    assert changes == [
        [],
        [{"from": QUOTE_WORDS[position], "to": "zzz"}],
        [] if at_an_end else [{"from": QUOTE_WORDS[position], "to": ""}],
    ]


def test_tracing_loads_no_spacy():
    # `quotes trace` starts fast: the trace and its views import no pipeline.
    modules = "quotes.database.tracing, quotes.database.trace_text, quotes.formats.trace_page"
    code = f"import sys, {modules}; print(sorted(m for m in ('spacy', 'thinc', 'yaml') if m in sys.modules))"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60, check=True)
    assert done.stdout.strip() == "[]"
