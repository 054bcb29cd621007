"""Engine and sessions from a database setting, and schema upgrades on open.

The ``db`` setting is either a plain file path (SQLite, the embedded default:
nothing to install) or an SQLAlchemy URL (``postgresql+psycopg://…``).  SQLite
gets WAL journaling so that ``marsad serve`` can read while ``marsad watch``
writes, ``synchronous=NORMAL`` (durable at each commit point in WAL mode, far
faster than FULL), foreign keys on and a generous busy timeout.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, exc
from sqlalchemy.engine import make_url

from marsad import settings
from marsad.errors import ConfigError

__all__ = ["resolve_url", "make_engine", "upgrade", "MIGRATIONS_DIR"]

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
SQLITE_BUSY_TIMEOUT_MS = 30_000
# Connections kept open per engine: more than the API's threads (setting api_threads;
# anyio's default was 40).  With SQLAlchemy's default pool of 5 (+10 overflow) most
# requests under load opened a fresh connection (PRAGMAs, schema parse) and closed it
# again, or queued for one.  Connections are opened lazily, so a command-line run
# still holds one.
POOL_SIZE = 40
POOL_OVERFLOW = 10
#: a pooled PostgreSQL connection idle this long (seconds) is tested before use: a server
#: restart then costs no failed request.  Not every time (SQLAlchemy's pool_pre_ping):
#: that is one more round trip per request, and under load (bench/load_test.py, 50
#: clients) it was a tenth of /api/events' p95.
PING_AFTER_IDLE_S = 5.0


def resolve_url(db: str | os.PathLike[str] | None = None) -> str:
    """An SQLAlchemy URL for ``db`` (argument, else setting ``db`` / ``MARSAD_DB``)."""
    value = str(db) if db is not None else str(settings.get("db"))
    if not value:
        raise ConfigError("empty database setting")
    if "://" in value:
        if value.startswith("postgresql://") or value.startswith("postgres://"):
            # Prefer psycopg 3, the driver we ship with, over psycopg2.
            value = "postgresql+psycopg://" + value.split("://", 1)[1]
        try:
            make_url(value)
        except Exception as exc:  # noqa: BLE001 - SQLAlchemy raises ArgumentError
            raise ConfigError(f"bad database URL {value!r}: {exc}") from exc
        return value
    if value == ":memory:":
        return "sqlite://"
    return "sqlite:///" + str(Path(value).expanduser().resolve())


def _sqlite_pragmas(dbapi_conn, _record) -> None:  # type: ignore[no-untyped-def]
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    cur.close()


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the per-backend settings Marsad relies on."""
    if url.startswith("sqlite"):
        if url in ("sqlite://", "sqlite:///:memory:"):
            engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        else:
            engine = create_engine(
                url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000}, pool_size=POOL_SIZE, max_overflow=POOL_OVERFLOW
            )
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    engine = create_engine(url, pool_size=POOL_SIZE // 2, max_overflow=POOL_SIZE // 2)
    event.listen(engine, "checkin", _stamp_idle)
    event.listen(engine, "checkout", _ping_if_idle)
    return engine


def _stamp_idle(_dbapi_conn, record) -> None:  # type: ignore[no-untyped-def]
    if record is not None:
        record.info["idle_since"] = time.monotonic()


def _ping_if_idle(dbapi_conn, record, _proxy) -> None:  # type: ignore[no-untyped-def]
    """Test a connection that sat in the pool; a dead one is replaced (the pool retries
    the checkout on DisconnectionError) instead of failing the request that drew it."""
    since = record.info.get("idle_since")
    if since is None or time.monotonic() - since < PING_AFTER_IDLE_S:
        return
    try:
        with dbapi_conn.cursor() as cur:
            cur.execute("SELECT 1")
        dbapi_conn.rollback()
    except Exception as e:  # noqa: BLE001 - any failure means the connection is unusable
        raise exc.DisconnectionError(f"pooled connection is dead: {e}") from e


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Apply Alembic migrations up to ``revision`` (``alembic upgrade head``)."""
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    sqlite = engine.dialect.name == "sqlite"
    with engine.connect() as conn:
        driver = conn.connection.driver_connection if sqlite else None
        legacy = getattr(driver, "isolation_level", None)
        if sqlite:
            # Foreign keys off while migrating: a migration that rebuilds a table
            # (batch mode: copy, drop, rename) would otherwise cascade the drop to the
            # rows that refer to it.  Only outside a transaction does this PRAGMA work;
            # each such migration checks the keys itself (PRAGMA foreign_key_check).
            conn.exec_driver_sql("PRAGMA foreign_keys=OFF")
            conn.commit()
            # Python's sqlite3 opens a transaction only before INSERT/UPDATE/DELETE, so
            # CREATE TABLE would commit on its own: a process killed between creating the
            # tables and stamping alembic_version left a database no restart could open
            # ("table events already exists").  The whole upgrade is one transaction.
            driver.isolation_level = None  # type: ignore[union-attr]
        try:
            with conn.begin():
                if sqlite:
                    conn.exec_driver_sql("BEGIN")
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, revision)
        finally:
            if sqlite:
                driver.isolation_level = legacy  # type: ignore[union-attr]
                conn.exec_driver_sql("PRAGMA foreign_keys=ON")
                conn.commit()


def current_revision(engine: Engine) -> str | None:
    """The revision the database is at (None for an empty database)."""
    from alembic.runtime.migration import MigrationContext

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()
