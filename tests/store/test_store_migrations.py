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
        assert current_revision(store.engine) == "0004"
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


def test_upgrade_from_0003_keeps_every_row_and_lets_identical_texts_in(db_url: str) -> None:
    """0004 makes articles.content_hash non-unique; on SQLite that rebuilds the table,
    which must not cascade to the sources, fetches and near-duplicate links that point
    at its rows."""
    from sqlalchemy import text

    from marsad.models import Article
    from marsad.store.db import current_revision, make_engine, resolve_url, upgrade

    engine = make_engine(resolve_url(db_url))
    now = "CURRENT_TIMESTAMP"
    try:
        upgrade(engine, "0003")
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO outlets (id, domain) VALUES (1, 'sana.sy')"))
            for i, dup in ((1, "NULL"), (2, "1")):
                conn.execute(
                    text(
                        "INSERT INTO articles (id, url, outlet_id, text, content_hash, status, duplicate_of, fetched_at) "
                        f"VALUES ({i}, 'https://sana.sy/{i}', 1, 'نص {i}', 'h{i}', 'ok', {dup}, {now})"
                    )
                )
            conn.execute(
                text(
                    "INSERT INTO events (id, event_type, sub_event_type, date_precision, name_ar, geo_precision, fatalities, "
                    "evidence, summary_en, versions, n_sources, search_text, created_at, updated_at) "
                    f"VALUES (7, 'Battles', 'Armed clash', 1, 'ادلب', 1, 3, 'x', 'y', '{{}}', 1, 'x', {now}, {now})"
                )
            )
            conn.execute(
                text("INSERT INTO event_sources (event_id, article_id, ordinal, fatalities, report) VALUES (7, 1, 0, 3, '{}')")
            )
            conn.execute(
                text(
                    "INSERT INTO fetches (key, status, article_id, attempts, fetched_at) "
                    f"VALUES ('https://sana.sy/1', 'ok', 1, 1, {now})"
                )
            )
            if conn.dialect.name == "postgresql":  # the ids above were given, not drawn
                for table in ("outlets", "articles", "events"):
                    conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), 10)"))
    finally:
        engine.dispose()
    with open_store(db_url) as store:
        assert current_revision(store.engine) == "0004"
        with store.session() as s:

            def rows(sql: str) -> list[tuple]:
                return [tuple(r) for r in s.execute(text(sql))]

            assert rows("SELECT id, url, duplicate_of, content_hash FROM articles ORDER BY id") == [
                (1, "https://sana.sy/1", None, "h1"),
                (2, "https://sana.sy/2", 1, "h2"),
            ]
            assert rows("SELECT event_id, article_id, fatalities FROM event_sources") == [(7, 1, 3)]
            assert rows("SELECT key, article_id FROM fetches") == [("https://sana.sy/1", 1)]
            assert rows("SELECT id, fatalities FROM events") == [(7, 3)]
        a = store.add_article(Article(id="a", text="قتل ثلاثة مدنيين في قصف على اريحا", url="https://a.example/1"))
        b = store.add_article(Article(id="b", text="قتل ثلاثة مدنيين في قصف على اريحا", url="https://b.example/1"))
        assert (a.status, b.status, b.duplicate_of) == ("stored", "identical_text", a.article_id)
    if "://" not in db_url:  # foreign keys are back on after the upgrade
        with open_store(db_url) as store, store.session() as s:
            assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1


def test_a_failed_upgrade_on_sqlite_leaves_nothing_half_made(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Python's sqlite3 commits CREATE TABLE at once unless told otherwise: a run killed
    between creating the tables and stamping the revision left a database no later
    run could open ("table events already exists").  The upgrade is one transaction:
    a migration failing late (here a name taken by a stray table) undoes the earlier
    ones, and the next run starts clean."""
    import pytest
    from sqlalchemy import inspect

    from marsad.store.db import current_revision, make_engine, upgrade

    engine = make_engine(f"sqlite:///{tmp_path / 'half.db'}")
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql("CREATE TABLE ix_events_lon_lat (x INTEGER)")  # 0003 wants this name for an index
        with pytest.raises(Exception, match="ix_events_lon_lat"):
            upgrade(engine)
        assert inspect(engine).get_table_names() == ["ix_events_lon_lat"]
        assert current_revision(engine) is None
        with engine.begin() as conn:
            conn.exec_driver_sql("DROP TABLE ix_events_lon_lat")
        upgrade(engine)
        assert current_revision(engine) == "0004"
        with engine.connect() as conn:  # foreign keys are on again for the pooled connection
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    finally:
        engine.dispose()
