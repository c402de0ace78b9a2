"""Argument types the commands share: each turns the words given into a
value or an argparse error that says what was expected."""

from __future__ import annotations

import argparse
import math


def probability(value: str) -> float:
    try:
        p = float(value)
    except ValueError:
        p = math.nan
    if not 0 <= p <= 1:  # NaN too
        raise argparse.ArgumentTypeError(f"expected a probability from 0 to 1, got {value!r}")
    return p


def positive(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"expected a number of at least 1, got {value!r}")
    return number


def count(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = -1
    if number < 0:
        raise argparse.ArgumentTypeError(f"expected a count (0, 1, 2, ...), got {value!r}")
    return number
