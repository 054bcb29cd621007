"""``marsad process`` spread over worker processes: the jobs the workers run, and
``process_distributed`` (the same as ``marsad.process(executor="dask", ...)``).

:func:`marsad.runs.process` reads the pending articles in id order, in partitions,
and maps one of these jobs over them with its executor (:mod:`marsad.executors`).
Each worker extracts the events of its partition, then:

* **PostgreSQL** — the worker saves them itself, through its own
  :class:`~marsad.store.Store` (one per worker process): :func:`extract_and_save`.
  ``Store.save_events`` replaces an article's events in one transaction (so a
  retried partition cannot double them), but its cross-article deduplication
  reads, then inserts: two workers saving reports of the same incident at the
  same moment could each find no match and insert it twice.  So every save runs
  under PostgreSQL advisory locks, one per ``sub_event_type`` the save touches
  (the deduplication only ever matches within a sub-type), taken in sorted order
  (no deadlock) on a separate connection and released after the commit.
* **SQLite** (and the serial executor) — one file admits one writer at a time, so
  the workers return the events (:func:`extract_chunk`) and the caller saves
  them, in id order.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from contextlib import contextmanager
from functools import lru_cache

from marsad.models import Article, ArticleEvents
from marsad.runs import ProcessReport

__all__ = ["ProcessReport", "process_distributed", "extract_chunk", "extract_and_save", "is_postgres", "lock_key"]

LOCK_NAMESPACE = "marsad.events.sub_event_type:"


def is_postgres(url: str) -> bool:
    return url.startswith(("postgresql", "postgres:"))


def lock_key(sub_event_type: str) -> int:
    """Signed 64-bit advisory-lock key of a sub-type (stable across processes and runs)."""
    digest = hashlib.blake2b((LOCK_NAMESPACE + sub_event_type).encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


# --------------------------------------------------------------------------- worker side


@lru_cache(maxsize=4)
def _worker_store(url: str):
    from marsad.store import open_store

    return open_store(url, migrate=False)


@contextmanager
def _event_locks(store, article_id: int, sub_types: set[str]):
    """Hold the advisory locks of ``sub_types`` and of the article's stored events."""
    from sqlalchemy import select, text

    from marsad.store.schema import EventRow, EventSource

    with store.engine.connect() as conn:
        old = (
            conn.execute(
                select(EventRow.sub_event_type)
                .join(EventSource, EventSource.event_id == EventRow.id)
                .where(EventSource.article_id == article_id)
            )
            .scalars()
            .all()
        )
        conn.commit()
        keys = sorted({lock_key(t) for t in (*sub_types, *old)})
        for key in keys:
            conn.execute(text("SELECT pg_advisory_lock(:k)"), {"k": key})
        conn.commit()
        try:
            yield
        finally:
            for key in reversed(keys):
                conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": key})
            conn.commit()


Failure = tuple[int, str, str]  # (article id, the article's own id, error)


def extract_chunk(
    items, extract: Callable[[Article], ArticleEvents] | None = None
) -> tuple[list[tuple[int, list]], list[Failure]]:
    """(article id, events) of each (article id, :class:`Article`), and a
    :data:`Failure` where extraction failed; the caller saves the events.

    ``extract`` defaults to :func:`marsad.pipeline.extract_article`.  One article the
    extractor fails on is counted and left unprocessed (retried next run); a missing
    extractor (ImportError) stops the run."""
    if extract is None:
        from marsad.pipeline import extract_article as extract

    done, failed = [], []
    for article_id, article in items:
        try:
            done.append((article_id, extract(article).events))
        except ImportError:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
            failed.append((article_id, article.id, f"{type(exc).__name__}: {exc}"))
    return done, failed


def extract_and_save(
    url: str, items, versions: dict[str, str], extract: Callable[[Article], ArticleEvents] | None = None
) -> tuple[int, int, list[Failure]]:
    """Worker job for PostgreSQL: extract and save; returns (articles, events, failures)."""
    store = _worker_store(url)
    done, failed = extract_chunk(items, extract)
    n_events = 0
    for article_id, events in done:
        with _event_locks(store, article_id, {e.sub_event_type for e in events}):
            store.save_events(article_id, events, versions)
        n_events += len(events)
    return len(done), n_events, failed


# --------------------------------------------------------------------------- the alias


def process_distributed(
    db: str | None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    reprocess: bool = False,
    partition_size: int = 200,
    limit: int | None = None,
    progress: bool = True,
    window: int | None = None,
) -> ProcessReport:
    """``marsad.process(db=db, executor="dask", ...)``: extract the events of every
    pending stored article on a Dask cluster (a local one of ``workers`` processes,
    or the one at ``scheduler``) and store them.  Kept for scripts written before
    the executors; see :func:`marsad.runs.process`."""
    from marsad.runs import process

    return process(
        db=db,
        executor="dask",
        workers=workers,
        scheduler=scheduler,
        reprocess=reprocess,
        partition_size=partition_size,
        limit=limit,
        quiet=not progress,
        window=window,
    )
