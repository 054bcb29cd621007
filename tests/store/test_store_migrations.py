"""The migrations create exactly the schema of marsad/store/schema.py, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from marsad.store import open_store
from marsad.store.schema import Base


def test_migrations_match_models(db_url: str) -> None:
    with open_store(db_url) as store, store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(ctx, Base.metadata)
        assert diff == []


def test_upgrade_from_0001_keeps_runs(db_url: str) -> None:
    """A database made by the first release gains the run host/pid columns and keeps its rows."""
    from sqlalchemy import text

    from marsad.store.db import current_revision, make_engine, resolve_url, upgrade

    engine = make_engine(resolve_url(db_url))
    try:
        upgrade(engine, "0001")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO runs (kind, status, args, counts, versions, started_at) "
                              "VALUES ('ingest', 'done', '{}', '{}', '{}', CURRENT_TIMESTAMP)"))
    finally:
        engine.dispose()
    with open_store(db_url) as store:
        assert current_revision(store.engine) == "0002"
        (run,) = store.runs()
        assert run["status"] == "done" and run["host"] is None
