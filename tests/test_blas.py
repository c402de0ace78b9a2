"""quotes.pipeline.blas: a pipeline multiplies on numpy's BLAS, one thread at a time,
when told to or when its process opted in, and parses exactly as with
thinc's own BLIS. (A fresh process opting in: tests/test_extractor.py.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, TAG
from thinc.api import Model
from threadpoolctl import threadpool_info, threadpool_limits

from quotes.api import Extractor, load_model
from quotes.errors import QuotesError
from quotes.pipeline.blas import (
    MATMUL_ENV,
    adopt_fast_blas,
    matmul_choice,
    process_matmul,
    use_numpy_blas,
)

SEEDS = sorted((Path(__file__).resolve().parents[1] / "seeds").glob("*.txt"))
MODEL_OUTPUT = [TAG, HEAD, DEP, ENT_IOB, ENT_TYPE]


def cpu_layers(nlp):
    models = [getattr(c, "model", None) for _, c in nlp.components]
    return [node for model in models if isinstance(model, Model) for node in model.walk()]


@pytest.mark.parametrize("matmul,blis", [("numpy", False), ("blis", True)])
def test_an_extractor_multiplies_as_it_is_told(matmul, blis):
    layers = cpu_layers(Extractor(matmul=matmul).nlp)
    assert layers and all(node.ops.use_blis is blis for node in layers)


def test_quotes_matmul_blis_declines_the_process_policy(monkeypatch):
    monkeypatch.setenv(MATMUL_ENV, "blis")
    before = blas_threads()
    assert adopt_fast_blas() is False
    assert process_matmul() == "blis"
    assert blas_threads() == before


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_numpy_products_parse_as_blis_does(seed):
    text = seed.read_text(encoding="utf-8")
    blis, numpy = load_model(), load_model()
    assert use_numpy_blas(numpy)
    with threadpool_limits(limits=1, user_api="blas"):
        got = numpy(text).to_array(MODEL_OUTPUT)
    assert (got == blis(text).to_array(MODEL_OUTPUT)).all()


def blas_threads() -> list[int]:
    return [pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_blis_keeps_thincs_own_products(monkeypatch):
    monkeypatch.setenv(MATMUL_ENV, "BLIS")
    nlp = load_model()
    assert use_numpy_blas(nlp) is False
    assert all(node.ops.use_blis for node in cpu_layers(nlp))


@pytest.mark.parametrize("value", ["openblas", "mkl", "1"])
def test_an_unknown_matmul_is_a_clear_error(monkeypatch, value):
    monkeypatch.setenv(MATMUL_ENV, value)
    with pytest.raises(QuotesError) as error:
        matmul_choice()
    assert error.value.code == "E012" and repr(value) in str(error.value)
