"""How long reading the rules takes at start-up, with and without the disk
cache of validated rule files (issue 18).

Each run is a fresh interpreter that imports quotes.rules.cache and calls
load_rules_cached() once; "cold" runs start from an empty cache folder,
"warm" ones from the folder a first run filled. Prints the medians of
--runs runs in ms, for the import and for the load.

    python benchmarks/rules_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PROBE = """\
import json, time
start = time.perf_counter()
from quotes.rules.cache import load_rules_cached
imported = time.perf_counter()
rules = load_rules_cached()
loaded = time.perf_counter()
print(json.dumps({"import": (imported - start) * 1000, "load": (loaded - imported) * 1000, "files": len(rules.files)}))
"""


def one_run(cache: Path) -> dict[str, float]:
    env = {**os.environ, "QUOTES_CACHE_DIR": str(cache), "PYTHONPATH": str(ROOT)}
    env.pop("QUOTES_RULES", None)
    done = subprocess.run([sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    result: dict[str, float] = json.loads(done.stdout)
    return result


def medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: round(statistics.median(run[key] for run in runs), 1) for key in ("import", "load")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="quotes-startup-"))
    try:
        cold = []
        for i in range(args.runs):
            cold.append(one_run(folder / f"cold-{i}"))
        warm_cache = folder / "warm"
        one_run(warm_cache)
        warm = [one_run(warm_cache) for _ in range(args.runs)]
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    print(json.dumps({"runs": args.runs, "files": cold[0]["files"], "cold_ms": medians(cold), "warm_ms": medians(warm)}))


if __name__ == "__main__":
    main()
