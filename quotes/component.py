"""The `quotes` spaCy component: puts claim records on `doc._.claims`.

Registered as a factory (and through the `spacy_factories` entry point), so
any pipeline with a parser and NER can take it: `nlp.add_pipe("quotes")`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .attribute import build_claims
from .cues import CueFinder
from .errors import QuotesError
from .outlets import continue_reading, read_article
from .patterns import MATCH_TIMEOUT_SECONDS, PatternTimeout, compile_search
from .entities import EntityRegistry
from .pieces import Carried
from .quotemarks import find_quotes
from .ruleset import RuleSet, load_rules_cached

# `reading` (metadata and marked boilerplate) and `quote_spans` are what the
# claims were built from, kept for `quotes explain`. A piece of a long text
# gets `carried_in` (what the pieces before it established, see `pieces`)
# and leaves `carried_out` for the next.
for _name in ("claims", "article", "outlet_hint", "reading", "quote_spans", "carried_in", "carried_out"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


@Language.factory(
    "quotes",
    default_config={"rules_dirs": []},
    requires=["token.dep", "token.lemma", "doc.ents", "doc.sents"],
    assigns=["doc._.claims", "doc._.article", "doc._.reading", "doc._.quote_spans"],
)
def make_quotes_component(nlp: Language, name: str, rules_dirs: list[str]) -> "QuotesComponent":
    return QuotesComponent(nlp, load_rules_cached(tuple(rules_dirs)))


class QuotesComponent:
    def __init__(self, nlp: Language, rules: RuleSet):
        self.rules = rules
        self.find_cues = CueFinder(nlp.vocab, rules)
        self.new_speaker = compile_search(rules.new_speaker) if rules.new_speaker else None

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text  # spaCy joins every token to make it: once per Doc
        carried: Carried | None = doc._.carried_in
        try:
            if carried is not None and carried.reading is not None:
                reading = continue_reading(text, self.rules, carried.reading)
            else:
                reading = read_article(text, self.rules, doc._.outlet_hint)
            quotes = find_quotes(text, self.rules.quote_pairs, self.rules.not_marks, self.new_speaker)
        except PatternTimeout as exc:
            where = self.rules.pattern_location(exc.pattern)
            raise QuotesError("E030", where, pattern=exc.pattern, seconds=MATCH_TIMEOUT_SECONDS) from None
        skipped = [(m.start, m.end) for m in reading.marked]
        known = carried.entities if carried is not None else ()
        registry = EntityRegistry(doc, self.rules, quotes, text, skipped, known)
        doc._.article = reading.article
        doc._.reading = reading
        doc._.quote_spans = quotes
        doc._.claims = build_claims(doc, text, self.find_cues(doc), quotes, reading, registry, self.rules)
        if carried is not None:
            doc._.carried_out = Carried(carried.reading or reading, registry.carried())
        return doc
