"""The pipeline's matrix products on numpy's BLAS, on one thread.

thinc multiplies with the BLIS it bundles. The trained pipelines spend
about half their time in those products (the tok2vec layers of the tagger,
parser and NER), and numpy's own BLAS (OpenBLAS in its wheels) does the same
float32 products several times faster: 3.6x here on a 4000 x 288 by 288 x 288
product, and en_core_web_sm ran 1.39x faster with identical annotations on
120 news articles. thinc offers the switch itself, `NumpyOps(use_blis=False)`.

One thread: a process is one worker and `--workers` gives the parallelism;
left alone, OpenBLAS starts a thread per core in every worker. The limit
holds only while the pipeline runs, so a program calling `quotes` keeps its
own BLAS settings.

`QUOTES_MATMUL=blis` keeps thinc's own products.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from spacy.language import Language
from thinc.api import Model, NumpyOps
from threadpoolctl import ThreadpoolController

from .errors import QuotesError

MATMUL_ENV = "QUOTES_MATMUL"
NUMPY = "numpy"
BLIS = "blis"


def matmul_choice() -> str:
    choice = os.environ.get(MATMUL_ENV, "").strip().lower() or NUMPY
    if choice not in {NUMPY, BLIS}:
        raise QuotesError("E012", value=os.environ[MATMUL_ENV])
    return choice


def use_numpy_blas(nlp: Language) -> bool:
    """Point every CPU layer of `nlp`'s models at numpy's products; layers on
    other devices (a GPU, Apple's ops) keep theirs. Whether any changed."""
    if matmul_choice() == BLIS:
        return False
    ops = NumpyOps(use_blis=False)
    changed = False
    for _, component in nlp.components:
        model = getattr(component, "model", None)
        if not isinstance(model, Model):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = ops
                changed = True
    return changed


@lru_cache(maxsize=1)
def _controller() -> ThreadpoolController:
    return ThreadpoolController()


@contextmanager
def one_blas_thread() -> Iterator[None]:
    """numpy's BLAS on one thread while the block runs."""
    if matmul_choice() == BLIS:
        yield
        return
    with _controller().limit(limits=1, user_api="blas"):
        yield
