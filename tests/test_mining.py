"""quotes.evaluation.mining: the words annotators took for cues, counted."""

from __future__ import annotations

import json

import pytest

from quotes.api import COMPONENT
from quotes.errors import QuotesError
from quotes.evaluation.gold import gold_article
from quotes.evaluation.mining import (
    NO_CUE,
    NO_RULE,
    MinedArticle,
    candidates,
    construction,
    cue_word,
    extracted_article,
    format_mining,
    mine_cues,
    missed_quotes,
    named_words,
    why_missed,
)
from quotes.formats.explain import RuleMatch

INTERJECTED = (
    "The senator interjected that the vote had been rigged.\n"
    "A reporter interjected a question about the budget.\n"
    "Mayor Ana Ruiz said the bridge would reopen in May.\n"
)


def _parse(nlp, text):
    return nlp(text, disable=[COMPONENT])


def _quote(text, content, cue, speaker=None):
    start, cue_start = text.index(content), text.index(cue)
    return {
        "type": "indirect",
        "content": content,
        "content_start": start,
        "content_end": start + len(content),
        "speaker": speaker,
        "cue": cue,
        "cue_start": cue_start,
        "cue_end": cue_start + len(cue),
    }


def _article(text, *quotes):
    """A gold article of `text` with a quote for each (content, cue[, speaker])."""
    return gold_article({"id": "a", "text": text, "quotes": [_quote(text, *q) for q in quotes]})


@pytest.mark.parametrize(
    ("text", "cue", "kind"),
    [
        ("The minister said the talks would resume next week.", "said", "verb, listed"),
        ("The senator interjected that the vote had been rigged.", "interjected", "verb, not listed"),
        # A copula is no cue word: the adjective is.
        ("Many voters are optimistic that the mine will reopen.", "are optimistic", "adjective, listed"),
        ("Many voters are jubilant that the mine will reopen.", "are jubilant", "adjective, not listed"),
        ("Her claim that the mine would reopen was false.", "claim", "noun, listed"),
        ("Governor Ruiz: We will rebuild the bridge by May.", ":", "punctuation"),
    ],
)
def test_construction_of_a_cue(nlp, rules, text, cue, kind):
    doc = _parse(nlp, text)
    start = text.index(cue)
    span = doc.char_span(start, start + len(cue), alignment_mode="expand")
    assert construction(cue_word(span), named_words(rules)) == kind


def test_no_cue_is_its_own_construction(rules):
    assert construction(None, named_words(rules)) == NO_CUE


def test_the_rules_name_verbs_nouns_and_phrase_words(rules):
    named = named_words(rules)
    assert {"say", "claim", "according", "optimistic"} <= named
    assert "interject" not in named


def test_a_word_counts_its_cues_against_all_its_uses(nlp, rules):
    article = _article(
        INTERJECTED,
        ("the vote had been rigged", "interjected", "The senator"),
        ("the bridge would reopen in May", "said", "Mayor Ana Ruiz"),
    )
    mined = mine_cues([MinedArticle(article, _parse(nlp, INTERJECTED))], rules)
    words = {(w.lemma, w.pos): w for w in mined.words}
    interject = words[("interject", "VERB")]
    assert (interject.cues, interject.uses, interject.listed) == (1, 2, False)
    assert interject.share == 0.5
    assert interject.example == "The senator interjected that the vote had been rigged."
    assert words[("say", "VERB")].listed
    assert mined.constructions == {"verb, not listed": 1, "verb, listed": 1}
    assert (mined.quotes, mined.counted) == (2, 2)
    # Unlisted words only, unless asked for all.
    assert [w.lemma for w in candidates(mined)] == ["interject"]
    assert {w.lemma for w in candidates(mined, listed=True)} == {"interject", "say"}
    assert candidates(mined, min_share=0.6) == []
    assert candidates(mined, min_cues=2) == []


def test_two_quotes_sharing_a_cue_count_it_once(nlp, rules):
    text = "The senator interjected that the vote had been rigged and that the count was late.\n"
    article = _article(text, ("the vote had been rigged", "interjected"), ("the count was late", "interjected"))
    mined = mine_cues([MinedArticle(article, _parse(nlp, text))], rules)
    assert [(w.lemma, w.cues) for w in mined.words] == [("interject", 1)]
    assert mined.constructions == {"verb, not listed": 2}


def test_an_extraction_counts_the_quotes_it_missed_and_why(rules):
    # "said" makes a claim of the bridge; "interjected" is in no rule; "did
    # not say when" is a cue with nothing said.
    text = INTERJECTED + "The mayor did not say when.\n"
    article = _article(
        text, ("the vote had been rigged", "interjected"), ("the bridge would reopen in May", "said"), ("when", "did not say")
    )
    extracted = extracted_article(article)
    assert extracted.missed == {0, 2}
    mined = mine_cues([extracted], rules)
    assert (mined.counted, dict(mined.constructions)) == (2, {"verb, not listed": 1, "verb, listed": 1})
    assert dict(mined.outcomes) == {NO_RULE: 1, "cues.reporting-verbs#speech: no claim: no content": 1}
    words = {w.lemma: w for w in mined.words}
    assert (words["interject"].missed, words["say"].missed, words["say"].cues, words["say"].uses) == (1, 1, 2, 2)
    lines = format_mining(mined, candidates(mined), top=10)
    assert lines[0] == "1 articles, 3 gold quotes; counted: 2 missed gold quotes"
    assert "       1  50.0%  cues.reporting-verbs#speech: no claim: no content" in lines
    assert any(line.split()[:6] == ["interject", "VERB", "no", "1", "1", "2"] for line in lines)
    assert json.loads(json.dumps(mined.to_dict()))["counted_are"] == "missed"


def test_missed_quotes_are_those_no_claim_matches():
    article = _article(INTERJECTED, ("the vote had been rigged", "interjected"))
    start = INTERJECTED.index("the vote")
    assert missed_quotes(article, []) == {0}
    assert missed_quotes(article, [{"spans": [{"start": start, "end": start + 24}]}]) == set()


@pytest.mark.parametrize(
    ("outcome", "why"),
    [
        ("claim c2", "cues.x#speech: a claim, of other words"),
        ("no claim: no content: no quote next to it", "cues.x#speech: no claim: no content"),
        (
            "no claim: 'signs' makes it another sense of the verb",
            "cues.x#speech: no claim: '…' makes it another sense of the verb",
        ),
        (
            "no claim: the author's own voice (an interview's answers)",
            "cues.x#speech: no claim: the author's own voice (an interview's answers)",
        ),
    ],
)
def test_why_a_rule_made_no_claim(outcome, why):
    matches = [RuleMatch("cues.x#other", "told", 0, 4, "claim c1"), RuleMatch("cues.x#speech", "said", 10, 14, outcome)]
    assert why_missed((9, 15), matches) == why
    assert why_missed((20, 25), matches) == NO_RULE
    assert why_missed(None, matches) == NO_CUE


@pytest.mark.parametrize(
    ("offsets", "expected"),
    [({}, None), ({"cue_start": 4, "cue_end": 11}, (4, 11))],
)
def test_gold_cue_offsets_are_read_when_given(offsets, expected):
    quote = {"type": "indirect", "content_start": 0, "content_end": 3, "speaker": None, "cue": "senator", **offsets}
    assert gold_article({"id": "a", "text": INTERJECTED, "quotes": [quote]}).quotes[0].cue_span == expected


@pytest.mark.parametrize("offsets", [{"cue_start": 4}, {"cue_start": 9, "cue_end": 4}, {"cue_start": 0, "cue_end": 10_000}])
def test_bad_gold_cue_offsets_are_an_error(offsets):
    quote = {"type": "indirect", "content_start": 0, "content_end": 3, **offsets}
    with pytest.raises(QuotesError) as raised:
        gold_article({"id": "a", "text": INTERJECTED, "quotes": [quote]}, line=7)
    assert raised.value.code == "E023"
    assert "cue" in str(raised.value)


def test_rules_mine_from_the_command_line(tmp_path, run_quotes):
    article = {"id": "a", "text": INTERJECTED, "quotes": [_quote(INTERJECTED, "the vote had been rigged", "interjected")]}
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps(article) + "\n", encoding="utf-8")
    done = run_quotes("rules", "mine", str(gold), "--json")
    assert done.returncode == 0, done.stderr.decode()
    report = json.loads(done.stdout)
    assert report["constructions"] == {"verb, not listed": 1}
    assert report["outcomes"] == {"no rule matched its cue": 1}
    assert [(w["lemma"], w["cues"], w["uses"]) for w in report["words"]] == [("interject", 1, 2)]
    text = run_quotes("rules", "mine", str(gold), "--min-share", "0.9")
    assert text.returncode == 0
    assert "cue words (top 0 of 0):" in text.stdout.decode()
