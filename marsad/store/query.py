"""Reading events back: one page of full events (with their sources) for a filter.

:func:`query_events` is the one read path of full events shared by the CLI export,
the API and the feeds; what it selects is an :class:`~marsad.store.filters.EventFilter`
(whose ``conditions()`` is the only SQL of the filters).  The map's column-wise
points, the timeline and the facets are in :mod:`marsad.store.overview`.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ARRAY, CompoundSelect, Integer, Select, any_, bindparam, func, literal, null, or_, select, union_all
from sqlalchemy.orm import aliased
from sqlalchemy.orm import Session

from marsad.models import Event, Location
from marsad.store.filters import EventFilter
from marsad.store.schema import ArticleRow, EventRow, EventSource, Outlet

__all__ = ["SourceRef", "StoredEvent", "EventPage", "query_events", "event_from_row", "ORDERS"]

ORDERS = ("date_desc", "date_asc", "fatalities_desc", "id")


@dataclass(slots=True)
class SourceRef:
    """An article reporting an event.  ``near_duplicate`` marks an article listed
    because it closely resembles a source (``articles.duplicate_of``) and has no
    events of its own yet."""

    article_id: int
    url: str | None
    outlet: str | None
    title: str | None
    published: dt.date | None
    fatalities: int | None = None
    near_duplicate: bool = False

    def to_dict(self) -> dict[str, Any]:
        return {
            "article_id": self.article_id,
            "url": self.url,
            "outlet": self.outlet,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "fatalities": self.fatalities,
            "near_duplicate": self.near_duplicate,
        }


@dataclass(slots=True)
class StoredEvent:
    """An event as stored: the SPEC §2 :class:`Event` plus its database id and sources."""

    id: int
    event: Event
    sources: list[SourceRef] = field(default_factory=list)
    created_at: dt.datetime | None = None
    updated_at: dt.datetime | None = None

    def to_dict(self) -> dict[str, Any]:
        """SPEC §2 fields, plus ``id``, ``sources`` (each with its own toll),
        ``fatalities_note`` (why this toll, when the sources differ) and timestamps."""
        from marsad.store.dedup import fatalities_note

        d = {"id": self.id, **self.event.to_dict()}
        d["sources"] = [s.to_dict() for s in self.sources]
        d["fatalities_note"] = fatalities_note(
            [s.fatalities for s in self.sources if not s.near_duplicate], self.event.fatalities
        )
        d["created_at"] = self.created_at.isoformat() if self.created_at else None
        d["updated_at"] = self.updated_at.isoformat() if self.updated_at else None
        return d


@dataclass(slots=True)
class EventPage:
    """One page of results; ``total`` counts every match, not just this page."""

    total: int
    items: list[StoredEvent]
    limit: int
    offset: int


def event_from_row(row: Any) -> Event:
    """The SPEC §2 :class:`Event` held in an ``events`` row (an :class:`EventRow`
    or a result row with the same column names)."""
    return Event(
        event_type=row.event_type,
        sub_event_type=row.sub_event_type,
        event_date=row.event_date,
        date_precision=row.date_precision,
        actor1=row.actor1,
        actor2=row.actor2,
        location=Location(
            name_ar=row.name_ar,
            name_en=row.name_en,
            place_id=row.place_id,
            lat=row.lat,
            lon=row.lon,
            admin1=row.admin1,
            admin2=row.admin2,
            geo_precision=row.geo_precision,
        ),
        fatalities=row.fatalities,
        injured=row.injured,
        evidence=row.evidence,
        summary_en=row.summary_en,
        versions=dict(row.versions or {}),
    )


def _ordered(stmt: Select, order: str) -> Select:
    if order == "date_desc":
        return stmt.order_by(EventRow.event_date.desc().nulls_last(), EventRow.id.desc())
    if order == "date_asc":
        return stmt.order_by(EventRow.event_date.asc().nulls_last(), EventRow.id.asc())
    if order == "fatalities_desc":
        return stmt.order_by(EventRow.fatalities.desc(), EventRow.id.desc())
    if order == "id":
        return stmt.order_by(EventRow.id.asc())
    raise ValueError(f"unknown order {order!r}; one of {', '.join(ORDERS)}")


_EVENT_COLS = tuple(c for c in EventRow.__table__.columns if c.name != "search_text")
_COL = {c.name: i for i, c in enumerate(_EVENT_COLS)}


def _stored_event(row: Sequence[Any], sources: list[SourceRef]) -> StoredEvent:
    """A result row of ``_EVENT_COLS`` as a StoredEvent, read by position: a Row's
    attributes by name cost half a microsecond each, half the time of a page."""
    v = tuple(row)
    location = Location(
        name_ar=v[_COL["name_ar"]],
        name_en=v[_COL["name_en"]],
        place_id=v[_COL["place_id"]],
        lat=v[_COL["lat"]],
        lon=v[_COL["lon"]],
        admin1=v[_COL["admin1"]],
        admin2=v[_COL["admin2"]],
        geo_precision=v[_COL["geo_precision"]],
    )
    event = Event(
        event_type=v[_COL["event_type"]],
        sub_event_type=v[_COL["sub_event_type"]],
        event_date=v[_COL["event_date"]],
        date_precision=v[_COL["date_precision"]],
        actor1=v[_COL["actor1"]],
        actor2=v[_COL["actor2"]],
        location=location,
        fatalities=v[_COL["fatalities"]],
        injured=v[_COL["injured"]],
        evidence=v[_COL["evidence"]],
        summary_en=v[_COL["summary_en"]],
        versions=dict(v[_COL["versions"]] or {}),
    )
    return StoredEvent(v[_COL["id"]], event, sources, v[_COL["created_at"]], v[_COL["updated_at"]])


_SOURCE_COLS = (ArticleRow.id, ArticleRow.url, ArticleRow.title, ArticleRow.published)
_DUP = aliased(ArticleRow)


@lru_cache(maxsize=4)
def _sources_statement(dialect: str) -> CompoundSelect:
    """The articles reporting each of the events ``ids``, then their near-duplicates that
    have no events of their own yet: one statement, built once.  On PostgreSQL the ids
    are one array parameter (``= ANY``): an expanded ``IN`` list made a new SQL text for
    every page size, which psycopg then parsed again each time (0.8 ms of a 3 ms page)."""
    if dialect == "postgresql":
        ids: Any = EventSource.event_id == any_(bindparam("ids", type_=ARRAY(Integer)))
    else:
        ids = EventSource.event_id.in_(bindparam("ids", expanding=True))
    return union_all(
        select(EventSource.event_id, literal(0).label("dup"), EventSource.fatalities, *_SOURCE_COLS, Outlet.domain)
        .join(ArticleRow, ArticleRow.id == EventSource.article_id)
        .outerjoin(Outlet, Outlet.id == ArticleRow.outlet_id)
        .where(ids),
        select(EventSource.event_id, literal(1), null(), _DUP.id, _DUP.url, _DUP.title, _DUP.published, Outlet.domain)
        .join(_DUP, _DUP.duplicate_of == EventSource.article_id)
        .outerjoin(Outlet, Outlet.id == _DUP.outlet_id)
        .where(ids, or_(_DUP.status == "near_duplicate", _DUP.processed_at.is_(None))),
    )


def load_sources(session: Session, event_ids: Sequence[int]) -> dict[int, list[SourceRef]]:
    """Sources of each event: the articles that reported it, then their near-duplicates
    that have no events of their own yet (not processed yet, or stored without text
    by an older version); a processed near-duplicate is a source of the events it
    reports, not of its original's."""
    out: dict[int, list[SourceRef]] = {i: [] for i in event_ids}
    if not event_ids:
        return out
    # Only the columns a source shows: loading whole rows read every article's text
    # (kilobytes each, 200 times for a page of 200 events) and was half of the
    # API's time per page under load.  Core rows: the ORM's result machinery doubled
    # the time for plain columns.
    conn = session.connection()
    rows = conn.execute(_sources_statement(conn.dialect.name), {"ids": list(event_ids)}).all()
    rows.sort(key=lambda r: (r[0], r[1], r[3]))  # per event: its sources, then near-duplicates; by article id
    for event_id, dup, fatalities, art_id, url, title, published, domain in rows:
        refs = out[event_id]
        if any(r.article_id == art_id for r in refs):
            continue
        refs.append(SourceRef(art_id, url, domain, title, published, fatalities, bool(dup)))
    return out


def query_events(
    session: Session,
    f: EventFilter | None = None,
    *,
    limit: int | None = 100,
    offset: int = 0,
    order: str = "date_desc",
    with_sources: bool = True,
) -> EventPage:
    """Events matching ``f`` (see :meth:`marsad.store.Store.query_events`)."""
    conds = (f or EventFilter()).conditions()
    conn = session.connection()  # Core, not ORM, execution: plain rows, a third less time per page
    total = conn.execute(select(func.count(EventRow.id)).where(*conds)).scalar() or 0
    # Plain rows of the columns an event shows (not ORM objects, not search_text):
    # a third of the time of a page of 200 events went to building ORM instances.
    stmt = _ordered(select(*_EVENT_COLS).where(*conds), order).offset(max(0, offset))
    if limit is not None:
        stmt = stmt.limit(max(0, limit))
    rows = conn.execute(stmt).all()
    ids = [r[0] for r in rows]  # _EVENT_COLS starts with id
    sources = load_sources(session, ids) if with_sources else {}
    items = [_stored_event(r, sources.get(i, [])) for r, i in zip(rows, ids)]
    return EventPage(total=total, items=items, limit=limit if limit is not None else total, offset=offset)
