"""tqdm's progress bar, imported only by a run that shows one (tqdm takes
tens of milliseconds to import)."""

from __future__ import annotations

from tqdm import tqdm  # type: ignore[import-untyped]


class Bar(tqdm):
    """tqdm without its monitor thread: the corpus engine forks its workers
    from this process, which must then run no other thread (worker_pool)."""

    monitor_interval = 0
