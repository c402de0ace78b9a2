"""quotes.pipeline.component: the `quotes` spaCy component, in pipelines the user builds.

The factory is registered through the `spacy_factories` entry point, so a
user needs no `import quotes` before `nlp.add_pipe("quotes")`. That is
checked in a fresh interpreter, where nothing has imported quotes yet.
Added to a stock pipeline, the component gives the records `quotes.extract`
gives, and leaves plain data on the Doc: it survives `to_bytes`, `DocBin`
and `nlp.pipe(n_process=2)`.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc, DocBin

import quotes
from quotes.api import DEFAULT_MODEL, page_outlet
from quotes.formats.webpage import read_page
from quotes.records import Article, Extraction

ENTRY_POINT_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from importlib.metadata import entry_points

    import spacy

    out = {"imported_before": "quotes" in sys.modules}
    out["entry_points"] = sorted(
        (ep.name, ep.value) for ep in entry_points(group="spacy_factories") if ep.value.startswith("quotes.")
    )
    # spaCy 3.8 loads spacy_factories entry points when a Language is made
    # (Language.__init__ reads util.registry._entry_point_factories); only
    # then are they in registry.factories.
    nlp = spacy.load(sys.argv[1])
    out["registered"] = "quotes" in spacy.registry.factories.get_all()
    nlp.add_pipe("quotes")
    doc = nlp("“We are ready for talks,” the minister said on Monday.")
    out["claims"] = [[c["type"], c["text"], c["speaker"]["mention"]["text"]] for c in doc._.quotes_claims]
    out["article"] = sorted(doc._.quotes_article)[:2]
    print(json.dumps(out))
    """
)


def test_factory_comes_from_the_entry_point_in_a_clean_interpreter(tmp_path):
    # Run from an empty folder so the work tree on sys.path plays no part;
    # quotes is found as installed.
    result = subprocess.run(
        [sys.executable, "-c", ENTRY_POINT_SCRIPT, DEFAULT_MODEL],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["imported_before"] is False
    assert out["entry_points"] == [
        ["line_sentencizer", "quotes.pipeline.line_sentencizer:make_line_sentencizer"],
        ["quotes", "quotes.pipeline.component:make_quotes_component"],
    ]
    assert out["registered"] is True
    assert out["claims"] == [["direct", "We are ready for talks", "the minister"]]
    assert out["article"] == ["author", "author_affiliation"]


ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PAGES = sorted((ROOT / "tests" / "pages").glob("*.html"))


@pytest.fixture(scope="module")
def nlp():
    import quotes.pipeline.component  # noqa: F401  (registers the factory in this process too)

    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("quotes")
    return nlp


def records_on(doc: Doc) -> dict:
    return {"article": doc._.quotes_article, "claims": doc._.quotes_claims}


def test_the_component_sits_at_the_end_with_line_starts_before_the_parser(nlp):
    names = nlp.pipe_names
    assert names[-1] == "quotes"
    assert names.index("line_sentencizer") == names.index("parser") - 1
    assert nlp.get_pipe_meta("quotes").requires == [
        "token.dep",
        "token.pos",
        "token.tag",
        "token.lemma",
        "doc.ents",
        "doc.sents",
    ]


def test_a_pipeline_that_has_line_starts_gets_no_second_one():
    import quotes.pipeline.component  # noqa: F401

    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("line_sentencizer", name="lines", before="parser")
    nlp.add_pipe("quotes")
    assert [n for n in nlp.pipe_names if "line" in n] == ["lines"]


TEXT = (
    "Artyom Lukin, a professor of international politics at Far Eastern Federal University, "
    "said the deal was done.\n\n"
    "“Ever closer military cooperation is among the top priorities,” he said.\n\n"
    "Get more with myNEWS"
)


def test_claims_and_article_are_plain_data(nlp):
    doc = nlp(TEXT)
    assert doc._.quotes_article["outlet"] == "South China Morning Post"  # from the myNEWS signature line
    claims = doc._.quotes_claims
    assert all(type(c) is dict for c in claims)
    assert [(c["id"], c["type"], c["text"], c["speaker"]["name"], c["source"]["outlet"]) for c in claims] == [
        ("q1", "indirect", "the deal was done", "Artyom Lukin", "South China Morning Post"),
        (
            "q2",
            "direct",
            "Ever closer military cooperation is among the top priorities",
            "Artyom Lukin",
            "South China Morning Post",
        ),
    ]
    for claim in claims:
        assert " ".join(TEXT[s["start"] : s["end"]] for s in claim["spans"]) == claim["text"]


def test_the_old_names_are_aliases_of_the_prefixed_ones(nlp):
    doc = nlp.make_doc("“We are ready for talks,” the minister said on Monday.")
    doc._.outlet_hint = "GT"
    assert doc._.quotes_outlet == "GT"
    doc = nlp(doc)
    assert doc._.claims is doc._.quotes_claims and doc._.article is doc._.quotes_article


def test_a_doc_with_no_claims_gets_an_empty_list(nlp):
    doc = nlp("The talks ended on Monday without an agreement.")
    assert doc._.quotes_claims == []
    assert Article(**doc._.quotes_article) == Article()


def test_the_outlet_set_on_the_doc_names_the_outlet(nlp):
    doc = nlp.make_doc("“We are ready for talks,” the minister said on Monday.")
    doc._.quotes_outlet = "GT"
    doc = nlp(doc)
    assert doc._.quotes_article["outlet"] == "Global Times"
    assert [c["source"]["outlet"] for c in doc._.quotes_claims] == ["Global Times"]


def test_docs_from_pipe_each_get_their_own_claims(nlp):
    texts = ["“We are ready for talks,” the minister said.", "No one spoke.", "The plan, he said, is dead."]
    docs = list(nlp.pipe(texts))
    assert [[c["text"] for c in d._.quotes_claims] for d in docs] == [["We are ready for talks"], [], ["The plan is dead"]]


def _articles() -> list[tuple[str, str, str | None]]:
    articles = [(seed.stem, seed.read_text(encoding="utf-8"), None) for seed in SEEDS]
    for path in PAGES:
        page = read_page(path.read_bytes(), path.name)
        articles.append((path.stem, page.text, page_outlet(page)))
    return articles


@pytest.mark.parametrize("name,text,outlet", _articles(), ids=lambda v: v if isinstance(v, str) and len(v) < 40 else "")
def test_one_answer_from_add_pipe_and_from_quotes_extract(nlp, name, text, outlet):
    doc = nlp.make_doc(text)
    doc._.quotes_outlet = outlet
    assert records_on(nlp(doc)) == quotes.extract(text, outlet).to_dict()


def test_a_doc_keeps_its_claims_through_to_bytes(nlp):
    doc = nlp(TEXT)
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert records_on(again) == records_on(doc)
    assert Extraction.from_dict(records_on(again)).to_dict() == records_on(doc)


def test_docs_keep_their_claims_through_a_docbin(nlp, tmp_path):
    docs = list(nlp.pipe([TEXT, "No one spoke."]))
    DocBin(docs=docs, store_user_data=True).to_disk(tmp_path / "docs.spacy")
    back = list(DocBin().from_disk(tmp_path / "docs.spacy").get_docs(nlp.vocab))
    # DocBin reads lists back as tuples: the records are the same.
    assert [Extraction.from_dict(records_on(d)).to_dict() for d in back] == [records_on(d) for d in docs]


def test_pipe_with_two_processes_gives_the_records_of_one(nlp):
    texts = [seed.read_text(encoding="utf-8") for seed in SEEDS] + [TEXT]
    alone = [records_on(d) for d in nlp.pipe(texts)]
    assert [records_on(d) for d in nlp.pipe(texts, n_process=2, batch_size=1)] == alone


def test_a_saved_pipeline_loads_back_and_gives_the_same_records(tmp_path):
    nlp = quotes.load_pipeline()
    nlp.to_disk(tmp_path / "pipeline")
    loaded = spacy.load(tmp_path / "pipeline")
    assert loaded.pipe_names == nlp.pipe_names
    for seed in SEEDS:
        text = seed.read_text(encoding="utf-8")
        assert records_on(loaded(text)) == records_on(nlp(text))
