"""The pipeline's matrix products on numpy's BLAS, on one thread.

thinc multiplies with the BLIS it bundles. The trained pipelines spend
about half their time in those products (the tok2vec layers of the tagger,
parser and NER), and numpy's own BLAS (OpenBLAS in its wheels) does the same
float32 products several times faster: 3.6x here on a 4000 x 288 by 288 x 288
product, and en_core_web_sm ran 1.39x faster with identical annotations on
120 news articles. thinc offers the switch itself, `NumpyOps(use_blis=False)`.

One thread: a process is one worker and `--workers` gives the parallelism;
left alone, OpenBLAS starts a thread per core in every worker.

Both are a policy for a whole process, so the process's owner opts in, once:
the command line and the corpus engine's worker processes call
`adopt_fast_blas()`. A program that imports `quotes` keeps thinc's products
and its own BLAS settings unless it calls it too; `QUOTES_MATMUL=blis`
declines it everywhere.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

from spacy.language import Language
from thinc.api import Model, NumpyOps
from threadpoolctl import ThreadpoolController  # type: ignore[import-untyped]  # ships no type information

from ..errors import QuotesError

MATMUL_ENV = "QUOTES_MATMUL"
NUMPY = "numpy"
BLIS = "blis"


def matmul_choice() -> str:
    choice = os.environ.get(MATMUL_ENV, "").strip().lower() or NUMPY
    if choice not in {NUMPY, BLIS}:
        raise QuotesError("E012", value=os.environ[MATMUL_ENV])
    return choice


_adoption = threading.Lock()
_adopted = False


def adopt_fast_blas() -> bool:
    """numpy's BLAS, on one thread, for every pipeline this process loads from
    now on and for its own numpy. Once per process (later calls change
    nothing); whether the policy holds (`QUOTES_MATMUL=blis` declines it)."""
    global _adopted
    if matmul_choice() == BLIS:
        return False
    with _adoption:
        if not _adopted:
            _controller().limit(limits=1, user_api="blas")
            _adopted = True
    return True


def process_matmul() -> str:
    """The products a pipeline loaded now multiplies with: numpy's when the
    process adopted the policy, thinc's own otherwise."""
    return matmul_after_adoption() if _adopted else BLIS


def matmul_after_adoption() -> str:
    """The products a pipeline multiplies with once its process adopts the policy."""
    return BLIS if matmul_choice() == BLIS else NUMPY


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
