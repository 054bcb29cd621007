"""SQLite read tuning for the web app.

(The indexes the API's filters need are part of the store's schema: migration
0003 in ``marsad/store/migrations``.)
"""

from __future__ import annotations

from sqlalchemy import Engine, event

__all__ = ["tune_sqlite_reads"]

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
