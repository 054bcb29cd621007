"""articles.content_hash: an index, no longer unique

The same text under another URL, outlet or date is another article (an agency
wire carried by several outlets, a report republished the next day): it is
stored and linked to the first (``duplicate_of``, reason ``identical_text``,
similarity 1.0) instead of being dropped.  A lookup index on the hash stays.

SQLite cannot drop a table constraint: the table is rebuilt (batch mode), with
foreign keys off (:func:`marsad.store.db.upgrade` turns them off around every
upgrade, as SQLite's documented procedure requires) so that dropping the old
table cascades to nothing; the rows of every table are kept.

Revision ID: 0004
Revises: 0003
"""

from alembic import op
import sqlalchemy as sa


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        with op.batch_alter_table("articles", recreate="always") as batch:
            batch.drop_constraint("uq_articles_content_hash", type_="unique")
            batch.create_index("ix_articles_content_hash", ["content_hash"])
        bad = bind.execute(sa.text("PRAGMA foreign_key_check")).fetchall()
        if bad:
            raise RuntimeError(f"rebuilding articles broke {len(bad)} foreign keys, e.g. {bad[:3]}")
    else:
        op.drop_constraint("uq_articles_content_hash", "articles", type_="unique")
        op.create_index("ix_articles_content_hash", "articles", ["content_hash"])


def downgrade() -> None:
    # Fails, as it should, when identical texts are stored under several URLs.
    if op.get_bind().dialect.name == "sqlite":
        with op.batch_alter_table("articles", recreate="always") as batch:
            batch.drop_index("ix_articles_content_hash")
            batch.create_unique_constraint("uq_articles_content_hash", ["content_hash"])
    else:
        op.drop_index("ix_articles_content_hash", "articles")
        op.create_unique_constraint("uq_articles_content_hash", "articles", ["content_hash"])
