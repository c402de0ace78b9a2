"""Invented news records, as `quotes corpus` writes them, for the claims
database's tests: one minister's quote carried by several outlets on
different days (once with its number changed, once put in another's mouth,
once cut short), and other claims around it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DESALINATION = "The desalination plant will supply 40,000 homes by next summer"


def claim(
    qid: str,
    text: str,
    speaker: str | None,
    kind: str = "direct",
    cue: str | None = "said",
    role: str | None = None,
    at: int = 10,
) -> dict[str, Any]:
    return {
        "id": qid,
        "type": kind,
        "text": text,
        "spans": [{"start": at, "end": at + len(text)}],
        "cue": None if cue is None else {"text": cue, "start": at + len(text) + 3, "end": at + len(text) + 3 + len(cue)},
        "speaker": None
        if speaker is None
        else {
            "name": speaker,
            "mention": {"text": speaker.split()[-1], "start": 0, "end": len(speaker.split()[-1])},
            "role": role,
            "affiliation": "Ministry of Water" if role else None,
            "kind": "person",
            "resolution": "surname",
        },
        "source": {"outlet": None, "via": None},
        "rule": "said-after-quote",
        "confidence": 0.9,
        "negated": False,
    }


def record(
    article_id: str,
    outlet: str,
    published: str | None,
    claims: list[dict[str, Any]],
    url: str | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    article = {
        "outlet": outlet,
        "author": "Staff",
        "author_affiliation": None,
        "published": published,
        "kind": "news",
        "title": title,
        "dateline": "GENOA",
        "supplied_by": None,
        "url": url,
        "text": None,
    }
    for c in claims:
        c["source"]["outlet"] = outlet
    return {"id": article_id, "article": article, "claims": claims, "error": None}


def news_records() -> list[dict[str, Any]]:
    minister = "Maria Ferrante"
    return [
        record(
            "reuters-0110",
            "Reuters",
            "2026-01-10",
            [
                claim("q1", DESALINATION, minister, role="minister"),
                claim("q2", "water bills would fall within two years", minister, "indirect", "promised"),
            ],
            url="https://reuters.example/desalination",
            title="Genoa to open desalination plant",
        ),
        record(
            "ansa-0111",
            "ANSA",
            "2026-01-11T09:30:00+01:00",
            [claim("q1", f"“{DESALINATION},”", minister), claim("q2", "The port strike must end now", "Luca Moretti")],
            url="https://ansa.example/acqua",
        ),
        record(
            "gazette-0114",
            "Coastal Gazette",
            "2026-01-14",
            [claim("q1", DESALINATION.replace("40,000", "45,000"), minister)],
        ),
        record(
            "harbour-0202",
            "Harbour Blog",
            "2026-02-02",
            [claim("q1", DESALINATION, "Paolo Rinaldi", cue="claimed")],
        ),
        record(
            "tribune-0220",
            "Tribune",
            "2026-02-20",
            [
                claim("q1", "The desalination plant will supply 40,000 homes", minister),
                claim("q2", "the plant's cost had doubled, to 300 million euros", None, "mixed", "reported"),
            ],
        ),
        record("undated-1", "Reuters", None, [claim("q1", "Desalination is not the answer to drought", "Luca Moretti")]),
        {"id": "broken-1", "article": None, "claims": [], "error": {"code": "E027", "message": "the extractor failed"}},
    ]


def write_records(path: Path, records: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path
