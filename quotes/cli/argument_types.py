"""Argument types the commands share: each turns the words given into a
value or an argparse error that says what was expected."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T", int, float)


def _checked(value: str, convert: Callable[[str], T], accept: Callable[[T], bool], expected: str) -> T:
    try:
        parsed = convert(value)
    except ValueError:
        parsed = None
    if parsed is None or not accept(parsed):  # NaN fails every comparison too
        raise argparse.ArgumentTypeError(f"expected {expected}, got {value!r}")
    return parsed


def probability(value: str) -> float:
    return _checked(value, float, lambda p: 0 <= p <= 1, "a probability from 0 to 1")


def positive(value: str) -> int:
    return _checked(value, int, lambda n: n >= 1, "a number of at least 1")


def count(value: str) -> int:
    return _checked(value, int, lambda n: n >= 0, "a count (0, 1, 2, ...)")
