"""indexes for the API's filters, and for text search on each backend

Until now the web app created the first four when it opened a database; they
belong to the schema.  ``IF NOT EXISTS``: databases the app already indexed
keep theirs.

* ``(event_type, event_date)``, ``(actor1, event_date)``, ``(actor2,
  event_date)``, ``(lon, lat)``: timelines by type, actor filters, the map's box.
* Text search is ``search_text LIKE '%word%'``.  SQLite: a covering index on
  ``search_text``, a third of the table's pages to scan.  PostgreSQL: a pg_trgm
  GIN index, which answers such LIKE queries without a scan; where the
  extension cannot be created (no permission), the search stays a scan.

Revision ID: 0003
Revises: 0002
"""

from alembic import op
import sqlalchemy as sa


revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COMMON = {
    "ix_events_type_date": "events (event_type, event_date)",
    "ix_events_actor1_date": "events (actor1, event_date)",
    "ix_events_actor2_date": "events (actor2, event_date)",
    "ix_events_lon_lat": "events (lon, lat)",
}


def upgrade() -> None:
    bind = op.get_bind()
    for name, target in COMMON.items():
        op.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {target}")
    if bind.dialect.name == "sqlite":
        op.execute("CREATE INDEX IF NOT EXISTS ix_events_search_text ON events (search_text)")
    elif bind.dialect.name == "postgresql":
        nested = bind.begin_nested()
        try:
            bind.execute(sa.text("CREATE EXTENSION IF NOT EXISTS pg_trgm"))
            nested.commit()
        except sa.exc.DBAPIError:
            nested.rollback()
            return
        op.execute("CREATE INDEX IF NOT EXISTS ix_events_search_trgm ON events USING gin (search_text gin_trgm_ops)")


def downgrade() -> None:
    for name in ("ix_events_search_trgm", "ix_events_search_text", *COMMON):
        op.execute(f"DROP INDEX IF EXISTS {name}")
