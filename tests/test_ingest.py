import io
import sys

import pytest

from quotes.errors import QuotesError
from quotes.ingest import read_article


def _write(tmp_path, name, data: bytes):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


@pytest.mark.parametrize(
    "data",
    [
        b"He said \xe2\x80\x9cyes\xe2\x80\x9d.\r\nShe said no.\r\n",  # CRLF kept
        b"Line one\rLine two\n",  # old Mac line end kept
        b"\xef\xbb\xbfA text with a byte order mark.",  # BOM kept as U+FEFF
        b"  leading and trailing space  \n\n",
        "Zoë said “ça va” — 中国".encode(),
    ],
)
def test_text_is_returned_exactly(tmp_path, data):
    text = read_article(_write(tmp_path, "a.txt", data))
    assert text.encode("utf-8") == data


def test_crlf_offsets_index_the_file(tmp_path):
    text = read_article(_write(tmp_path, "a.txt", b"one\r\ntwo"))
    assert text.index("two") == 5


@pytest.mark.parametrize(
    "name,data,code",
    [
        ("empty.txt", b"", "E003"),
        ("blank.txt", b" \r\n\t\n", "E003"),
        ("binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E004"),
        ("nul.txt", b"text with a\x00NUL byte", "E004"),
        ("latin1.txt", "Zoë said no.".encode("latin-1"), "E005"),
        ("utf16.txt", "He said no.".encode("utf-16"), "E005"),
        ("truncated.txt", "said “".encode()[:-1], "E005"),
    ],
)
def test_bad_content_is_refused(tmp_path, name, data, code):
    path = _write(tmp_path, name, data)
    with pytest.raises(QuotesError) as info:
        read_article(path)
    assert info.value.code == code
    assert path in str(info.value)


def test_not_utf8_names_the_position(tmp_path):
    path = _write(tmp_path, "latin1.txt", "ok\nZoë".encode("latin-1"))
    with pytest.raises(QuotesError) as info:
        read_article(path)
    assert "offset 5" in str(info.value)
    assert "line 2" in str(info.value)


@pytest.mark.parametrize(
    "make,code",
    [
        (lambda tmp: tmp / "missing.txt", "E001"),
        (lambda tmp: tmp / "no" / "such" / "dir.txt", "E001"),
        (lambda tmp: tmp, "E002"),
        (lambda tmp: (tmp / "f.txt").write_text("x") and tmp / "f.txt" / "below", "E006"),
    ],
    ids=["missing", "missing-parent", "directory", "below-a-file"],
)
def test_unreadable_paths_are_refused(tmp_path, make, code):
    path = str(make(tmp_path))
    with pytest.raises(QuotesError) as info:
        read_article(path)
    assert info.value.code == code
    assert str(info.value).startswith(f"{code} cannot read {path}")


@pytest.mark.parametrize(
    "data,expected",
    [(b"He said no.\r\n", "He said no.\r\n"), (b"", None), (b"\x00\x01", None)],
)
def test_dash_reads_stdin(monkeypatch, data, expected):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    if expected is None:
        with pytest.raises(QuotesError, match="<stdin>"):
            read_article("-")
    else:
        assert read_article("-") == expected
