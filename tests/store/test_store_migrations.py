"""The migrations create exactly the schema of marsad/store/schema.py, on both backends."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from marsad.store import open_store
from marsad.store.schema import Base, include_object


def test_migrations_match_models(db_url: str) -> None:
    with open_store(db_url) as store, store.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True, "include_object": include_object})
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
            conn.execute(
                text(
                    "INSERT INTO runs (kind, status, args, counts, versions, started_at) "
                    "VALUES ('ingest', 'done', '{}', '{}', '{}', CURRENT_TIMESTAMP)"
                )
            )
    finally:
        engine.dispose()
    with open_store(db_url) as store:
        assert current_revision(store.engine) == "0003"
        (run,) = store.runs()
        assert run["status"] == "done" and run["host"] is None


def test_text_search_index_per_backend(db_url: str) -> None:
    """SQLite gets a covering index on search_text; PostgreSQL a pg_trgm GIN index
    that its planner uses for LIKE '%word%'."""
    from sqlalchemy import inspect, text

    with open_store(db_url) as store:
        names = {ix["name"] for ix in inspect(store.engine).get_indexes("events")}
        assert {"ix_events_type_date", "ix_events_actor1_date", "ix_events_actor2_date", "ix_events_lon_lat"} <= names
        if store.engine.dialect.name == "sqlite":
            assert "ix_events_search_text" in names
            return
        assert "ix_events_search_trgm" in names
        with store.engine.connect() as conn:
            conn.execute(text("SET enable_seqscan = off"))  # a tiny table: make the planner show its hand
            plan = "\n".join(
                r[0] for r in conn.execute(text("EXPLAIN SELECT id FROM events WHERE search_text LIKE '%قصف ادلب%'"))
            )
        assert "ix_events_search_trgm" in plan, plan
