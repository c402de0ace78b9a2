import textwrap
from pathlib import Path

import pytest

from quotes.rules.layering import check_rules
from quotes.rules.merging import load_rules
from quotes.rules.reading import read_rule_file
from quotes.rules.ruleset import RULE_KINDS, RulesInvalid, builtin_rules_dir

VERBS = """\
id: my.verbs
kind: reporting_verbs
description: test verbs
groups:
  - name: speech
    confidence: 0.9
    lemmas: [say, tell]
"""


def _rule(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _problems(path):
    rule, problems = read_rule_file(path)
    assert rule is None
    return [(p.code, p.location.line) for p in problems], problems


def test_builtin_rules_load_without_problems():
    files, problems = check_rules()
    assert [str(p) for p in problems] == []
    # `disable` is for user folders: the built-ins switch nothing off.
    assert {f.kind for f in files} == set(RULE_KINDS) - {"disable"}
    assert all(f.path.startswith(str(builtin_rules_dir())) for f in files)


def test_builtin_rules_build_a_ruleset():
    rules = load_rules()
    assert rules.verbs["say"].group == "speech"
    assert rules.outlet_named("scmp").name == "South China Morning Post"
    assert rules.outlet_named("Daily Nowhere") is None


def test_a_valid_user_file_loads(tmp_path):
    rule, problems = read_rule_file(_rule(tmp_path, "verbs.yaml", VERBS))
    assert problems == []
    assert (rule.id, rule.kind) == ("my.verbs", "reporting_verbs")
    assert rule.location("groups", 0, "lemmas").line == 7


@pytest.mark.parametrize(
    "kind,body,line",
    [
        ("boilerplate", "lines:\n  - {label: ad, pattern: fine}\n  - label: bad\n    pattern: '(unclosed'\n", 7),
        ("boilerplate", "lines:\n  - {label: ad, pattern: 'a)b'}\n", 5),
        ("outlet", "outlet:\n  name: X\n  signatures: ['ok', '[z-a]']\n", 6),
        ("outlet", "outlet:\n  name: X\n  fields:\n    author: '(?P<value>x'\n", 7),
    ],
)
def test_bad_regex_is_reported_at_its_line(tmp_path, kind, body, line):
    path = _rule(tmp_path, "r.yaml", f"id: my.rule\nkind: {kind}\ndescription: d\n{body}")
    found, problems = _problems(path)
    assert [at for _, at in found] == [line]
    assert f"r.yaml:{line}:" in str(problems[0])


def test_bad_regex_is_e103(tmp_path):
    body = "lines:\n  - {label: ad, pattern: fine}\n  - label: bad\n    pattern: '(unclosed'\n"
    path = _rule(tmp_path, "r.yaml", f"id: my.rule\nkind: boilerplate\ndescription: d\n{body}")
    found, problems = _problems(path)
    assert found == [("E103", 7)]
    assert "missing )" in str(problems[0])


@pytest.mark.parametrize(
    "pattern,words",
    [
        ("[{LOWER: according}, {NOSUCHATTR: to}]", "NOSUCHATTR"),
        ("[{LOWER: {NOT_AN_OP: [a]}}]", "NOT_AN_OP"),
        ("[{OP: '?!'}]", "OP"),
    ],
)
def test_bad_token_pattern_is_e104_at_the_pattern(tmp_path, pattern, words):
    path = _rule(
        tmp_path,
        "phrases.yaml",
        f"""\
        id: my.phrases
        kind: indirect_quote
        description: d
        phrases:
          - name: fine
            pattern: [{{LOWER: said}}]
            speaker: subject
            confidence: 0.5
          - name: broken
            pattern: {pattern}
            speaker: object
            confidence: 0.5
        """,
    )
    found, problems = _problems(path)
    assert found == [("E104", 10)]
    assert words in str(problems[0])


@pytest.mark.parametrize("kind,line", [("verbs", 2), ("null", 2), ("[outlet]", 2)])
def test_unknown_kind_is_e107(tmp_path, kind, line):
    path = _rule(tmp_path, "k.yaml", f"id: my.kind\nkind: {kind}\ndescription: d\n")
    assert _problems(path)[0] == [("E107", line)]


def test_missing_kind_is_e107(tmp_path):
    path = _rule(tmp_path, "k.yaml", "id: my.kind\ndescription: d\n")
    assert _problems(path)[0][0][0] == "E107"


@pytest.mark.parametrize(
    "text,line,words",
    [
        (
            VERBS.replace("confidence: 0.9", "confidence: high"),
            6,
            "`groups` > item 1 > `confidence` must be a number, not the text 'high'",
        ),
        (
            VERBS.replace("[say, tell]", "say"),
            7,
            "`groups` > item 1 > `lemmas` must be a list ([a, b] or one `- item` a line), not the text 'say'",
        ),
        (VERBS.replace("id: my.verbs", "id: My Verbs"), 1, "`id` 'My Verbs' is not in the form wanted"),
        (VERBS.replace("description: test verbs\n", ""), 1, "the file lacks the key 'description': add `description: ...`"),
        (VERBS + "tests:\n  - {match: x, no_match: y}\n", 9, "is not valid under any"),
        (
            VERBS + "tests:\n  - {match: x, expect: [{speakr: X}]}\n",
            9,
            "unknown key 'speakr' in `tests` > item 1 > `expect` > item 1 (did you mean 'speaker'?); the keys allowed here: ",
        ),
        (VERBS + "tests:\n  - {no_match: x, article: {outlet: X}}\n", 9, "is not valid under any"),
    ],
)
def test_schema_problems_are_e102_with_line(tmp_path, text, line, words):
    found, problems = _problems(_rule(tmp_path, "v.yaml", text))
    assert found == [("E102", line)]
    assert words in str(problems[0])


def test_unknown_key_is_e102_inside_its_item(tmp_path):
    text = VERBS + "  - name: other\n    confidence: 0.5\n    lemmas: [tell]\n    colour: red\n"
    found, problems = _problems(_rule(tmp_path, "v.yaml", text))
    [(code, line)] = found
    assert code == "E102"
    assert 8 <= line <= 11  # the item holding the key, not the top of the file
    shown = str(problems[0])
    assert "unknown key 'colour' in `groups` > item 2; the keys allowed here: confidence, content, " in shown
    assert "did you mean" not in shown  # no key is near enough to guess


def test_every_problem_of_a_file_is_reported(tmp_path):
    text = VERBS.replace("confidence: 0.9", "confidence: 2") + "extra: 1\n"
    found, _ = _problems(_rule(tmp_path, "v.yaml", text))
    assert [code for code, _ in found] == ["E102", "E102"]


@pytest.mark.parametrize(
    "data,code,line",
    [
        (b"id: a\nkind: [\n", "E100", 3),
        (b"id: a\nkind: relays\ndescription: d\nagencies: [X]\nid: b\n", "E101", 5),
        (b"id: caf\xe9\n", "E106", None),
        (b"- just\n- a list\n", "E102", 1),
    ],
)
def test_unreadable_files(tmp_path, data, code, line):
    path = tmp_path / "bad.yaml"
    path.write_bytes(data)
    assert _problems(path)[0] == [(code, line)]


def test_duplicate_id_across_files_is_e105(tmp_path):
    _rule(tmp_path, "a.yaml", VERBS)
    _rule(tmp_path, "b.yaml", "# the same id again\n" + VERBS)
    files, problems = check_rules([tmp_path])
    assert [(p.code, p.location.path, p.location.line) for p in problems] == [("E105", str(tmp_path / "b.yaml"), 2)]
    assert str(tmp_path / "a.yaml") in str(problems[0])
    assert [f.path for f in files if f.id == "my.verbs"] == [str(tmp_path / "a.yaml")]


def test_a_user_file_cannot_reuse_a_builtin_id(tmp_path):
    _rule(tmp_path, "relays.yaml", "id: cues.relays\nkind: relays\ndescription: d\nagencies: [X]\n")
    _, problems = check_rules([tmp_path])
    assert [p.code for p in problems] == ["E105"]


def test_problems_across_files_are_all_collected(tmp_path):
    _rule(tmp_path, "a.yaml", VERBS.replace("0.9", "high"))
    (tmp_path / "sub").mkdir()
    _rule(tmp_path, "sub/b.yaml", "id: x\nkind: nope\ndescription: d\n")
    _rule(tmp_path, "c.yml", VERBS.replace("my.verbs", "my.other"))
    _rule(tmp_path, "notes.txt", "not a rule file")
    files, problems = check_rules([tmp_path])
    assert sorted(p.code for p in problems) == ["E102", "E107"]
    assert "my.other" in {f.id for f in files}


def test_missing_folder_is_e108(tmp_path):
    _, problems = check_rules([tmp_path / "nowhere"])
    assert [p.code for p in problems] == ["E108"]


def test_load_rules_refuses_broken_rules(tmp_path):
    _rule(tmp_path, "a.yaml", VERBS.replace("0.9", "high"))
    with pytest.raises(RulesInvalid) as info:
        load_rules([tmp_path])
    assert [p.code for p in info.value.problems] == ["E102"]


@pytest.mark.parametrize(
    ("lemma", "group", "content", "in_opinion", "questions"),
    [
        ("say", "speech", ("clause",), True, False),
        ("note", "statement", ("clause", "object"), True, False),
        ("want", "intention", ("clause", "infinitive", "object"), False, False),
        ("ask", "inquiry", ("clause", "object"), True, True),
    ],
)
def test_verb_groups_carry_their_settings(lemma, group, content, in_opinion, questions):
    word = load_rules().verbs[lemma]
    assert (word.group, word.content, word.in_opinion, word.questions) == (group, content, in_opinion, questions)


@pytest.mark.parametrize(("lemma", "prepositions"), [("speak", frozenset({"about", "of", "on"})), ("say", frozenset())])
def test_a_verb_group_may_restrict_its_objects_to_prepositions(lemma, prepositions):
    assert load_rules().verbs[lemma].prepositions == prepositions


@pytest.mark.parametrize("rule", check_rules()[0], ids=lambda r: r.id)
def test_each_builtin_file_names_its_schema_and_carries_tests(rule):
    path = Path(rule.path)
    first = path.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema=../schemas/{rule.kind}.schema.json"
    assert (path.parent / "../schemas" / f"{rule.kind}.schema.json").resolve().is_file()
    assert rule.tests, "every rule file shows what it catches"
    assert any("no_match" in t for t in rule.tests) or rule.kind not in {"outlet", "boilerplate"}
