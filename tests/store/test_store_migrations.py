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
