"""Corpus inputs: JSON Lines, folders of .txt, parts."""

from __future__ import annotations

import json

import pytest

from quotes.sources import Part, parts_of, tasks_from_folder, tasks_from_lines, tasks_of

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
    [(b"", "E003"), (b"\xff\xfeh\x00i\x00", "E005"), (b"caf\xe9 au lait", "E005"), (b"\x00\x01\x02", "E004")],
    ids=["empty", "utf-16", "latin-1", "binary"],
)
def test_an_unreadable_txt_file_becomes_an_error_record_and_the_folder_goes_on(tmp_path, data, code):
    (tmp_path / "bad.txt").write_bytes(data)
    (tmp_path / "good.txt").write_text(SAID, encoding="utf-8")
    bad, good = tasks_from_folder(str(tmp_path))
    assert bad.id == "bad" and bad.failed["error"]["code"] == code and bad.failed["article"] is None
    assert good.article is not None


def test_parts_get_distinct_output_names():
    parts = parts_of(["in/day1.jsonl", "other/day1.jsonl", "archive/", "-"])
    assert [p.name for p in parts] == ["day1", "day1-2", "archive", "stdin"]


def test_tasks_of_reads_a_jsonl_part(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text(json.dumps({"id": "a", "text": SAID, "outlet": "Reuters"}) + "\n", encoding="utf-8")
    [task] = tasks_of(Part(str(path), "p"))
    assert (task.id, task.article.outlet) == ("a", "Reuters")
