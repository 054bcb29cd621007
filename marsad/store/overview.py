"""Reads of the store that are not pages of full events: the map, the timeline,
the filter panel, the skipped inputs.

Paged lists of full events go through :meth:`marsad.store.Store.query_events`.
The map wants *every* matching event at once but only a few columns (so it can
cluster 10,000 points in the browser), the timeline wants counts per day and the
filter panel wants the values present.  Each takes the same
:class:`~marsad.store.filters.EventFilter` as ``query_events`` and uses its
``conditions()``, so they select the same events.  Only SQLAlchemy expressions:
every value is a bound parameter.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from marsad.store.filters import EventFilter
from marsad.store.schema import EventRow, EventSource, Fetch

__all__ = ["points", "timeline", "facets", "skips", "event_count", "POINT_FIELDS", "MAX_POINTS", "MAX_SKIPS"]

MAX_POINTS = 50_000  # the most events the map endpoint returns in one answer
MAX_SKIPS = 500  # skipped inputs listed at most by /api/skips

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


def points(session: Session, f: EventFilter | None = None, limit: int = MAX_POINTS) -> dict[str, Any]:
    """Every matching event (newest first, at most ``limit``), column-wise.

    ``{"fields": [...], "rows": [[...], ...], "total": n, "truncated": bool}``;
    events without coordinates are counted in ``total`` but have null lat/lon;
    ``sources`` is the number of reports (articles) of the event.
    """
    n_sources = (
        select(func.count(EventSource.id)).where(EventSource.event_id == EventRow.id).correlate(EventRow).scalar_subquery()
    )
    f = f or EventFilter()
    cols = [n_sources if name == "sources" else getattr(EventRow, name) for name in POINT_FIELDS]
    conds = f.conditions()
    total = session.scalar(select(func.count(EventRow.id)).where(*conds)) or 0
    stmt = select(*cols).where(*conds).order_by(EventRow.event_date.desc().nulls_last(), EventRow.id.desc()).limit(limit)
    rows = []
    for r in session.execute(stmt):
        row = list(r)
        day = row[5]
        row[5] = day.isoformat() if day is not None else None
        rows.append(row)
    return {"fields": list(POINT_FIELDS), "rows": rows, "total": total, "truncated": total > len(rows)}


def timeline(session: Session, f: EventFilter | None = None) -> dict[str, Any]:
    """Events per day for ``f`` (dated events only), oldest day first."""
    f = f or EventFilter()
    stmt = (
        select(EventRow.event_date, func.count())
        .where(*f.conditions(), EventRow.event_date.is_not(None))
        .group_by(EventRow.event_date)
        .order_by(EventRow.event_date)
    )
    days = [{"date": d.isoformat(), "events": n} for d, n in session.execute(stmt)]
    undated = (
        session.scalar(select(func.count(EventRow.id)).where(*f.without_dates().conditions(), EventRow.event_date.is_(None))) or 0
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


def event_count(session: Session, f: EventFilter | None = None) -> int:
    """How many events match ``f`` (all events without one)."""
    return session.scalar(select(func.count(EventRow.id)).where(*(f or EventFilter()).conditions())) or 0


def skips(session: Session, reason: str | None = None, limit: int = 100) -> dict[str, Any]:
    """Every input ingest did not store, counted by reason code, and the newest
    ``limit`` of them (only ``reason``'s when given)."""
    bad = Fetch.status.in_(("skipped", "failed"))
    counts = {
        r or "unknown": int(n)
        for r, n in session.execute(select(Fetch.reason, func.count(Fetch.id)).where(bad).group_by(Fetch.reason))
    }
    stmt = select(Fetch).where(bad)
    if reason:
        stmt = stmt.where(Fetch.reason == reason)
    rows = session.scalars(stmt.order_by(Fetch.fetched_at.desc(), Fetch.id.desc()).limit(limit)).all()
    items = [
        {
            "key": r.key,
            "source": r.source,
            "status": r.status,
            "reason": r.reason,
            "http_status": r.http_status,
            "at": r.fetched_at.isoformat() if r.fetched_at else None,
        }
        for r in rows
    ]
    return {"reasons": dict(sorted(counts.items())), "total": sum(counts.values()), "items": items}
