"""Rule-file errors in an editor's words: what is wrong, where, and what to do."""

import pytest

from quotes.rules.messages import yaml_problem
from quotes.rules.reading import read_rule_file
from quotes.rules.ruleset import RULE_KINDS

OUTLET = "id: my.outlet\nkind: outlet\ndescription: d\noutlet:\n  name: Ledger\n"
VERBS = "id: my.verbs\nkind: reporting_verbs\ndescription: d\ngroups:\n  - name: speech\n    confidence: 0.9\n    lemmas: [say]\n"


def _problems(tmp_path, text):
    path = tmp_path / "rule.yaml"
    path.write_text(text, encoding="utf-8")
    rule, problems = read_rule_file(path)
    assert rule is None
    return [(p.code, p.location.line, p.detail) for p in problems]


@pytest.mark.parametrize(
    "text,code,line,words",
    [
        # A misspelt key: the nearest allowed key, and every allowed key.
        (
            OUTLET + "  domain: [ledger.example]\n",
            "E102",
            6,
            "unknown key 'domain' in `outlet` (did you mean 'domains'?); the keys allowed here: agency, aliases, ",
        ),
        (
            OUTLET.replace("description: d\n", "descripton: d\n"),
            "E102",
            3,
            "unknown key 'descripton' (did you mean 'description'?)",
        ),
        # A missing key is named, with what to add.
        (
            OUTLET.replace("  name: Ledger\n", "  aliases: [Ledger]\n"),
            "E102",
            5,
            "`outlet` lacks the key 'name': add `name: ...`",
        ),
        # A value of the wrong type: the type wanted, and the value found.
        (VERBS.replace("0.9", "high"), "E102", 6, "`groups` > item 1 > `confidence` must be a number, not the text 'high'"),
        (
            VERBS.replace("[say]", "say"),
            "E102",
            7,
            "`groups` > item 1 > `lemmas` must be a list ([a, b] or one `- item` a line), not the text 'say'",
        ),
        (VERBS.replace("0.9", "1.5"), "E102", 6, "`groups` > item 1 > `confidence` must be at most 1, not 1.5"),
        (
            OUTLET + "  kind: newz\n",
            "E102",
            6,
            "`outlet` > `kind` must be 'news' or 'opinion', not the text 'newz' (did you mean 'news'?)",
        ),
        # YAML reads "\d" in double quotes as an escape it does not know.
        (
            OUTLET + '  signatures: ["^By (\\d{4})"]\n',
            "E100",
            6,
            "found unknown escape character 'd'; inside double quotes a backslash starts an escape such as \\n: "
            "write the pattern in single quotes",
        ),
        # The kinds are listed, for a file without one and for a misspelt one.
        (
            "id: my.x\ndescription: d\n",
            "E107",
            1,
            "the file has no `kind:`; a rule file names what it holds with one of: " + ", ".join(RULE_KINDS),
        ),
        (
            "id: my.x\nkind: boilerplat\ndescription: d\n",
            "E107",
            2,
            "unknown rule kind 'boilerplat' (did you mean 'boilerplate'?); the kinds are: ",
        ),
        # A test names a part its file does not have.
        (
            VERBS + "tests:\n  - {match: 'He said it would rain.', part: speach}\n",
            "E115",
            9,
            "the test names part 'speach', which this file does not have (its parts: speech)",
        ),
    ],
)
def test_a_broken_rule_file_says_what_to_do(tmp_path, text, code, line, words):
    problems = _problems(tmp_path, text)
    assert [(c, n) for c, n, _ in problems] == [(code, line)]
    assert words in problems[0][2]


@pytest.mark.parametrize(
    "problem,hint",
    [
        ("mapping values are not allowed here", "put a value that holds one in quotes"),
        ("found character '\\t' that cannot start any token", "YAML indents with spaces, never tabs"),
        ("found undefined alias 'x'", "put the value in quotes"),
    ],
)
def test_yaml_problems_with_a_usual_cause_get_a_hint(problem, hint):
    assert yaml_problem(problem).startswith(problem + "; ")
    assert hint in yaml_problem(problem)


def test_a_yaml_problem_without_a_usual_cause_stays_as_it_is():
    assert yaml_problem("expected a single document in the stream") == "expected a single document in the stream"
