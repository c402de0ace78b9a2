import io
import json
import os
import random
import re
import sys

import pytest
import yaml

from quotes.cli import articles as cli_articles
from quotes.cli import main as cli
from quotes.formats.output_schema import validate_extraction
from quotes.rules.layering import check_rules

SAID = "“We are ready for talks,” the minister said on Monday.\n"
NO_QUOTES = "The weather was fine on Sunday.\nShops opened late.\n"
BROKEN_RULE = (
    "id: my.verbs\nkind: reporting_verbs\ndescription: d\ngroups:\n  - name: speech\n    confidence: high\n    lemmas: [say]\n"
)


def _file(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


BAD_INPUTS = [
    ("missing", lambda tmp: str(tmp / "missing.txt"), "E001"),
    ("directory", lambda tmp: str(tmp), "E002"),
    ("empty", lambda tmp: _file(tmp, "empty.txt", b""), "E003"),
    ("blank", lambda tmp: _file(tmp, "blank.txt", b"\n \n"), "E003"),
    ("binary", lambda tmp: _file(tmp, "a.bin", b"\x7fELF\x02\x01\x00\x00"), "E004"),
    # UTF-8 with one stray cp1252 byte is damaged UTF-8, not cp1252: E005 names the byte.
    ("damaged-utf-8", lambda tmp: _file(tmp, "d.txt", "Zoë said “no” at the ".encode() + b"caf\xe9."), "E005"),
    ("high-bytes", lambda tmp: _file(tmp, "h.txt", bytes(range(0x80, 0x100)) * 2), "E005"),
    ("random-binary", lambda tmp: _file(tmp, "r.txt", random.Random(7).randbytes(4096)), "E004"),
    ("utf-16-no-bom", lambda tmp: _file(tmp, "u.txt", "He said no.".encode("utf-16-le")), "E004"),
]


@pytest.mark.parametrize("make,code", [(m, c) for _, m, c in BAD_INPUTS], ids=[n for n, _, _ in BAD_INPUTS])
def test_bad_input_is_one_line_and_exit_2(tmp_path, capsys, make, code):
    path = make(tmp_path)
    assert cli.main(["extract", path]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [err.rstrip("\n")]
    assert err.startswith(f"quotes: {code} cannot read {path}")


@pytest.mark.parametrize("make,code", [(m, c) for _, m, c in BAD_INPUTS], ids=[n for n, _, _ in BAD_INPUTS])
def test_bad_input_in_a_real_process(tmp_path, run_quotes, make, code):
    done = run_quotes("extract", make(tmp_path))
    err = done.stderr.decode()
    assert done.returncode == 2
    assert done.stdout == b""
    assert len(err.splitlines()) == 1
    assert err.startswith(f"quotes: {code} ")
    assert "Traceback" not in err


def test_empty_stdin_in_a_real_process(run_quotes):
    done = run_quotes("extract", "-", stdin=b"")
    assert done.returncode == 2
    assert done.stderr.decode() == "quotes: E003 cannot read <stdin>: the file is empty\n"


@pytest.mark.parametrize("args", [["extract", "-"], ["extract", "-", "--format", "yaml"]])
def test_yaml_is_the_default_and_no_quotes_is_an_empty_list(monkeypatch, capsys, args):
    _stdin(monkeypatch, NO_QUOTES.encode())
    assert cli.main(args) == 0
    out = capsys.readouterr().out
    assert "claims: []" in out.splitlines()
    assert yaml.safe_load(out)["claims"] == []


def test_extract_json_follows_the_schema(tmp_path, capsys):
    path = _file(tmp_path, "a.txt", SAID.encode())
    assert cli.main(["extract", path, "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    validate_extraction(data)
    [claim] = data["claims"]
    assert (claim["type"], claim["cue"]["text"]) == ("direct", "said")
    assert claim["speaker"]["mention"]["text"] == "the minister"


def test_min_confidence_leaves_out_the_less_sure_claims_and_keeps_ids(tmp_path, capsys):
    # A quote its speaker says, and a stance reported from a poll: the rules
    # are surer of the first.
    text = SAID + "A poll found that most voters oppose the plan.\n"
    path = _file(tmp_path, "a.txt", text.encode())
    assert cli.main(["extract", path, "--format", "json"]) == 0
    every = json.loads(capsys.readouterr().out)["claims"]
    cut = sorted(c["confidence"] for c in every)[-1]
    assert cli.main(["extract", path, "--format", "json", "--min-confidence", str(cut)]) == 0
    kept = json.loads(capsys.readouterr().out)["claims"]
    assert kept and len(kept) < len(every)
    assert all(c["confidence"] >= cut for c in kept)
    assert [c["id"] for c in kept] == [c["id"] for c in every if c["confidence"] >= cut]


def test_extract_real_process_writes_utf8_whatever_the_locale(tmp_path, run_quotes, monkeypatch):
    monkeypatch.setenv("LC_ALL", "C")
    monkeypatch.setenv("PYTHONIOENCODING", "latin-1")
    text = "“Zoë and José are ready for talks,” the minister said.\n"
    done = run_quotes("extract", _file(tmp_path, "a.txt", text.encode()), "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout.decode("utf-8"))
    validate_extraction(data)
    assert data["claims"][0]["text"].startswith("Zoë and José")


def test_offsets_index_the_file_as_given(tmp_path, capsys):
    text = "Intro line.\r\n\r\n" + SAID.replace("\n", "\r\n")
    path = _file(tmp_path, "crlf.txt", text.encode())
    assert cli.main(["extract", path, "--format", "json"]) == 0
    [claim] = json.loads(capsys.readouterr().out)["claims"]
    cue = claim["cue"]
    assert text[cue["start"] : cue["end"]] == "said"


def test_outlet_option_names_the_publisher(tmp_path, capsys):
    path = _file(tmp_path, "a.txt", SAID.encode())
    assert cli.main(["extract", path, "--format", "json", "--outlet", "SCMP"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["article"]["outlet"] == "South China Morning Post"


def test_broken_rules_for_extract_are_listed_on_stderr(tmp_path, capsys):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "verbs.yaml").write_text(BROKEN_RULE, encoding="utf-8")
    path = _file(tmp_path, "a.txt", SAID.encode())
    assert cli.main(["extract", path, "--rules", str(rules)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"quotes: E102 {rules / 'verbs.yaml'}:6:17 `groups` > item 1 > `confidence` must be a number, not the text 'high'"
    ]


def test_missing_model_is_one_line(tmp_path, capsys):
    path = _file(tmp_path, "a.txt", SAID.encode())
    assert cli.main(["extract", path, "--model", "en_no_such_model"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("quotes: E010 the spaCy pipeline 'en_no_such_model' is not installed")
    assert len(err.splitlines()) == 1


def test_rules_check_builtins(capsys):
    files, _ = check_rules()
    assert cli.main(["rules", "check"]) == 0
    assert capsys.readouterr().out == f"{len(files)} rule files checked: no problems\n"


@pytest.mark.parametrize(
    "name,text,expected",
    [
        ("verbs.yaml", BROKEN_RULE, "E102 {path}:6:17 `groups` > item 1 > `confidence` must be a number"),
        ("syntax.yaml", "id: a\nkind: [\n", "E100 {path}:3:1 YAML syntax error"),
        (
            "dup.yaml",
            "id: a\nkind: relays\ndescription: d\nagencies: [X]\nagencies: [Y]\n",
            "E101 {path}:5:1 duplicate key 'agencies'",
        ),
        (
            "kind.yaml",
            "id: a\nkind: verbs\ndescription: d\n",
            "E107 {path}:2:7 unknown rule kind 'verbs'; the kinds are: reporting_verbs, ",
        ),
        (
            "nokind.yaml",
            "id: a\ndescription: d\n",
            "E107 {path}:1:1 the file has no `kind:`; a rule file names what it holds with one of: ",
        ),
    ],
)
def test_rules_check_reports_code_and_file_line(tmp_path, capsys, name, text, expected):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert cli.main(["rules", "check", str(tmp_path)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(expected.format(path=path))
    assert re.fullmatch(r"\d+ rule files checked, 1 with problems: 1 problem", lines[-1])
    assert len(lines) == 2


def test_rules_check_missing_folder(tmp_path, capsys):
    assert cli.main(["rules", "check", str(tmp_path / "nowhere")]) == 1
    assert capsys.readouterr().out.startswith(f"E108 the rules folder {tmp_path / 'nowhere'} does not exist\n")


def test_rules_check_in_a_real_process(tmp_path, run_quotes):
    (tmp_path / "verbs.yaml").write_text(BROKEN_RULE, encoding="utf-8")
    done = run_quotes("rules", "check", str(tmp_path))
    assert done.returncode == 1
    assert done.stdout.decode().startswith(f"E102 {tmp_path / 'verbs.yaml'}:6:17 ")
    assert done.stderr == b""


def test_rules_test_stops_at_problems(tmp_path, capsys):
    (tmp_path / "verbs.yaml").write_text(BROKEN_RULE, encoding="utf-8")
    assert cli.main(["rules", "test", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert out.startswith("E102 ")
    assert "passed" not in out


def test_rules_test_builtins_pass(capsys):
    assert cli.main(["rules", "test"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert not any(line.startswith("FAILED") for line in out)
    assert " passed, 0 failed" in out[-1]


def test_rules_test_reports_failures_and_todos_with_file_line(tmp_path, capsys):
    path = tmp_path / "mine.yaml"
    path.write_text(
        "id: my.people\nkind: people\ndescription: d\ntests:\n"
        '  - match: "The weather was fine on Sunday."\n'
        '  - match: "The weather was fine on Sunday."\n    todo: nobody speaks\n',
        encoding="utf-8",
    )
    assert cli.main(["rules", "test", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"FAILED {path}:5 my.people: expected a claim, got none" in out
    assert any(line.startswith(f"TODO {path}:6 my.people: ") and "nobody speaks" in line for line in out)
    assert out[-1].endswith(" passed, 1 failed, 1 todo")


@pytest.mark.parametrize(
    "args,code,stream,words",
    [
        ([], 2, "err", "usage: quotes"),
        (["extract"], 2, "err", "the following arguments are required: PATH"),
        (["extract", "a.txt", "--format", "xml"], 2, "err", "invalid choice: 'xml'"),
        (["rules"], 2, "err", "usage: quotes rules"),
        (["--help"], 0, "out", "usage: quotes"),
        (["--version"], 0, "out", "quotes 0.1.0"),
        (["extract", "a.txt", "--min-confidence", "1.5"], 2, "err", "expected a probability from 0 to 1, got '1.5'"),
        (["corpus", "a.jsonl", "--min-confidence", "nan"], 2, "err", "expected a probability from 0 to 1, got 'nan'"),
    ],
)
def test_usage(capsys, args, code, stream, words):
    assert cli.main(args) == code
    assert words in getattr(capsys.readouterr(), stream)


def test_interrupt_exits_130_quietly(monkeypatch, capsys):
    def interrupted(path, encoding=None):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli_articles, "load_source", interrupted)
    assert cli.main(["extract", "a.txt"]) == 130
    assert capsys.readouterr().err == ""


def test_closed_pipe_is_quiet(run_quotes):
    # The reader is gone before the command writes, as with `quotes … | head -c0`.
    reader, writer = os.pipe()
    os.close(reader)
    try:
        done = run_quotes("rules", "check", stdout=writer)
    finally:
        os.close(writer)
    assert done.returncode == 141
    assert done.stderr == b""


# --- articles in other encodings than UTF-8 -------------------------------------

NEWS = "“We will not raise taxes,” Mayor Ana Ruiz said at the café on Monday.\n"
CP1252 = b"\x93We will not raise taxes,\x94 Mayor Ana Ruiz said at the caf\xe9 on Monday.\n"
ENCODED = [
    ("cp1252", CP1252, "cp1252 (not UTF-8)"),
    ("utf-16-le", b"\xff\xfe" + NEWS.encode("utf-16-le"), "utf-16-le (byte-order mark)"),
    ("utf-16-be", b"\xfe\xff" + NEWS.encode("utf-16-be"), "utf-16-be (byte-order mark)"),
    ("utf-32-le", b"\xff\xfe\x00\x00" + NEWS.encode("utf-32-le"), "utf-32-le (byte-order mark)"),
    ("utf-32-be", b"\x00\x00\xfe\xff" + NEWS.encode("utf-32-be"), "utf-32-be (byte-order mark)"),
]


def _the_quote(data: dict, text: str = NEWS) -> dict:
    """The one claim, checked against the decoded text its offsets index."""
    validate_extraction(data)
    [claim] = data["claims"]
    [span] = claim["spans"]
    assert text[span["start"] : span["end"]] == claim["text"] == "We will not raise taxes"
    mention = claim["speaker"]["mention"]
    assert text[mention["start"] : mention["end"]] == mention["text"] == "Mayor Ana Ruiz"
    assert text[claim["cue"]["start"] : claim["cue"]["end"]] == "said"
    return claim


@pytest.mark.parametrize("data,said", [(d, s) for _, d, s in ENCODED], ids=[n for n, _, _ in ENCODED])
def test_extract_reads_a_legacy_or_utf16_file_and_says_so_in_one_line(tmp_path, capsys, data, said):
    path = _file(tmp_path, "article.txt", data)
    assert cli.main(["extract", path, "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == f"quotes: {path}: decoded as {said}\n"
    assert _the_quote(json.loads(out))["speaker"]["name"] == "Mayor Ana Ruiz"


def test_a_utf8_file_gets_no_encoding_line(tmp_path, capsys):
    assert cli.main(["extract", _file(tmp_path, "a.txt", NEWS.encode()), "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    _the_quote(json.loads(out))


def test_a_cp1252_file_on_stdin_is_named_stdin(monkeypatch, capsys):
    _stdin(monkeypatch, CP1252)
    assert cli.main(["extract", "-", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert err == "quotes: <stdin>: decoded as cp1252 (not UTF-8)\n"
    _the_quote(json.loads(out))


@pytest.mark.parametrize(
    "encoding,data,text",
    [
        ("latin-1", NEWS.replace("“", '"').replace("”", '"').encode("latin-1"), NEWS.replace("“", '"').replace("”", '"')),
        ("cp1252", CP1252, NEWS),
        ("utf-16-be", NEWS.encode("utf-16-be"), NEWS),  # no byte-order mark: only --encoding reads it
    ],
)
def test_encoding_option_forces_the_encoding_without_a_note(tmp_path, capsys, encoding, data, text):
    path = _file(tmp_path, "a.txt", data)
    assert cli.main(["extract", path, "--format", "json", "--encoding", encoding]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    _the_quote(json.loads(out), text)


@pytest.mark.parametrize(
    "encoding,data,code,words",
    [
        ("nonsense", NEWS.encode(), "E008", "unknown text encoding 'nonsense'"),
        ("rot13", NEWS.encode(), "E008", "unknown text encoding 'rot13'"),
        ("utf-8", CP1252, "E005", "the text is not utf-8 (byte 0x93 at offset 0, line 1)"),
        ("ascii", CP1252, "E005", "the text is not ascii (byte 0x93 at offset 0, line 1)"),
        ("latin-1", b"\x7fELF\x02\x01\x00\x00", "E004", "binary"),
    ],
)
def test_a_bad_or_unfit_encoding_is_one_coded_line_and_exit_2(tmp_path, capsys, encoding, data, code, words):
    assert cli.main(["extract", _file(tmp_path, "a.txt", data), "--encoding", encoding]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [err.rstrip("\n")]
    assert err.startswith(f"quotes: {code} ") and words in err


@pytest.mark.parametrize("command", [["extract"], ["render"], ["explain"], ["corpus", "--workers", "1"]])
def test_every_command_that_reads_articles_refuses_an_unknown_encoding(tmp_path, capsys, command):
    path = _file(tmp_path, "a.txt", NEWS.encode())
    assert cli.main([*command, path, "--encoding", "nonsense"]) == 2
    assert capsys.readouterr() == (
        "",
        "quotes: E008 unknown text encoding 'nonsense': name a codec Python knows, such as utf-8, cp1252, latin-1 or utf-16\n",
    )


def test_render_and_explain_show_the_decoded_text(tmp_path, capsys):
    path = _file(tmp_path, "a.txt", CP1252)
    assert cli.main(["render", path]) == 0
    page, err = capsys.readouterr()
    assert err == f"quotes: {path}: decoded as cp1252 (not UTF-8)\n"
    assert "café" in page and "We will not raise taxes" in page
    assert cli.main(["explain", path, "--json"]) == 0
    report, err = capsys.readouterr()
    assert err == f"quotes: {path}: decoded as cp1252 (not UTF-8)\n"
    assert "café" in report


def test_cp1252_extract_in_a_real_process(tmp_path, run_quotes):
    path = _file(tmp_path, "article.txt", CP1252)
    done = run_quotes("extract", path, "--format", "json")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stderr.decode() == f"quotes: {path}: decoded as cp1252 (not UTF-8)\n"
    _the_quote(json.loads(done.stdout.decode("utf-8")))


def _stdin(monkeypatch, data: bytes):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
