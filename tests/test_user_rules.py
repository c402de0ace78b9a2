"""User rule folders layered over the built-ins: new outlets, new verbs, rules
switched off, and broken files reported with code, file and line."""

import json
import os
import time

import pytest

from quotes import api
from quotes.cli import main as cli
from quotes.errors import QuotesError
from quotes.rules.inline_tests import run_rule_tests
from quotes.rules.layering import check_rules

ARTICLE = """Harbour tunnel to close for repairs

By Mara Lindqvist | Tidewater Ledger

PORT ELLIS — The harbour tunnel will close for six weeks from March, the transport minister said on Tuesday.

LEDGER VIEW: Mayors say the tunnel plan is a mistake

“We cannot wait for a collapse,” she said.

© Tidewater Ledger 2024
"""

OUTLET = """\
# yaml-language-server: $schema=../schemas/outlet.schema.json
id: my.outlets.tidewater
kind: outlet
description: The Tidewater Ledger, a regional daily.
outlet:
  name: Tidewater Ledger
  domains: [tidewaterledger.example]
  signatures: ["^© Tidewater Ledger \\\\d{4}$"]
  fields:
    author: "^By (?P<value>[^|\\\\n]+?) \\\\| Tidewater Ledger$"
    dateline: "^(?P<value>[A-Z][A-Z .]+) — "
  boilerplate:
    - {label: byline, pattern: "By .* \\\\| Tidewater Ledger"}
    - {label: promotion, pattern: "LEDGER VIEW:.*"}
    - {label: copyright, pattern: "© Tidewater Ledger \\\\d{4}"}
tests:
  - match: "Tunnel closes\\n\\nBy Ann Roe | Tidewater Ledger\\n\\nPORT ELLIS — It will close, she said.\\n\\n© Tidewater Ledger 2024"
    article: {outlet: Tidewater Ledger, author: Ann Roe, dateline: PORT ELLIS}
"""


def _write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _extract_json(capsys, article, *args):
    assert cli.main(["extract", str(article), "--format", "json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_a_new_outlet_profile_changes_the_output_with_no_code_change(tmp_path, capsys):
    article = _write(tmp_path, "article.txt", ARTICLE)
    before = _extract_json(capsys, article)
    rules = tmp_path / "my-rules"
    _write(rules, "outlets/tidewater.yaml", OUTLET)
    after = _extract_json(capsys, article, "--rules", str(rules))

    assert before["article"]["outlet"] is None and before["article"]["author"] is None
    assert after["article"] | {"title": None} == {
        "outlet": "Tidewater Ledger",
        "author": "Mara Lindqvist",
        "author_affiliation": None,
        "published": None,
        "kind": "news",
        "title": None,
        "dateline": "PORT ELLIS",
        "supplied_by": None,
        "url": None,
        "text": None,
    }
    # The promotion line is marked and skipped, not deleted: its claim is gone,
    # every other claim is unchanged and its offsets still index the text.
    promoted = "the tunnel plan is a mistake"
    assert promoted in [c["text"] for c in before["claims"]]
    assert [c["text"] for c in after["claims"]] == [c["text"] for c in before["claims"] if c["text"] != promoted]
    assert {c["source"]["outlet"] for c in after["claims"]} == {"Tidewater Ledger"}
    for claim in after["claims"]:
        span = claim["spans"][0]
        assert ARTICLE[span["start"] : span["end"]] == claim["text"]


def test_the_profile_is_found_by_url_and_through_quotes_rules(tmp_path, monkeypatch):
    rules = tmp_path / "my-rules"
    _write(rules, "outlets/tidewater.yaml", OUTLET)
    monkeypatch.setenv("QUOTES_RULES", str(rules))
    text = "The harbour tunnel will close, the minister said.\n"
    assert api.extract(text, "https://news.tidewaterledger.example/2024/tunnel").article.outlet == "Tidewater Ledger"
    assert api.extract(text, "https://elsewhere.example/tunnel").article.outlet is None


def test_user_verbs_add_to_the_builtin_lexicon(tmp_path):
    text = "The budget is a disgrace, the senator intoned."
    assert api.extract(text).claims == []
    rules = tmp_path / "my-rules"
    _write(
        rules,
        "verbs.yaml",
        (
            "id: my.verbs\nkind: reporting_verbs\ndescription: verbs our desk sees\n"
            "groups:\n  - name: grumbling\n    confidence: 0.7\n    lemmas: [intone]\n"
        ),
    )
    claims = api.extract(text, rules_dirs=[rules]).claims
    assert [(c.text, c.rule, c.speaker.mention.text) for c in claims] == [
        ("The budget is a disgrace", "my.verbs#grumbling", "the senator")
    ]


DISABLE = "id: my.switches\nkind: disable\ndescription: what our desk does not want\nrules: [{targets}]\n"


@pytest.mark.parametrize(
    "targets,text,before,after",
    [
        ("cues.cue-phrases#according-to", "According to the senator, the budget is a disgrace.", 1, 0),
        ("cues.cue-phrases", "According to the senator, the budget is a disgrace.", 1, 0),
        ("cues.reporting-verbs#speech", "The budget is a disgrace, the senator said.", 1, 0),
        ("cues.reporting-verbs#speech", "The senator warned that the budget is a disgrace.", 1, 1),
        ("common.boilerplate#advertisement", "Advertisement\n“The budget is a disgrace,” the senator said.\n", 1, 1),
    ],
)
def test_a_builtin_rule_is_switched_off_by_id(tmp_path, targets, text, before, after):
    rules = tmp_path / "my-rules"
    _write(rules, "switches.yaml", DISABLE.format(targets=targets))
    assert len(api.extract(text).claims) == before
    assert len(api.extract(text, rules_dirs=[rules]).claims) == after


def test_the_colon_cue_is_switched_off_by_its_part_name(tmp_path):
    rules = tmp_path / "my-rules"
    _write(rules, "switches.yaml", DISABLE.format(targets="quotes.quote-marks#colon"))
    text = "McConnell delivered a blunt message to Trump: “You need to stop this right now.”"
    [on] = api.extract(text).claims
    [off] = api.extract(text, rules_dirs=[rules]).claims
    assert (on.rule, on.speaker.mention.text) == ("quotes.quote-marks#colon", "McConnell")
    assert (off.rule, off.speaker.mention) == ("quotes.quote-marks#unattributed", None)


def test_switching_off_an_outlet_profile(tmp_path):
    text = "Advertisement\nGet more with myNEWS\nBeijing will respond, the minister said.\n"
    assert api.extract(text).article.outlet == "South China Morning Post"
    rules = tmp_path / "my-rules"
    _write(rules, "switches.yaml", DISABLE.format(targets="outlets.scmp"))
    assert api.extract(text, rules_dirs=[rules]).article.outlet is None


BROKEN = {
    # name: (text, code, line)
    "syntax.yaml": ("id: a\nkind: [\n", "E100", 3),
    "tag.yaml": ("id: a\nkind: !!python/object:os.system relays\n", "E100", 2),
    "duplicate-key.yaml": ("id: my.a\nkind: relays\ndescription: d\nagencies: [X]\nagencies: [Y]\n", "E101", 5),
    "wrong-type.yaml": (
        "id: my.b\nkind: reporting_verbs\ndescription: d\ngroups:\n  - name: g\n    confidence: high\n    lemmas: [x]\n",
        "E102",
        6,
    ),
    "unknown-key.yaml": ("id: my.c\nkind: relays\ndescription: d\nagencies: [X]\ncolour: red\n", "E102", 5),
    "yaml-no.yaml": (
        "id: my.d\nkind: reporting_verbs\ndescription: d\ngroups:\n  - name: g\n    confidence: 0.5\n    questions: no\n    lemmas: [x]\n",
        "E102",
        7,
    ),
    "bad-regex.yaml": ('id: my.e\nkind: boilerplate\ndescription: d\nlines:\n  - {label: x, pattern: "(unclosed"}\n', "E103", 5),
    "bad-token-pattern.yaml": (
        "id: my.f\nkind: indirect_quote\ndescription: d\nphrases:\n  - name: p\n    pattern: [{LOWR: x}]\n    speaker: object\n    confidence: 0.5\n",
        "E104",
        6,
    ),
    "duplicate-id.yaml": ("id: cues.relays\nkind: relays\ndescription: d\nagencies: [X]\n", "E105", 1),
    "unknown-kind.yaml": ("id: my.g\nkind: verbs\ndescription: d\n", "E107", 2),
    "repeated-lemma.yaml": (
        "id: my.h\nkind: reporting_verbs\ndescription: d\ngroups:\n  - name: a\n    confidence: 0.5\n    lemmas: [x]\n  - name: b\n    confidence: 0.5\n    lemmas: [x]\n",
        "E109",
        10,
    ),
    "backtracking.yaml": (
        'id: my.i\nkind: boilerplate\ndescription: d\nlines:\n  - label: x\n    pattern: "(\\\\w+\\\\s?)+$"\n',
        "E110",
        6,
    ),
    "switch-typo.yaml": ("id: my.j\nkind: disable\ndescription: d\nrules: [cues.cue-phrases#acording-to]\n", "E111", 4),
}


def test_rules_check_reports_every_broken_file_with_code_file_and_line(tmp_path, capsys):
    for name, (text, _, _) in BROKEN.items():
        _write(tmp_path, name, text)
    assert cli.main(["rules", "check", str(tmp_path)]) == 1
    out = capsys.readouterr().out.splitlines()
    found = {(line.split()[0], line.split()[1].rsplit(":", 2)[0], int(line.split()[1].split(":")[-2])) for line in out[:-1]}
    for name, (_, code, line) in BROKEN.items():
        assert (code, str(tmp_path / name), line) in found, f"{name}: {code} at line {line} not in {sorted(found)}"
    assert len(out) - 1 == len(BROKEN)  # one problem each, nothing else
    # Every file read is counted once, a file whose only problem is an E111 too.
    checked = len(check_rules()[0]) + len(BROKEN)
    assert out[-1] == f"{checked} rule files checked, {len(BROKEN)} with problems: {len(BROKEN)} problems"


def test_a_runaway_pattern_stops_one_article_not_the_run(tmp_path):
    # `(a|aa)+$` passes the shape check (no nested repetition) yet backtracks
    # exponentially on a long line of a's that does not end the line.
    rules = tmp_path / "my-rules"
    _write(rules, "slow.yaml", 'id: my.slow\nkind: boilerplate\ndescription: d\nlines:\n  - {label: x, pattern: "(a|aa)+"}\n')
    assert check_rules([rules])[1] == []
    started = time.monotonic()
    with pytest.raises(QuotesError) as info:
        api.extract("a" * 60 + "!\nThe plan will fail, the senator said.\n", rules_dirs=[rules])
    assert time.monotonic() - started < 10
    assert info.value.code == "E030"
    assert str(info.value.location) == f"{rules / 'slow.yaml'}:5:25"
    assert api.extract("The plan will fail, the senator said.\n", rules_dirs=[rules]).claims


def test_rules_test_skips_the_tests_of_a_switched_off_file(tmp_path, capsys):
    rules = tmp_path / "my-rules"
    _write(rules, "switches.yaml", DISABLE.format(targets="outlets.scmp"))
    assert cli.main(["rules", "test", str(rules)]) == 0
    summary = capsys.readouterr().out.splitlines()[-1]
    scmp = next(f for f in check_rules()[0] if f.id == "outlets.scmp")
    assert summary.endswith(f", {len(scmp.tests)} skipped (switched off)")


def test_rules_schemas_lets_a_user_folder_name_its_schema(tmp_path, capsys):
    rules = tmp_path / "my-rules"
    assert cli.main(["rules", "schemas", str(rules)]) == 0
    written = capsys.readouterr().out.split()
    assert str(rules / "schemas" / "outlet.schema.json") in written
    profile = _write(rules, "outlets/tidewater.yaml", OUTLET)
    named = OUTLET.splitlines()[0].split("$schema=")[1]
    assert json.loads((profile.parent / named).read_text(encoding="utf-8"))["title"] == "quotes rule file: outlet"
    assert check_rules([rules])[1] == []  # the copied schemas are not taken for rule files


# Nine levels of nested aliases: expanded, `a` alone becomes 9**9 strings
# (gigabytes, and no end). Run as a user runs it, in a fresh interpreter with
# a timeout, so a regression fails instead of hanging the suite.
BILLION_LAUGHS = "id: my.lol\nkind: boilerplate\ndescription: billion laughs\n" + "".join(
    f"{name}: &{name} [{', '.join([previous] * 9)}]\n"
    for name, previous in zip("abcdefghi", ['"lol"', *(f"*{n}" for n in "abcdefgh")])
)
HOSTILE_TIMEOUT = 20


@pytest.mark.parametrize(
    "command,exit_code,stream,prefix",
    [
        (["rules", "check"], 1, "stdout", ""),
        (["rules", "test"], 1, "stdout", ""),
        (["extract", "--rules"], 2, "stderr", "quotes: "),
    ],
)
def test_a_billion_laughs_rule_file_is_refused_not_expanded(tmp_path, run_quotes, command, exit_code, stream, prefix):
    rules = tmp_path / "my-rules"
    laughs = _write(rules, "lol.yaml", BILLION_LAUGHS)
    assert len(BILLION_LAUGHS.splitlines()) == 12
    article = _write(tmp_path, "article.txt", ARTICLE)
    args = [*command, str(rules)] + ([str(article)] if command[0] == "extract" else [])
    done = run_quotes(*args, timeout=HOSTILE_TIMEOUT)
    lines = getattr(done, stream).decode("utf-8").splitlines()
    assert (
        f"{prefix}E112 {laughs}:4:4 YAML anchor '&a' refused: rule files may not use anchors or aliases; write the values out in full"
        in lines
    )
    assert b"Traceback" not in done.stderr
    assert done.returncode == exit_code


# Each file, the code and where after its path: one line each, no traceback.
HOSTILE = {
    "lol.yaml": (BILLION_LAUGHS, "E112", ":4:4"),
    "alias.yaml": ("id: &x my.x\nkind: relays\ndescription: *x\nagencies: [X]\n", "E112", ":1:5"),
    "big.yaml": ("id: my.big\nkind: people\ndescription: " + "x" * 300_000 + "\n", "E113", ""),
    "deep.yaml": (
        "id: my.deep\nkind: people\ndescription: d\nhonorifics: " + "[" * 40 + "]" * 40 + "\n",
        "E114",
        ":4:44",
    ),  # the file is level 1: the 32nd `[` is the 33rd
    "list-key.yaml": ("id: my.k\nkind: people\n? [description]\n: d\n", "E100", ":3:3"),
}


def test_every_hostile_file_is_one_coded_line_of_rules_check(tmp_path, run_quotes):
    rules = tmp_path / "my-rules"
    expected = set()
    for name, (text, code, where) in HOSTILE.items():
        expected.add(f"{code} {_write(rules, name, text)}{where}")
    if hasattr(os, "mkfifo"):
        # Reading a named pipe blocks until a writer comes: it must not be read.
        os.mkfifo(rules / "pipe.yaml")
        expected.add(f"E106 {rules / 'pipe.yaml'}")
    done = run_quotes("rules", "check", str(rules), timeout=HOSTILE_TIMEOUT)
    lines = done.stdout.decode("utf-8").splitlines()
    assert {" ".join(line.split(" ")[:2]) for line in lines[:-1]} == expected
    checked = len(check_rules()[0]) + len(expected)
    assert lines[-1] == f"{checked} rule files checked, {len(expected)} with problems: {len(expected)} problems"
    assert done.stderr == b""
    assert done.returncode == 1


PHRASES = """\
id: my.phrases
kind: indirect_quote
description: two phrases of our desk
phrases:
  - name: as-told-to
    pattern: [{LOWER: as}, {LOWER: told}, {LOWER: to}]
    speaker: object
    confidence: 0.8
  - name: per
    pattern: [{IS_SENT_START: true, LOWER: per}]
    speaker: object
    confidence: 0.8
tests:
  - match: "Per the mayor, the bridge will close in May."
    part: per
  - match: "The bridge will close, as told to the mayor by engineers."
    part: as-told-to
  - match: "Per the mayor, the tunnel will stay open until June."
    expect:
      - {rule: my.phrases#per, starts: the tunnel will stay open}
"""


def test_switching_off_a_part_skips_only_the_tests_of_that_part(tmp_path, capsys):
    rules = tmp_path / "my-rules"
    phrases = _write(rules, "phrases.yaml", PHRASES)
    _write(rules, "switches.yaml", DISABLE.format(targets="my.phrases#per"))
    assert cli.main(["rules", "test", str(rules), "-v"]) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if str(phrases) in line]
    assert lines == [
        f"SKIPPED {phrases}:14 my.phrases: its part my.phrases#per is switched off by my.switches",
        f"PASSED {phrases}:16 my.phrases",
        f"SKIPPED {phrases}:18 my.phrases: its part my.phrases#per is switched off by my.switches",
    ]


def test_a_test_that_fails_with_a_part_off_is_told_how_to_name_its_part(tmp_path, capsys):
    rules = tmp_path / "my-rules"
    phrases = _write(rules, "phrases.yaml", PHRASES.replace("    part: per\n", ""))
    _write(rules, "switches.yaml", DISABLE.format(targets="my.phrases#per"))
    assert cli.main(["rules", "test", str(rules)]) == 1
    [failed] = [line for line in capsys.readouterr().out.splitlines() if line.startswith("FAILED")]
    assert failed.startswith(f"FAILED {phrases}:14 my.phrases: expected a claim, got none; ")
    assert failed.endswith(
        "parts of this file are switched off: per (by my.switches); if the test is about one of them, say so with `part:`"
    )


def test_switching_off_a_builtin_part_keeps_the_other_tests_of_its_file(tmp_path, capsys):
    rules = tmp_path / "my-rules"
    _write(rules, "switches.yaml", DISABLE.format(targets="cues.cue-phrases#according-to"))
    assert cli.main(["rules", "test", str(rules), "-v"]) == 0
    phrases = [line for line in capsys.readouterr().out.splitlines() if "cue-phrases.yaml" in line]
    skipped = [line for line in phrases if line.startswith("SKIPPED")]
    assert skipped and all("its part cues.cue-phrases#according-to is switched off" in line for line in skipped)
    assert len(phrases) - len(skipped) > 20  # the tests of the other phrases still run


def test_rules_list_names_every_part_an_editor_can_switch_off(tmp_path, capsys):
    rules = tmp_path / "my-rules"
    _write(rules, "phrases.yaml", PHRASES)
    assert cli.main(["rules", "list", str(rules), "--kind", "indirect_quote"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert "  cues.cue-phrases#according-to-aside: words: ,|—|–|... according to; 1 test" in lines
    assert "  my.phrases#per: words: per; 2 tests" in lines
    assert "  my.phrases#as-told-to: words: as told to; 1 test" in lines
    assert not any(line.startswith("cues.reporting-verbs ") for line in lines)


def test_a_user_phrase_of_a_builtin_name_does_not_take_the_builtin_over(tmp_path):
    rules = tmp_path / "my-rules"
    own = PHRASES.replace("name: per\n", "name: according-to\n").replace("LOWER: per}", "LOWER: according}, {LOWER: to}")
    _write(rules, "phrases.yaml", own.split("tests:")[0])
    [claim] = api.extract("According to the mayor, the bridge will close in May.", rules_dirs=[rules]).claims
    assert claim.rule == "cues.cue-phrases#according-to"  # loaded first, it wins the tie
    switches = tmp_path / "switches"
    _write(switches, "switches.yaml", DISABLE.format(targets="cues.cue-phrases#according-to"))
    [claim] = api.extract("According to the mayor, the bridge will close in May.", rules_dirs=[rules, switches]).claims
    assert claim.rule == "my.phrases#according-to"


def test_rules_check_warns_about_a_pattern_it_cannot_prove_safe(tmp_path, capsys):
    rules = tmp_path / "my-rules"
    slow = _write(
        rules, "slow.yaml", 'id: my.slow\nkind: boilerplate\ndescription: d\nlines:\n  - {label: x, pattern: "(a|aa)+"}\n'
    )
    assert cli.main(["rules", "check", str(rules)]) == 0  # a warning does not fail the check
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith(
        f"W110 {slow}:5:25 `lines` > item 1 > `pattern`: pattern not proven safe: a repetition holds alternatives "
        "that can begin with the same character ('a')"
    )
    assert lines[-1].endswith(" rule files checked: no problems; 1 warning")


def test_a_runaway_pattern_in_a_corpus_run_is_an_error_record_naming_its_file_line(tmp_path):
    rules = tmp_path / "my-rules"
    slow = _write(
        rules, "slow.yaml", 'id: my.slow\nkind: boilerplate\ndescription: d\nlines:\n  - {label: x, pattern: "(a|aa)+"}\n'
    )
    corpus = _write(
        tmp_path,
        "in.jsonl",
        "".join(
            json.dumps({"id": name, "text": text}) + "\n"
            for name, text in [
                ("slow", "a" * 60 + "!\nThe plan will fail, the senator said.\n"),
                ("fine", "The plan will fail, the senator said.\n"),
            ]
        ),
    )
    out = tmp_path / "out.jsonl"
    assert cli.main(["corpus", str(corpus), "-o", str(out), "--workers", "1", "--rules", str(rules)]) == 1
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert records["slow"]["error"]["code"] == "E030"
    assert records["slow"]["error"]["message"].startswith(f"{slow}:5:25 the rule pattern '(a|aa)+' ran past 1 s")
    assert records["fine"]["error"] is None and records["fine"]["claims"]


def test_rules_check_warns_about_a_field_group_the_field_does_not_read(tmp_path, capsys):
    rules = tmp_path / "my-rules"
    profile = _write(rules, "outlets/tidewater.yaml", OUTLET.replace("(?P<value>", "(?P<name>"))
    assert cli.main(["rules", "check", str(rules)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == (
        f"W111 {profile}:10:13 the `author` pattern names the group name, but the field is read from a group "
        "named value: as it is, the whole match becomes the author"
    )
    # It is what a rule test then finds: the whole byline is taken for the author.
    [result] = [r for r in run_rule_tests(check_rules([rules])[0], [rules]) if r.rule == "my.outlets.tidewater"]
    assert result.status == "failed"
    assert "article author: expected 'Ann Roe', got 'By Ann Roe | Tidewater Ledger'" in result.message
