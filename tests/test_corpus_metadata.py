"""A corpus line's metadata (`published`, `title`, `author`, `url`): checked
as the line is read (E021), and filling the article fields the text leaves
null; what the text says wins."""

from __future__ import annotations

import json
import pickle

import pytest

import quotes
from quotes.cli import main as cli
from quotes.corpus import lines as corpus
from quotes.corpus.engine import run_local
from quotes.corpus.sources import tasks_from_lines
from quotes.evaluation.gold import read_gold
from quotes.formats.output_schema import validate_corpus_line

# No byline, no date, one paragraph (so no headline above it): the text gives no metadata.
SAID = "“We are ready for talks,” the minister said on Monday.\n"
# The Global Times profile reads its byline, date and headline.
GT_OPINION = (
    "Your Present Location :Home > LATEST INSIGHTS\n\n"
    "Guan Zhaoyu: Defense minister’s Russia tour forges ties\n\n"
    "By Guan Zhaoyu     Source: Global Times    Published: 2018-4-2\n\n"
    "“Russia was the right choice,” the minister said.\n"
)
METADATA = {
    "published": "2026-01-31",
    "title": "Minister ready for talks",
    "author": "Jane Roe",
    "url": "https://example.com/news/ready",
}


def _line(**fields: object) -> str:
    return json.dumps(fields, ensure_ascii=False)


def _records(*lines: str) -> list[dict]:
    """Records as the corpus engine makes them, in this process, with the real extractor."""
    return list(run_local(tasks_from_lines(lines)))


def _article(**fields: object) -> corpus.CorpusArticle:
    return corpus.parse_line(_line(id="a", text="Hi.", **fields), 1)


@pytest.mark.parametrize(
    ("published", "stored"),
    [
        ("2026-01-31", "2026-01-31"),
        ("2026-01-31T09:00:00Z", "2026-01-31"),
        ("2026-01-31T09:00:00.250+02:00", "2026-01-31"),
        # The date as the outlet wrote it, not turned to UTC (that would be 2026-02-01).
        ("2026-01-31T23:30:00-05:00", "2026-01-31"),
        ("2026-01-31 09:00", "2026-01-31"),
        (" 2026-01-31 ", "2026-01-31"),
        ("", None),
        (None, None),
    ],
)
def test_published_forms_read(published, stored):
    assert _article(published=published).published == stored


@pytest.mark.parametrize(
    ("field", "value", "kind"),
    [
        ("published", "yesterday", "an ISO date such as 2026-01-31, or null, not 'yesterday'"),
        ("published", 20260131, "an ISO date such as 2026-01-31, or null, not a number"),
        ("published", "20260131", "an ISO date such as 2026-01-31, or null, not '20260131'"),
        ("published", "2026-02-30", "an ISO date such as 2026-01-31, or null, not '2026-02-30'"),
        ("published", "2026-W05-6", "an ISO date such as 2026-01-31, or null, not '2026-W05-6'"),
        ("published", "31/01/2026", "an ISO date such as 2026-01-31, or null, not '31/01/2026'"),
        ("published", "2026-01-31T25:00", "an ISO date such as 2026-01-31, or null, not '2026-01-31T25:00'"),
        ("published", "2026-01-31noon", "an ISO date such as 2026-01-31, or null, not '2026-01-31noon'"),
        ("published", "x" * 50, f"an ISO date such as 2026-01-31, or null, not '{'x' * 40}…'"),
        ("published", ["2026-01-31"], "an ISO date such as 2026-01-31, or null, not a list"),
        ("title", 3, "a string or null, not a number"),
        ("author", True, "a string or null, not a boolean"),
        ("author", {"name": "Jane Roe"}, "a string or null, not an object"),
        ("url", 1, "a string or null, not a number"),
    ],
)
def test_bad_metadata_is_an_e021_record_and_the_run_goes_on(field, value, kind):
    lines = [_line(id="bad", text="Hi.", **{field: value}), _line(id="good", text="Hi.", **METADATA)]
    bad, good = (
        item if isinstance(item, dict) else corpus.extract_article(item, quotes.extract) for item in corpus.read_lines(lines)
    )
    assert bad == {
        "id": "bad",
        "article": None,
        "claims": [],
        "error": {"code": "E021", "message": f"line 1: `{field}` must be {kind}"},
    }
    assert good["error"] is None
    validate_corpus_line(bad)


@pytest.mark.parametrize(
    ("extracted", "line", "filled"),
    [
        # Null fields take the line's values.
        ({"title": None, "author": None, "published": None, "url": None, "outlet": None}, METADATA, {**METADATA, "outlet": None}),
        # The text's own values win.
        (
            {"title": "Text title", "author": "Text Author", "published": "2018-04-02", "url": "https://x.example/a"},
            METADATA,
            {"title": "Text title", "author": "Text Author", "published": "2018-04-02", "url": "https://x.example/a"},
        ),
        # Field by field.
        (
            {"title": "Text title", "author": None, "published": None, "url": None},
            {"author": "Jane Roe"},
            {"title": "Text title", "author": "Jane Roe", "published": None, "url": None},
        ),
        # A line without metadata changes nothing (and adds no keys).
        ({"outlet": "Reuters"}, {}, {"outlet": "Reuters"}),
    ],
)
def test_with_line_metadata_fills_only_null_fields(extracted, line, filled):
    assert corpus.with_line_metadata(extracted, _article(**line)) == filled


def test_a_text_without_metadata_takes_the_lines():
    [record] = _records(_line(id="a", text=SAID, **METADATA))
    assert {k: record["article"][k] for k in METADATA} == METADATA
    assert record["claims"] == quotes.extract(SAID).to_dict()["claims"]
    validate_corpus_line(record)


def test_the_byline_date_and_title_an_outlet_profile_reads_win():
    [record] = _records(_line(id="gt", text=GT_OPINION, **METADATA))
    article = record["article"]
    assert article["outlet"] == "Global Times"
    assert (article["author"], article["published"], article["title"]) == (
        "Guan Zhaoyu",
        "2018-04-02",
        "Guan Zhaoyu: Defense minister’s Russia tour forges ties",
    )
    assert article["url"] == METADATA["url"]  # the text gives none: the line's fills it
    validate_corpus_line(record)


@pytest.mark.parametrize(
    ("fields", "outlet", "url"),
    [
        # The URL alone still picks the outlet profile by its domain, and is the article's url.
        (
            {"url": "https://www.scmp.com/news/china/article/1"},
            "South China Morning Post",
            "https://www.scmp.com/news/china/article/1",
        ),
        # The outlet's name wins as the hint; the URL still fills the article's url.
        ({"outlet": "Reuters", "url": "https://www.scmp.com/news/1"}, "Reuters", "https://www.scmp.com/news/1"),
        ({"outlet": "Reuters", "url": ""}, "Reuters", None),
        ({}, None, None),
    ],
)
def test_url_is_the_outlet_hint_and_fills_the_article_url(fields, outlet, url):
    [record] = _records(_line(id="a", text=SAID, **fields))
    assert (record["article"]["outlet"], record["article"]["url"]) == (outlet, url)


def test_a_corpus_article_with_metadata_crosses_to_worker_processes():
    article = _article(**METADATA)
    assert pickle.loads(pickle.dumps(article)) == article


def test_gold_files_ignore_the_metadata():
    # `quotes eval` reads id, text and outlet: a gold file's other keys do not stop it.
    [gold] = read_gold([_line(id="a", text=SAID, outlet="Reuters", published="yesterday", title=3, quotes=[])])
    assert (gold.id, gold.outlet, gold.quotes) == ("a", "Reuters", ())


def test_the_corpus_command_fills_metadata_and_reports_bad_lines(tmp_path, capsys):
    src = tmp_path / "in.jsonl"
    good = _line(id="a", text=SAID, **METADATA)
    src.write_text(good + "\n" + _line(id="b", text=SAID, published="yesterday") + "\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert cli.main(["corpus", str(src), "-o", str(out), "--no-progress"]) == 1
    assert "E021" in capsys.readouterr().err
    first, second = (json.loads(line) for line in out.read_text(encoding="utf-8").splitlines())
    assert {k: first["article"][k] for k in METADATA} == METADATA
    assert second["error"]["code"] == "E021"
    for record in (first, second):
        validate_corpus_line(record)


def test_the_ray_engines_actor_fills_metadata_as_the_local_engine(tmp_path):
    # The actor's own code (no cluster): it parses a row's raw lines itself,
    # so the metadata must survive the Ray path's reading and records.
    pytest.importorskip("ray")
    from quotes.corpus.engine import BatchLimit
    from quotes.corpus.ray_engine import _ExtractActor
    from quotes.corpus.ray_source import read_chunks

    lines = [_line(id="a", text=SAID, **METADATA), _line(id="b", text=SAID, published="yesterday")]
    path = tmp_path / "p.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    [row] = list(read_chunks(0, str(path), BatchLimit()))
    [out] = _ExtractActor(None, ())(row).to_pylist()
    records = [json.loads(line) for line in out["lines"].decode("utf-8").splitlines()]
    assert records == _records(*lines)
    assert {k: records[0]["article"][k] for k in METADATA} == METADATA
    assert records[1]["error"]["code"] == "E021"
