"""Alembic environment: run on the connection handed in by marsad.store.db.upgrade.

``render_as_batch`` lets later migrations alter SQLite tables (copy-and-move).
"""

from __future__ import annotations

from alembic import context

from marsad.store.schema import Base, include_object

target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is None:  # plain `alembic` CLI use: build an engine from the setting
        from marsad.store.db import make_engine, resolve_url

        engine = make_engine(resolve_url(context.config.get_main_option("sqlalchemy.url") or None))
        with engine.begin() as conn:
            _run(conn)
        return
    _run(connection)


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_object=include_object,
    )
    with context.begin_transaction():
        context.run_migrations()


run_migrations_online()
