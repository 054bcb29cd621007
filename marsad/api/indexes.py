"""Indexes the API's filters need beyond those of the store's schema.

Measured with ``bench/bench_api.py`` (100,000 events, SQLite): without them a
timeline for one event type walks the whole date index and fetches every row
(~300 ms); with ``(event_type, event_date)`` it reads a covering index (~3 ms).
Likewise actor filters (actor1 OR actor2) and the bounding box.

They are created with ``CREATE INDEX IF NOT EXISTS`` when the app opens a
database (a few hundred ms once on 100,000 events, nothing afterwards).  They
belong in the store's migrations; until they are there, this keeps the API fast.
A database the server may not write to is served without them (a warning is
logged).  The statements are constants: no value ever enters them.
"""

from __future__ import annotations

import logging

from sqlalchemy import Engine, event, text
from sqlalchemy.exc import SQLAlchemyError

__all__ = ["API_INDEXES", "SQLITE_INDEXES", "ensure_indexes", "tune_sqlite_reads"]

log = logging.getLogger(__name__)

API_INDEXES: dict[str, str] = {
    "ix_events_type_date": "events (event_type, event_date)",
    "ix_events_actor1_date": "events (actor1, event_date)",
    "ix_events_actor2_date": "events (actor2, event_date)",
    "ix_events_lon_lat": "events (lon, lat)",
}

# SQLite only: text search is LIKE '%word%' over search_text, a full scan; scanning
# this covering index instead of the table reads about a third of the pages
# (~3x faster on 100,000 events).  Not on PostgreSQL, whose B-tree entries are
# limited to ~2.7 kB (long search texts would make inserts fail): use pg_trgm there.
SQLITE_INDEXES: dict[str, str] = {
    "ix_events_search_text": "events (search_text)",
}


def ensure_indexes(engine: Engine) -> list[str]:
    """Create the missing :data:`API_INDEXES`; returns the names now present."""
    done = []
    wanted = dict(API_INDEXES)
    if engine.dialect.name == "sqlite":
        wanted.update(SQLITE_INDEXES)
    for name, target in wanted.items():
        try:
            with engine.begin() as conn:
                conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {target}"))
            done.append(name)
        except SQLAlchemyError as exc:
            log.warning("could not create index %s (%s); filters on it will be slower", name, exc.__class__.__name__)
    return done


# Memory-map the database file for reading (bytes): rows are then read from the
# OS page cache without a copy per page, about twice as fast for the map's
# thousands of rows.  Writes are unaffected (WAL).
SQLITE_MMAP_BYTES = 256 * 1024 * 1024


def _mmap(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
    cur.close()


def tune_sqlite_reads(engine: Engine) -> None:
    """Set read pragmas on every connection of a SQLite ``engine`` (no-op otherwise)."""
    if engine.dialect.name != "sqlite" or event.contains(engine, "connect", _mmap):
        return
    event.listen(engine, "connect", _mmap)
    engine.dispose()  # connections opened before now reconnect with the pragma
