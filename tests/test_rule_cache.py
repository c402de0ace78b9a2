"""The disk cache of validated rule files: an unchanged file is not validated
again, and nothing about the cache can make a run fail or hide a problem."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest

from quotes.errors import QuotesError
from quotes.rules import parsed, reading, validated, yamlsafe
from quotes.rules.layering import check_rules
from quotes.rules.merging import load_rules
from quotes.rules.ruleset import RulesInvalid, builtin_rules_dir

VERBS = """\
id: cache.verbs
kind: reporting_verbs
description: verbs for the cache tests
groups:
  - name: speech
    confidence: 0.9
    lemmas: [say, tell]
"""

BAD_REGEX = """\
id: cache.bad
kind: boilerplate
description: a line pattern that does not compile
lines:
  - label: broken
    pattern: "([a-z"
"""


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(validated.CACHE_ENV, str(folder))
    return folder


@pytest.fixture
def validations(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths of the files validated against their schema, in order."""
    seen: list[str] = []
    real = reading.schema_problems

    def counting(kind: str, data: dict, marks: dict, path: str) -> list:
        seen.append(path)
        return real(kind, data, marks, path)

    monkeypatch.setattr(reading, "schema_problems", counting)
    return seen


def _user_folder(tmp_path: Path, **files: str) -> Path:
    folder = tmp_path / "rules"
    folder.mkdir(exist_ok=True)
    for name, text in files.items():
        (folder / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder


def test_a_second_load_validates_nothing(tmp_path, cache, validations):
    folder = _user_folder(tmp_path, verbs=VERBS)
    first = load_rules([folder])
    assert len(validations) == len(first.files) > 1
    assert (cache / validated.CACHE_FILE).is_file()
    validations.clear()
    second = load_rules([folder])
    assert validations == []
    assert [f.id for f in second.files] == [f.id for f in first.files]
    assert second.verbs == first.verbs
    assert second.rule_confidences == first.rule_confidences


def test_an_edited_file_is_validated_again(tmp_path, cache, validations):
    folder = _user_folder(tmp_path, verbs=VERBS)
    load_rules([folder])
    validations.clear()
    _user_folder(tmp_path, verbs=VERBS.replace("confidence: 0.9", "confidence: 0.8"))
    rules = load_rules([folder])
    assert validations == [str(folder / "verbs.yaml")]
    assert rules.verbs["tell"].confidence == 0.8


def test_the_key_holds_the_schema_and_the_version(monkeypatch):
    raw = VERBS.encode("utf-8")
    key = validated.file_key(raw, "reporting_verbs", "a" * 64)
    assert key != validated.file_key(raw, "reporting_verbs", "b" * 64)
    assert key != validated.file_key(raw + b"\n", "reporting_verbs", "a" * 64)
    monkeypatch.setattr(validated, "__version__", "99.0")
    assert key != validated.file_key(raw, "reporting_verbs", "a" * 64)


@pytest.mark.parametrize(
    "content",
    [b"", b"{not json", b"\xff\xfe", b"[1, 2]", b'{"format": 1, "validated": "abc"}', b'{"format": 99, "validated": []}'],
)
def test_a_corrupt_cache_file_is_ignored(tmp_path, cache, validations, content):
    folder = _user_folder(tmp_path, verbs=VERBS)
    cache.mkdir()
    (cache / validated.CACHE_FILE).write_bytes(content)
    rules = load_rules([folder])
    assert "tell" in rules.verbs
    assert len(validations) == len(rules.files)
    stored = json.loads((cache / validated.CACHE_FILE).read_text(encoding="utf-8"))
    assert len(stored["validated"]) == len(rules.files)  # rewritten whole


def test_an_unwritable_cache_still_loads_rules(tmp_path, monkeypatch, validations):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv(validated.CACHE_ENV, str(blocker / "cache"))
    folder = _user_folder(tmp_path, verbs=VERBS)
    assert "say" in load_rules([folder]).verbs
    validations.clear()
    assert "say" in load_rules([folder]).verbs
    assert len(validations) > 1  # nothing remembered: validated again


def test_an_invalid_file_reports_its_problems_every_time(tmp_path, cache, validations):
    folder = _user_folder(tmp_path, verbs=VERBS, bad=BAD_REGEX)
    for _ in range(2):
        validations.clear()
        with pytest.raises(RulesInvalid) as raised:
            load_rules([folder])
        assert [p.code for p in raised.value.problems] == ["E103"]
        assert str(folder / "bad.yaml") in validations
    assert validations == [str(folder / "bad.yaml")]  # the valid ones were remembered


def test_the_default_folder_follows_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv(validated.CACHE_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert validated.cache_dir() == tmp_path / "quotes"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert validated.cache_dir() == tmp_path / ".cache" / "quotes"


def test_check_rules_gives_the_same_files_warm(tmp_path, cache):
    folder = _user_folder(tmp_path, verbs=VERBS)
    cold_files, cold_problems = check_rules([folder])
    warm_files, warm_problems = check_rules([folder])
    assert cold_problems == warm_problems == []
    assert [(f.id, f.data, f.marks) for f in warm_files] == [(f.id, f.data, f.marks) for f in cold_files]


# --- libyaml parses, the pure-Python parser explains --------------------------


def _both_loaders(monkeypatch: pytest.MonkeyPatch, text: str) -> list[object]:
    results: list[object] = []
    for fast in (yamlsafe._FAST, None):
        monkeypatch.setattr(yamlsafe, "_FAST", fast)
        try:
            data, marks, problems = yamlsafe.load_yaml(text, "f.yaml")
            results.append((data, marks, [str(p) for p in problems]))
        except QuotesError as exc:
            results.append((exc.code, str(exc)))
    return results


@pytest.mark.skipif(yamlsafe._FAST is None, reason="PyYAML without libyaml")
def test_libyaml_reads_the_builtin_rules_as_pure_python_does(monkeypatch):
    paths = sorted(builtin_rules_dir().rglob("*.yaml"))
    assert paths
    for path in paths:
        fast, pure = _both_loaders(monkeypatch, path.read_text(encoding="utf-8"))
        assert fast == pure, path


@pytest.mark.skipif(yamlsafe._FAST is None, reason="PyYAML without libyaml")
@pytest.mark.parametrize(
    "text",
    [
        "a: 1\n  b: 2",
        "a: &x 1\nb: *x",
        "a: [1, 2",
        "- " * 40 + "x",
        "a: 1\na: 2",
        "a: !!python/object:os.system x",
        "? [a]\n: 1",
        '"\\q"',
        "x: yes",
    ],
)
def test_libyaml_refuses_and_explains_as_pure_python_does(monkeypatch, text):
    fast, pure = _both_loaders(monkeypatch, text)
    assert fast == pure


# --- unchanged files recalled parsed -------------------------------------------


@pytest.fixture
def yaml_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files whose YAML was composed, in order."""
    seen: list[str] = []
    real = reading.load_yaml_bytes

    def counting(raw: bytes, path: str):
        seen.append(path)
        return real(raw, path)

    monkeypatch.setattr(reading, "load_yaml_bytes", counting)
    return seen


def test_an_unchanged_file_is_recalled_parsed_with_its_marks(tmp_path, cache, yaml_reads):
    folder = _user_folder(tmp_path, verbs=VERBS)
    cold_files, _ = check_rules([folder])
    yaml_reads.clear()
    warm_files, problems = check_rules([folder])
    assert yaml_reads == [] and problems == []
    assert [(f.id, f.data, f.marks) for f in warm_files] == [(f.id, f.data, f.marks) for f in cold_files]
    user = next(f for f in warm_files if f.id == "cache.verbs")
    assert str(user.location("groups", 0, "lemmas", 1)).endswith("verbs.yaml:7:19")


def test_an_edited_file_is_parsed_again(tmp_path, cache, yaml_reads):
    folder = _user_folder(tmp_path, verbs=VERBS)
    check_rules([folder])
    (folder / "verbs.yaml").write_text(VERBS.replace("tell", "tell, warn"), encoding="utf-8")
    yaml_reads.clear()
    files, _ = check_rules([folder])
    assert yaml_reads == [str(folder / "verbs.yaml")]
    assert next(f for f in files if f.id == "cache.verbs").data["groups"][0]["lemmas"] == ["say", "tell", "warn"]


@pytest.mark.parametrize(
    "content", [b"", b"{", b'{"data": {}}', b'{"data": {}, "marks": [["a", 1]]}', b'{"data": 1, "marks": [[[{}], 1, 1]]}']
)
def test_a_corrupt_parsed_entry_is_parsed_from_the_yaml(tmp_path, cache, yaml_reads, content):
    folder = _user_folder(tmp_path, verbs=VERBS)
    check_rules([folder])
    for entry in (cache / parsed.FOLDER).glob("*.json"):
        entry.write_bytes(content)
    yaml_reads.clear()
    files, problems = check_rules([folder])
    assert problems == [] and str(folder / "verbs.yaml") in yaml_reads
    assert next(f for f in files if f.id == "cache.verbs").data["groups"][0]["lemmas"] == ["say", "tell"]


def test_data_json_would_change_is_not_kept(cache):
    raw = b"a: 1\n"
    parsed.keep(raw, {1: "one"}, {(): (1, 1)})
    assert parsed.recalled(raw) is None
    parsed.keep(raw, {"a": 1}, {(): (1, 1), ("a",): (1, 4)})
    assert parsed.recalled(raw) == ({"a": 1}, {(): (1, 1), ("a",): (1, 4)})
