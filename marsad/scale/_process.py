"""``process_distributed``: ``marsad process`` (stored articles → stored events) on Dask.

The client reads the pending articles from the database in id order, in
partitions, and ships them to the workers (at most ``window`` partitions in
flight).  Each worker extracts the events of its partition, then:

* **PostgreSQL** — the worker saves them itself, through its own
  :class:`~marsad.store.Store` (one per worker process).  ``Store.save_events``
  replaces an article's events in one transaction (so a retried partition
  cannot double them), but its cross-article deduplication reads, then
  inserts: two workers saving reports of the same incident at the same moment
  could each find no match and insert it twice.  So every save runs under
  PostgreSQL advisory locks, one per ``sub_event_type`` the save touches (the
  deduplication only ever matches within a sub-type), taken in sorted order
  (no deadlock) on a separate connection and released after the commit.
* **SQLite** — one file admits one writer at a time, so the workers return the
  events and the client saves them, in id order.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from marsad.scale._cluster import (
    dask_client,
    default_window,
    ordered_map,
    total_threads,
    warm_up,
)
from marsad.scale._extract import _progress

__all__ = ["ProcessReport", "process_distributed"]

LOCK_NAMESPACE = "marsad.events.sub_event_type:"
log = logging.getLogger("marsad.scale")


@dataclass
class ProcessReport:
    """Counts of one distributed process run; the fields of the serial
    :class:`marsad.runs.ProcessReport` plus how the work was spread."""

    run_id: int | None = None
    articles: int = 0
    events: int = 0
    errors: int = 0  # articles the extractor failed on: left unprocessed, retried next run
    seconds: float = 0.0
    versions: dict[str, str] = field(default_factory=dict)
    partitions: int = 0
    workers: int = 0
    writer: str = ""  # "workers" (PostgreSQL) or "client" (SQLite)

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0

    def counts(self) -> dict[str, Any]:
        return {
            "articles": self.articles,
            "events": self.events,
            "errors": self.errors,
            "seconds": self.seconds,
            "versions": self.versions,
            "partitions": self.partitions,
            "workers": self.workers,
            "writer": self.writer,
        }


def _is_postgres(url: str) -> bool:
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


def _versions() -> dict[str, str]:
    """Versions of the lexicon and gazetteer, as the serial ``marsad process`` records them."""
    from marsad.runs import current_versions

    return current_versions()


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


def _extract_items(items) -> tuple[list[tuple[int, list]], list[tuple[int, str]]]:
    """(article id, events) of each item, and (article id, error) where extraction failed.

    As in the serial run, one article the extractor fails on is counted and left
    unprocessed (retried next run); a missing extractor (ImportError) stops the run."""
    from marsad.pipeline import extract_article

    done, failed = [], []
    for article_id, article in items:
        try:
            done.append((article_id, extract_article(article).events))
        except ImportError:
            raise
        except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
            failed.append((article_id, f"{type(exc).__name__}: {exc}"))
    return done, failed


def extract_events(items) -> tuple[list[tuple[int, list]], list[tuple[int, str]]]:
    """Worker task for SQLite: the events of each (article id, Article), saved by the client."""
    return _extract_items(items)


def extract_and_save(url: str, items, versions: dict[str, str]) -> tuple[int, int, list[tuple[int, str]]]:
    """Worker task for PostgreSQL: extract and save; returns (articles, events, failures)."""
    store = _worker_store(url)
    done, failed = _extract_items(items)
    n_events = 0
    for article_id, events in done:
        with _event_locks(store, article_id, {e.sub_event_type for e in events}):
            store.save_events(article_id, events, versions)
        n_events += len(events)
    return len(done), n_events, failed


# --------------------------------------------------------------------------- client side


def _chunks(pending: Iterator, size: int) -> Iterator[list]:
    batch: list = []
    for item in pending:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


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
    """Extract the events of every pending stored article on a Dask cluster and store them.

    ``db``: SQLite path or SQLAlchemy URL (default: the ``db`` setting).
    ``reprocess``: all stored articles, not only those never processed.
    With PostgreSQL the workers write (see module docstring); with SQLite the client does.
    The run is recorded in the ``runs`` table as kind ``process``.
    """
    from marsad.store import open_store

    store = open_store(db)
    versions = _versions()
    report = ProcessReport(writer="workers" if _is_postgres(store.url) else "client", versions=versions)
    run_args = {"reprocess": reprocess, "workers": workers, "scheduler": scheduler, "distributed": True}
    bar = _progress(progress)

    def failures(failed: list[tuple[int, str]]) -> None:
        for article_id, error in failed:
            report.errors += 1
            log.error("extraction failed for article %s: %s", article_id, error)

    try:
        with store.run("process", report, run_args, versions):
            total = store.count_pending(reprocess=reprocess)
            bar.total = min(total, limit) if limit is not None else total
            with dask_client(workers, scheduler) as client:
                report.workers = total_threads(client)
                warm_up(client)
                parts = _chunks(store.pending_articles(reprocess=reprocess, batch=partition_size, limit=limit), partition_size)
                win = window or default_window(client)
                if report.writer == "workers":
                    url = store.url
                    results = ordered_map(
                        client, extract_and_save, parts, lambda p: (url, p, versions), window=win, key_prefix="marsad-process"
                    )
                    for part, (n_articles, n_events, failed) in results:
                        report.articles += n_articles
                        report.events += n_events
                        report.partitions += 1
                        failures(failed)
                        bar.update(len(part))
                else:
                    results = ordered_map(client, extract_events, parts, lambda p: (p,), window=win, key_prefix="marsad-process")
                    for part, (done, failed) in results:
                        for article_id, events in done:
                            store.save_events(article_id, events, versions)
                            report.events += len(events)
                        report.articles += len(done)
                        report.partitions += 1
                        failures(failed)
                        bar.update(len(part))
    finally:
        bar.close()
        store.close()
    return report
