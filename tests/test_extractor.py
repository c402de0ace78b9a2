"""quotes.Extractor: a pipeline and rules the caller owns; the module-level
functions' default Extractors, which see edited rule files; and extraction
from several threads at once, which leaves the process as it found it."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from threadpoolctl import threadpool_info

import quotes
from quotes import api
from quotes.rules.ruleset import RulesInvalid

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
TEXT = "The Tidewater Ledger reported the closure. The tunnel will close in March, the minister said."


def outlet_rule(name: str) -> str:
    return textwrap.dedent(
        f"""\
        id: my.outlets.ledger
        kind: outlet
        description: A regional daily that signs its reports.
        outlet:
          name: {name}
          signatures: ["^The Tidewater Ledger reported"]
        """
    )


def write_rules(folder: Path, name: str) -> Path:
    path = folder / "outlets" / "ledger.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(outlet_rule(name), encoding="utf-8")
    return path


def test_an_extractor_holds_its_own_pipeline_and_rules(tmp_path):
    write_rules(tmp_path, "Tidewater Ledger")
    own = quotes.Extractor(rules_dirs=[tmp_path])
    assert own.nlp is not api.load_pipeline()
    assert own.extract(TEXT).article.outlet == "Tidewater Ledger"
    assert quotes.extract(TEXT).article.outlet is None


def test_an_edited_rule_file_is_seen_without_a_restart(tmp_path):
    path = write_rules(tmp_path, "Tidewater Ledger")
    assert quotes.extract(TEXT, rules_dirs=[tmp_path]).article.outlet == "Tidewater Ledger"
    path.write_text(outlet_rule("The Ledger"), encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000))
    assert quotes.extract(TEXT, rules_dirs=[tmp_path]).article.outlet == "The Ledger"


def test_a_removed_rule_file_is_forgotten(tmp_path):
    path = write_rules(tmp_path, "Tidewater Ledger")
    assert quotes.extract(TEXT, rules_dirs=[tmp_path]).article.outlet == "Tidewater Ledger"
    path.unlink()
    assert quotes.extract(TEXT, rules_dirs=[tmp_path]).article.outlet is None


def test_a_relative_folder_keeps_its_meaning_after_chdir(tmp_path, monkeypatch):
    write_rules(tmp_path / "my-rules", "Tidewater Ledger")
    monkeypatch.chdir(tmp_path)
    own = quotes.Extractor(rules_dirs=["my-rules"])
    assert own.rules_dirs == (str(tmp_path / "my-rules"),)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    assert own.extract(TEXT).article.outlet == "Tidewater Ledger"
    with pytest.raises(RulesInvalid) as caught:
        quotes.extract(TEXT, rules_dirs=["my-rules"])
    assert str(caught.value).startswith(f"E108 the rules folder {elsewhere / 'my-rules'} does not exist")


def test_clear_caches_forgets_the_default_pipelines():
    before = api.load_pipeline()
    assert api.load_pipeline() is before
    quotes.clear_caches()
    assert api.load_pipeline() is not before


def blas_threads() -> list[tuple[str, int]]:
    return [(pool["filepath"], pool["num_threads"]) for pool in threadpool_info() if pool["user_api"] == "blas"]


def test_threads_get_the_records_one_thread_gets_and_leave_blas_alone():
    texts = [seed.read_text(encoding="utf-8") for seed in SEEDS] * 4
    alone = [quotes.extract(t).to_dict() for t in texts]
    before = blas_threads()
    with ThreadPoolExecutor(4) as pool:
        together = [e.to_dict() for e in pool.map(quotes.extract, texts)]
    assert together == alone
    assert blas_threads() == before


FRESH_PROCESS = textwrap.dedent(
    """
    import json, sys
    import quotes
    from quotes.pipeline.blas import process_matmul
    from threadpoolctl import threadpool_info

    def blas_threads():
        return sorted({p["num_threads"] for p in threadpool_info() if p["user_api"] == "blas"})

    before = blas_threads()
    text = open(sys.argv[1], encoding="utf-8").read()
    quotes.extract(text)
    from thinc.api import Model

    def layers():
        models = [getattr(c, "model", None) for _, c in quotes.load_pipeline().components]
        return [n for m in models if isinstance(m, Model) for n in m.walk()]

    out = {"blis_before": all(n.ops.use_blis for n in layers()), "threads_kept": blas_threads() == before}
    out["adopted"] = quotes.adopt_fast_blas()
    out["numpy_after"] = process_matmul() == "numpy" and not any(n.ops.use_blis for n in layers())
    out["one_thread_after"] = blas_threads() == [1]
    print(json.dumps(out))
    """
)


def test_a_library_caller_keeps_thincs_products_until_it_opts_in():
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    env.pop("QUOTES_MATMUL", None)
    result = subprocess.run(
        [sys.executable, "-c", FRESH_PROCESS, str(SEEDS[0])], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().endswith(
        '{"blis_before": true, "threads_kept": true, "adopted": true, "numpy_after": true, "one_thread_after": true}'
    )
