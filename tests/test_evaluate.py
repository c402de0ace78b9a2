"""quotes.evaluation.evaluate: matching, quote detection, per-type, speaker and end-to-end scores."""

from __future__ import annotations

import json
import random

import pytest

from quotes.errors import QuotesError
from quotes.evaluation import evaluate, matching
from quotes.evaluation.evaluate import (
    GoldArticle,
    can_match,
    match,
    normalise_speaker,
    score,
    speaker_right,
    spread,
    union,
)

TEXT = "".join(chr(ord("a") + i % 26) for i in range(300))


def gq(start, end, type="direct", speaker="Artyom Lukin", fragments=None, cue="said"):
    quote = {"type": type, "content_start": start, "content_end": end, "speaker": speaker, "cue": cue}
    if fragments is not None:
        quote["content_fragments"] = fragments
    return quote


def gold(*quotes, id="a", text=TEXT):
    return {"id": id, "text": text, "outlet": None, "quotes": list(quotes)}


def claim(*spans, type="direct", mention="Lukin", name="Artyom Lukin", id="q1"):
    return {
        "id": id,
        "type": type,
        "text": "…",
        "spans": [{"start": s, "end": e} for s, e in spans],
        "cue": {"text": "said", "start": 0, "end": 4},
        "speaker": {
            "name": name,
            "mention": None if mention is None else {"text": mention, "start": 0, "end": len(mention)},
        },
        "rule": "test#rule",
    }


def record(*claims, id="a", error=None):
    return {"id": id, "article": None if error else {}, "claims": list(claims), "error": error}


def counts(prf):
    return (prf.tp, prf.fp, prf.fn)


# --- matching ------------------------------------------------------------------


@pytest.mark.parametrize(
    "gold_span,claim_spans,expected",
    [
        ((10, 30), [(10, 30)], (1, 0, 0)),  # exact
        ((0, 20), [(10, 40)], (1, 0, 0)),  # overlap 10 = half the shorter (gold, 20)
        ((0, 20), [(11, 40)], (0, 1, 1)),  # overlap 9 < 10
        ((0, 100), [(90, 110)], (1, 0, 0)),  # shorter is the claim (20): overlap 10
        ((0, 100), [(91, 111)], (0, 1, 1)),  # overlap 9
        ((0, 60), [(0, 10), (50, 60)], (1, 0, 0)),  # a claim is the union of its spans
        ((0, 10), [(20, 30)], (0, 1, 1)),  # disjoint
    ],
    ids=["exact", "half-of-gold", "below-half-of-gold", "half-of-claim", "below-half-of-claim", "claim-parts", "disjoint"],
)
def test_overlap_threshold(gold_span, claim_spans, expected):
    scores = score([gold(gq(*gold_span))], [record(claim(*claim_spans))])
    assert counts(scores.quotes) == expected


@pytest.mark.parametrize(
    "claim_span,expected",
    [((50, 60), (1, 0, 0)), ((20, 40), (0, 1, 1))],
    ids=["on-a-fragment", "in-the-gap-between-fragments"],
)
def test_fragments_replace_start_and_end(claim_span, expected):
    split = gq(0, 60, fragments=[[0, 10], [50, 60]])
    assert counts(score([gold(split)], [record(claim(claim_span))]).quotes) == expected
    # Without fragments the gap belongs to the quote.
    assert counts(score([gold(gq(0, 60))], [record(claim(claim_span))]).quotes) == (1, 0, 0)


def test_one_to_one_second_claim_inside_is_ignored_not_false():
    scores = score([gold(gq(0, 100))], [record(claim((0, 60)), claim((60, 100), id="q2"))])
    assert counts(scores.quotes) == (1, 0, 0)
    assert scores.ignored == 1


def test_second_claim_mostly_outside_is_a_false_positive():
    scores = score([gold(gq(0, 100))], [record(claim((0, 60)), claim((80, 200), id="q2"))])
    assert counts(scores.quotes) == (1, 1, 0)
    assert scores.ignored == 0


def test_assignment_is_optimal_not_greedy():
    # Greedy by overlap would pair X with A (60 > 50), leave Y inside A and miss B.
    a, b = gq(0, 100), gq(100, 140)
    x, y = claim((40, 130)), claim((0, 50), id="q2")
    scores = score([gold(a, b)], [record(x, y)])
    assert counts(scores.quotes) == (2, 0, 0)
    assert match([union([(0, 100)]), union([(100, 140)])], [union([(40, 130)]), union([(0, 50)])]).pairs == [(0, 1), (1, 0)]


def test_false_positives_and_misses_are_counted():
    scores = score(
        [gold(gq(0, 10), gq(200, 220))],
        [record(claim((0, 10)), claim((50, 60), id="q2"), claim((100, 120), id="q3"))],
    )
    assert counts(scores.quotes) == (1, 2, 1)
    assert (scores.quotes.precision, scores.quotes.recall) == (pytest.approx(1 / 3), 0.5)
    assert scores.quotes.f1 == pytest.approx(2 * (1 / 3) * 0.5 / (1 / 3 + 0.5))
    assert (scores.gold_quotes, scores.claims) == (2, 3)


def test_nothing_to_score_is_zero_not_an_error():
    scores = score([gold()], [record()])
    assert counts(scores.quotes) == (0, 0, 0)
    assert (scores.quotes.precision, scores.quotes.recall, scores.quotes.f1) == (0.0, 0.0, 0.0)


def _brute_force(weights):
    best = (0, 0)

    def walk(row, used, n, total):
        nonlocal best
        if row == len(weights):
            best = max(best, (n, total))
            return
        walk(row + 1, used, n, total)
        for col, weight in enumerate(weights[row]):
            if weight and col not in used:
                walk(row + 1, used | {col}, n + 1, total + weight)

    walk(0, frozenset(), 0, 0)
    return best


def test_assignment_agrees_with_brute_force():
    rng = random.Random(7)
    for _ in range(500):
        rows, cols = rng.randint(0, 5), rng.randint(1, 5)
        weights = [[rng.choice([0, 0, 0, 1, 3, 8, 20]) for _ in range(cols)] for _ in range(rows)]
        pairs = matching._max_assignment(weights)
        assert len({r for r, _ in pairs}) == len({c for _, c in pairs}) == len(pairs)
        assert (len(pairs), sum(weights[r][c] for r, c in pairs)) == _brute_force(weights)


@pytest.mark.parametrize(
    "a,b,expected",
    [([(0, 10)], [(0, 10)], True), ([(0, 10)], [(10, 20)], False), ([(0, 0)], [(0, 0)], False)],
)
def test_can_match_needs_real_overlap(a, b, expected):
    assert can_match(union(a), union(b)) is expected


def test_union_merges_and_drops_empty():
    assert union([(5, 10), (0, 3), (2, 6), (20, 20)]) == ((0, 10),)


# --- per type ------------------------------------------------------------------


def test_per_type_recall_and_precision_by_claimed_type():
    scores = score(
        [gold(gq(0, 10, "direct"), gq(20, 40, "indirect"), gq(50, 70, "mixed"))],
        [
            record(
                claim((0, 10), type="indirect"),  # matches the direct quote: a TP for "direct"
                claim((20, 40), type="indirect", id="q2"),
                claim((100, 120), type="direct", id="q3"),  # false alarms, charged to their own type
                claim((130, 150), type="mixed", id="q4"),
            )
        ],
    )
    by_type = {kind: counts(prf) for kind, prf in scores.by_type.items()}
    assert by_type == {"direct": (1, 1, 0), "indirect": (1, 0, 0), "mixed": (0, 1, 1)}
    assert scores.by_type["direct"].precision == 0.5
    assert scores.by_type["direct"].recall == 1.0
    assert scores.by_type["mixed"].f1 == 0.0
    assert scores.confusion["direct"] == {"direct": 0, "indirect": 1, "mixed": 0, "none": 0}
    assert scores.confusion["mixed"]["none"] == 1
    assert scores.confusion["none"] == {"direct": 1, "indirect": 0, "mixed": 1, "none": 0}


def test_an_unknown_type_gets_its_own_row():
    scores = score([gold(gq(0, 10, "other"))], [record()])
    assert list(scores.by_type) == ["direct", "indirect", "mixed", "other"]
    assert scores.confusion["other"]["none"] == 1


# --- speakers --------------------------------------------------------------------


@pytest.mark.parametrize(
    "raw,normal",
    [
        ("The President’s", "president"),
        ("  the   minister ", "minister"),
        ("“Trump,”", "trump"),
        ("officials'", "officials"),
        ("A spokeswoman", "spokeswoman"),
        ("Mr. Barrett", "barrett"),
        ("The", "the"),
        (None, ""),
    ],
)
def test_normalise_speaker(raw, normal):
    assert normalise_speaker(raw) == normal


@pytest.mark.parametrize(
    "predicted,gold_speaker,right",
    [
        ("Artyom Lukin", "Artyom Lukin", True),
        ("Lukin", "Artyom Lukin", True),  # token suffix
        ("Artyom Lukin", "Lukin", True),  # either way
        ("Artyom Lukin", "Artyom Lukin, a professor at Far Eastern Federal University", True),  # head
        ("Lukin", "Artyom Lukin, a professor at Far Eastern Federal University", True),  # suffix of the head
        ("Angela Ruiz", "Ruiz, the former transport minister,", True),
        ("Ana Ruiz", "Rep. Ana Ruiz (D-Ore.)", True),  # a parenthesis ends the head too
        ("the minister", "Minister", True),  # determiners
        ("The minister's", "a minister", True),  # possessive
        ("Kevin Barrett", "Mr. Barrett", True),  # honorific
        ("Yang", "Yang Cheng", False),  # a prefix is not enough
        ("Luk", "Lukin", False),  # whole words only
        ("Lukin", "Artyom Lukin's office", False),
        ("he", "she", False),
        (None, "Lukin", False),
        ("", "Lukin", False),
        ("Lukin", None, False),
    ],
)
def test_speaker_right(predicted, gold_speaker, right):
    assert speaker_right(predicted, gold_speaker) is right


@pytest.mark.parametrize("speaker,pronoun", [("he", True), ("They", True), ("its", True), ("Lukin", False), ("the man", False)])
def test_is_pronoun(speaker, pronoun):
    assert evaluate.is_pronoun(speaker) is pronoun


@pytest.mark.parametrize(
    "gold_speaker,mention,name,mention_acc,name_acc,e2e",
    [
        ("Artyom Lukin", "Lukin", "Artyom Lukin", (1, 1), (1, 1), 1),
        ("Artyom Lukin", "he", "Artyom Lukin", (0, 1), (1, 1), 1),  # name right is enough end to end
        ("Artyom Lukin", "Lukin", None, (1, 1), (0, 1), 1),  # mention right is enough end to end
        ("Artyom Lukin", "Yang", "Yang Cheng", (0, 1), (0, 1), 0),
        ("he", "he", "Yang Cheng", (1, 1), (0, 0), 1),  # a pronoun gold is left out of name accuracy
        ("he", None, None, (0, 1), (0, 0), 0),
    ],
)
def test_speaker_accuracy_and_end_to_end(gold_speaker, mention, name, mention_acc, name_acc, e2e):
    scores = score([gold(gq(0, 10, speaker=gold_speaker))], [record(claim((0, 10), mention=mention, name=name))])
    assert (scores.speaker_mention.right, scores.speaker_mention.total) == mention_acc
    assert (scores.speaker_name.right, scores.speaker_name.total) == name_acc
    assert scores.no_gold_speaker == 0
    assert scores.e2e.tp == e2e


@pytest.mark.parametrize("gold_speaker", [None, "", "  "])
@pytest.mark.parametrize("mention,e2e", [(None, 1), ("he", 0)])
def test_no_gold_speaker_is_right_only_without_a_mention(gold_speaker, mention, e2e):
    scores = score([gold(gq(0, 10, speaker=gold_speaker))], [record(claim((0, 10), mention=mention, name=None))])
    assert scores.no_gold_speaker == 1
    assert scores.speaker_mention.total == scores.speaker_name.total == 0
    assert scores.e2e.tp == e2e


def test_end_to_end_counts():
    scores = score(
        [gold(gq(0, 10, speaker="Lukin"), gq(50, 60, speaker="Lukin"), gq(200, 210))],
        [
            record(
                claim((0, 10), mention="Lukin"),
                claim((50, 60), mention="Yang", name="Yang Cheng", id="q2"),  # detected, wrong speaker
                claim((100, 110), id="q3"),  # false alarm
                claim((55, 60), id="q4"),  # ignored: inside a matched quote
            )
        ],
    )
    assert counts(scores.quotes) == (2, 1, 1)
    assert counts(scores.e2e) == (1, 2, 2)
    assert scores.e2e.precision == pytest.approx(1 / 3)
    assert scores.e2e.recall == pytest.approx(1 / 3)


# --- articles, records, examples -------------------------------------------------


def test_failed_article_has_no_claims_and_is_listed():
    error = {"code": "E007", "message": "the article is empty"}
    scores = score([gold(gq(0, 10)), gold(gq(0, 10), id="b")], [record(claim((0, 10)), error=error), record(id="b")])
    assert scores.failed == ["a"]
    assert counts(scores.quotes) == (0, 0, 2)
    assert scores.claims == 0


def test_missing_record_is_e024():
    with pytest.raises(QuotesError) as caught:
        score([gold(gq(0, 10)), gold(id="b")], [record()])
    assert caught.value.code == "E024"
    assert "'b'" in str(caught.value)


def test_records_of_other_articles_are_not_scored():
    scores = score([gold(gq(0, 10))], [record(claim((0, 10))), record(claim((0, 10)), id="other")])
    assert counts(scores.quotes) == (1, 0, 0)
    assert scores.articles == 1


def test_gold_articles_or_dicts():
    parsed = evaluate.gold_article(gold(gq(0, 10)))
    assert isinstance(parsed, GoldArticle)
    assert score([parsed], [record(claim((0, 10)))]).to_dict() == score([gold(gq(0, 10))], [record(claim((0, 10)))]).to_dict()


@pytest.mark.parametrize(
    "n,size,expected",
    [(3, 10, [0, 3, 6]), (4, 8, [0, 2, 4, 6]), (5, 3, [0, 1, 2]), (0, 5, []), (2, 0, [])],
)
def test_spread_is_even_and_deterministic(n, size, expected):
    assert spread(list(range(size)), n) == expected


def test_examples_of_each_mistake():
    text = "Intro.\n“We are ready,” Lukin said.\nThe sky is blue, Yang said.\nIt rained.\n"
    ready, sky, rained = text.index("We"), text.index("The sky"), text.index("It rained")
    quotes = [
        gq(ready, ready + 12, speaker="Lukin"),
        gq(sky, sky + 15, type="indirect", speaker="Yang", cue="said"),
    ]
    claims = [
        claim((ready, ready + 12), mention="Yang", name="Yang Cheng"),
        claim((rained, rained + 9), type="indirect", mention=None, name=None, id="q2"),
    ]
    scores = score([gold(*quotes, text=text)], [record(*claims)], errors=5)
    [miss] = scores.examples["misses"]
    assert miss == {
        "article": "a",
        "type": "indirect",
        "content": "The sky is blue",
        "speaker": "Yang",
        "cue": "said",
        "context": "The sky is blue, Yang said.",
    }
    [alarm] = scores.examples["false_alarms"]
    assert (alarm["claim"], alarm["rule"], alarm["speaker"], alarm["cue"]) == ("q2", "test#rule", None, "said")
    [wrong] = scores.examples["wrong_speakers"]
    assert (wrong["gold"], wrong["mention"], wrong["name"]) == ("Lukin", "Yang", "Yang Cheng")
    report = evaluate.format_report(scores)
    assert "misses (1):" in report and "false alarms (1):" in report and "wrong speakers (1):" in report
    assert scores.error_groups["misses by gold cue"] == [("said", 1)]
    assert scores.error_groups["wrong speakers by mention"] == [("name or description", 1)]
    assert "misses by gold cue (top 1 of 1):" in report
    assert json.loads(json.dumps(scores.to_dict()))["error_groups"]["false alarms by rule"] == [["test#rule", 1]]
    assert score([gold(*quotes, text=text)], [record(*claims)]).examples == {}


def test_examples_are_spread_over_the_corpus():
    articles = [gold(gq(0, 10), id=f"a{i}") for i in range(10)]
    scores = score(articles, [record(id=f"a{i}") for i in range(10)], errors=3)
    assert [m["article"] for m in scores.examples["misses"]] == ["a0", "a3", "a6"]


def test_report_and_json():
    scores = score([gold(gq(0, 10), gq(20, 30, "indirect"))], [record(claim((0, 10)))])
    report = evaluate.format_report(scores)
    assert report.startswith("1 articles, 2 gold quotes, 1 claims (0 ignored)\n")
    assert evaluate.HEADER in report
    quotes_row = next(line for line in report.splitlines() if line.startswith("quotes "))
    assert quotes_row.split() == ["quotes", "1", "0", "1", "1.000", "0.500", "0.667"]
    data = json.loads(json.dumps(scores.to_dict()))
    assert data["quotes"] == {"tp": 1, "fp": 0, "fn": 1, "precision": 1.0, "recall": 0.5, "f1": 0.6667}
    assert data["by_type"]["indirect"]["fn"] == 1
    assert data["speaker"]["mention"] == {"right": 1, "total": 1, "value": 1.0}
    assert data["e2e"]["tp"] == 1


def test_the_definitions_are_written_down():
    for words in ("half", "one-to-one", "Hungarian", "ignored", "pronoun", "End to end", "spread"):
        assert words in evaluate.__doc__


# --- reading gold and predictions --------------------------------------------------


def _lines(*objects):
    return [o if isinstance(o, str) else json.dumps(o) for o in objects]


def test_read_gold_skips_blank_lines_and_uses_fragments():
    [article] = evaluate.read_gold(_lines("", gold(gq(0, 60, fragments=[[50, 60], [0, 10]]))))
    assert article.line == 2
    assert article.quotes[0].spans == ((0, 10), (50, 60))
    assert article.quotes[0].content == TEXT[0:10] + " … " + TEXT[50:60]


@pytest.mark.parametrize(
    "line,code,words",
    [
        ("{oops", "E020", "line 1: not a JSON object"),
        (json.dumps([1]), "E020", "it is a list"),
        (json.dumps({"id": "a", "quotes": []}), "E021", "`text` must be a string"),
        (json.dumps({"id": "a", "text": "x"}), "E023", "`quotes` must be a list"),
        (json.dumps(gold(gq(0, 400))), "E023", "quote 0: content 0:400 lies outside the text 0:300"),
        (json.dumps(gold(gq("0", 10))), "E023", "quote 0: needs integer `content_start`"),
        (json.dumps(gold({"content_start": 0, "content_end": 1})), "E023", "quote 0: `type` must be a string"),
        (json.dumps(gold(gq(0, 1, speaker=3))), "E023", "`speaker` must be a string or null"),
    ],
)
def test_bad_gold_is_one_error_with_code_and_file(line, code, words):
    with pytest.raises(QuotesError) as caught:
        evaluate.read_gold([line], where="dev.jsonl")
    message = str(caught.value)
    assert caught.value.code == code
    assert message.startswith(f"{code} dev.jsonl ")
    assert words in message


def test_duplicate_gold_id_is_e025():
    with pytest.raises(QuotesError) as caught:
        evaluate.read_gold(_lines(gold(), gold()), where="g")
    assert str(caught.value) == "E025 g line 2: duplicate article id 'a'"


def test_read_predictions():
    lines = _lines(
        record(claim((0, 10))), "", {"id": None, "article": None, "claims": [], "error": {"code": "E020", "message": "m"}}
    )
    [rec] = evaluate.read_predictions(lines)
    assert rec["claims"][0]["id"] == "q1"


@pytest.mark.parametrize(
    "objects,code",
    [
        (["nope"], "E020"),
        ([{"id": 5, "claims": []}], "E021"),
        ([{"id": "a", "claims": None, "error": None}], "E021"),
        ([record(), record()], "E025"),
    ],
)
def test_bad_predictions(objects, code):
    with pytest.raises(QuotesError) as caught:
        evaluate.read_predictions(_lines(*objects), where="out.jsonl")
    assert caught.value.code == code
    assert " out.jsonl " in str(caught.value)


def test_corpus_lines_carry_id_text_and_outlet():
    article = evaluate.gold_article({**gold(), "outlet": "Breitbart"})
    assert [json.loads(line) for line in evaluate.corpus_lines([article])] == [{"id": "a", "text": TEXT, "outlet": "Breitbart"}]
