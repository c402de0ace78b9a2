"""quotes.evaluation.speaker_identity: same entity, reading referents, identity scores."""

from __future__ import annotations

import json

import pytest

from quotes.errors import QuotesError
from quotes.evaluation import speaker_identity
from quotes.evaluation.evaluate import gold_article
from quotes.evaluation.speaker_identity import (
    Referent,
    format_identity,
    read_referents,
    same_entity,
    score_identity,
)

TEXT = "".join(chr(ord("a") + i % 26) for i in range(300))
BOBBY = 'Robert C. "Bobby" Scott'

# --- same entity -------------------------------------------------------------


@pytest.mark.parametrize(
    "name,referent,expected",
    [
        ("Hillary Clinton", "Hillary Clinton", True),
        ("hillary clinton’s", "Hillary Clinton", True),  # case, possessive
        ("Mr. Clinton", "the Clinton", True),  # honorific, determiner
        ("Clinton", "Hillary Clinton", True),  # ends the other
        ("Hillary", "Hillary Clinton", True),  # a lone first name
        ("Donald Trump", "Donald J. Trump", True),  # middle initial
        ("Donald J. Trump", "Donald Trump", True),
        ("Christina Luis Olidem", "Christina N Luis Olidem", True),  # initial without a dot
        ("Biden", "Joseph R. Biden Jr.", True),  # suffix
        ("Joseph Biden", "Joseph R. Biden, Jr.", True),
        ("Vann Newkirk", "Vann R. Newkirk II", True),
        ("Bobby Scott", BOBBY, True),  # quoted nickname
        ("Bobby", "Robert C. “Bobby” Scott", True),
        ("Robert Scott", BOBBY, True),
        ("Scott", BOBBY, True),
        ("O'Neill", "James O’Neill", True),  # not an initial
        ("F.B.I.", "FBI", True),
        ("the F.B.I.", "Federal Bureau of Investigation", True),  # acronym skipping "of"
        ("FBOI", "Federal Bureau of Investigation", True),  # ... or not
        ("SEIU", "Service Employees International Union", True),
        ("AROS", "Alliance to Reclaim Our Schools", True),
        ("Alliance to Reclaim Our Schools", "AROS", True),
        ("Grassley", "Charles E. Grassley and Patrick J. Leahy", True),  # either of two
        ("Patrick Leahy", "Charles E. Grassley and Patrick J. Leahy", True),
        ("Hillary", "Bill Clinton & Hillary Clinton", True),
        ("the Trump campaign", "Donald Trump's campaign", True),  # a possessive inside the name
        ("the Trump campaign", "Donald Trump’s campaign", True),
        # not the same entity
        ("Bill Clinton", "Hillary Clinton", False),
        ("Tim Scott", BOBBY, False),
        ("Ivanka Trump", "Donald Trump", False),
        ("the Trump campaign", "Donald Trump's foundation", False),
        ("Rafael Cruz", "Ted Cruz", False),
        ("Republicans", "Jason Chaffetz", False),
        ("the United States", "Barack Obama", False),
        ("Donald", "Hillary Clinton", False),
        ("Jr.", "Joseph R. Biden Jr.", False),
        ("ARS", "Alliance to Reclaim Our Schools", False),  # "our" is not a small word
        ("S", "Service Employees", False),  # one letter is no acronym
        ("Chuck Grassley", "Charles E. Grassley and Patrick J. Leahy", False),
        ("", "Hillary Clinton", False),
        (None, "Hillary Clinton", False),
        ("Clinton", None, False),
    ],
)
def test_same_entity(name, referent, expected):
    assert same_entity(name, referent) is expected


# --- reading referents -------------------------------------------------------------


def _line(**fields):
    obj = {"id": "a", "q": 0, "source": "pronoun", "referent": "Hillary Clinton", "kind": "person", "sure": True}
    return json.dumps({**obj, **fields})


def test_read_referents_skips_blank_lines():
    lines = ["", _line(), "  ", _line(q=1, source="named", referent=None, kind="group", sure=False)]
    found = read_referents(lines + [b'{"id": "b", "q": 0, "source": "named", "referent": "", "kind": "unnamed"}\n'])
    assert found == {
        ("a", 0): Referent("a", 0, "pronoun", "Hillary Clinton", "person", True),
        ("a", 1): Referent("a", 1, "named", None, "group", False),
        ("b", 0): Referent("b", 0, "named", None, "unnamed", True),  # "sure" left out is sure
    }


@pytest.mark.parametrize(
    "line,code,words",
    [
        ("{oops", "E020", "line 2: not a JSON object"),
        ("[1]", "E020", "line 2: not a JSON object"),
        (_line(id=7), "E021", "line 2: `id` must be a string"),
        (_line(q="0"), "E021", "line 2: `q` must be a whole number"),
        (_line(q=True), "E021", "line 2: `q` must be a whole number"),
        (_line(q=1.5), "E021", "line 2: `q` must be a whole number"),
        (_line(source=None), "E021", "line 2: `source` must be a string"),
        (json.dumps({"id": "a", "q": 0, "source": "named"}), "E021", "line 2: `kind` must be a string"),
        (_line(referent=["Clinton"]), "E021", "line 2: `referent` must be a string or null"),
        (_line(sure="no"), "E021", "line 2: `sure` must be true or false"),
    ],
)
def test_bad_referent_line_is_one_error_with_code_file_and_line(line, code, words):
    with pytest.raises(QuotesError) as caught:
        read_referents(["", line], where="speakers.jsonl")
    assert caught.value.code == code
    assert str(caught.value).startswith(f"{code} speakers.jsonl {words}")


def test_load_referents_missing_file_is_e001(tmp_path):
    with pytest.raises(QuotesError) as caught:
        speaker_identity.load_referents(str(tmp_path / "missing.jsonl"))
    assert caught.value.code == "E001"


# --- scores ------------------------------------------------------------------------


def gq(start, speaker):
    return {"type": "direct", "content_start": start, "content_end": start + 10, "speaker": speaker, "cue": "said"}


def claim(start, name, id):
    return {
        "id": id,
        "type": "direct",
        "spans": [{"start": start, "end": start + 10}],
        "speaker": {"name": name, "mention": {"text": name or "he", "start": 0, "end": 2}, "resolution": "coref"},
    }


def ref(q, referent, source="pronoun", kind="person", sure=True, id="a"):
    return Referent(id, q, source, referent, kind, sure)


# (gold speaker, referent, claim name) for quote i at 20 * i; every quote is matched.
CASES = [
    (ref(0, "Hillary Clinton"), "Clinton"),  # pronoun, right
    (ref(1, "Hillary Clinton", sure=False), "Bill Clinton"),  # pronoun, wrong, not sure
    (ref(2, "Service Employees International Union", "named", "organization"), "SEIU"),  # named, right
    (ref(3, "Ted Cruz", "named"), None),  # named, no name
    (ref(4, None, "named", "group"), "Republicans"),  # unscored
    (ref(5, None, kind="unnamed"), None),  # unscored
    (ref(6, "Senate Report", "named", "document"), "Senate Report"),  # unscored: not a person or organization
    (ref(7, None, kind="person"), "Clinton"),  # unscored: no name
]


def _score(cases=CASES, errors=0, extra_gold=(), extra_claims=()):
    quotes = [gq(20 * i, "he") for i in range(len(cases))] + list(extra_gold)
    article = gold_article({"id": "a", "text": TEXT, "outlet": None, "quotes": quotes})
    claims = [claim(20 * i, name, f"q{i}") for i, (_, name) in enumerate(cases)] + list(extra_claims)
    record = {"id": "a", "article": {}, "claims": claims, "error": None}
    referents = {(r.article, r.quote): r for r, _ in cases}
    return score_identity([article], [record], referents, errors=errors)


def counts(row):
    return (row.right, row.wrong, row.no_name)


def test_rows_count_right_wrong_and_no_name():
    identity = _score()
    assert {label: counts(row) for label, row in identity.rows.items()} == {
        "pronoun": (1, 1, 0),
        "named": (1, 0, 1),
        "all": (2, 1, 1),
        "pronoun, sure": (1, 0, 0),
        "named, sure": (1, 0, 1),
        "all, sure": (2, 0, 1),
    }
    assert identity.unscored == 4
    assert identity.examples == []


@pytest.mark.parametrize(
    "label,total,given_right",
    [("pronoun", 2, 0.5), ("named", 2, 1.0), ("all", 4, 2 / 3), ("all, sure", 3, 1.0)],
)
def test_given_right_is_right_of_names_given(label, total, given_right):
    row = _score().rows[label]
    assert row.total == total
    assert row.given_right == pytest.approx(given_right)


def test_unmatched_quotes_and_quotes_without_a_referent_are_not_counted():
    identity = _score(
        extra_gold=[gq(200, "she")],  # matched, but no referent
        extra_claims=[claim(240, "Bill Clinton", "q9")],  # a false alarm
    )
    assert (identity.rows["all"].total, identity.unscored) == (4, 4)
    article = gold_article({"id": "a", "text": TEXT, "outlet": None, "quotes": [gq(0, "he"), gq(100, "he")]})
    record = {"id": "a", "claims": [claim(0, "Bill Clinton", "q1")], "error": None}
    missed = score_identity([article], [record], {("a", 1): ref(1, "Ted Cruz")})  # quote 1 has no claim
    assert (missed.rows["all"].total, missed.unscored) == (0, 0)


def test_a_failed_article_has_no_claims():
    article = gold_article({"id": "a", "text": TEXT, "outlet": None, "quotes": [gq(0, "he")]})
    record = {"id": "a", "claims": [claim(0, "Clinton", "q1")], "error": {"code": "E007", "message": "m"}}
    identity = score_identity([article], [record], {("a", 0): ref(0, "Hillary Clinton")})
    assert identity.rows["all"].total == 0


@pytest.mark.parametrize("errors,expected", [(0, []), (1, ["q1"]), (5, ["q1", "q8"])])
def test_errors_gives_examples_of_wrong_entities(errors, expected):
    cases = CASES + [(ref(8, "Ted Cruz", "named"), "Rafael Cruz")]
    identity = _score(cases, errors=errors)
    assert [e["claim"] for e in identity.examples] == expected
    if errors:
        assert identity.examples[0] == {
            "article": "a",
            "claim": "q1",
            "q": 1,
            "source": "pronoun",
            "gold_speaker": "he",
            "referent": "Hillary Clinton",
            "mention": "Bill Clinton",
            "name": "Bill Clinton",
            "resolution": "coref",
            "content": TEXT[20:30],
        }


def test_json_rows():
    data = json.loads(json.dumps(_score(errors=1).to_dict()))
    assert list(data["rows"]) == list(speaker_identity.ROW_LABELS)
    assert data["rows"]["pronoun"] == {
        "total": 2,
        "right": 1,
        "wrong_entity": 1,
        "no_name": 0,
        "share_right": 0.5,
        "share_wrong": 0.5,
        "share_no_name": 0.0,
        "given_right": 0.5,
    }
    assert data["unscored"] == 4
    assert [e["name"] for e in data["examples"]] == ["Bill Clinton"]


def test_format_identity_has_the_rows_and_examples():
    report = format_identity(_score(errors=3))
    assert report.startswith(speaker_identity.HEADER + "\n")
    labelled = {line[2:16].strip(): line[16:].split() for line in report.splitlines()}
    rows = {label: cells for label, cells in labelled.items() if label in speaker_identity.ROW_LABELS}
    assert rows["pronoun"] == ["2", "0.500", "0.500", "0.000", "0.500"]
    assert rows["named"] == ["2", "0.500", "0.000", "0.500", "1.000"]
    assert rows["all, sure"] == ["3", "0.667", "0.000", "0.333", "1.000"]
    assert len(rows) == 6
    assert "  4 matched quotes have a group, unnamed or document source (not scored)" in report
    assert "wrong entities (1):" in report
    assert "-> Hillary Clinton | mention: Bill Clinton | name: Bill Clinton (coref)" in report
    assert "wrong entities" not in format_identity(_score())


def test_the_definitions_are_written_down():
    doc, header = (" ".join(text.split()) for text in (speaker_identity.__doc__, speaker_identity.HEADER))
    for words in ("middle initials", "Jr./Sr./II/III", "nickname", "lone first name", "acronym", '"A and B"'):
        assert words in doc and words in header
