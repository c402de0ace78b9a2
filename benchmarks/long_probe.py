"""One long document through `quotes.extract`, in a fresh process.

    python benchmarks/long_probe.py CORPUS.jsonl CHARACTERS [--max-length N]

Builds a text of CHARACTERS characters from the corpus articles, joined by
blank lines and repeated as needed (a hearing transcript or a day's wire
copy in one file), extracts it, and prints one JSON line: the characters,
the pieces it was read in, the claims, the seconds the extraction took
(model loading left out) and the peak RSS in KiB (Linux ru_maxrss) after
loading the pipeline and at the end. `--max-length` lowers the pipeline's
limit, so that a short smoke text takes the long path.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from itertools import cycle
from pathlib import Path

from quotes import api
from quotes.pipeline import pieces


def long_text(corpus: Path, characters: int) -> str:
    with corpus.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for line in lines if line.strip()]
    parts, length = [], 0
    for text in cycle(texts):
        if length >= characters:
            break
        parts.append(text)
        length += len(text) + 2
    return "\n\n".join(parts)[:characters]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("corpus", type=Path)
    parser.add_argument("characters", type=int)
    parser.add_argument("--max-length", type=int)
    args = parser.parse_args()
    text = long_text(args.corpus, args.characters)
    nlp = api.load_pipeline()
    if args.max_length:
        nlp.max_length = args.max_length
    loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    extraction = api.extract(text)
    seconds = time.perf_counter() - start
    long = pieces.needs_pieces(text, nlp.max_length)
    print(
        json.dumps(
            {
                "characters": len(text),
                "pieces": len(pieces.cut(text, nlp.max_length)) if long else 1,
                "claims": len(extraction.claims),
                "seconds": seconds,
                "peak_after_load_kib": loaded,
                "peak_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            }
        )
    )


if __name__ == "__main__":
    main()
