"""Spans and the matching of claims to gold quotes.

A claim and a gold quote can match when they overlap by at least half the
shorter of the two; in each article the matching is one-to-one and optimal
(the most matches, then the most overlapping characters), solved exactly with
the Hungarian algorithm: a greedy matching would let the order of the claims
change the score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

Spans = tuple[tuple[int, int], ...]


def union(spans: Iterable[tuple[int, int]]) -> Spans:
    """Sorted, merged, non-empty intervals covering the same characters."""
    merged: list[list[int]] = []
    for start, end in sorted((s, e) for s, e in spans if e > s):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple((s, e) for s, e in merged)


def length(spans: Spans) -> int:
    return sum(e - s for s, e in spans)


def overlap(a: Spans, b: Spans) -> int:
    """Characters covered by both unions (each sorted and merged)."""
    total = i = j = 0
    while i < len(a) and j < len(b):
        total += max(0, min(a[i][1], b[j][1]) - max(a[i][0], b[j][0]))
        if a[i][1] <= b[j][1]:
            i += 1
        else:
            j += 1
    return total


def can_match(gold: Spans, claim: Spans) -> bool:
    shared = overlap(gold, claim)
    return shared > 0 and 2 * shared >= min(length(gold), length(claim))


@dataclass
class Matching:
    """One article's matching: indices into its gold quotes and its claims."""

    pairs: list[tuple[int, int]]  # (gold, claim), by gold index
    missed: list[int]  # gold quotes matched by no claim
    false: list[int]  # claims matching nothing, not ignored
    ignored: list[int]  # unmatched claims inside a matched gold quote


def match(gold: Sequence[Spans], claims: Sequence[Spans]) -> Matching:
    """The one-to-one matching with the most matches, then the most overlap."""
    weights = [[overlap(g, c) if can_match(g, c) else 0 for c in claims] for g in gold]
    pairs = sorted(_max_assignment(weights))
    matched_gold = {g for g, _ in pairs}
    matched_claims = {c for _, c in pairs}
    missed = [g for g in range(len(gold)) if g not in matched_gold]
    false: list[int] = []
    ignored: list[int] = []
    for c, spans in enumerate(claims):
        if c in matched_claims:
            continue
        inside = any(2 * overlap(gold[g], spans) >= length(spans) > 0 for g in matched_gold)
        (ignored if inside else false).append(c)
    return Matching(pairs, missed, false, ignored)


def _max_assignment(weights: list[list[int]]) -> list[tuple[int, int]]:
    """Pairs (row, column) with positive weight, one-to-one, maximising first
    their number and then their total weight."""
    rows = [r for r, row in enumerate(weights) if any(row)]
    cols = [c for c in range(len(weights[0]) if weights else 0) if any(weights[r][c] for r in rows)]
    if not rows or not cols:
        return []
    # Every match is worth more than all the overlap there is, so the
    # minimum-cost assignment takes as many matches as it can first.
    big = sum(max(weights[r]) for r in rows) + 1
    cost = [[-(big + weights[r][c]) if weights[r][c] else 0 for c in cols] for r in rows]
    transposed = len(rows) > len(cols)
    if transposed:
        cost = [list(column) for column in zip(*cost, strict=True)]
    found = _hungarian(cost)
    pairs = [(rows[j], cols[i]) if transposed else (rows[i], cols[j]) for i, j in found]
    return [(r, c) for r, c in pairs if weights[r][c]]


def _hungarian(cost: list[list[int]]) -> list[tuple[int, int]]:
    """Minimum-cost assignment of every row of an n x m matrix, n <= m
    (the potentials method, O(n^2 m)); returns (row, column) pairs."""
    n, m = len(cost), len(cost[0])
    inf = float("inf")
    # Potentials: whole numbers, held as floats beside the infinite bound.
    u: list[float] = [0] * (n + 1)
    v: list[float] = [0] * (m + 1)
    owner = [0] * (m + 1)  # owner[j]: the row (1-based) assigned to column j
    way = [0] * (m + 1)
    for i in range(1, n + 1):
        owner[0] = i
        j0 = 0
        min_v = [inf] * (m + 1)
        used = [False] * (m + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = owner[j0], inf, 0
            for j in range(1, m + 1):
                if not used[j]:
                    reduced = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if reduced < min_v[j]:
                        min_v[j], way[j] = reduced, j0
                    if min_v[j] < delta:
                        delta, j1 = min_v[j], j
            for j in range(m + 1):
                if used[j]:
                    u[owner[j]] += delta
                    v[j] -= delta
                else:
                    min_v[j] -= delta
            j0 = j1
            if owner[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            owner[j0] = owner[j1]
            j0 = j1
    return [(owner[j] - 1, j - 1) for j in range(1, m + 1) if owner[j]]


def claim_spans(claim: Mapping[str, Any]) -> Spans:
    return union((s["start"], s["end"]) for s in claim.get("spans") or [])
