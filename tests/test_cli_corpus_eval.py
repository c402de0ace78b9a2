"""`quotes corpus` and `quotes eval` from the command line."""

from __future__ import annotations

import io
import json
import sys

import pytest

from quotes.cli import main as cli
from quotes.formats.output_schema import validate_corpus_line

SAID = "“We are ready for talks,” the minister said on Monday.\n"
WEATHER = "The weather was fine on Sunday.\nShops opened late.\n"


def _jsonl(tmp_path, name, *objects):
    path = tmp_path / name
    path.write_text(
        "".join((o if isinstance(o, str) else json.dumps(o, ensure_ascii=False)) + "\n" for o in objects), encoding="utf-8"
    )
    return str(path)


def _gold(tmp_path):
    """One article, one direct quote said by the minister."""
    start = SAID.index("We")
    quote = {
        "type": "direct",
        "content": SAID[start - 1 : start + 22],
        "content_start": start - 1,
        "content_end": start + 22,
        "speaker": "the minister",
        "cue": "said",
    }
    return _jsonl(tmp_path, "gold.jsonl", {"id": "a", "outlet": "Reuters", "text": SAID, "quotes": [quote]})


def _pred(tmp_path, claims):
    article = {"outlet": "Reuters", "author": None, "author_affiliation": None, "published": None, "kind": None, "title": None}
    return _jsonl(tmp_path, "out.jsonl", {"id": "a", "article": article, "claims": claims, "error": None})


def _claim(start, end, mention):
    return {
        "id": "q1",
        "type": "direct",
        "text": SAID[start:end],
        "spans": [{"start": start, "end": end}],
        "cue": None,
        "speaker": {"name": None, "mention": mention and {"text": mention, "start": 0, "end": 1}},
        "rule": "r#1",
        "confidence": 0.9,
    }


def _one_error_line(err):
    assert err.splitlines() == [err.rstrip("\n")]
    return err


# --- quotes corpus -------------------------------------------------------------


def test_corpus_to_a_file(tmp_path, capsys):
    src = _jsonl(tmp_path, "in.jsonl", {"id": "a", "text": SAID, "outlet": "Reuters"}, {"id": "b", "text": WEATHER})
    out = tmp_path / "out.jsonl"
    assert cli.main(["corpus", src, "-o", str(out)]) == 0
    assert capsys.readouterr() == ("", "")
    lines = out.read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ["a", "b"]
    for rec in records:
        assert rec["error"] is None
        validate_corpus_line(rec)
    assert records[0]["article"]["outlet"] == "Reuters"
    assert records[0]["claims"][0]["speaker"]["mention"]["text"] == "the minister"
    assert records[1]["claims"] == []
    assert '"text":"We are ready for talks"' in lines[0]  # compact: one record a line


def test_corpus_with_bad_lines_exits_1_and_says_how_many(tmp_path, capsys):
    src = _jsonl(tmp_path, "in.jsonl", {"id": "a", "text": SAID}, "{not json", {"id": "c"}, {"id": "d", "text": ""})
    assert cli.main(["corpus", src]) == 1
    out, err = capsys.readouterr()
    records = [json.loads(line) for line in out.splitlines()]
    assert [r["id"] for r in records] == ["a", None, "c", "d"]
    for rec in records:
        validate_corpus_line(rec)
    assert _one_error_line(err) == "quotes: 3 of 4 articles failed (E020 x1, E021 x1, E022 x1); their records carry the error\n"


def test_corpus_from_stdin(monkeypatch, capsys):
    data = json.dumps({"id": "a", "text": SAID}).encode() + b"\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))
    assert cli.main(["corpus", "-"]) == 0
    [line] = capsys.readouterr().out.splitlines()
    assert json.loads(line)["claims"][0]["type"] == "direct"


@pytest.mark.parametrize(
    "args,code",
    [
        (["corpus", "{tmp}/missing.jsonl"], "E001"),
        (["corpus", "{tmp}"], "E029"),
        (["corpus", "{src}", "-o", "{tmp}/no/such/out.jsonl"], "E026"),
        (["corpus", "{src}", "--model", "en_no_such_model"], "E010"),
    ],
    ids=["missing", "folder-without-txt", "unwritable", "model"],
)
def test_corpus_cannot_run_is_one_line_exit_2(tmp_path, capsys, args, code):
    src = _jsonl(tmp_path, "in.jsonl", {"id": "a", "text": SAID})
    assert cli.main([a.format(tmp=tmp_path, src=src) for a in args]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert _one_error_line(err).startswith(f"quotes: {code} ")


def test_corpus_in_a_real_process(tmp_path, run_quotes):
    done = run_quotes("corpus", "-", stdin=(json.dumps({"id": "a", "text": SAID}) + "\n[]\n").encode())
    assert done.returncode == 1
    first, second = [json.loads(line) for line in done.stdout.decode("utf-8").splitlines()]
    validate_corpus_line(first)
    validate_corpus_line(second)
    assert second["error"]["code"] == "E020"
    assert done.stderr.decode().startswith("quotes: 1 of 2 articles failed (E020 x1)")


def test_corpus_min_confidence(tmp_path, capsys):
    src = _jsonl(tmp_path, "in.jsonl", {"id": "a", "text": SAID})
    out = tmp_path / "out.jsonl"
    assert cli.main(["corpus", src, "-o", str(out), "--min-confidence", "0"]) == 0
    [claim] = json.loads(out.read_text(encoding="utf-8"))["claims"]
    out.unlink()
    assert cli.main(["corpus", src, "-o", str(out), "--min-confidence", str(claim["confidence"])]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["claims"]) == 1
    out.unlink()
    above = min(1.0, claim["confidence"] + 0.001)
    assert cli.main(["corpus", src, "-o", str(out), "--workers", "2", "--batch-size", "1", "--min-confidence", str(above)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["claims"] == []


# --- quotes eval -----------------------------------------------------------------


def test_eval_a_saved_run(tmp_path, capsys):
    start = SAID.index("We")
    pred = _pred(tmp_path, [_claim(start, start + 21, "the minister")])
    assert cli.main(["eval", _gold(tmp_path), "--pred", pred]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("1 articles, 1 gold quotes, 1 claims (0 ignored)\n")
    rows = {line.split()[0]: line.split()[1:] for line in out.splitlines() if line[:1] not in ("", " ")}
    assert rows["quotes"] == ["1", "0", "0", "1.000", "1.000", "1.000"]


def test_eval_prints_the_reliability_of_confidence(tmp_path, capsys):
    start = SAID.index("We")
    after = SAID.index("on Monday")
    right, wrong = _claim(start, start + 21, "the minister"), _claim(after, after + 9, None) | {"id": "q2", "confidence": 0.35}
    assert cli.main(["eval", _gold(tmp_path), "--pred", _pred(tmp_path, [right, wrong])]) == 0
    lines = capsys.readouterr().out.splitlines()
    at = lines.index("confidence     claims   given   right")
    assert lines[at + 1 : at + 4] == [
        "  0.3-0.4           1   0.350   0.000",
        "  0.9-1.0           1   0.900   1.000",
        "  calibration error (ECE, 10 bins): 0.225",
    ]


def test_calibrate_writes_a_rule_file_that_loads_and_keeps_its_tests(tmp_path, capsys):
    start = SAID.index("We")
    after = SAID.index("on Monday")
    claims = [_claim(start, start + 21, "the minister"), _claim(after, after + 9, None) | {"id": "q2", "type": "indirect"}]
    target = tmp_path / "rules" / "calibration.yaml"
    target.parent.mkdir()
    target.write_text(
        "id: my.calibration\nkind: calibration\ndescription: old\nmodel: {intercept: 0, weights: {}}\n"
        "tests:\n- match: x\n  todo: kept\n",
        encoding="utf-8",
    )
    assert cli.main(["calibrate", _gold(tmp_path), "--pred", _pred(tmp_path, claims), "-o", str(target)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    # One article: none can be held out to choose settings by, so the defaults hold.
    assert err.startswith(
        "fitted on 2 claims of 1 articles (strength 1, cues seen 20+ times); calibration error on articles left out: -;"
    )
    assert cli.main(["rules", "check", str(target.parent)]) == 0
    capsys.readouterr()
    from quotes.rules.merging import load_rules
    from quotes.rules.reading import read_rule_file

    rule, problems = read_rule_file(target)
    assert problems == [] and rule.tests == [{"match": "x", "todo": "kept"}]
    assert rule.data["fitted"]["claims"] == 2
    model = load_rules([target.parent]).calibration
    assert model.weights["type=direct"] > 0 > model.weights["type=indirect"]


def test_eval_json_with_examples(tmp_path, capsys):
    start = SAID.index("We")
    pred = _pred(tmp_path, [_claim(start, start + 21, "Monday")])
    assert cli.main(["eval", _gold(tmp_path), "--pred", pred, "--json", "--errors", "2"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["quotes"]["f1"] == 1.0
    assert data["e2e"]["tp"] == 0
    assert data["speaker"]["mention"] == {"right": 0, "total": 1, "value": 0.0}
    assert [w["gold"] for w in data["examples"]["wrong_speakers"]] == ["the minister"]


def test_eval_extracts_when_no_run_is_given(tmp_path, capsys):
    assert cli.main(["eval", _gold(tmp_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert (data["articles"], data["gold_quotes"], data["failed"]) == (1, 1, [])
    assert data["quotes"]["tp"] + data["quotes"]["fn"] == 1  # whatever extraction finds today


def test_eval_of_a_run_with_failed_articles_exits_1(tmp_path, capsys):
    pred = _jsonl(tmp_path, "out.jsonl", {"id": "a", "article": None, "claims": [], "error": {"code": "E007", "message": "m"}})
    assert cli.main(["eval", _gold(tmp_path), "--pred", pred]) == 1
    out, err = capsys.readouterr()
    assert "failed: a" in out
    assert _one_error_line(err) == "quotes: 1 of 1 article failed and were scored as having no claims\n"


@pytest.mark.parametrize(
    "make,code,words",
    [
        (lambda tmp: ["eval", str(tmp / "missing.jsonl")], "E001", "cannot read"),
        (lambda tmp: ["eval", _jsonl(tmp, "g.jsonl", "{bad")], "E020", "g.jsonl line 1: not a JSON object"),
        (lambda tmp: ["eval", _gold(tmp), "--pred", str(tmp / "missing.jsonl")], "E001", "cannot read"),
        (lambda tmp: ["eval", _gold(tmp), "--pred", _jsonl(tmp, "o.jsonl", {"id": "z", "claims": []})], "E024", "'a'"),
    ],
    ids=["gold-missing", "gold-bad-line", "pred-missing", "pred-lacks-article"],
)
def test_eval_cannot_run_is_one_line_exit_2(tmp_path, capsys, make, code, words):
    assert cli.main(make(tmp_path)) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert _one_error_line(err).startswith(f"quotes: {code} ")
    assert words in err


def test_eval_bad_path_in_a_real_process(tmp_path, run_quotes):
    done = run_quotes("eval", str(tmp_path / "missing.jsonl"))
    err = done.stderr.decode()
    assert done.returncode == 2
    assert done.stdout == b""
    assert err == f"quotes: E001 cannot read {tmp_path / 'missing.jsonl'}: no such file\n"


@pytest.mark.parametrize("value", ["-1", "many"])
def test_eval_errors_must_be_a_count(tmp_path, capsys, value):
    assert cli.main(["eval", _gold(tmp_path), "--errors", value]) == 2
    assert "expected a count" in capsys.readouterr().err


def _speakers(tmp_path, referent="Ahmed Ali"):
    line = {"id": "a", "q": 0, "source": "named", "referent": referent, "kind": "person", "sure": True}
    return _jsonl(tmp_path, "speakers.jsonl", line)


def _named_pred(tmp_path, name):
    start = SAID.index("We")
    claim = _claim(start, start + 21, "the minister")
    claim["speaker"]["name"] = name
    return _pred(tmp_path, [claim])


def test_eval_with_speakers_prints_the_identity_table(tmp_path, capsys):
    args = ["eval", _gold(tmp_path), "--pred", _named_pred(tmp_path, "Ali"), "--speakers", _speakers(tmp_path)]
    assert cli.main(args) == 0
    out, err = capsys.readouterr()
    assert err == ""
    assert out.startswith("1 articles, 1 gold quotes, 1 claims (0 ignored)\n")
    assert "\nspeaker identity: " in out
    rows = {line[2:16].strip(): line[16:].split() for line in out.splitlines() if line.startswith("  ")}
    assert rows["named"] == ["1", "1.000", "0.000", "0.000", "1.000"]
    assert rows["pronoun"] == ["0", "0.000", "0.000", "0.000", "0.000"]
    assert rows["all, sure"] == ["1", "1.000", "0.000", "0.000", "1.000"]


def test_eval_with_speakers_shows_wrong_entities(tmp_path, capsys):
    pred = _named_pred(tmp_path, "Omar Ali")
    assert cli.main(["eval", _gold(tmp_path), "--pred", pred, "--speakers", _speakers(tmp_path), "--errors", "3"]) == 0
    out = capsys.readouterr().out
    example = "- a q1 [named] gold: the minister -> Ahmed Ali | mention: the minister | name: Omar Ali (-)"
    assert f"wrong entities (1):\n{example}\n" in out


def test_eval_with_speakers_as_json(tmp_path, capsys):
    args = ["eval", _gold(tmp_path), "--pred", _named_pred(tmp_path, "Ali"), "--speakers", _speakers(tmp_path), "--json"]
    assert cli.main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["quotes"]["f1"] == 1.0
    identity = data["speaker_identity"]
    assert {"pronoun", "named", "all"} <= set(identity["rows"])
    assert identity["rows"]["named"]["right"] == identity["rows"]["all"]["total"] == 1
    assert (identity["unscored"], identity["examples"]) == (0, [])


def test_eval_without_speakers_has_no_identity(tmp_path, capsys):
    assert cli.main(["eval", _gold(tmp_path), "--pred", _named_pred(tmp_path, "Ali"), "--json"]) == 0
    assert "speaker_identity" not in json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    "make,code,words",
    [
        (lambda tmp: str(tmp / "missing.jsonl"), "E001", "cannot read"),
        (
            lambda tmp: _jsonl(tmp, "s.jsonl", {"id": "a", "q": "0", "source": "named", "kind": "person"}),
            "E021",
            "s.jsonl line 1: `q` must be a whole number",
        ),
    ],
    ids=["speakers-missing", "speakers-bad-line"],
)
def test_eval_speakers_cannot_be_read_is_one_line_exit_2(tmp_path, capsys, make, code, words):
    assert cli.main(["eval", _gold(tmp_path), "--pred", _named_pred(tmp_path, "Ali"), "--speakers", make(tmp_path)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert _one_error_line(err).startswith(f"quotes: {code} ")
    assert words in err
