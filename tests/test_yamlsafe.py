import datetime

import pytest

from quotes.errors import QuotesError
from quotes.rules.reading import read_rule_file
from quotes.rules.ruleset import builtin_rules_dir
from quotes.rules.yamlsafe import MAX_BYTES, MAX_DEPTH, load_yaml, read_yaml_file


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


# Anchors and aliases are refused at the first one, before any alias is
# expanded: nine lines of nested aliases ("billion laughs") once grew past
# 6 GB. The CLI side, with the whole nine levels, is in test_user_rules.py.
@pytest.mark.parametrize(
    "text,line,column,name",
    [
        ("a: &x 1\nb: *x\n", 1, 4, "&x"),
        ("a: 1\nb: [&x lol, *x]\n", 2, 5, "&x"),
        ("a: &a [lol, lol]\nb: &b [*a, *a]\nc: [*b, *b]\n", 1, 4, "&a"),
        ("base: &base {k: 1}\nother:\n  <<: *base\n", 1, 7, "&base"),
        ("a: 1\nb: *nowhere\n", 2, 4, "*nowhere"),
        ("- &item\n  k: v\n", 1, 3, "&item"),
    ],
)
def test_anchors_and_aliases_are_e112_at_the_first(text, line, column, name):
    with pytest.raises(QuotesError) as info:
        load_yaml(text, "f.yaml")
    assert info.value.code == "E112"
    assert str(info.value).startswith(f"E112 f.yaml:{line}:{column} YAML ")
    assert f"'{name}' refused" in str(info.value)


def _of_size(size: int) -> str:
    """A valid one-key YAML document of exactly `size` UTF-8 bytes."""
    return "a: " + "x" * (size - 4) + "\n"


@pytest.mark.parametrize("size,refused", [(MAX_BYTES, False), (MAX_BYTES + 1, True), (50 * MAX_BYTES, True)])
def test_a_file_over_the_size_limit_is_e113(tmp_path, size, refused):
    path = tmp_path / "big.yaml"
    path.write_text(_of_size(size), encoding="utf-8")
    assert path.stat().st_size == size
    if not refused:
        assert read_yaml_file(path, "big.yaml")[0] == {"a": "x" * (size - 4)}
        return
    with pytest.raises(QuotesError) as info:
        read_yaml_file(path, "big.yaml")
    assert str(info.value).startswith("E113 big.yaml the file is larger than 256 KiB")


def test_the_size_limit_counts_bytes_not_characters():
    text = "a: " + "é" * (MAX_BYTES // 2)  # fewer characters than the limit, more bytes
    assert len(text) < MAX_BYTES
    with pytest.raises(QuotesError) as info:
        load_yaml(text, "f.yaml")
    assert info.value.code == "E113"


def _nested(depth: int, flow: str) -> str:
    if flow == "list":
        return "[" * depth + "]" * depth
    if flow == "dict":
        return "{a: " * depth + "1" + "}" * depth
    return "".join(f"{'  ' * level}k{level}:\n" for level in range(depth)) + "  " * depth + "leaf\n"


@pytest.mark.parametrize(
    "depth,shape,where",
    [
        (40, "list", (1, MAX_DEPTH + 1)),
        (40, "dict", (1, 4 * MAX_DEPTH + 1)),
        (40, "block", (MAX_DEPTH + 1, 2 * MAX_DEPTH + 1)),
        # Once a RecursionError traceback, not a coded error.
        (5000, "list", (1, MAX_DEPTH + 1)),
        (MAX_DEPTH, "list", None),
        (MAX_DEPTH, "dict", None),
    ],
)
def test_nesting_deeper_than_the_limit_is_e114(depth, shape, where):
    text = _nested(depth, shape)
    if where is None:
        assert load_yaml(text, "f.yaml")[2] == []
        return
    with pytest.raises(QuotesError) as info:
        load_yaml(text, "f.yaml")
    assert str(info.value).startswith(f"E114 f.yaml:{where[0]}:{where[1]} lists and mappings nested more than 32")


# A list, mapping or tagged value as a key was a TypeError or ConstructorError
# traceback in `quotes rules check`.
@pytest.mark.parametrize(
    "text,line,column",
    [
        ("? [a]\n: 1\n", 1, 3),
        ("? {a: 1}\n: 1\n", 1, 3),
        ("? !!python/object:os.system x\n: 1\n", 1, 3),
        ("<<: {a: 1}\n", 1, 1),
    ],
)
def test_a_key_must_be_a_plain_value(text, line, column):
    with pytest.raises(QuotesError) as info:
        load_yaml(text, "f.yaml")
    assert info.value.code == "E100"
    assert (info.value.location.line, info.value.location.column) == (line, column)


BUILTIN = sorted(p for p in builtin_rules_dir().rglob("*.yaml"))


@pytest.mark.parametrize("path", BUILTIN, ids=lambda p: p.name)
def test_every_builtin_rule_file_passes_the_limits(path):
    data, _, problems = read_yaml_file(path, str(path))
    assert problems == []
    assert data["id"] and data["kind"]


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_an_ordinary_rule_file_copied_from_rules_still_loads(tmp_path, newline):
    original = builtin_rules_dir() / "outlets" / "guardian.yaml"
    copy = tmp_path / "outlets" / "guardian.yaml"
    copy.parent.mkdir()
    copy.write_bytes(original.read_text(encoding="utf-8").replace("\n", newline).encode("utf-8"))
    rule, problems = read_rule_file(copy)
    assert problems == []
    assert rule.data == read_rule_file(original)[0].data
    assert rule.marks == read_rule_file(original)[0].marks
