"""One snapshot per request: a page never mixes two states of the database.

An answer is built from several statements (the count, the page of events, their
sources).  By default each of them may see a different state while ``marsad
process`` writes: SQLite's Python driver only opens a transaction before a write,
so every SELECT reads the newest commit; PostgreSQL's READ COMMITTED takes a new
snapshot per statement.  Under load that showed up as a page with more items than
its ``total`` (bench/load_test.py found it), and could show an event whose
sources were replaced in between.

:func:`read_snapshots` makes every session of the app's engine one snapshot:

* SQLite: the driver's own transaction handling is turned off and every
  transaction starts with an explicit ``BEGIN`` (SQLAlchemy's documented recipe
  for pysqlite); in WAL mode a read transaction sees one commit and never blocks
  the writer.
* PostgreSQL: ``REPEATABLE READ``, which is a snapshot for the whole
  transaction; read-only transactions never fail with serialisation errors.

Only the app's engine is changed (also when a ready ``Store`` is handed to
``create_app``: its engine then reads in snapshots too); ``marsad ingest`` and
``process`` run in their own processes and are untouched.  A write request
(``POST /api/articles``) sets :data:`WRITING`, so its SQLite transactions take the
write lock at ``BEGIN`` and wait for it (busy timeout) instead of failing.
"""

from __future__ import annotations

from contextvars import ContextVar
from typing import Any

from sqlalchemy import Engine, event

__all__ = ["WRITING", "read_snapshots"]

#: True while a request writes: its SQLite transactions then start with
#: ``BEGIN IMMEDIATE`` (the write lock, waiting up to the busy timeout) instead of
#: a read snapshot that could not be upgraded once another process has committed.
WRITING: ContextVar[bool] = ContextVar("marsad_api_writing", default=False)


def _sqlite_connect(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # no implicit BEGIN before DML only: we send our own


def _sqlite_begin(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN IMMEDIATE" if WRITING.get() else "BEGIN")


def read_snapshots(engine: Engine) -> None:
    """Make every transaction on ``engine`` read one consistent snapshot (idempotent)."""
    if engine.dialect.name == "sqlite":
        if event.contains(engine, "begin", _sqlite_begin):
            return
        event.listen(engine, "connect", _sqlite_connect)
        event.listen(engine, "begin", _sqlite_begin)
        engine.dispose()  # pooled connections reconnect with the new settings
    elif engine.dialect.name == "postgresql":
        engine.update_execution_options(isolation_level="REPEATABLE READ")
