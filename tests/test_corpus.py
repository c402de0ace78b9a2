"""quotes.corpus.lines: JSON lines in, one record per article out; bad lines do not stop the run."""

from __future__ import annotations

import json
import random

import pytest

import quotes.api
from quotes.corpus import lines as corpus
from quotes.errors import QuotesError
from quotes.formats.output_schema import validate_corpus_line
from quotes.records import Article, Extraction

SAID = "“We are ready for talks,” the minister said on Monday.\n"
LUKIN = (
    "Artyom Lukin, a professor of international politics at Far Eastern Federal University, "
    "said the deal was done.\n\n“Ever closer military cooperation is among the top priorities,” he said."
)


def _line(**fields):
    return json.dumps(fields, ensure_ascii=False)


def run_corpus(lines, extract_fn):
    """A corpus run in this process, as the engine makes one of each batch."""
    for item in corpus.read_lines(lines):
        yield item if isinstance(item, dict) else corpus.extract_article(item, extract_fn)


def test_real_extraction_continues_past_bad_lines(extract):
    lines = [
        _line(id="one", text=SAID, outlet="SCMP"),
        '{"id": "broken", "text": ',
        _line(id="no-text"),
        _line(id="empty", text="   \n"),
        _line(id="two", text=LUKIN),
    ]
    records = list(run_corpus(lines, lambda text, outlet: extract(text, outlet)))
    assert [(r["id"], r["error"] and r["error"]["code"]) for r in records] == [
        ("one", None),
        (None, "E020"),
        ("no-text", "E021"),
        ("empty", "E022"),
        ("two", None),
    ]
    # The records are exactly what `quotes extract --format json` prints.
    assert {k: records[0][k] for k in ("article", "claims")} == extract(SAID, "SCMP").to_dict()
    assert {k: records[4][k] for k in ("article", "claims")} == extract(LUKIN).to_dict()
    assert records[0]["article"]["outlet"] == "South China Morning Post"
    assert list(records[0]) == ["id", "article", "claims", "error"]
    for record in records:
        validate_corpus_line(record)
    for bad in records[1:4]:
        assert (bad["article"], bad["claims"]) == (None, [])
        assert set(bad["error"]) == {"code", "message"}
    assert records[1]["error"]["message"].startswith("line 2: not a JSON object: ")
    assert records[2]["error"]["message"] == "line 3: `text` must be a string (it is missing)"
    assert records[3]["error"]["message"] == "line 4: the article text is empty"


def _fake(text, outlet):
    return Extraction(article=Article(outlet=outlet), claims=[])


@pytest.mark.parametrize(
    "line,code,article_id,words",
    [
        ("not json", "E020", None, "Expecting value at column 1"),
        ("[1, 2]", "E020", None, "it is a list"),
        ('"text"', "E020", None, "it is a string"),
        (b'{"id": "x", "text": "caf\xe9"}', "E020", None, "not UTF-8 (byte 0xe9 at column 25)"),
        ('{"text": "Hi."}', "E021", None, "`id` must be a string (it is missing)"),
        ('{"id": 7, "text": "Hi."}', "E021", None, "`id` must be a string, not a number"),
        ('{"id": "a", "text": null}', "E021", "a", "`text` must be a string, not null"),
        ('{"id": "a", "text": ""}', "E022", "a", "the article text is empty"),
        ('{"id": "a", "text": "Hi.", "outlet": 3}', "E021", "a", "`outlet` must be a string or null, not a number"),
    ],
)
def test_bad_lines_become_error_records(line, code, article_id, words):
    [rec] = run_corpus([line], _fake)
    assert rec["id"] == article_id
    assert rec["error"]["code"] == code
    assert rec["error"]["message"].startswith("line 1: ")
    assert words in rec["error"]["message"]


def test_parse_line_reads_id_text_outlet_and_ignores_other_keys():
    article = corpus.parse_line(b'{"id": "a", "text": "Hi.", "outlet": "Reuters", "quotes": []}\n', 3)
    assert article == corpus.CorpusArticle(line=3, id="a", text="Hi.", outlet="Reuters")
    assert corpus.parse_line('{"id": "a", "text": "Hi.", "outlet": null}', 1).outlet is None


def test_parse_line_error_is_a_quotes_error():
    with pytest.raises(QuotesError) as caught:
        corpus.parse_line("{}", 9)
    assert str(caught.value) == "E021 line 9: `id` must be a string (it is missing)"


def test_blank_lines_are_skipped_but_counted():
    records = list(run_corpus(["\n", _line(id="a", text="Hi."), "  \n", "oops"], _fake))
    assert [r["id"] for r in records] == ["a", None]
    assert records[1]["error"]["message"].startswith("line 4: ")


def test_a_byte_order_mark_on_the_first_line_is_read_past():
    [rec] = run_corpus(["\ufeff" + _line(id="a", text="Hi.")], _fake)
    assert rec["error"] is None


def test_outlet_is_passed_to_extract():
    seen = []
    lines = [_line(id="a", text="Hi.", outlet="Reuters"), _line(id="b", text="Hi.")]
    list(run_corpus(lines, lambda t, o: seen.append(o) or _fake(t, o)))
    assert seen == ["Reuters", None]


def test_an_extraction_error_becomes_a_record_and_the_run_goes_on():
    def extract_fn(text, outlet):
        if "boom" in text:
            raise QuotesError("E007")
        return _fake(text, outlet)

    records = list(run_corpus([_line(id="a", text="boom"), _line(id="b", text="fine")], extract_fn))
    assert records[0] == {
        "id": "a",
        "article": None,
        "claims": [],
        "error": {"code": "E007", "message": "the article is empty"},
    }
    assert records[1]["error"] is None


def test_an_extractor_may_return_plain_data():
    data = {"article": {"outlet": None}, "claims": [{"id": "q1"}]}
    [rec] = run_corpus([_line(id="a", text="Hi.")], lambda t, o: data)
    assert rec == {"id": "a", "article": {"outlet": None}, "claims": [{"id": "q1"}], "error": None}


def test_records_stream_one_at_a_time():
    def lines():
        yield _line(id="a", text="Hi.")
        raise AssertionError("read ahead")

    assert next(run_corpus(lines(), _fake))["id"] == "a"


@pytest.mark.parametrize(
    "make,code",
    [(lambda tmp: tmp / "missing.jsonl", "E001"), (lambda tmp: tmp, "E002")],
    ids=["missing", "directory"],
)
def test_open_lines_fails_at_once_with_input_codes(tmp_path, make, code):
    with pytest.raises(QuotesError) as caught:
        with corpus.open_lines(str(make(tmp_path))):
            pass
    assert caught.value.code == code


def test_an_unexpected_failure_becomes_an_error_record_and_the_run_goes_on():
    def extract_or_break(text, outlet):
        if "break" in text:
            raise RuntimeError("parser exploded")
        return quotes.api.extract(text, outlet)

    lines = ['{"id": "a", "text": "please break"}', '{"id": "b", "text": "The plan failed, the minister said."}']
    first, second = run_corpus(lines, extract_or_break)
    assert first["error"]["code"] == "E027" and "RuntimeError: parser exploded" in first["error"]["message"]
    assert first["id"] == "a" and first["claims"] == []
    assert second["error"] is None and second["claims"]


# --- `quotes corpus` over folders of .txt files in other encodings ---------------

NEWS = "“We will not raise taxes,” Mayor Ana Ruiz said at the café on Monday.\n"
CP1252 = b"\x93We will not raise taxes,\x94 Mayor Ana Ruiz said at the caf\xe9 on Monday.\n"


def _records(text: str) -> dict:
    """The records of a run's output by id, each checked against the corpus-line schema."""
    records = [json.loads(line) for line in text.splitlines()]
    for record in records:
        validate_corpus_line(record)
    return {r["id"]: r for r in records}


def _quote(record: dict, text: str = NEWS) -> tuple[str, str]:
    """The claim's text and speaker, read through the offsets into `text`."""
    [claim] = record["claims"]
    [span] = claim["spans"]
    mention = claim["speaker"]["mention"]
    return text[span["start"] : span["end"]], text[mention["start"] : mention["end"]]


def test_a_folder_with_cp1252_and_utf16_files_gives_a_record_for_each(tmp_path, capsys):
    from quotes.cli import main as cli

    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "a-cp1252.txt").write_bytes(CP1252)
    (folder / "b-utf16.txt").write_bytes(NEWS.encode("utf-16"))
    (folder / "c-utf32.txt").write_bytes(b"\x00\x00\xfe\xff" + NEWS.encode("utf-32-be"))
    (folder / "d-binary.txt").write_bytes(random.Random(5).randbytes(2048))
    (folder / "e-damaged.txt").write_bytes(NEWS.encode() + b"caf\xe9")
    assert cli.main(["corpus", str(folder), "--workers", "1"]) == 1  # two files could not be read
    out, err = capsys.readouterr()
    records = _records(out)
    assert list(records) == ["a-cp1252", "b-utf16", "c-utf32", "d-binary", "e-damaged"]
    for name in ("a-cp1252", "b-utf16", "c-utf32"):
        assert records[name]["error"] is None
        assert _quote(records[name]) == ("We will not raise taxes", "Mayor Ana Ruiz")
    assert records["d-binary"]["error"]["code"] == "E004"
    assert records["e-damaged"]["error"]["code"] == "E005"
    # One line per file read in another encoding, then the run's summary.
    assert err.splitlines() == [
        f"quotes: {folder / 'a-cp1252.txt'}: decoded as cp1252 (not UTF-8)",
        f"quotes: {folder / 'b-utf16.txt'}: decoded as utf-16-le (byte-order mark)",
        f"quotes: {folder / 'c-utf32.txt'}: decoded as utf-32-be (byte-order mark)",
        "quotes: 2 of 5 articles failed (E004 x1, E005 x1); their records carry the error",
    ]


@pytest.mark.parametrize(
    "encoding,codes,text",
    [
        ("cp1252", {"a": None, "b": "E004"}, NEWS),  # the UTF-16 file's NUL bytes read as cp1252: binary
        ("latin-1", {"a": None, "b": "E004"}, CP1252.decode("latin-1")),  # as asked: C1 controls for the quote marks
    ],
)
def test_corpus_encoding_option_forces_the_encoding_of_every_txt_file(tmp_path, capsys, encoding, codes, text):
    from quotes.cli import main as cli

    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "a.txt").write_bytes(CP1252)
    (folder / "b.txt").write_bytes(NEWS.encode("utf-16"))
    out_file = tmp_path / "out.jsonl"
    assert cli.main(["corpus", str(folder), "-o", str(out_file), "--workers", "1", "--encoding", encoding]) == 1
    assert "decoded as" not in capsys.readouterr().err  # a forced encoding is not news to the user
    records = _records(out_file.read_text(encoding="utf-8"))
    assert {k: r["error"] and r["error"]["code"] for k, r in records.items()} == codes
    for claim in records["a"]["claims"]:  # offsets index the text as decoded
        assert [text[s["start"] : s["end"]] for s in claim["spans"]] == [claim["text"]]
    if text == NEWS:
        assert _quote(records["a"]) == ("We will not raise taxes", "Mayor Ana Ruiz")


def test_corpus_with_an_unknown_encoding_is_one_line_exit_2_and_writes_nothing(tmp_path, capsys):
    from quotes.cli import main as cli

    folder = tmp_path / "archive"
    folder.mkdir()
    (folder / "a.txt").write_bytes(CP1252)
    out_file = tmp_path / "out.jsonl"
    assert cli.main(["corpus", str(folder), "-o", str(out_file), "--encoding", "nonsense"]) == 2
    assert capsys.readouterr().err.startswith("quotes: E008 unknown text encoding 'nonsense'")
    assert not out_file.exists()
