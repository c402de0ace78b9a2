"""`quotes corpus --db`: the records indexed in the claims database as
the run writes them, in this (the parent) process.

A batch of records is written to the output first, then indexed: the
output is what `--resume` trusts. So a run killed between the two leaves
records in the output that the database lacks, and a run that resumes
first indexes the records of the output whose articles the database does
not hold; then its own, as it writes them. An index batch under way when
the run stops is rolled back whole (quotes.database.indexing), and caught
up the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import closing, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .job import CorpusJob

if TYPE_CHECKING:
    from ..database.indexing import Indexer

IndexFn = Callable[[Sequence[dict[str, Any]]], None]


@contextmanager
def record_index(job: CorpusJob, written: Iterable[Path] = ()) -> Iterator[IndexFn | None]:
    """A function indexing records in the job's database (None without one),
    after catching up with the records already in the files `written`."""
    if job.database is None:
        yield None
        return
    from ..database.connection import database_errors, open_for_writing
    from ..database.indexing import Indexer

    with closing(open_for_writing(job.database)) as conn, database_errors(job.database, writing=True), Indexer(conn) as indexer:
        catch_up(indexer, written)
        yield indexer.add_all


def catch_up(indexer: Indexer, files: Iterable[Path]) -> None:
    """Index the records of saved output whose article the database lacks."""
    from ..database.saved import saved_records

    for path in files:
        if not path.is_file():
            continue
        for record in saved_records(str(path)):
            article_id = record.get("id") if record is not None else None
            if record is not None and isinstance(article_id, str) and not indexer.holds(article_id):
                indexer.add(record)
