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

from sqlalchemy import Engine, text
from sqlalchemy.exc import SQLAlchemyError

__all__ = ["API_INDEXES", "SQLITE_INDEXES", "ensure_indexes"]

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
