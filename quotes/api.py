"""The Python entry points.

An `Extractor` is the caller's own: it holds a spaCy pipeline with the
`quotes` component and the rules that component reads. The module-level
functions (`quotes.extract`, ...) use a default Extractor per model and rule
folders, made on first use and made anew when a rule file changes;
`clear_caches()` forgets them all.

Nothing here changes the process: the matrix products and BLAS threads stay
as the caller has them unless the process opted in (`quotes.pipeline.blas`).
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .attribution.outlets import MarkedLine
from .defaults import DEFAULT_MODEL, MODEL_ENV
from .errors import QuotesError
from .formats.webpage import Page
from .pipeline import cached_attributes
from .pipeline.blas import NUMPY, process_matmul, use_numpy_blas
from .pipeline.component import OUTLET, DocReading, QuotesComponent
from .pipeline.deferred_edits import DeferredEdits, deferring
from .pipeline.marktokens import PatternEdits
from .pipeline.model_text import ModelText
from .pipeline.pieces import Carried, cut, needs_pieces
from .records import Claim, Extraction
from .rules.cache import forget_rules, resolved_folders, rules_key
from .rules.ruleset import RuleSet

COMPONENT = "quotes"
# Told (pieces done, pieces in all) as a long text is read.
PieceCallback = Callable[[int, int], None]
Folders = Sequence[str | Path]


def model_name(model: str | None = None) -> str:
    return model or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def load_model(model: str | None = None) -> Language:
    """The trained spaCy pipeline, or a one-line error naming what to install."""
    name = model_name(model)
    try:
        return spacy.load(name)
    except OSError as exc:
        if "E050" in str(exc) or "Can't find model" in str(exc):
            raise QuotesError("E010", model=name, package=name.replace("_", "-")) from None
        raise QuotesError("E011", model=name, detail=" ".join(str(exc).split())) from None


class Extractor:
    """A pipeline that finds claims, and the rules it reads: made once
    (loading a model takes a second, an article milliseconds), then used for
    any number of articles, from any number of threads.

    `rules_dirs` are folders of rule files read after the built-ins and the
    QUOTES_RULES folders; a relative one is read from the working folder of
    the moment the Extractor is made. `matmul` is "numpy" or "blis"; by
    default, what the process chose (`quotes.pipeline.blas`).
    """

    def __init__(self, model: str | None = None, rules_dirs: Folders = (), *, matmul: str | None = None):
        self.model = model_name(model)
        self.rules_dirs = resolved_folders(rules_dirs)
        self.matmul = matmul or process_matmul()
        nlp = load_model(self.model)
        if self.matmul == NUMPY:
            use_numpy_blas(nlp)
        cached_attributes.speed_up(nlp)
        with deferring() as deferred:
            component = nlp.add_pipe(COMPONENT, config={"rules_dirs": list(self.rules_dirs)})
        # spaCy types a pipe as any Doc -> Doc callable; this factory makes ours.
        assert isinstance(component, QuotesComponent)
        self.component = component
        self._nlp = nlp
        self._tokenizer = deferred[0] if deferred else DeferredEdits(nlp, PatternEdits())

    @property
    def nlp(self) -> Language:
        """The pipeline, prepared in full: what it is used for here is
        not known, so the tokenizer's edits are made first."""
        self._tokenizer.make()
        return self._nlp

    @property
    def rules(self) -> RuleSet:
        return self.component.rules

    def extract(self, text: str, outlet: str | None = None, *, on_piece: PieceCallback | None = None) -> Extraction:
        """Claims in one article; `outlet` names the publisher, or gives the
        article's URL, when the text doesn't. A text longer than the model
        reads at once is read in pieces (see `pieces`); `on_piece(done,
        total)` hears of each."""
        return self.extract_with_skipped(text, outlet, on_piece=on_piece)[0]

    def extract_with_skipped(
        self, text: str, outlet: str | None = None, *, on_piece: PieceCallback | None = None
    ) -> tuple[Extraction, tuple[MarkedLine, ...]]:
        """`extract`, and the boilerplate lines it skipped (offsets into `text`)."""
        view = ModelText.of_article(text)
        if needs_pieces(view.seen, self._nlp.max_length):
            return self._read_in_pieces(view, outlet, on_piece)
        read = self.read(view, outlet)[1]
        return view.extraction_in_given(read.extraction), view.marked_in_given(read.reading.marked)

    def read(self, view: ModelText, outlet: str | None = None, carried: Carried | None = None) -> tuple[Doc, DocReading]:
        """The parsed Doc of `view` (one Doc holds at most `nlp.max_length`
        characters: a longer text is E013) and all the component read in it,
        offsets into `view.seen`."""
        if needs_pieces(view.seen, self._nlp.max_length):
            raise QuotesError("E013", length=len(view.seen), limit=self._nlp.max_length)
        doc = self._nlp(self._doc(view, outlet), disable=[COMPONENT])
        return doc, self.component.read(doc, outlet, carried)

    def extract_many(self, articles: Iterable[tuple[str, str | None]], *, batch_size: int = 64) -> Iterator[Extraction]:
        """Claims in each (text, outlet) pair, in order, parsed in batches: the
        same records as `extract` on each, faster. Articles are read lazily."""
        waiting: deque[tuple[ModelText, str | None, bool]] = deque()

        def docs() -> Iterator[Doc]:
            for text, outlet in articles:
                view = ModelText.of_article(text)
                long = needs_pieces(view.seen, self._nlp.max_length)
                waiting.append((view, outlet, long))
                # A long text keeps its place in the order with an empty Doc and
                # is read in pieces when its turn comes.
                yield self._tokenizer.tokenize("") if long else self._doc(view, outlet)

        # Parsed here and read by the component itself: the claims need not
        # go through the Doc's plain data and back.
        for doc in self._nlp.pipe(docs(), batch_size=batch_size, disable=[COMPONENT]):
            view, outlet, long = waiting.popleft()
            if long:
                yield self._read_in_pieces(view, outlet)[0]
            else:
                yield view.extraction_in_given(self.component.read(doc, outlet).extraction)

    def extract_page(self, page: Page, outlet: str | None = None) -> Extraction:
        """Claims in a web page's main text; its metadata fills the article.
        The outlet is the one `outlet` names, else the profile of the page's
        domain, else its site name (`page_outlet`)."""
        return with_page(self.extract(page.text, self.page_outlet(page, outlet)), page)

    def page_outlet(self, page: Page, outlet: str | None = None) -> str | None:
        """What names a page's outlet: `outlet` if given, else the page's URL
        when a profile serves its domain, else the site's name, else the URL."""
        if outlet:
            return outlet
        if page.url is not None and self.rules.outlet_at(page.url) is not None:
            return page.url
        return page.site_name or page.url

    def _doc(self, view: ModelText, outlet: str | None) -> Doc:
        doc = self._tokenizer.tokenize(view.seen)
        doc._.set(OUTLET, outlet)
        return doc

    def _read_in_pieces(
        self, view: ModelText, outlet: str | None, on_piece: PieceCallback | None = None
    ) -> tuple[Extraction, tuple[MarkedLine, ...]]:
        """A long text read piece by piece, each the continuation of the ones
        before; the claims and skipped lines come back with offsets into the
        given text and claim ids numbered through."""
        pieces = cut(view.seen, self._nlp.max_length)
        carried = Carried()
        article = None
        claims: list[Claim] = []
        skipped: list[MarkedLine] = []
        for done, (start, end) in enumerate(pieces, start=1):
            piece = view.piece(start, end)
            read = self.read(piece, outlet, carried)[1]
            carried = read.carried or carried
            article = article or read.extraction.article
            claims += piece.extraction_in_given(read.extraction).claims
            skipped += piece.marked_in_given(read.reading.marked)
            if on_piece is not None:
                on_piece(done, len(pieces))
        numbered = [replace(c, id=f"q{n}") for n, c in enumerate(claims, start=1)]
        assert article is not None  # cut() gives at least one piece, and each read has an article
        return Extraction(article=article, claims=numbered), tuple(skipped)


def with_page(extraction: Extraction, page: Page) -> Extraction:
    """The extraction of a page's main text, its article completed by the
    page: the title, author and date the page declares win over what the text
    shows; `article.text` is the text the offsets index."""
    article = replace(
        extraction.article,
        title=page.title or extraction.article.title,
        author=page.author or extraction.article.author,
        published=page.published or extraction.article.published,
        url=page.url or extraction.article.url,
        text=page.text,
    )
    return Extraction(article, extraction.claims)


_defaults: OrderedDict[tuple[Any, ...], Extractor] = OrderedDict()
_defaults_lock = threading.Lock()
MAX_DEFAULTS = 4


def default_extractor(model: str | None = None, rules_dirs: Folders = ()) -> Extractor:
    """The Extractor the module-level functions use for `model` and
    `rules_dirs`: one per model, rule files (as they are now) and matrix
    products, kept for the next call."""
    key = (model_name(model), rules_key(rules_dirs), process_matmul())
    with _defaults_lock:
        found = _defaults.get(key)
        if found is None:
            found = _defaults[key] = Extractor(model, rules_dirs)
            while len(_defaults) > MAX_DEFAULTS:
                _defaults.popitem(last=False)
        _defaults.move_to_end(key)
        return found


def clear_caches() -> None:
    """Forget every default Extractor and every rule set read: the next call
    loads them again (edited rule files are seen without this too)."""
    with _defaults_lock:
        _defaults.clear()
    forget_rules()


def load_pipeline(model: str | None = None, rules_dirs: Folders = ()) -> Language:
    """The pipeline of the default Extractor: a spaCy pipeline that splits
    sentences at line breaks and finds claims."""
    return default_extractor(model, rules_dirs).nlp


def extract(
    text: str,
    outlet: str | None = None,
    *,
    model: str | None = None,
    rules_dirs: Folders = (),
    on_piece: PieceCallback | None = None,
) -> Extraction:
    """`Extractor.extract` on the default Extractor for `model` and `rules_dirs`."""
    return default_extractor(model, rules_dirs).extract(text, outlet, on_piece=on_piece)


def extract_with_skipped(
    text: str,
    outlet: str | None = None,
    *,
    model: str | None = None,
    rules_dirs: Folders = (),
    on_piece: PieceCallback | None = None,
) -> tuple[Extraction, tuple[MarkedLine, ...]]:
    return default_extractor(model, rules_dirs).extract_with_skipped(text, outlet, on_piece=on_piece)


def extract_with_doc(
    text: str, outlet: str | None = None, *, model: str | None = None, rules_dirs: Folders = ()
) -> tuple[Extraction, Doc]:
    """`extract`, and the parsed Doc it read (its text lacks a byte-order
    mark). A text over the model's limit (`nlp.max_length`) is E013."""
    view = ModelText.of_article(text)
    doc, read = default_extractor(model, rules_dirs).read(view, outlet)
    return view.extraction_in_given(read.extraction), doc


def extract_many(
    articles: Iterable[tuple[str, str | None]],
    *,
    model: str | None = None,
    rules_dirs: Folders = (),
    batch_size: int = 64,
) -> Iterator[Extraction]:
    return default_extractor(model, rules_dirs).extract_many(articles, batch_size=batch_size)


def extract_page(page: Page, outlet: str | None = None, *, model: str | None = None, rules_dirs: Folders = ()) -> Extraction:
    return default_extractor(model, rules_dirs).extract_page(page, outlet)


def page_outlet(page: Page, outlet: str | None = None, *, model: str | None = None, rules_dirs: Folders = ()) -> str | None:
    return default_extractor(model, rules_dirs).page_outlet(page, outlet)
