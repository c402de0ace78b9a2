import datetime
import json
import textwrap

import pytest

from quotes.records import (
    Article,
    Claim,
    Extraction,
    Mention,
    Source,
    Speaker,
    TextSpan,
)
from quotes.rules.inline_tests import (
    ARTICLE_FIELDS,
    CLAIM_FIELDS,
    article_mismatches,
    check_test,
    claim_matches,
    run_rule_tests,
    unmatched_claims,
)
from quotes.rules.layering import check_rules
from quotes.rules.reading import read_rule_file
from quotes.rules.ruleset import builtin_rules_dir


def claim(
    text="“We are ready,” she said.",
    type="direct",
    name="Jane Roe",
    mention="she",
    role="Defence Minister",
    affiliation="China",
    cue="said",
    via=None,
    rule="cues.reporting-verbs",
    id="q1",
) -> Claim:
    return Claim(
        id=id,
        type=type,
        text=text,
        spans=[TextSpan(0, len(text))],
        cue=Mention(cue, 0, len(cue)) if cue is not None else None,
        speaker=Speaker(name, Mention(mention, 0, len(mention)) if mention is not None else None, role, affiliation),
        source=Source(outlet=None, via=via),
        rule=rule,
        confidence=0.9,
    )


@pytest.mark.parametrize(
    "expected,result",
    [
        ({}, True),
        ({"type": "direct"}, True),
        ({"type": "indirect"}, False),
        ({"speaker": "Jane Roe"}, True),
        ({"speaker": "jane roe"}, False),
        ({"speaker": None}, False),
        ({"mention": "she"}, True),
        ({"mention": "She"}, False),
        ({"role": "defence minister"}, True),
        ({"role": "DEFENCE MINISTER"}, True),
        ({"role": "minister"}, False),
        ({"role": None}, False),
        ({"affiliation": "china"}, True),
        ({"affiliation": "Chinese"}, False),
        ({"cue": "said"}, True),
        ({"cue": "says"}, False),
        ({"cue": None}, False),
        ({"via": None}, True),
        ({"via": "Reuters"}, False),
        ({"starts": "We are ready"}, True),
        ({"starts": "“We are ready"}, True),
        ({"starts": "We are"}, True),
        ({"starts": "are ready"}, False),
        ({"starts": "We are ready,” she said. And more"}, False),
        ({"rule": "cues.reporting-verbs"}, True),
        ({"rule": "cues"}, False),
        ({"type": "direct", "speaker": "Jane Roe", "cue": "said", "starts": "We"}, True),
        ({"type": "direct", "speaker": "Jane Roe", "cue": "told", "starts": "We"}, False),
    ],
)
def test_claim_matches(expected, result):
    assert claim_matches(expected, claim()) is result


@pytest.mark.parametrize(
    "expected,result",
    [
        ({"speaker": None}, True),
        ({"mention": None}, True),
        ({"role": None}, True),
        ({"affiliation": None}, True),
        ({"cue": None}, True),
        ({"via": "Tass"}, True),
        ({"speaker": "Jane Roe"}, False),
        ({"mention": "she"}, False),
        ({"role": "minister"}, False),
        ({"cue": "said"}, False),
        ({"via": None}, False),
    ],
)
def test_claim_matches_missing_values(expected, result):
    bare = claim(name=None, mention=None, role=None, affiliation=None, cue=None, via="Tass")
    assert claim_matches(expected, bare) is result


@pytest.mark.parametrize(
    "text,starts,result",
    [
        ("“nothing” would change", "“nothing” would change", True),
        ("“nothing” would change", "nothing” would change", True),
        ('  "Talks are over"', "Talks are over", True),
        ("‘Quoted’ words", "Quoted", True),
        ("the plan\nhad  failed", "the plan had failed", True),
        ("the plan had failed", "The plan had failed", False),
        ("nothing would change", "“nothing” would", False),
    ],
)
def test_starts_ignores_opening_marks_and_spacing(text, starts, result):
    assert claim_matches({"starts": starts}, claim(text=text)) is result


@pytest.mark.parametrize(
    "expected,result",
    [
        ("cues.reporting-verbs#speech", True),
        ("cues.reporting-verbs", True),
        ("cues.reporting-verbs#cognition", False),
        ("cues.reporting", False),
        ("cues", False),
    ],
)
def test_rule_names_the_file_or_the_part(expected, result):
    assert claim_matches({"rule": expected}, claim(rule="cues.reporting-verbs#speech")) is result


def test_unknown_field_is_an_error_not_a_pass():
    with pytest.raises(KeyError, match="speakr"):
        claim_matches({"speakr": "Jane Roe"}, claim())


@pytest.mark.parametrize("schema", sorted((builtin_rules_dir() / "schemas").glob("*.schema.json")), ids=lambda p: p.name)
def test_every_field_a_rule_file_may_expect_has_a_comparison(schema):
    defs = json.loads(schema.read_text(encoding="utf-8"))["$defs"]
    assert set(defs["expected_claim"]["properties"]) == set(CLAIM_FIELDS)
    assert set(defs["expected_article"]["properties"]) == set(ARTICLE_FIELDS)


@pytest.mark.parametrize(
    "expected,claims,unmatched",
    [
        ([], [], []),
        ([{"type": "direct"}], [], [0]),
        ([{"type": "direct"}], [claim()], []),
        # Two expectations cannot share one claim.
        ([{"type": "direct"}, {"mention": "she"}], [claim()], [1]),
        ([{"type": "direct"}, {"type": "direct"}], [claim(id="q1"), claim(id="q2")], []),
        # The loose expectation must leave the only "he" claim to the strict one.
        (
            [{"type": "direct"}, {"type": "direct", "mention": "he"}],
            [claim(id="q1", mention="he"), claim(id="q2", mention="she")],
            [],
        ),
        (
            [{"mention": "he"}, {"type": "direct"}],
            [claim(id="q1", mention="he", type="indirect"), claim(id="q2", mention="he")],
            [],
        ),
        ([{"type": "mixed"}, {"type": "direct"}], [claim(), claim(id="q2")], [0]),
    ],
)
def test_unmatched_claims(expected, claims, unmatched):
    assert unmatched_claims(expected, claims) == [expected[i] for i in unmatched]


ARTICLE = Article("Global Times", "Li Qingqing", None, "2019-11-05", "opinion", "A fair deal")


@pytest.mark.parametrize(
    "expected,problems",
    [
        ({}, []),
        ({"outlet": "Global Times", "author": "Li Qingqing"}, []),
        ({"published": "2019-11-05"}, []),
        ({"published": datetime.date(2019, 11, 5)}, []),
        ({"author_affiliation": None}, []),
        ({"outlet": "global times"}, ["outlet"]),
        ({"title": None}, ["title"]),
        ({"kind": "news", "published": "2019-11-5"}, ["kind", "published"]),
    ],
)
def test_article_mismatches(expected, problems):
    found = article_mismatches(expected, ARTICLE)
    assert [p.split(":")[0].removeprefix("article ") for p in found] == problems


def test_unknown_article_field_is_an_error():
    with pytest.raises(KeyError, match="date"):
        article_mismatches({"date": "2019-11-05"}, ARTICLE)


@pytest.fixture(scope="module")
def builtins():
    files, problems = check_rules()
    assert not problems
    return {f.id: f for f in files}


@pytest.mark.parametrize(
    "test,claims,passes",
    [
        ({"match": "x", "expect": [{"type": "direct", "mention": "she"}]}, [claim()], True),
        ({"match": "x", "expect": [{"type": "indirect"}]}, [claim()], False),
        ({"match": "x", "expect": [{"type": "direct"}]}, [], False),
        ({"match": "x", "expect": []}, [], True),
        ({"match": "x", "expect": []}, [claim()], False),
        ({"match": "x"}, [claim()], True),
        ({"match": "x"}, [], False),
        ({"no_match": "x"}, [], True),
        ({"no_match": "x"}, [claim()], False),
    ],
)
def test_check_test_for_claim_rules(builtins, test, claims, passes):
    extraction = Extraction(Article(), claims)
    assert (check_test(builtins["cues.reporting-verbs"], test, extraction) is None) is passes


@pytest.mark.parametrize(
    "test,article,passes",
    [
        ({"match": "x", "article": {"outlet": "Global Times", "kind": "opinion"}}, ARTICLE, True),
        ({"match": "x", "article": {"author": "Someone Else"}}, ARTICLE, False),
        ({"match": "x"}, ARTICLE, True),
        ({"match": "x"}, Article(outlet="South China Morning Post"), False),
        ({"no_match": "x"}, Article(outlet="South China Morning Post"), True),
        ({"no_match": "x"}, Article(), True),
        ({"no_match": "x"}, ARTICLE, False),
        ({"match": "x", "article": {"outlet": "Global Times"}, "expect": []}, ARTICLE, False),
    ],
)
def test_check_test_for_outlet_rules(builtins, test, article, passes):
    # A claim in the text does not make an outlet's no_match fail.
    extraction = Extraction(article, [claim()])
    assert (check_test(builtins["outlets.global-times"], test, extraction) is None) is passes


def test_failure_message_names_the_missing_claim_and_the_nearest(builtins):
    test = {"match": "x", "expect": [{"type": "direct", "speaker": "Wei Fenghe"}]}
    message = check_test(builtins["cues.reporting-verbs"], test, Extraction(Article(), [claim()]))
    assert "speaker='Wei Fenghe'" in message
    assert "speaker='Jane Roe'" in message


# -- running the tests through the extractor ------------------------------


def test_builtin_rule_tests_pass():
    files, _ = check_rules()
    results = run_rule_tests(files)
    assert [r for r in results if r.status == "failed"] == []
    assert len(results) == sum(len(f.tests) for f in files)


def test_results_carry_status_and_line(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(
        textwrap.dedent(
            """\
            id: my.people
            kind: people
            description: tests of every status
            tests:
              - no_match: "The weather was fine on Sunday."
              - match: "The weather was fine on Sunday."
              - match: "The weather was fine on Sunday."
                todo: nobody speaks here
              - no_match: "The weather was fine on Sunday."
                todo: already passes
            """
        ),
        encoding="utf-8",
    )
    rule, problems = read_rule_file(path)
    assert problems == []
    results = run_rule_tests([rule], [tmp_path])
    assert [(r.rule, r.line, r.status) for r in results] == [
        ("my.people", 5, "passed"),
        ("my.people", 6, "failed"),
        ("my.people", 7, "todo-failing"),
        ("my.people", 9, "todo-passing"),
    ]
    assert "nobody speaks here" in results[2].message
    assert "remove the todo" in results[3].message
