"""The `quotes` spaCy component: puts claim records on `doc._.quotes_claims`.

Registered as a factory (and through the `spacy_factories` entry point), so
any pipeline with a parser and NER can take it: `nlp.add_pipe("quotes")`.
Added to a pipeline, it prepares the steps before it as `quotes.extract`
has them (see `prepare_pipeline`), so both give one answer for one text.

What it leaves on a Doc is plain data, what `Extraction.to_dict()` gives, so
a Doc keeps its claims through `to_bytes`, `DocBin` and `nlp.pipe(...,
n_process=N)`:

- `doc._.quotes_claims`: the claim records (a list of dicts);
- `doc._.quotes_article`: the article's metadata (a dict);
- `doc._.quotes_outlet`: set it before the pipeline runs to name the outlet
  (or give the article's URL) when the text does not.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc

from ..attribution.attribute import build_claims
from ..attribution.cues import CueFinder
from ..attribution.entities import EntityRegistry
from ..attribution.outlets import ArticleReading, continue_reading, read_article
from ..attribution.quotemarks import QuotedSpan, find_quotes
from ..errors import QuotesError
from ..records import Extraction
from ..rules.cache import load_rules_cached
from ..rules.patterns import MATCH_TIMEOUT_SECONDS, PatternTimeout, compile_search
from ..rules.ruleset import RuleSet
from .abbreviations import keep_abbreviations_whole, written_abbreviations
from .dashes import read_unseen_dashes_as_em_dash
from .deferred_edits import apply_or_defer
from .marktokens import PatternEdits, split_quote_marks
from .pieces import Carried

CLAIMS, ARTICLE, OUTLET = "quotes_claims", "quotes_article", "quotes_outlet"
# The names of version 0.1, kept as aliases of the prefixed ones for one
# version (see CHANGELOG.md); left alone when another package owns them.
OLD_NAMES = {"claims": CLAIMS, "article": ARTICLE, "outlet_hint": OUTLET}
LINE_SENTENCIZER = "line_sentencizer"


def _alias(name: str) -> tuple[Callable[[Doc], object], Callable[[Doc, object], None]]:
    def getter(doc: Doc) -> object:
        return getattr(doc._, name)

    def setter(doc: Doc, value: object) -> None:
        setattr(doc._, name, value)

    return getter, setter


for _name in (CLAIMS, ARTICLE, OUTLET):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)
for _old, _new in OLD_NAMES.items():
    if not Doc.has_extension(_old):
        _get, _set = _alias(_new)
        Doc.set_extension(_old, getter=_get, setter=_set)


@Language.factory(
    "quotes",
    default_config={"rules_dirs": []},
    requires=["token.dep", "token.pos", "token.tag", "token.lemma", "doc.ents", "doc.sents"],
    assigns=[f"doc._.{CLAIMS}", f"doc._.{ARTICLE}"],
)
def make_quotes_component(nlp: Language, name: str, rules_dirs: list[str]) -> QuotesComponent:
    rules = load_rules_cached(tuple(rules_dirs))
    prepare_pipeline(nlp, rules)
    return QuotesComponent(nlp, rules)


def prepare_pipeline(nlp: Language, rules: RuleSet) -> None:
    """What the steps before the component need for its answers, done once
    when it is added (and again, to no effect, when a saved pipeline loads):
    the tokenizer keeps the rules' title abbreviations whole, splits off
    their quote marks and reads unseen dashes as em dashes, and every line
    starts a sentence before the parser reads it (`line_sentencizer`), so a
    headline is not parsed into the paragraph below it, while no sentence
    starts right after a title. An Extractor makes the tokenizer's edits
    when a text first needs them (`deferred_edits`)."""
    titles = written_abbreviations(rules)
    keep_abbreviations_whole(nlp, titles)
    edits = PatternEdits()
    read_unseen_dashes_as_em_dash(nlp, edits)
    split_quote_marks(nlp, rules.quote_pairs, rules.not_marks, edits)
    if edits:
        apply_or_defer(nlp, edits)
    has_line_starts = any(nlp.get_pipe_meta(n).factory == LINE_SENTENCIZER for n in nlp.component_names)
    if "parser" in nlp.component_names and not has_line_starts:
        from . import line_sentencizer  # noqa: F401  (registers the factory)

        nlp.add_pipe(LINE_SENTENCIZER, before="parser", config={"titles": titles})


@dataclass(frozen=True)
class DocReading:
    """What the component read in one Doc: the extraction (offsets into
    `doc.text`), the reading of the article's lines, the quoted spans, and
    what a next piece of the same text carries on with."""

    extraction: Extraction
    reading: ArticleReading
    quotes: list[QuotedSpan]
    carried: Carried | None


class QuotesComponent:
    def __init__(self, nlp: Language, rules: RuleSet):
        self.rules = rules
        self.find_cues = CueFinder(nlp.vocab, rules)
        self.new_speaker = compile_search(rules.new_speaker) if rules.new_speaker else None

    def __call__(self, doc: Doc) -> Doc:
        extraction = self.read(doc, doc._.get(OUTLET)).extraction
        data = extraction.to_dict()
        doc._.set(ARTICLE, data["article"])
        doc._.set(CLAIMS, data["claims"])
        return doc

    def read(self, doc: Doc, outlet: str | None = None, carried: Carried | None = None) -> DocReading:
        """The claims in a parsed Doc; `carried` continues the pieces of one
        long text read before this one (see `pieces`)."""
        text = doc.text  # spaCy joins every token to make it: once per Doc
        try:
            if carried is not None and carried.reading is not None:
                reading = continue_reading(text, self.rules, carried.reading)
            else:
                reading = read_article(text, self.rules, outlet)
            quotes = find_quotes(text, self.rules.quote_pairs, self.rules.not_marks, self.new_speaker)
        except PatternTimeout as exc:
            where = self.rules.pattern_location(exc.pattern)
            raise QuotesError("E030", where, pattern=exc.pattern, seconds=MATCH_TIMEOUT_SECONDS) from None
        skipped = [(m.start, m.end) for m in reading.marked]
        known = carried.entities if carried is not None else ()
        registry = EntityRegistry(doc, self.rules, quotes, text, skipped, known)
        claims = build_claims(doc, text, self.find_cues(doc), quotes, reading, registry, self.rules)
        after = Carried(carried.reading or reading, registry.carried()) if carried is not None else None
        return DocReading(Extraction(reading.article, claims), reading, quotes, after)
