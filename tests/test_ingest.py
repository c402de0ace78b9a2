import io
import sys

import pytest

from quotes.errors import QuotesError
from quotes.formats.ingest import (
    BOM,
    DEFAULT,
    DETECTED,
    FORCED,
    check_encoding,
    decode_text,
    read_article,
    read_text,
)


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
        ("damaged.txt", "“Yes,” she said at the ".encode() + b"caf\xe9.", "E005"),  # UTF-8, one stray byte
        ("utf16-cut.txt", "He said no.".encode("utf-16") + b"\x00", "E005"),  # a BOM, an odd length
        ("utf16-no-bom.txt", "He said no.".encode("utf-16-le"), "E004"),
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
    path = _write(tmp_path, "damaged.txt", "ok\n“Zoë” ".encode() + b"\xe9")
    with pytest.raises(QuotesError) as info:
        read_article(path)
    assert "offset 14" in str(info.value)
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


# --- other encodings than UTF-8 ---------------------------------------------------

NEWS = "“We will not raise taxes,” Mayor Ana Ruiz said at the café on Monday."
CP1252 = b"\x93We will not raise taxes,\x94 Mayor Ana Ruiz said at the caf\xe9 on Monday."
assert NEWS.encode("cp1252") == CP1252
FRENCH = "« Nous n'augmenterons pas les impôts », a déclaré la maire Anaïs Ruiz lundi au café de la gare."
POLISH = "Burmistrz powiedział, że nie podniesie podatków w żadnym wypadku, a rada miasta się zgodziła."
RUSSIAN = "Мэр сказал, что налоги не будут повышены. Совет города проголосовал за бюджет в понедельник."
JAPANESE = "市長は月曜日、税金を上げないと述べた。市議会は予算案を可決した。"


@pytest.mark.parametrize(
    "data,text,encoding,how",
    [
        (NEWS.encode(), NEWS, "utf-8", DEFAULT),
        (b"\xef\xbb\xbf" + NEWS.encode(), "\ufeff" + NEWS, "utf-8", DEFAULT),  # as before: U+FEFF kept
        (CP1252, NEWS, "cp1252", DETECTED),
        (b"Line one\r\n" + CP1252 + b"\r\n", f"Line one\r\n{NEWS}\r\n", "cp1252", DETECTED),  # CRLF kept
        (
            "It’s a good day for the city, the mayor said.".encode("cp1252"),
            "It’s a good day for the city, the mayor said.",
            "cp1252",
            DETECTED,
        ),
        (FRENCH.encode("latin-1"), FRENCH, "cp1252", DETECTED),  # ISO 8859-1 text reads the same in cp1252
        (POLISH.encode("cp1250"), POLISH, "cp1250", DETECTED),
        (RUSSIAN.encode("cp1251"), RUSSIAN, "cp1251", DETECTED),
        (RUSSIAN.encode("koi8-r"), RUSSIAN, "koi8-r", DETECTED),
        (JAPANESE.encode("shift_jis"), JAPANESE, "cp932", DETECTED),
        (b"\xff\xfe" + NEWS.encode("utf-16-le"), NEWS, "utf-16-le", BOM),  # the mark is not text
        (b"\xfe\xff" + NEWS.encode("utf-16-be"), NEWS, "utf-16-be", BOM),
        (b"\xff\xfe\x00\x00" + NEWS.encode("utf-32-le"), NEWS, "utf-32-le", BOM),
        (b"\x00\x00\xfe\xff" + NEWS.encode("utf-32-be"), NEWS, "utf-32-be", BOM),
        (b"\xff\xfe" + "one\r\ntwo".encode("utf-16-le"), "one\r\ntwo", "utf-16-le", BOM),
    ],
    ids=[
        "utf-8",
        "utf-8-bom",
        "cp1252",
        "cp1252-crlf",
        "cp1252-apostrophe",
        "latin-1-french",
        "cp1250-polish",
        "cp1251-russian",
        "koi8-r-russian",
        "shift-jis",
        "utf-16-le",
        "utf-16-be",
        "utf-32-le",
        "utf-32-be",
        "utf-16-crlf",
    ],
)
def test_an_article_is_decoded_in_its_encoding(tmp_path, data, text, encoding, how):
    decoded = read_text(_write(tmp_path, "a.txt", data))
    assert (decoded.text, decoded.encoding, decoded.how) == (text, encoding, how)
    assert read_article(_write(tmp_path, "b.txt", data)) == text


@pytest.mark.parametrize(
    "how,encoding,note",
    [
        (DEFAULT, "utf-8", None),
        (FORCED, "iso8859-1", None),  # the user named it: nothing to tell
        (DETECTED, "cp1252", "decoded as cp1252 (not UTF-8)"),
        (BOM, "utf-16-le", "decoded as utf-16-le (byte-order mark)"),
    ],
)
def test_only_a_text_read_in_an_unnamed_other_encoding_has_a_note(how, encoding, note):
    data = {DEFAULT: NEWS.encode(), FORCED: CP1252, DETECTED: CP1252, BOM: NEWS.encode("utf-16")}[how]
    decoded = decode_text(data, "a.txt", "latin-1" if how == FORCED else None)
    assert (decoded.encoding, decoded.how, decoded.note) == (encoding, how, note)


def test_a_legacy_text_on_stdin_is_decoded(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(CP1252)))
    assert read_text("-").text == NEWS


def _random_bytes(seed: int, low: int, size: int) -> bytes:
    import random

    rng = random.Random(seed)
    return bytes(rng.randrange(low, 256) for _ in range(size))


@pytest.mark.parametrize(
    "data,code,words",
    [
        (_random_bytes(1, 0, 4096), "E004", "binary"),
        (_random_bytes(2, 0, 4096), "E004", "binary"),
        (b"\xff\xfe" + "a\x00b".encode("utf-16-le"), "E004", "binary"),  # a NUL character, whatever the encoding
        # High bytes and nothing charset-normalizer reads as text: not UTF-8, as before.
        (_random_bytes(3, 128, 300), "E005", "the text is not UTF-8 (byte 0x"),
        (_random_bytes(4, 128, 300), "E005", "the text is not UTF-8 (byte 0x"),
        # UTF-8 with a stray cp1252 byte: a code page would garble every “ into â€œ.
        ("“Yes,” said the mayor at the ".encode() + b"caf\xe9.", "E005", "not UTF-8 (byte 0xe9 at offset 36, line 1)"),
        ("said “".encode()[:-1], "E005", "not UTF-8 (byte 0xe2 at offset 5, line 1)"),  # cut short
        (b"\xff\xfe" + "He\nsaid".encode("utf-16-le") + b"!", "E005", "not utf-16-le (byte 0x21 at offset 16, line 2)"),
        (b"\xff\xfe", "E003", "empty"),
        (b"\xff\xfe" + " \n".encode("utf-16-le"), "E003", "empty"),
    ],
    ids=[
        "random-1",
        "random-2",
        "utf-16-nul",
        "high-bytes-3",
        "high-bytes-4",
        "damaged-utf-8",
        "cut-utf-8",
        "cut-utf-16",
        "bom-only",
        "utf-16-blank",
    ],
)
def test_what_no_encoding_reads_is_refused_as_before(tmp_path, data, code, words):
    path = _write(tmp_path, "a.txt", data)
    with pytest.raises(QuotesError) as info:
        read_text(path)
    assert info.value.code == code
    assert words in str(info.value)


@pytest.mark.parametrize(
    "encoding,data,text,name",
    [
        ("latin-1", CP1252, CP1252.decode("latin-1"), "iso8859-1"),  # forced: 0x93 is a C1 control, as asked
        ("cp1252", CP1252, NEWS, "cp1252"),
        ("Windows-1252", CP1252, NEWS, "cp1252"),
        ("utf-16", NEWS.encode("utf-16"), NEWS, "utf-16"),
        ("utf-16-be", NEWS.encode("utf-16-be"), NEWS, "utf-16-be"),  # no mark: only a forced encoding reads it
        ("utf-8", b"\xef\xbb\xbf" + NEWS.encode(), "\ufeff" + NEWS, "utf-8"),
        ("utf-8-sig", b"\xef\xbb\xbf" + NEWS.encode(), NEWS, "utf-8-sig"),
        ("mac-roman", NEWS.encode("mac_roman"), NEWS, "mac-roman"),
    ],
)
def test_a_forced_encoding_is_used_as_is(tmp_path, encoding, data, text, name):
    decoded = read_text(_write(tmp_path, "a.txt", data), encoding)
    assert (decoded.text, decoded.encoding, decoded.how, decoded.note) == (text, name, FORCED, None)


@pytest.mark.parametrize(
    "encoding,data,code,words",
    [
        ("utf-8", CP1252, "E005", "the text is not utf-8 (byte 0x93 at offset 0, line 1)"),
        ("ascii", b"ok\ncaf\xe9", "E005", "the text is not ascii (byte 0xe9 at offset 6, line 2)"),
        ("utf-16", b"\xff\xfeH\x00i", "E005", "the text is not utf-16 (byte 0x69 at offset 4, line 1)"),
        ("cp1252", b"caf\x81", "E005", "the text is not cp1252 (byte 0x81 at offset 3, line 1)"),
        ("latin-1", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "E004", "binary"),  # every byte decodes, a NUL is still binary
        ("latin-1", b"", "E003", "empty"),
        ("nonsense", NEWS.encode(), "E008", "unknown text encoding 'nonsense'"),
        ("rot13", NEWS.encode(), "E008", "unknown text encoding 'rot13'"),  # a codec, but not bytes to text
        ("base64", NEWS.encode(), "E008", "unknown text encoding 'base64'"),
    ],
)
def test_a_forced_encoding_that_does_not_fit_is_refused(tmp_path, encoding, data, code, words):
    path = _write(tmp_path, "a.txt", data)
    with pytest.raises(QuotesError) as info:
        read_text(path, encoding)
    assert (info.value.code, str(info.value).startswith(code)) == (code, True)
    assert words in str(info.value)


def test_an_unknown_encoding_is_refused_before_the_file_is_read(tmp_path):
    with pytest.raises(QuotesError) as info:
        read_text(str(tmp_path / "missing.txt"), "nonsense")
    assert info.value.code == "E008"
    assert check_encoding("Latin-1") == "iso8859-1"
