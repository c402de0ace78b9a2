"""quotes.pipeline.pieces and the long-text path of quotes.api: texts longer than the
model reads at once are read in pieces that carry the article over.

Most cases lower the pipeline's limit (`nlp.max_length`) so that a short
article takes the same path a 10 MB transcript does; one case crosses the
real limit of 1,000,000 characters with a text that is cheap to parse.
"""

from __future__ import annotations

import json

import pytest

from quotes import api
from quotes.errors import QuotesError
from quotes.pipeline import pieces


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        # Short enough: one piece.
        ("One paragraph.\n\nAnother.", 100, ["One paragraph.\n\nAnother."]),
        # At the last paragraph break in the window.
        ("aaaa aaaa.\n\nbbbb bbbb.\n\ncccc cccc.", 24, ["aaaa aaaa.\n\nbbbb bbbb.\n\n", "cccc cccc."]),
        # A paragraph break with spaces or a carriage return in it.
        ("aaaa aaaa.\r\n\r\nbbbb bbbb.", 20, ["aaaa aaaa.\r\n\r\n", "bbbb bbbb."]),
        # No paragraph break: a line break, then a sentence end, then a space.
        ("aaaa aaaa.\nbbbb bbbb.", 15, ["aaaa aaaa.\n", "bbbb bbbb."]),
        ("Aaaa aaaa. Bbbb, bbbb bbbb.", 16, ["Aaaa aaaa. ", "Bbbb, bbbb bbbb."]),
        ("aaaa aaaa aaaa aaaa", 12, ["aaaa aaaa ", "aaaa aaaa"]),
        # Nothing to cut at: at the limit.
        ("x" * 25, 10, ["x" * 10, "x" * 10, "x" * 5]),
    ],
)
def test_cut_where_a_reader_pauses(text, limit, expected):
    cut = pieces.cut(text, limit)
    assert [text[start:end] for start, end in cut] == expected


@pytest.mark.parametrize("limit", [7, 50, 333])
def test_pieces_are_the_text_and_no_longer_than_the_limit(limit):
    text = ("Mayor Ana Ruiz said the bridge would open in May.\n\n" * 30) + "x" * 500 + "\n“No,” she said. " * 20
    cut = pieces.cut(text, limit)
    assert "".join(text[start:end] for start, end in cut) == text
    assert all(0 < end - start <= limit for start, end in cut)
    assert all(a[1] == b[0] for a, b in zip(cut, cut[1:]))


STORY = (
    "Harbour plan faces new doubts\n\n"
    "By Lena Marsh\n\n"
    "Maria Okafor, a professor of public finance at the University of Lagos, said on Monday that the "
    "harbour plan would cost twice what the city had promised.\n\n"
    + "The council did not meet this week. Its members were away.\n\n" * 40
    + "“Nobody has read the contracts,” Okafor said.\n\n"
    + "The port authority declined to comment.\n\n" * 40
    + "Okafor said the city should publish every contract before the vote.\n"
)


@pytest.fixture
def small_limit(monkeypatch):
    """The pipeline's limit lowered so that STORY is read in pieces."""
    nlp = api.load_pipeline()
    monkeypatch.setattr(nlp, "max_length", 1_000)
    monkeypatch.setattr(pieces, "PIECE_CHARACTERS", 600)
    return nlp


def test_a_long_text_is_read_in_pieces_that_carry_the_article_over(small_limit):
    assert len(pieces.cut(STORY, pieces.PIECE_CHARACTERS)) > 3
    heard = []
    extraction = api.extract(STORY, "Example Herald", on_piece=lambda done, total: heard.append((done, total)))
    assert heard[-1][0] == heard[-1][1] == len(heard) > 3
    claims = {c.text: c for c in extraction.claims}
    # "Okafor" pieces later is still the professor the first piece named.
    assert claims["Nobody has read the contracts"].speaker.name == "Maria Okafor"
    assert claims["the city should publish every contract before the vote"].speaker.name == "Maria Okafor"
    # The title and the outlet come from the first piece.
    assert extraction.article.title == "Harbour plan faces new doubts"
    assert extraction.article.outlet == "Example Herald"
    # Offsets index the whole text; ids run through the pieces.
    for claim in extraction.claims:
        assert " ".join(STORY[s.start : s.end] for s in claim.spans) == claim.text
    assert [c.id for c in extraction.claims] == [f"q{n}" for n in range(1, len(extraction.claims) + 1)]


def test_a_text_read_in_pieces_gets_what_it_would_get_whole(small_limit):
    whole_limit = 10**6
    in_pieces = api.extract(STORY)
    small_limit.max_length = whole_limit
    whole = api.extract(STORY)
    assert [(c.text, c.spans, c.speaker.name) for c in in_pieces.claims] == [
        (c.text, c.spans, c.speaker.name) for c in whole.claims
    ]


def test_the_batched_path_reads_a_long_text_in_pieces_in_its_place(small_limit):
    short = "“We are ready,” the minister said on Monday."
    found = list(api.extract_many([(short, None), (STORY, None), (short, None)]))
    assert [len(e.claims) for e in found][0] == 1 and len(found[1].claims) >= 3
    assert found[0].claims == found[2].claims


def test_a_byte_order_mark_before_a_long_text_shifts_every_offset(small_limit):
    text = "\ufeff" + STORY
    extraction = api.extract(text)
    for claim in extraction.claims:
        assert " ".join(text[s.start : s.end] for s in claim.spans) == claim.text


def test_explain_needs_a_text_within_the_limit(small_limit):
    with pytest.raises(QuotesError) as error:
        api.extract_with_doc(STORY)
    assert error.value.code == "E013"


def test_a_blank_long_text_is_empty(small_limit):
    with pytest.raises(QuotesError) as error:
        api.extract(" \n" * 2_000)
    assert error.value.code == "E007"


# Past spaCy's own limit (E088 before): a text of 1,001,132 characters, most
# of them blank lines, so that it parses in seconds.
LONG_HEAD = "Senator Maria Okafor spoke in Lagos on Monday.\n\n“We will not give in,” Okafor said.\n\n"
LONG_TAIL = "\n\n“The budget is dead,” Okafor said on Friday.\n"
LONG_TEXT = LONG_HEAD + ("\n" + " " * 999) * 1001 + LONG_TAIL


def test_past_the_models_limit_on_the_command_line(tmp_path, run_quotes):
    assert len(LONG_TEXT) > api.load_pipeline().max_length
    path = tmp_path / "transcript.txt"
    path.write_text(LONG_TEXT, encoding="utf-8")
    done = run_quotes("extract", str(path), "--format", "json", timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    claims = json.loads(done.stdout)["claims"]
    assert [(c["text"], c["speaker"]["name"]) for c in claims] == [
        ("We will not give in", "Maria Okafor"),
        ("The budget is dead", "Maria Okafor"),
    ]
    last = claims[-1]["spans"][0]
    assert LONG_TEXT[last["start"] : last["end"]] == "The budget is dead"


def test_a_long_text_shows_its_progress_on_a_terminal(small_limit, capsys):
    from quotes.corpus.progress import PieceProgress

    with PieceProgress(enabled=True) as progress:
        api.extract(STORY, on_piece=progress.update)
    shown = capsys.readouterr().err
    total = len(pieces.cut(STORY, pieces.PIECE_CHARACTERS))
    assert "reading" in shown and f"{total}/{total}" in shown


def test_a_text_read_whole_shows_no_progress(capsys):
    from quotes.corpus.progress import PieceProgress

    with PieceProgress(enabled=True) as progress:
        api.extract("“We are ready,” the minister said on Monday.", on_piece=progress.update)
    assert capsys.readouterr().err == ""


def test_past_the_models_limit_in_a_corpus_run(tmp_path, run_quotes):
    corpus = tmp_path / "corpus.jsonl"
    lines = [{"id": "transcript", "text": LONG_TEXT}, {"id": "short", "text": "“We are ready,” the minister said."}]
    corpus.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    out = tmp_path / "out.jsonl"
    done = run_quotes("corpus", str(corpus), "-o", str(out), "--workers", "1", timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    records = {r["id"]: r for r in map(json.loads, out.read_text(encoding="utf-8").splitlines())}
    assert records["transcript"].get("error") is None
    assert [c["text"] for c in records["transcript"]["claims"]] == ["We will not give in", "The budget is dead"]
    assert [c["text"] for c in records["short"]["claims"]] == ["We are ready"]


def test_a_piece_hands_on_those_it_named_first_and_at_most_max_carried(monkeypatch):
    from quotes.attribution import entities
    from quotes.attribution.entities import EntityRegistry
    from quotes.attribution.entity import Entity
    from quotes.rules.merging import load_rules

    nlp = api.load_pipeline()
    doc = nlp("Senator Maria Okafor spoke to Tom Harlan on Monday.")
    earlier = [Entity("Ruth Kessler", "person"), Entity("Acme Foods", "organization")]
    registry = EntityRegistry(doc, load_rules(), known=earlier)
    carried = [e.name for e in registry.carried()]
    assert carried[:2] == ["Maria Okafor", "Tom Harlan"] and set(carried[2:]) == {"Ruth Kessler", "Acme Foods"}
    assert all(not e.mentions for e in registry.carried())
    monkeypatch.setattr(entities, "MAX_CARRIED", 3)
    assert [e.name for e in registry.carried()] == carried[:3]
