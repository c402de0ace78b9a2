"""quotes.pipeline.cached_attributes: the attribute ruler and lemmatizer answered from
a cache set exactly what the two components set, on real and tricky text.
The speed-up lives only while the pipeline runs (its names, config, saved and
pickled forms are the real components'), follows rules changed after it, and
leaves a ruler it cannot replay running as it is."""

from __future__ import annotations

import ast
import pickle
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.lang.en.lemmatizer import EnglishLemmatizer
from spacy.lookups import Lookups
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Token

from quotes.api import load_model, load_pipeline
from quotes.pipeline import cached_attributes
from quotes.pipeline.cached_attributes import (
    CACHE_ATTR,
    answers_from_cache,
    patterns_supported,
    speed_up,
)
from quotes.pipeline.rule_lemmas import RuleLemmas, lemma_function

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
SET = [POS, TAG, DEP, MORPH, LEMMA]

# Every kind of pattern the English ruler holds: tag maps, closed-class words
# by dependency ("I" as subject and object), two-token patterns ("gon na",
# "there is", "let's"), regexes ("ain't", "nothin'"), spaces, and the
# lemmatizer's exceptions and rules.
TRICKY = [
    "I told you it was gon na rain, and you said I was wrong.",
    "There is a plan. There were two plans. Let's see what they got ta say.",
    "We ain't done nothin' wrong, y'all know it; c'mon, 'nuff said.",
    "She gave it to me. But he did it anyway, and they'll have the last word.",
    "Ministers   met on Tuesday.\n\n\nThe talks, which had stalled, resumed.\n",
    "The geese were flying; the mice ran; she was running faster than the wolves.",
    "Do you have the papers? He does. They had them yesterday.",
]
# News prose as the corpus has it: quotes, titles, numbers, capitals, URLs.
VARIED = [
    '"We will not back down," Sen. Elizabeth Warren (D-Mass.) told reporters on Capitol Hill.',
    "THE WHITE HOUSE SAID NOTHING. Officials — speaking anonymously — called it 'a mess'.",
    "Turnout rose 4.5% to 61,300,000 voters, per https://example.org/results?id=7, up from 2016's.",
    "Mr. Müller-Lüdenscheidt's co-workers weren't there; neither were Ms. O'Neill's.",
    "Is he lying?! No... Well — maybe. #Election2024 @POTUS 🇺🇸",
    "",
]
INFLECTED = (
    "The regulators were examining unfamiliar documents; the geese flew further and the mice hid. "
    "Re-elected senators' aides said the COVID-19 rules were 3.5 times stricter, worse, the worst. "
    "Smith's daughters-in-law cried, fried and dyed the Joneses' clothes in the 1990s."
)
POTUS_TEXTS = [
    "POTUS spoke first. Then POTUS left, and the aides of POTUS followed.",
    "Reporters asked POTUS again.",
]


@pytest.fixture(scope="module")
def real():
    return load_model()


@pytest.fixture(scope="module")
def cached():
    nlp = load_model()
    assert speed_up(nlp)
    return nlp


def annotations(nlp, text: str):
    doc = nlp(text)
    return doc.to_array(SET).tolist(), [(t.text, t.pos_, t.tag_, t.dep_, str(t.morph), t.lemma_) for t in doc]


def assert_same_annotations(nlp, expected, texts) -> None:
    for text in texts:
        assert annotations(nlp, text) == annotations(expected, text)


@pytest.mark.parametrize("text", [*TRICKY, *VARIED, INFLECTED])
def test_cached_annotations_equal_the_components_own(real, cached, text):
    expected, readable = annotations(real, text)
    got, got_readable = annotations(cached, text)
    assert got_readable == readable
    assert got == expected


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_cached_annotations_equal_the_components_own_on_the_seeds(real, cached, seed):
    text = seed.read_text(encoding="utf-8")
    # Twice: the second pass is answered from the cache the first one filled.
    for _ in range(2):
        assert annotations(cached, text) == annotations(real, text)


def test_the_pipeline_runs_the_real_components_from_the_cache():
    nlp = load_pipeline()
    assert "cached_attributes" not in nlp.component_names
    for name, real_class in [("attribute_ruler", AttributeRuler), ("lemmatizer", EnglishLemmatizer)]:
        assert name in nlp.pipe_names and name not in nlp.disabled
        assert nlp.get_pipe_meta(name).factory == name
        component = nlp.get_pipe(name)
        assert isinstance(component, real_class) and type(component).real_class is real_class
        assert answers_from_cache(component)


def test_speed_up_changes_no_name_config_or_saved_form():
    untouched, nlp = load_model(), load_model()
    assert speed_up(nlp)
    assert speed_up(nlp), "twice is once"
    for pipeline in (untouched, nlp):
        for text in TRICKY:
            pipeline(text)
    assert nlp.pipe_names == untouched.pipe_names
    assert nlp.component_names == untouched.component_names
    assert nlp.disabled == untouched.disabled
    assert nlp.config.to_str() == untouched.config.to_str()
    assert nlp.to_bytes() == untouched.to_bytes()


@pytest.mark.parametrize("sped_up_again", [False, True], ids=["plain spacy.load", "sped up again"])
def test_a_saved_sped_up_pipeline_loads_back_the_same(real, tmp_path, sped_up_again):
    nlp = load_model()
    assert speed_up(nlp)
    nlp(TRICKY[0])
    nlp.to_disk(tmp_path)
    config = spacy.util.load_config(tmp_path / "config.cfg")
    assert config["nlp"]["pipeline"] == nlp.config["nlp"]["pipeline"]
    assert {config["components"][n]["factory"] for n in ("attribute_ruler", "lemmatizer")} == {
        "attribute_ruler",
        "lemmatizer",
    }
    assert "cached_attributes" not in (tmp_path / "config.cfg").read_text()
    assert not (tmp_path / "cached_attributes").exists()

    loaded = spacy.load(tmp_path)
    if sped_up_again:
        assert speed_up(loaded)
    else:
        assert type(loaded.get_pipe("attribute_ruler")) is AttributeRuler
    assert_same_annotations(loaded, real, [*TRICKY, SEEDS[0].read_text(encoding="utf-8")])


def test_a_pickled_sped_up_pipeline_is_the_untouched_one(real):
    nlp = load_model()
    assert speed_up(nlp)
    nlp(TRICKY[0])
    copy = pickle.loads(pickle.dumps(nlp))
    assert type(copy.get_pipe("attribute_ruler")) is AttributeRuler
    assert type(copy.get_pipe("lemmatizer")) is EnglishLemmatizer
    assert not hasattr(copy.get_pipe("attribute_ruler"), CACHE_ATTR)
    assert answers_from_cache(nlp.get_pipe("attribute_ruler"))
    assert_same_annotations(copy, real, TRICKY)


@pytest.mark.parametrize(
    "patterns, supported",
    [
        ([[{"TAG": "NN"}]], True),
        ([[{"LOWER": "i", "DEP": {"IN": ["nsubj"]}}]], True),
        ([[{"LOWER": {"REGEX": "^n'?t$"}}, {"LOWER": "na"}]], True),
        ([[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], True),
        # What the cache does not key on: a ruler reading these keeps running.
        ([[{"POS": "NOUN"}]], False),
        ([[{"ORTH": "I"}]], False),
        ([[{"TAG": "NN", "OP": "+"}]], False),
        ([[{"LOWER": {"FUZZY": "colour"}}]], False),
    ],
)
def test_patterns_supported(patterns, supported):
    assert patterns_supported(patterns) is supported


@pytest.fixture
def office_extension():
    Token.set_extension("office", default=None, force=True)
    yield
    Token.remove_extension("office")


# Rules the cache cannot replay: what they set, or what they read.
UNREPLAYABLE = {
    "sets NORM": ([[{"LOWER": "potus"}]], {"NORM": "president"}, lambda t: t.norm_ == "president"),
    "sets an extension": ([[{"LOWER": "potus"}]], {"_": {"office": "president"}}, lambda t: t._.office == "president"),
    "reads ORTH": ([[{"ORTH": "POTUS"}]], {"LEMMA": "president"}, lambda t: t.lemma_ == "president"),
}


@pytest.mark.parametrize("added", ["before speed_up", "after speed_up"])
@pytest.mark.parametrize("rule", UNREPLAYABLE, ids=str)
@pytest.mark.usefixtures("office_extension")
def test_a_rule_the_cache_cannot_replay_applies_to_every_occurrence(rule, added):
    patterns, attrs, applied = UNREPLAYABLE[rule]
    nlp = load_model()
    ruler = nlp.get_pipe("attribute_ruler")
    if added == "before speed_up":
        ruler.add(patterns, attrs)
        # The lemmatizer is still answered from its cache; the ruler is real.
        assert speed_up(nlp)
        assert type(ruler) is AttributeRuler
        assert answers_from_cache(nlp.get_pipe("lemmatizer"))
    else:
        assert speed_up(nlp)
        nlp(POTUS_TEXTS[0])
        ruler.add(patterns, attrs)
    assert not answers_from_cache(ruler)
    for text in POTUS_TEXTS:
        occurrences = [t for t in nlp(text) if t.lower_ == "potus"]
        assert occurrences and all(applied(t) for t in occurrences)


NEW_RULE = {"patterns": [[{"LOWER": "potus"}]], "attrs": {"LEMMA": "president", "POS": "PROPN"}}


def _reloaded(ruler: AttributeRuler) -> None:
    source = AttributeRuler(ruler.vocab)
    source.add_patterns([*ruler.patterns, NEW_RULE])
    ruler.clear()
    ruler.from_bytes(source.to_bytes())


# Each leaves the ruler with its rules and NEW_RULE after them.
CHANGES = {
    "add": lambda ruler: ruler.add(**NEW_RULE),
    "add_patterns": lambda ruler: ruler.add_patterns([NEW_RULE]),
    "clear and add_patterns": lambda ruler: (
        patterns := ruler.patterns,
        ruler.clear(),
        ruler.add_patterns([*patterns, NEW_RULE]),
    ),
    "clear and from_bytes": _reloaded,
}


@pytest.fixture(scope="module")
def real_with_new_rule():
    nlp = load_model()
    nlp.get_pipe("attribute_ruler").add(**NEW_RULE)
    return nlp


@pytest.mark.parametrize("change", CHANGES, ids=str)
def test_a_replayable_rule_added_after_speed_up_is_honoured(real_with_new_rule, change):
    nlp = load_model()
    assert speed_up(nlp)
    ruler = nlp.get_pipe("attribute_ruler")
    nlp(POTUS_TEXTS[0])
    CHANGES[change](ruler)
    assert answers_from_cache(ruler)
    for text in POTUS_TEXTS:
        occurrences = [t for t in nlp(text) if t.lower_ == "potus"]
        assert occurrences and all(t.lemma_ == "president" and t.pos_ == "PROPN" for t in occurrences)
    assert_same_annotations(nlp, real_with_new_rule, [*POTUS_TEXTS, *TRICKY])


def _goosey_lookups(lemmatizer: Lemmatizer) -> Lookups:
    lookups = Lookups()
    for name in lemmatizer.lookups.tables:
        lookups.add_table(name, dict(lemmatizer.lookups.get_table(name)))
    exceptions = lookups.get_table("lemma_exc")
    exceptions["noun"] = {**exceptions["noun"], "geese": ["goosey"]}
    return lookups


def _loaded(lemmatizer: Lemmatizer) -> None:
    source = Lemmatizer(lemmatizer.vocab, None, mode="rule")
    source.initialize(lookups=_goosey_lookups(lemmatizer))
    lemmatizer.from_bytes(source.to_bytes(exclude=["vocab"]), exclude=["vocab"])


# Each gives the lemmatizer new tables: a new Lookups, or new tables in its own.
TABLE_CHANGES = {
    "initialize": lambda lemmatizer: lemmatizer.initialize(lookups=_goosey_lookups(lemmatizer)),
    "from_bytes": _loaded,
}


@pytest.mark.parametrize("change", TABLE_CHANGES, ids=str)
def test_new_lemmatizer_tables_after_speed_up_are_honoured(change):
    geese = TRICKY[5]
    nlp, expected = load_model(), load_model()
    assert speed_up(nlp)
    nlp(geese)
    for pipeline in (nlp, expected):
        TABLE_CHANGES[change](pipeline.get_pipe("lemmatizer"))
    assert answers_from_cache(nlp.get_pipe("lemmatizer"))
    assert [t.lemma_ for t in nlp(geese) if t.lower_ == "geese"] == ["goosey"]
    assert_same_annotations(nlp, expected, [geese, INFLECTED])


def test_a_cleared_ruler_sets_nothing_as_the_real_one(real):
    nlp = load_model()
    assert speed_up(nlp)
    nlp(TRICKY[0])
    nlp.get_pipe("attribute_ruler").clear()
    assert answers_from_cache(nlp.get_pipe("attribute_ruler"))
    # No part of speech left: the lemmatizer warns, as spaCy's own does.
    with pytest.warns(UserWarning, match="W108"):
        doc = nlp(TRICKY[0])
    assert all(t.pos_ == "" for t in doc)
    assert [t.tag_ for t in doc] == [t.tag_ for t in real(TRICKY[0])]


def test_an_overwriting_lemmatizer_overwrites_from_the_cache(real, monkeypatch):
    nlp = load_model()
    assert speed_up(nlp)
    monkeypatch.setattr(nlp.get_pipe("lemmatizer"), "overwrite", True)
    monkeypatch.setattr(real.get_pipe("lemmatizer"), "overwrite", True)
    assert_same_annotations(nlp, real, TRICKY)


def test_threads_share_the_caches(real):
    nlp = load_model()
    assert speed_up(nlp)
    texts = [*TRICKY, *VARIED, INFLECTED] * 3
    with ThreadPoolExecutor(max_workers=4) as pool:
        got = list(pool.map(lambda text: annotations(nlp, text), texts))
    assert got == [annotations(real, text) for text in texts]


@pytest.mark.parametrize("text", [INFLECTED, *TRICKY])
def test_rule_lemmas_are_the_lemmatizers_own(real, text):
    lemmatizer = real.get_pipe("lemmatizer")
    assert RuleLemmas.applies_to(lemmatizer)
    lemmas = RuleLemmas(lemmatizer)
    with real.select_pipes(disable=["lemmatizer"]):
        doc = real(text)
    assert [lemmas(t) for t in doc] == [lemmatizer.rule_lemmatize(t)[0] for t in doc]


@pytest.mark.parametrize(
    "version, mirrored", [("3.8.0", True), ("3.8.18", True), ("3.9.0", False), ("3.7.5", False), ("4.0.0", False)]
)
def test_rule_lemmas_run_only_on_the_spacy_version_they_mirror(real, monkeypatch, version, mirrored):
    lemmatizer = real.get_pipe("lemmatizer")
    monkeypatch.setattr(spacy, "__version__", version)
    assert RuleLemmas.applies_to(lemmatizer) is mirrored
    assert isinstance(lemma_function(lemmatizer), RuleLemmas) is mirrored


class OwnBaseForms(EnglishLemmatizer):
    def is_base_form(self, token):
        return False


class OwnRules(EnglishLemmatizer):
    def rule_lemmatize(self, token):
        return [token.text]


@pytest.mark.parametrize(
    "kind, mode, mirrored",
    [
        (EnglishLemmatizer, "rule", True),
        (Lemmatizer, "rule", True),
        (Lemmatizer, "lookup", False),
        (OwnBaseForms, "rule", False),
        (OwnRules, "rule", False),
    ],
)
def test_rule_lemmas_run_only_for_the_lemmatizer_classes_they_mirror(real, kind, mode, mirrored):
    assert RuleLemmas.applies_to(kind(real.vocab, None, mode=mode)) is mirrored


def test_on_another_spacy_version_the_lemmatizers_own_lemmas_are_cached(real, monkeypatch):
    nlp = load_model()
    monkeypatch.setattr(spacy, "__version__", "3.9.0")
    assert speed_up(nlp)
    lemmatizer = nlp.get_pipe("lemmatizer")
    assert answers_from_cache(lemmatizer)
    assert not isinstance(lemmatizer.current_cache().lemma_of, RuleLemmas)
    assert_same_annotations(nlp, real, [INFLECTED, *TRICKY, *VARIED])


def private_spacy_imports(source: str) -> list[str]:
    """Modules and names imported from spaCy that spaCy marks private."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found += [n for n in names if n.split(".")[0] == "spacy" and any(p.startswith("_") for p in n.split("."))]
    return found


@pytest.mark.parametrize(
    "source, private",
    [
        ("from spacy.tokens._retokenize import set_token_attrs", True),
        ("import spacy.tokens._retokenize", True),
        ("from spacy.tokens import _retokenize", True),
        ("from spacy.tokens import Doc\nimport spacy.pipeline", False),
        ("from ._private import thing\nimport thinc._internal", False),
    ],
)
def test_private_spacy_imports_are_told_apart(source, private):
    assert bool(private_spacy_imports(source)) is private


def test_no_module_imports_a_private_spacy_module():
    sources = sorted((ROOT / "quotes").rglob("*.py"))
    assert sources
    found = {str(p.relative_to(ROOT)): private_spacy_imports(p.read_text(encoding="utf-8")) for p in sources}
    assert {path: names for path, names in found.items() if names} == {}


def test_full_caches_start_again_and_give_the_same_annotations(real, monkeypatch):
    monkeypatch.setattr(cached_attributes, "MAX_CACHED", 20)
    small = load_model()
    assert speed_up(small)
    for text in [*TRICKY, SEEDS[0].read_text(encoding="utf-8")]:
        assert annotations(small, text) == annotations(real, text)
        rules = small.get_pipe("attribute_ruler").current_cache()
        lemmas = small.get_pipe("lemmatizer").current_cache()
        assert len(rules.spelling.known) <= 20
        assert len(rules.outcomes) <= 20
        assert len(lemmas.lemmas) <= 20
