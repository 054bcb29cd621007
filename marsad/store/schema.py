"""The database schema, as SQLAlchemy 2 typed models.

Tables and why they exist::

    outlets        one row per publishing domain
    articles       one row per stored text (unique url; the same text under another
                   URL, outlet or date is linked to the first, reason identical_text);
                   a near-duplicate is stored and processed like any text and
                   points at the article it resembles (``duplicate_of``)
    fetches        one row per thing we tried to read (a URL, or ``path#line``):
                   HTTP validators for conditional GET and the skip reason code
    events         one row per incident, after deduplication across reports
    event_sources  one row per (article, event-of-that-article): the report as the
                   extractor produced it, so an event can be rebuilt when one of
                   its articles is reprocessed
    runs           one row per ingest / process / watch run with its counts

The Alembic migrations in ``marsad/store/migrations`` create exactly this; the test
``tests/store/test_migrations.py`` fails when the two drift apart.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import (
    JSON,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

__all__ = ["Base", "Outlet", "ArticleRow", "Fetch", "EventRow", "EventSource", "Run", "utcnow"]

# Stable constraint names, so migrations (and SQLite batch mode) can refer to them.
NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> dt.datetime:
    """Timezone-aware now; stored as UTC."""
    return dt.datetime.now(dt.timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map = {dict[str, Any]: JSON, list[Any]: JSON}


class Outlet(Base):
    __tablename__ = "outlets"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    domain: Mapped[str] = mapped_column(String(255), unique=True)
    name: Mapped[str | None] = mapped_column(String(255))


class ArticleRow(Base):
    """A stored article.  ``status``: ``ok`` (text kept, will be processed); a
    near-duplicate has ``duplicate_of`` (the article it resembles) and ``similarity``
    set, and is processed too.  ``near_duplicate`` (text dropped) is only found in
    databases written before near-duplicates were kept whole."""

    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    external_id: Mapped[str | None] = mapped_column(String(255))
    url: Mapped[str | None] = mapped_column(String(2048), unique=True)
    outlet_id: Mapped[int | None] = mapped_column(ForeignKey("outlets.id"))
    published: Mapped[dt.date | None] = mapped_column(Date)
    title: Mapped[str | None] = mapped_column(Text)
    section: Mapped[str | None] = mapped_column(String(255))
    text: Mapped[str | None] = mapped_column(Text)
    # not unique (migration 0004): the same text under another URL is another article, linked to the first
    content_hash: Mapped[str] = mapped_column(String(32))
    language: Mapped[str | None] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="ok")
    reason: Mapped[str | None] = mapped_column(String(64))
    fetch_status: Mapped[int | None] = mapped_column(Integer)
    duplicate_of: Mapped[int | None] = mapped_column(ForeignKey("articles.id"))
    similarity: Mapped[float | None] = mapped_column(Float)
    minhash: Mapped[bytes | None] = mapped_column(LargeBinary)
    source: Mapped[str | None] = mapped_column(String(2048))
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    processed_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    processed_versions: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    __table_args__ = (
        Index("ix_articles_pending", "status", "processed_at"),
        Index("ix_articles_duplicate_of", "duplicate_of"),
        Index("ix_articles_published", "published"),
        Index("ix_articles_content_hash", "content_hash"),
    )


class Fetch(Base):
    """What happened when a URL (or a line of a local file) was read.

    ``key`` is the URL, or ``path#line`` for local inputs; ``status`` is ``ok``,
    ``not_modified``, ``skipped`` or ``failed``; ``reason`` the stable reason code."""

    __tablename__ = "fetches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(2048), unique=True)
    source: Mapped[str | None] = mapped_column(String(2048))
    status: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(String(64))
    http_status: Mapped[int | None] = mapped_column(Integer)
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(128))
    article_id: Mapped[int | None] = mapped_column(ForeignKey("articles.id", ondelete="SET NULL"))
    attempts: Mapped[int] = mapped_column(Integer, default=1)
    fetched_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class EventRow(Base):
    """One incident.  Fields are SPEC §2 (location flattened) reconciled over all
    its reports (see :mod:`marsad.store.dedup`); ``search_text`` is the normalised
    evidence and summaries, searched by :meth:`Store.query_events`."""

    __tablename__ = "events"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_type: Mapped[str] = mapped_column(String(64))
    sub_event_type: Mapped[str] = mapped_column(String(64))
    event_date: Mapped[dt.date | None] = mapped_column(Date)
    date_precision: Mapped[int] = mapped_column(Integer, default=1)
    actor1: Mapped[str | None] = mapped_column(String(64))
    actor2: Mapped[str | None] = mapped_column(String(64))
    name_ar: Mapped[str] = mapped_column(String(255))
    name_en: Mapped[str | None] = mapped_column(String(255))
    place_id: Mapped[str | None] = mapped_column(String(64))
    lat: Mapped[float | None] = mapped_column(Float)
    lon: Mapped[float | None] = mapped_column(Float)
    admin1: Mapped[str | None] = mapped_column(String(128))
    admin2: Mapped[str | None] = mapped_column(String(128))
    geo_precision: Mapped[int] = mapped_column(Integer, default=1)
    fatalities: Mapped[int] = mapped_column(Integer, default=0)
    injured: Mapped[int | None] = mapped_column(Integer)
    evidence: Mapped[str] = mapped_column(Text, default="")
    summary_en: Mapped[str] = mapped_column(Text, default="")
    versions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    lexicon_version: Mapped[str | None] = mapped_column(String(32))
    gazetteer_version: Mapped[str | None] = mapped_column(String(32))
    n_sources: Mapped[int] = mapped_column(Integer, default=1)
    search_text: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)

    __table_args__ = (
        Index("ix_events_match", "sub_event_type", "event_date"),
        Index("ix_events_event_date", "event_date"),
        Index("ix_events_admin", "admin1", "admin2"),
        # the API's filters (migration 0003); the text-search index differs by
        # backend and lives in the migration only (see BACKEND_INDEXES)
        Index("ix_events_type_date", "event_type", "event_date"),
        Index("ix_events_actor1_date", "actor1", "event_date"),
        Index("ix_events_actor2_date", "actor2", "event_date"),
        Index("ix_events_lon_lat", "lon", "lat"),
    )


# Indexes created by migration 0003 for one backend only, outside the models:
# a covering index on search_text (SQLite), a pg_trgm GIN index (PostgreSQL).
BACKEND_INDEXES = frozenset({"ix_events_search_text", "ix_events_search_trgm"})


def include_object(obj, name, type_, reflected, compare_to) -> bool:  # type: ignore[no-untyped-def]
    """For Alembic's comparison of database and models: leave BACKEND_INDEXES out."""
    return not (type_ == "index" and name in BACKEND_INDEXES)


class EventSource(Base):
    """One article's report of an event: the event exactly as extracted from that
    article (``report``, SPEC §2 dict), its position ``ordinal`` in the article's
    output.  Unique (article, ordinal): saving an article twice cannot double it."""

    __tablename__ = "event_sources"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    ordinal: Mapped[int] = mapped_column(Integer)
    fatalities: Mapped[int] = mapped_column(Integer, default=0)
    injured: Mapped[int | None] = mapped_column(Integer)
    report: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (
        UniqueConstraint("article_id", "ordinal", name="uq_event_sources_article_ordinal"),
        Index("ix_event_sources_event_id", "event_id"),
    )


class Run(Base):
    """One ingest / process / watch run: when, with what, what came of it."""

    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(16), default="running")
    args: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    versions: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    started_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    finished_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # where the run's process lives: a "running" run whose process is gone was
    # killed, and is marked "interrupted" when the next run starts on that host
    host: Mapped[str | None] = mapped_column(String(255))
    pid: Mapped[int | None] = mapped_column(Integer)
