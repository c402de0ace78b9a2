"""brat standoff attributions (PolNeAR's format) to gold JSON Lines that `quotes eval` reads."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from quotes.errors import QuotesError
from quotes.evaluation import brat
from quotes.evaluation.evaluate import read_gold

# An invented article: a direct quote split by its attribution, an indirect one,
# and an attribution the text gives no source for.
TEXT = (
    "Bridge to reopen in 2028\n"
    "“We will rebuild the bridge,” Mayor Lena Ortiz said on Tuesday. “It will take two years.”\n"
    "The council said that the budget for the work was approved in March.\n"
    "Questions remain about the cost.\n"
)


def at(sub: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(sub, start + 1)
    return start, start + len(sub)


def t_line(tid: str, label: str, *subs: str | tuple[str, int]) -> str:
    spans = [at(s) if isinstance(s, str) else at(*s) for s in subs]
    offsets = ";".join(f"{s} {e}" for s, e in spans)
    return f"{tid}\t{label} {offsets}\t{' '.join(TEXT[s:e] for s, e in spans)}"


ANN = "\n".join(
    [
        t_line("T1", "Content", "“We will rebuild the bridge,”", "“It will take two years.”"),
        t_line("T2", "Source", "Mayor Lena Ortiz"),
        t_line("T3", "Cue", "said on Tuesday"),
        t_line("T4", "Attribution", "said on Tuesday"),
        "E1\tAttribution:T4 Source:T2 Cue:T3 Content:T1",
        t_line("T5", "Source", "The council"),
        t_line("T6", "Cue", ("said", 1)),
        t_line("T7", "Content", "that the budget for the work was approved in March"),
        t_line("T8", "Attribution", ("said", 1)),
        "E2\tAttribution:T8 Content:T7 Cue:T6 Source:T5",
        t_line("T9", "Cue", "Questions remain about"),
        t_line("T10", "Content", "the cost"),
        t_line("T11", "Attribution-no-source", "Questions remain about"),
        "E3\tAttribution-no-source:T11 Cue:T9 Content:T10",
        t_line("T12", "Discuss", "Bridge to reopen in 2028"),
        "#1\tAnnotatorNotes T12\ta headline",
        "",
    ]
)


def test_a_direct_quote_split_by_its_attribution() -> None:
    record = brat.article("bridge", TEXT, ANN, "bridge.ann")
    direct = record["quotes"][0]
    first, second = at("“We will rebuild the bridge,”"), at("“It will take two years.”")
    assert direct["type"] == "direct"
    assert direct["content_fragments"] == [list(first), list(second)]
    assert (direct["content_start"], direct["content_end"]) == (first[0], second[1])
    assert direct["content"] == TEXT[first[0] : second[1]]
    assert (direct["speaker"], direct["cue"]) == ("Mayor Lena Ortiz", "said on Tuesday")
    assert (direct["speaker_start"], direct["speaker_end"]) == at("Mayor Lena Ortiz")
    assert direct["ann_id"] == "E1"


def test_an_indirect_quote_and_one_without_a_source() -> None:
    quotes = brat.article("bridge", TEXT, ANN)["quotes"]
    assert [q["ann_id"] for q in quotes] == ["E1", "E2", "E3"]  # text order
    indirect, unsourced = quotes[1], quotes[2]
    assert indirect["type"] == "indirect"
    assert indirect["content"] == "that the budget for the work was approved in March"
    assert "content_fragments" not in indirect
    assert (indirect["speaker"], indirect["cue"], indirect["cue_start"]) == ("The council", "said", at("said", 1)[0])
    assert unsourced["speaker"] is unsourced["speaker_start"] is None
    assert unsourced["no_source_marked"] is True


def test_polnear_layout_and_the_gold_reader(tmp_path: Path) -> None:
    name = "politico_2016-09-12_bridge-to-reopen"
    (tmp_path / "dev" / "text").mkdir(parents=True)
    (tmp_path / "dev" / "attributions").mkdir()
    (tmp_path / "dev" / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8", newline="")
    (tmp_path / "dev" / "attributions" / f"{name}_5fec.ann").write_text(ANN, encoding="utf-8")
    out = tmp_path / "gold.jsonl"
    assert brat.write_jsonl(tmp_path, out) == (1, 3)
    record = json.loads(out.read_text(encoding="utf-8"))
    assert (record["id"], record["outlet"], record["text"]) == (name, "Politico", TEXT)
    # What `quotes eval` reads.
    [gold] = read_gold(io.StringIO(out.read_text(encoding="utf-8")), str(out))
    assert gold.id == name
    assert [q.type for q in gold.quotes] == ["direct", "indirect", "indirect"]
    assert gold.quotes[0].spans == (at("“We will rebuild the bridge,”"), at("“It will take two years.”"))
    assert [q.speaker for q in gold.quotes] == ["Mayor Lena Ortiz", "The council", None]
    assert gold.quotes[1].cue == "said"


def test_pairs_side_by_side_and_two_annotators_of_one_text(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "text").mkdir()
    (tmp_path / "anns").mkdir()
    (tmp_path / "text" / "b.txt").write_text(TEXT, encoding="utf-8")
    for annotator in ("4b22", "d473"):
        (tmp_path / "anns" / f"b_{annotator}.ann").write_text(ANN, encoding="utf-8")
    (tmp_path / "anns" / "b_d473.ann").write_text(ANN.replace("E2\t", "E9\t"), encoding="utf-8")
    records = list(brat.convert_folder(tmp_path))
    assert [r["id"] for r in records] == ["a", "b"]  # a text annotated twice: its first annotator, as PolNeAR's gold
    assert "E9" not in [q["ann_id"] for q in records[1]["quotes"]]
    ids = [r["id"] for r in brat.convert_folder(tmp_path, all_annotators=True)]
    assert ids == ["a", "b_4b22", "b_d473"]


def test_the_module_runs_as_a_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "in" / "a.ann").write_text(ANN, encoding="utf-8")
    assert brat.main([str(tmp_path / "in"), str(tmp_path / "out.jsonl")]) == 0
    assert "1 articles, 3 attributions" in capsys.readouterr().err
    (tmp_path / "in" / "a.ann").write_text("T1\tContent 0 x\tBridge\n", encoding="utf-8")
    assert brat.main([str(tmp_path / "in"), "-"]) == 2
    assert capsys.readouterr().err.startswith(f"E060 {tmp_path / 'in' / 'a.ann'}:1 ")


@pytest.mark.parametrize(
    "content, expected",
    [
        ("“We will rebuild the bridge,”", "direct"),
        ("We will rebuild the bridge", "direct"),  # the marks just outside the span
        ("that the budget for the work was approved in March", "indirect"),
        ("the budget was “approved” in March", "mixed"),
        ("the council’s budget", "indirect"),  # an apostrophe is not a quote mark
    ],
)
def test_quote_type_from_the_marks(content: str, expected: str) -> None:
    text = f"Intro. “We will rebuild the bridge,” she said. {content}."
    start = text.rindex(content) if content != "We will rebuild the bridge" else text.index(content)
    assert brat.quote_type(text, [(start, start + len(content))]) == expected


@pytest.mark.parametrize(
    "ann, code, line",
    [
        ("T1\tContent 0 6\n", "E060", 1),  # no text column
        ("T1\tContent 0 six\tBridge\n", "E060", 1),
        ("T1\tContent 0 6;9\tBridge\n", "E060", 1),  # half an offset pair
        ("T1\tContent 6 0\tBridge\n", "E060", 1),
        ("T1 Content 0 6 Bridge\n", "E060", 1),  # spaces for tabs
        ("T1\tContent 0 6\tBridge\nE1\tAttribution T1\n", "E060", 2),
        ("T1\tContent 0 6\tBridge\n\nE1\tAttribution:T1 Content\n", "E060", 3),
        ("X1\tsomething\n", "E060", 1),
        ("T1\tContent 0 6\tBridge\nE1\tAttribution:T1 Content:T1 Source:T9\n", "E061", 2),  # a missing span
        ("T1\tContent 0 6\tBridge\nE1\tAttribution:T7 Content:T1\n", "E061", 2),  # a missing trigger
        ("T1\tContent 0 6\tBridge\nR1\tSupports Arg1:T1 Arg2:T2\n", "E061", 2),
        ("T1\tContent 0 9999\tBridge\n", "E062", 1),  # past the text
        ("T1\tContent 0 6\tTunnel\n", "E062", 1),  # not the text at those offsets
    ],
)
def test_bad_annotations_name_code_file_and_line(ann: str, code: str, line: int) -> None:
    with pytest.raises(QuotesError) as raised:
        brat.article("x", TEXT, ann, "x.ann")
    assert raised.value.code == code
    assert str(raised.value).startswith(f"{code} x.ann:{line} ")


def test_an_ann_without_its_text(tmp_path: Path) -> None:
    (tmp_path / "lonely_ab12.ann").write_text(ANN, encoding="utf-8")
    with pytest.raises(QuotesError) as raised:
        list(brat.convert_folder(tmp_path))
    assert raised.value.code == "E063"
    assert "lonely_ab12.ann" in str(raised.value)


def test_a_text_that_is_not_utf8(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_bytes("caf\u00e9 said".encode("cp1252"))
    (tmp_path / "a.ann").write_text("", encoding="utf-8")
    with pytest.raises(QuotesError) as raised:
        list(brat.convert_folder(tmp_path))
    assert raised.value.code == "E064"


def test_span_text_check_can_be_skipped() -> None:
    record = brat.article(
        "x", TEXT, "T1\tContent 0 6\tTunnel\nT2\tAttribution 0 6\tTunnel\nE1\tAttribution:T2 Content:T1\n", check_text=False
    )
    assert record["quotes"][0]["content"] == "Bridge"
