"""PostgreSQL connections in the pool: one that died while idle is replaced, not used.

Every request used to pay a test query (SQLAlchemy's pool_pre_ping); now only a
connection idle for ``PING_AFTER_IDLE_S`` is tested.  A server restart or an
administrator ending idle sessions must still cost no failed request."""

import time

import psycopg
import pytest
from sqlalchemy import text
from sqlalchemy.exc import OperationalError

from marsad.store import db as store_db

pytestmark = pytest.mark.postgres


def _kill_other_sessions(url: str) -> int:
    conninfo = url.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        row = conn.execute(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        ).fetchone()
        for _ in range(100):  # pg_terminate_backend only signals: wait until they are gone
            left = conn.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            ).fetchone()
            if left and left[0] == 0:
                break
            time.sleep(0.05)
        return int(row[0]) if row else 0


def _query_after_kill(url: str) -> int:
    engine = store_db.make_engine(url)
    try:
        with engine.connect() as conn:  # one connection, back to the pool idle
            assert conn.execute(text("SELECT 1")).scalar() == 1
        assert _kill_other_sessions(url) == 1
        with engine.connect() as conn:
            return conn.execute(text("SELECT 2")).scalar()
    finally:
        engine.dispose()


def test_a_connection_killed_while_idle_is_replaced(postgres_url, monkeypatch):
    monkeypatch.setattr(store_db, "PING_AFTER_IDLE_S", 0.0)
    assert _query_after_kill(postgres_url) == 2


def test_a_busy_connection_is_not_tested_each_time(postgres_url, monkeypatch):
    # the converse, which shows the test above depends on the check: without it the
    # dead connection is handed out and the query fails
    monkeypatch.setattr(store_db, "PING_AFTER_IDLE_S", 3600.0)
    with pytest.raises(OperationalError):
        _query_after_kill(postgres_url)
