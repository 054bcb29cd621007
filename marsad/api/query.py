"""Reads the map and the timeline need that the store's ``query_events`` does not give.

Paged lists of full events go through :meth:`marsad.store.Store.query_events`.
The map wants *every* matching event at once but only a few columns (so it can
cluster 10,000 points in the browser), the timeline wants counts per day and the
filter panel wants the values present.  Those are written here, against the
store's schema, with the same filter semantics as ``query_events`` (a test checks
that both select the same events).  Only SQLAlchemy expressions: every value is a
bound parameter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import and_, func, or_, select
from sqlalchemy.orm import Session

from marsad.api.filters import EventFilter, text_terms
from marsad.store.schema import EventRow, EventSource

__all__ = ["conditions", "points", "timeline", "facets", "POINT_FIELDS", "MAX_POINTS"]

MAX_POINTS = 50_000  # the most events the map endpoint returns in one answer

# Columns of /api/points, in order (the answer is column-wise to stay small).
POINT_FIELDS = (
    "id",
    "lat",
    "lon",
    "event_type",
    "sub_event_type",
    "event_date",
    "date_precision",
    "geo_precision",
    "fatalities",
    "admin1",
    "admin2",
    "name_en",
    "name_ar",
    "actor1",
    "actor2",
    "sources",
)


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def conditions(f: EventFilter) -> list[Any]:
    """WHERE conditions for ``f`` (the same semantics as the store's query)."""
    c = EventRow
    conds: list[Any] = []
    if f.start is not None:
        conds.append(c.event_date >= f.start)
    if f.end is not None:
        conds.append(c.event_date <= f.end)
    if f.event_type:
        conds.append(c.event_type.in_(f.event_type))
    if f.sub_event_type:
        conds.append(c.sub_event_type.in_(f.sub_event_type))
    if f.actor:
        conds.append(or_(c.actor1 == f.actor, c.actor2 == f.actor))
    if f.admin1:
        conds.append(c.admin1 == f.admin1)
    if f.admin2:
        conds.append(c.admin2 == f.admin2)
    if f.bbox is not None:
        min_lon, min_lat, max_lon, max_lat = f.bbox
        conds.append(and_(c.lon >= min_lon, c.lon <= max_lon, c.lat >= min_lat, c.lat <= max_lat))
    if f.min_fatalities is not None:
        conds.append(c.fatalities >= f.min_fatalities)
    for word in text_terms(f.q):
        conds.append(c.search_text.like(f"%{_like_escape(word)}%", escape="\\"))
    return conds


def points(session: Session, f: EventFilter, limit: int = MAX_POINTS) -> dict[str, Any]:
    """Every matching event (newest first, at most ``limit``), column-wise.

    ``{"fields": [...], "rows": [[...], ...], "total": n, "truncated": bool}``;
    events without coordinates are counted in ``total`` but have null lat/lon;
    ``sources`` is the number of reports (articles) of the event.
    """
    n_sources = (
        select(func.count(EventSource.id)).where(EventSource.event_id == EventRow.id).correlate(EventRow).scalar_subquery()
    )
    cols = [n_sources if name == "sources" else getattr(EventRow, name) for name in POINT_FIELDS]
    conds = conditions(f)
    total = session.scalar(select(func.count(EventRow.id)).where(*conds)) or 0
    stmt = select(*cols).where(*conds).order_by(EventRow.event_date.desc().nulls_last(), EventRow.id.desc()).limit(limit)
    rows = []
    for r in session.execute(stmt):
        row = list(r)
        day = row[5]
        row[5] = day.isoformat() if day is not None else None
        rows.append(row)
    return {"fields": list(POINT_FIELDS), "rows": rows, "total": total, "truncated": total > len(rows)}


def timeline(session: Session, f: EventFilter) -> dict[str, Any]:
    """Events per day for ``f`` (dated events only), oldest day first."""
    stmt = (
        select(EventRow.event_date, func.count())
        .where(*conditions(f), EventRow.event_date.is_not(None))
        .group_by(EventRow.event_date)
        .order_by(EventRow.event_date)
    )
    days = [{"date": d.isoformat(), "events": n} for d, n in session.execute(stmt)]
    undated = (
        session.scalar(select(func.count(EventRow.id)).where(*conditions(f.without_dates()), EventRow.event_date.is_(None))) or 0
    )
    return {"days": days, "undated": undated}


def facets(session: Session) -> dict[str, Any]:
    """Values present in the database, with counts, for the filter panel."""

    def counted(col: Any) -> list[dict[str, Any]]:
        stmt = select(col, func.count(EventRow.id)).where(col.is_not(None)).group_by(col).order_by(func.count(EventRow.id).desc())
        return [{"value": v, "count": n} for v, n in session.execute(stmt)]

    actors: dict[str, int] = {}
    for col in (EventRow.actor1, EventRow.actor2):
        for item in counted(col):
            actors[item["value"]] = actors.get(item["value"], 0) + item["count"]
    admin2 = [
        {"value": a2, "admin1": a1, "count": n}
        for a1, a2, n in session.execute(
            select(EventRow.admin1, EventRow.admin2, func.count(EventRow.id))
            .where(EventRow.admin2.is_not(None))
            .group_by(EventRow.admin1, EventRow.admin2)
            .order_by(EventRow.admin2)
        )
    ]
    first, last, total = session.execute(
        select(func.min(EventRow.event_date), func.max(EventRow.event_date), func.count(EventRow.id))
    ).one()
    return {
        "total": total,
        "first_date": first.isoformat() if isinstance(first, dt.date) else first,
        "last_date": last.isoformat() if isinstance(last, dt.date) else last,
        "event_type": counted(EventRow.event_type),
        "sub_event_type": counted(EventRow.sub_event_type),
        "actor": [{"value": k, "count": v} for k, v in sorted(actors.items(), key=lambda kv: -kv[1])],
        "admin1": counted(EventRow.admin1),
        "admin2": admin2,
    }
