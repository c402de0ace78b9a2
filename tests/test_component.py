"""quotes.component: the `quotes` spaCy component, in pipelines the user builds.

The factory is registered through the `spacy_factories` entry point, so a
user needs no `import quotes` before `nlp.add_pipe("quotes")`. That is
checked in a fresh interpreter, where nothing has imported quotes yet.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest
import spacy

from quotes.api import DEFAULT_MODEL
from quotes.records import Article, Claim

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
    out["claims"] = [[c.type, c.text, c.speaker.mention.text] for c in doc._.claims]
    out["article"] = type(doc._.article).__name__
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
        ["line_sentencizer", "quotes.pipeline:make_line_sentencizer"],
        ["quotes", "quotes.component:make_quotes_component"],
    ]
    assert out["registered"] is True
    assert out["claims"] == [["direct", "We are ready for talks", "the minister"]]
    assert out["article"] == "Article"


@pytest.fixture(scope="module")
def nlp():
    import quotes.component  # noqa: F401  (registers the factory in this process too)

    nlp = spacy.load(DEFAULT_MODEL)
    nlp.add_pipe("quotes")
    return nlp


def test_component_sits_at_the_end(nlp):
    assert nlp.pipe_names[-1] == "quotes"
    assert "line_sentencizer" not in nlp.pipe_names


TEXT = (
    "Artyom Lukin, a professor of international politics at Far Eastern Federal University, "
    "said the deal was done.\n\n"
    "“Ever closer military cooperation is among the top priorities,” he said.\n\n"
    "Get more with myNEWS"
)


def test_claims_and_article_are_set(nlp):
    doc = nlp(TEXT)
    assert isinstance(doc._.article, Article)
    assert doc._.article.outlet == "South China Morning Post"  # from the myNEWS signature line
    assert all(isinstance(c, Claim) for c in doc._.claims)
    assert [(c.id, c.type, c.text, c.speaker.name, c.source.outlet) for c in doc._.claims] == [
        ("q1", "indirect", "the deal was done", "Artyom Lukin", "South China Morning Post"),
        (
            "q2",
            "direct",
            "Ever closer military cooperation is among the top priorities",
            "Artyom Lukin",
            "South China Morning Post",
        ),
    ]
    for claim in doc._.claims:
        assert " ".join(TEXT[s.start : s.end] for s in claim.spans) == claim.text


def test_a_doc_with_no_claims_gets_an_empty_list(nlp):
    doc = nlp("The talks ended on Monday without an agreement.")
    assert doc._.claims == []
    assert doc._.article == Article()


def test_outlet_hint_names_the_outlet(nlp):
    doc = nlp.make_doc("“We are ready for talks,” the minister said on Monday.")
    doc._.outlet_hint = "GT"
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert doc._.article.outlet == "Global Times"
    assert [c.source.outlet for c in doc._.claims] == ["Global Times"]


def test_docs_from_pipe_each_get_their_own_claims(nlp):
    texts = ["“We are ready for talks,” the minister said.", "No one spoke.", "The plan, he said, is dead."]
    docs = list(nlp.pipe(texts))
    assert [[c.text for c in d._.claims] for d in docs] == [["We are ready for talks"], [], ["The plan is dead"]]
