"""Corpus inputs: JSON Lines, folders of .txt, parts."""

from __future__ import annotations

import json

import pytest

from quotes.corpus.sources import (
    Part,
    parts_of,
    tasks_from_folder,
    tasks_from_lines,
    tasks_of,
)
from quotes.errors import QuotesError

SAID = "“We are ready for talks,” the minister said on Monday.\n"


def test_lines_become_articles_and_bad_lines_error_records_in_order():
    lines = [json.dumps({"id": "a", "text": SAID}), "", "{oops", json.dumps({"id": "c", "text": " "})]
    tasks = list(tasks_from_lines(lines))
    assert [t.id for t in tasks] == ["a", None, "c"]
    assert tasks[0].article.text == SAID and tasks[0].failed is None
    assert tasks[1].failed["error"]["code"] == "E020"
    assert "line 3" in tasks[1].failed["error"]["message"]  # blank lines still count
    assert tasks[2].failed["error"]["code"] == "E022"


def test_a_folder_gives_one_article_per_txt_file_with_its_relative_path_as_id(tmp_path):
    (tmp_path / "2024" / "03").mkdir(parents=True)
    (tmp_path / "2024" / "03" / "b.txt").write_text(SAID, encoding="utf-8")
    (tmp_path / "a.txt").write_bytes(SAID.encode("utf-8"))
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")
    tasks = list(tasks_from_folder(str(tmp_path)))
    assert [t.id for t in tasks] == ["2024/03/b", "a"]
    assert all(t.article.text == SAID for t in tasks)


@pytest.mark.parametrize(
    "data,code",
    [(b"", "E003"), (b"\xff\xfeh\x00i", "E005"), ("“café” au lait".encode() + b"\xe9", "E005"), (b"\x00\x01\x02", "E004")],
    ids=["empty", "cut-utf-16", "damaged-utf-8", "binary"],
)
def test_an_unreadable_txt_file_becomes_an_error_record_and_the_folder_goes_on(tmp_path, data, code):
    (tmp_path / "bad.txt").write_bytes(data)
    (tmp_path / "good.txt").write_text(SAID, encoding="utf-8")
    bad, good = tasks_from_folder(str(tmp_path))
    assert bad.id == "bad" and bad.failed["error"]["code"] == code and bad.failed["article"] is None
    assert good.article is not None


CP1252 = b"\x93We will not raise taxes,\x94 Mayor Ana Ruiz said at the caf\xe9 on Monday."
NEWS = "“We will not raise taxes,” Mayor Ana Ruiz said at the café on Monday."


def test_txt_files_in_other_encodings_are_decoded_with_a_notice_each(tmp_path):
    (tmp_path / "a.txt").write_bytes(CP1252)
    (tmp_path / "b.txt").write_bytes(NEWS.encode("utf-16"))
    (tmp_path / "c.txt").write_text(SAID, encoding="utf-8")
    tasks = list(tasks_from_folder(str(tmp_path)))
    assert [(t.id, t.article.text) for t in tasks] == [("a", NEWS), ("b", NEWS), ("c", SAID)]
    assert [t.notice for t in tasks] == [
        f"{tmp_path / 'a.txt'}: decoded as cp1252 (not UTF-8)",
        f"{tmp_path / 'b.txt'}: decoded as utf-16-le (byte-order mark)",
        None,
    ]


@pytest.mark.parametrize(
    "encoding,data,expected",
    [("latin-1", CP1252, CP1252.decode("latin-1")), ("cp1252", CP1252, NEWS), ("utf-16-be", NEWS.encode("utf-16-be"), NEWS)],
)
def test_a_folder_part_forces_its_encoding_on_every_txt_file(tmp_path, encoding, data, expected):
    (tmp_path / "a.txt").write_bytes(data)
    [part] = parts_of([str(tmp_path)], encoding)
    [task] = tasks_of(part)
    assert (task.article.text, task.notice) == (expected, None)


def test_a_forced_encoding_that_does_not_fit_a_file_is_its_error_record(tmp_path):
    (tmp_path / "a.txt").write_bytes(CP1252)
    (tmp_path / "b.txt").write_bytes(b"The plan will fail, the senator said.\n")
    bad, good = tasks_of(parts_of([str(tmp_path)], "ascii")[0])
    assert bad.failed["error"]["code"] == "E005" and "not ascii (byte 0x93" in bad.failed["error"]["message"]
    assert good.article.text == "The plan will fail, the senator said.\n"


def test_an_unknown_encoding_stops_before_any_file(tmp_path):
    (tmp_path / "a.txt").write_text(SAID, encoding="utf-8")
    for make in (lambda: parts_of([str(tmp_path)], "nonsense"), lambda: list(tasks_from_folder(str(tmp_path), "nonsense"))):
        with pytest.raises(QuotesError) as info:
            make()
        assert info.value.code == "E008"


def test_parts_get_distinct_output_names():
    parts = parts_of(["in/day1.jsonl", "other/day1.jsonl", "archive/", "-"])
    assert [p.name for p in parts] == ["day1", "day1-2", "archive", "stdin"]


def test_tasks_of_reads_a_jsonl_part(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": "a", "text": SAID, "outlet": "Reuters"}) + "\n", encoding="utf-8")
    [task] = tasks_of(Part(str(path), "p"))
    assert (task.id, task.article.outlet) == ("a", "Reuters")
