"""quotes.formats.explain: the report agrees with extract and says why a rule gave up."""

import json
from pathlib import Path

import pytest

from quotes import api
from quotes.cli import main as cli
from quotes.formats.explain import explain, format_explanation

SEEDS = Path(__file__).resolve().parents[1] / "seeds"


def _match(report, words):
    found = [m for s in report.sentences for m in s.matches if m.words == words]
    assert found, f"no rule matched {words!r}: {[m.words for s in report.sentences for m in s.matches]}"
    return found[0]


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_the_claims_are_the_extractors_own(seed):
    text = seed.read_text(encoding="utf-8")
    report = explain(text)
    assert report.extraction.to_dict() == api.extract(text).to_dict()
    listed = [line.split()[0] for s in report.sentences for line in s.claims]
    assert sorted(set(listed)) == sorted(c.id for c in report.extraction.claims)


def test_tokens_carry_the_parse():
    report = explain("The plan will fail, the senator said.")
    tokens = {t.text: t for t in report.sentences[0].tokens}
    assert tokens["said"].pos == "VERB" and tokens["said"].dep == "ROOT" and tokens["said"].lemma == "say"
    assert tokens["senator"].dep == "nsubj" and tokens["senator"].head == tokens["said"].i


@pytest.mark.parametrize(
    "text,words,outcome",
    [
        ("The plan will fail, the senator said.", "said", "claim q1"),
        ("According to the senator, the plan will fail.", "According to", "claim q1"),
        ("The council released the prisoners on Friday.", "released", "the group counts only these objects"),
        ("I think the tax will hurt farmers.", "think", "the author's own voice"),
        ("“Voters know he said nothing new,” the mayor said.", "said", "inside a quote"),
        ("Her plan was approved by the council on Monday.", "plan", "no complement"),
        ("The mayor said.", "said", "no content"),
    ],
)
def test_each_match_says_what_became_of_it(text, words, outcome):
    assert outcome in _match(explain(text), words).outcome


def test_a_cue_in_a_boilerplate_line_is_explained():
    text = "Read more: Senator says the plan will fail\nThe vote is on Monday.\n"
    report = explain(text)
    first = report.sentences[0]
    assert first.boilerplate is not None and first.boilerplate.startswith("prompt")
    assert "boilerplate line" in _match(report, "says").outcome
    assert report.extraction.claims == []


def test_a_quote_with_no_speaker_is_listed():
    report = explain("Crowds gathered outside.\n“This cannot go on,” a sign read in red letters.\n“Enough is enough.”\n")
    assert any("Enough is enough" in q for s in report.sentences for q in s.unattributed_quotes)


def test_offsets_index_the_given_text_with_a_byte_order_mark():
    text = "\ufeffThe plan will fail, the senator said."
    sentence = explain(text).sentences[0]
    assert text[sentence.start : sentence.end].rstrip() == "The plan will fail, the senator said."
    said = _match(explain(text), "said")
    assert text[said.start : said.end] == "said"


def test_format_keeps_only_matching_sentences():
    report = explain("The plan will fail, the senator said.\nShops opened late.\n")
    shown = format_explanation(report.holding("shops"))
    assert "sentence 2 [38:57] Shops opened late." in shown and "sentence 1 " not in shown


def test_cli_explain_json_keeps_only_matching_sentences(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("The plan will fail, the senator said.\nShops opened late.\n", encoding="utf-8")
    assert cli.main(["explain", str(path), "--json", "--match", "SHOPS"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [s["text"].strip() for s in data["sentences"]] == ["Shops opened late."]
    assert len(data["claims"]) == 1  # the article's claims stay whole


def test_cli_explain_text_and_json(tmp_path, capsys):
    path = tmp_path / "a.txt"
    path.write_text("The council released the prisoners on Friday, the mayor said.\n", encoding="utf-8")
    assert cli.main(["explain", str(path)]) == 0
    out = capsys.readouterr().out
    assert "cues.reporting-verbs#publication 'released': no claim: the group counts only these objects" in out
    assert "released / release / VERB / VBD" in out
    assert cli.main(["explain", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["claims"][0]["speaker"]["mention"]["text"] == "the mayor"
    assert {m["rule"] for m in data["sentences"][0]["matches"]} >= {"cues.reporting-verbs#speech"}


def test_a_saved_page_is_explained_on_its_main_text(capsys):
    page = SEEDS.parent / "tests" / "pages" / "valley-courier.html"
    assert cli.main(["explain", str(page), "--json"]) == 0
    explained = json.loads(capsys.readouterr().out)
    assert cli.main(["extract", str(page), "--format", "json"]) == 0
    extracted = json.loads(capsys.readouterr().out)
    assert explained["claims"] == extracted["claims"]
    assert explained["article"]["outlet"] == "Valley Courier"


def test_boilerplate_offsets_index_the_text_as_given():
    # A byte-order mark is kept from the model, not from the offsets.
    text = "\ufeffAdvertisement\nThe plan will fail, the senator said.\n"
    [marked] = explain(text).boilerplate
    assert (marked.label, text[marked.start : marked.end]) == ("advertisement", "Advertisement")


# --- how each speaker got its name ------------------------------------------------

SPEAKER_STORY = "Maria Santos, the mayor, met Paul Hale on Monday.\n\n“We will rebuild the bridge by spring,” she said."


def _speaker_reports(text: str):
    return [s for report in explain(text).sentences for s in report.speakers]


def test_a_pronoun_lists_the_candidates_it_weighed():
    [report] = [s for s in _speaker_reports(SPEAKER_STORY) if s.mention == "she"]
    assert (report.name, report.resolution) == ("Maria Santos", "pronoun")
    assert SPEAKER_STORY[report.start : report.end] == "she"
    kept = [c for c in report.candidates if c.kept]
    dropped = {c.name: c.why for c in report.candidates if not c.kept}
    assert [c.name for c in kept] == ["Maria Santos"]
    # Dropped for his gender, with the evidence for it.
    assert "male" in dropped["Paul Hale"] and "first name Paul" in dropped["Paul Hale"]


def test_an_unresolved_pronoun_says_why():
    [report] = [s for s in _speaker_reports("“We will win,” he said.") if s.mention == "he"]
    assert report.name is None and report.resolution is None
    assert report.reason == "no candidate fits"


def test_the_report_shows_speakers_in_text_and_json(tmp_path, capsys):
    path = tmp_path / "story.txt"
    path.write_text(SPEAKER_STORY, encoding="utf-8")
    assert cli.main(["explain", str(path)]) == 0
    text = capsys.readouterr().out
    assert "speaker 'she' [" in text and "-> Maria Santos (pronoun)" in text
    assert "- Paul Hale" in text
    assert cli.main(["explain", str(path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    speakers = [s for sentence in data["sentences"] for s in sentence["speakers"]]
    assert any(s["mention"] == "she" and s["name"] == "Maria Santos" for s in speakers)
