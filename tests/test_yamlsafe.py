import datetime

import pytest

from quotes.errors import QuotesError
from quotes.yamlsafe import load_yaml


@pytest.mark.parametrize(
    "text,expected",
    [
        ("a: no", "no"),
        ("a: yes", "yes"),
        ("a: on", "on"),
        ("a: off", "off"),
        ("a: No", "No"),
        ("a: y", "y"),
        ("a: true", True),
        ("a: false", False),
        ("a: True", True),
        ("a: 'true'", "true"),
        ("a: 3", 3),
        ("a: null", None),
        ("a: 2018-04-02", datetime.date(2018, 4, 2)),
        ("a: '2018-04-02'", "2018-04-02"),
    ],
)
def test_scalars(text, expected):
    data, _, problems = load_yaml(text, "f.yaml")
    assert problems == []
    assert data == {"a": expected}
    assert type(data["a"]) is type(expected)


def test_marks_give_line_and_column_of_each_value():
    data, marks, _ = load_yaml("id: x\nlist:\n  - one\n  - {k: v}\n", "f.yaml")
    assert marks[("id",)] == (1, 5)
    assert marks[("list", 0)] == (3, 5)
    assert marks[("list", 1, "k")] == (4, 9)


@pytest.mark.parametrize(
    "text,line,column",
    [
        ("a: 1\nb: 2\na: 3\n", 3, 1),
        ("outer:\n  k: 1\n  j: 2\n  k: 3\n", 4, 3),
        ("- {x: 1, x: 2}\n", 1, 10),
    ],
)
def test_duplicate_key_is_e101_at_the_second_key(text, line, column):
    _, _, problems = load_yaml(text, "f.yaml")
    assert [p.code for p in problems] == ["E101"]
    assert (problems[0].location.line, problems[0].location.column) == (line, column)
    assert str(problems[0]).startswith(f"E101 f.yaml:{line}:{column} duplicate key")


def test_every_duplicate_key_is_reported_and_the_first_value_kept():
    data, _, problems = load_yaml("a: 1\nb: 2\na: 3\nb: 4\n", "f.yaml")
    assert data == {"a": 1, "b": 2}
    assert [(p.code, p.location.line) for p in problems] == [("E101", 3), ("E101", 4)]


@pytest.mark.parametrize(
    "text,line",
    [
        ("a: [1, 2\nb: 3\n", 2),
        ("a: 1\n  b: 2\n", 2),
        ("a: 'unclosed\n", 2),
        ("a: 1\n\tb: 2\n", 2),
        ("---\na: 1\n---\nb: 2\n", 3),
    ],
)
def test_syntax_error_is_e100_with_line(text, line):
    with pytest.raises(QuotesError) as info:
        load_yaml(text, "f.yaml")
    assert info.value.code == "E100"
    assert info.value.location.line == line


# A tag on a scalar once escaped as yaml.ConstructorError (a traceback in
# `quotes rules check`) and a tag on a list or mapping was silently dropped.
@pytest.mark.parametrize(
    "text",
    [
        "a: !!python/object:os.system x",
        "a: !!python/name:os.system ''",
        "a: !!python/object/apply:os.system [echo hacked]",
        "a: !!python/object/new:collections.OrderedDict {}",
        "a: !!python/tuple [1, 2]",
        "a: !custom x",
    ],
)
def test_python_tags_are_refused_as_e100(text):
    with pytest.raises(QuotesError) as info:
        load_yaml(text, "f.yaml")
    assert info.value.code == "E100"
    assert info.value.location.line == 1
