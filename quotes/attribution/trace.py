"""Why a rule did or did not make a claim: the notes `quotes explain` shows.

The extractor calls `considering` where a rule matches and `decline` where it
gives a match up, with the reason; `note_resolution` where it names a
speaker, with the candidates it weighed. Outside `tracing()` each returns at
once, so extraction pays nothing for them; inside, the notes are the extractor's
own decisions, not a second opinion reconstructed after the fact.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Hit:
    """A rule matched tokens [start, end)."""

    rule: str
    start: int
    end: int


@dataclass(frozen=True)
class Note:
    """A hit given up, and why."""

    hit: Hit
    reason: str


@dataclass(frozen=True)
class Weighed:
    """A candidate weighed for a speaker mention, kept or dropped, and why."""

    name: str
    score: float
    kept: bool
    why: str


@dataclass(frozen=True)
class ResolutionNote:
    """How the speaker mention at characters [start, end) got its name."""

    start: int
    end: int
    mention: str
    name: str | None
    resolution: str | None
    reason: str
    candidates: tuple[Weighed, ...]


@dataclass
class Trace:
    hits: list[Hit] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    resolutions: list[ResolutionNote] = field(default_factory=list)
    current: Hit | None = None


_ACTIVE: ContextVar[Trace | None] = ContextVar("quotes_trace", default=None)


@contextmanager
def tracing() -> Iterator[Trace]:
    trace = Trace()
    token = _ACTIVE.set(trace)
    try:
        yield trace
    finally:
        _ACTIVE.reset(token)


def is_tracing() -> bool:
    return _ACTIVE.get() is not None


def considering(rule: str, start: int, end: int) -> None:
    """A rule matched these tokens; later `decline` calls are about it."""
    trace = _ACTIVE.get()
    if trace is not None:
        trace.current = Hit(rule, start, end)
        trace.hits.append(trace.current)


def decline(reason: str) -> None:
    """The match being considered makes no cue, for `reason`."""
    trace = _ACTIVE.get()
    if trace is not None and trace.current is not None:
        trace.notes.append(Note(trace.current, reason))


def decline_cue(rule: str, start: int, end: int, reason: str) -> None:
    """A cue found in the parse makes no claim, for `reason`."""
    trace = _ACTIVE.get()
    if trace is not None:
        trace.notes.append(Note(Hit(rule, start, end), reason))


def note_resolution(
    start: int,
    end: int,
    mention: str,
    name: str | None,
    resolution: str | None,
    reason: str,
    candidates: Sequence[Weighed],
) -> None:
    """The speaker mention at [start, end) was resolved to `name`, for `reason`."""
    trace = _ACTIVE.get()
    if trace is not None:
        trace.resolutions.append(ResolutionNote(start, end, mention, name, resolution, reason, tuple(candidates)))
