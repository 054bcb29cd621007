"""Saving an article's event reports: each merges into a stored event reporting the same
incident (:mod:`marsad.store.dedup` decides which) or is stored as new, and every event
touched is rebuilt from its reports.  The store calls :func:`save_events` in one
transaction per article.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from marsad.models import Event
from marsad.store import dedup
from marsad.store.schema import ArticleRow, EventRow, EventSource, utcnow
from marsad.text.normalize import normalize

__all__ = ["save_events"]

# Statements of the hot path (save_events), built once: a Core statement with bound
# parameters is compiled once and cached, where ``.values(**row)`` per call would be
# rebuilt and re-keyed every time (half of save_events' time in profiles).
_E, _S, _A = EventRow.__table__, EventSource.__table__, ArticleRow.__table__
_KEY_COLS = (
    _E.c.id,
    _E.c.sub_event_type,
    _E.c.event_date,
    _E.c.lat,
    _E.c.lon,
    _E.c.name_ar,
    _E.c.actor1,
    _E.c.actor2,
    _E.c.place_id,
    _E.c.geo_precision,
)
_OLD_SOURCES = select(_S.c.event_id).where(_S.c.article_id == bindparam("aid")).order_by(_S.c.ordinal)
_DELETE_SOURCES = delete(_S).where(_S.c.article_id == bindparam("aid"))
_INSERT_EVENT = insert(_E).returning(_E.c.id)
_INSERT_SOURCE = insert(_S)
_MARK_PROCESSED = (
    update(_A).where(_A.c.id == bindparam("aid")).values(processed_at=bindparam("at"), processed_versions=bindparam("pv"))
)
_EVENT_KEY = select(*_KEY_COLS).where(_E.c.id == bindparam("eid"))
_CANDIDATES = select(*_KEY_COLS).where(
    _E.c.sub_event_type == bindparam("sub"), _E.c.event_date.between(bindparam("d0"), bindparam("d1"))
)
_ARTICLE_OUTLET = select(_A.c.outlet_id, _A.c.content_hash).where(_A.c.id == bindparam("aid"))
_EVENT_OUTLET_DATES = (
    select(_S.c.report, _A.c.outlet_id, _A.c.content_hash)
    .join(_A, _A.c.id == _S.c.article_id)
    .where(_S.c.event_id == bindparam("eid"))
)
_EVENT_REPORTS = select(_S.c.report).where(_S.c.event_id == bindparam("eid")).order_by(_S.c.id)
_DELETE_EVENT = delete(_E).where(_E.c.id == bindparam("eid"))
_UPDATE_EVENT = update(_E).where(_E.c.id == bindparam("eid"))


def save_events(session: Session, article_id: int, events: Sequence[Event], versions: dict[str, str] | None = None) -> list[int]:
    """:meth:`marsad.store.database.Store.save_events` inside its transaction."""
    versions = dict(versions or {})
    s = session
    affected: set[int] = set()
    old = list(s.execute(_OLD_SOURCES, {"aid": article_id}).scalars())
    if old:
        affected.update(old)
        s.execute(_DELETE_SOURCES, {"aid": article_id})
    ids: list[int] = []
    mine: set[int] = set()
    outlet, text_hash = s.execute(_ARTICLE_OUTLET, {"aid": article_id}).one()
    for ordinal, event in enumerate(events):
        report = event.to_dict()
        report["versions"] = {**versions, **(event.versions or {})}
        flat = dedup.flat(report)
        # Reprocessing: an event this article already reported keeps its id.
        target = next((e for e in old if e not in mine and _same_as_before(s, e, flat)), None)
        if target is None:
            target = _find_match(s, flat, exclude=mine, outlet=outlet, text_hash=text_hash)
        if target is None:
            now = utcnow()
            target = s.execute(_INSERT_EVENT, {**dedup.reconcile([report]), "created_at": now, "updated_at": now}).scalar_one()
        else:
            affected.add(target)
        mine.add(target)
        s.execute(
            _INSERT_SOURCE,
            {
                "event_id": target,
                "article_id": article_id,
                "ordinal": ordinal,
                "fatalities": int(event.fatalities or 0),
                "injured": event.injured,
                "report": report,
            },
        )
        ids.append(target)
    for event_id in affected:
        _rebuild_event(s, event_id)
    s.execute(_MARK_PROCESSED, {"aid": article_id, "at": utcnow(), "pv": versions})
    return ids


def _same_as_before(session: Session, event_id: int, report: dict[str, Any]) -> bool:
    row = session.execute(_EVENT_KEY, {"eid": event_id}).first()
    if row is None:
        return False
    date = report.get("event_date")
    day = dt.date.fromisoformat(date) if isinstance(date, str) else date
    if row.event_date is None or day is None:
        return (
            row.event_date == day
            and row.sub_event_type == report["sub_event_type"]
            and normalize(row.name_ar) == normalize(report.get("name_ar") or "")
        )
    return dedup.match_score(report, row._asdict()) is not None


def _find_match(
    session: Session, report: dict[str, Any], exclude: set[int], outlet: int | None = None, text_hash: str | None = None
) -> int | None:
    date = report.get("event_date")
    if not date:
        return None
    day = dt.date.fromisoformat(date) if isinstance(date, str) else date
    span = dt.timedelta(days=dedup.MAX_DAYS_APART)
    rows = session.execute(_CANDIDATES, {"sub": report["sub_event_type"], "d0": day - span, "d1": day + span})
    scored = sorted(
        (score, row.id)
        for row in rows
        if row.id not in exclude and (score := dedup.match_score(report, row._asdict())) is not None
    )
    for _, event_id in scored:
        if not _told_another_day(session, event_id, outlet, text_hash, day):
            return event_id
    return None


def _told_another_day(session: Session, event_id: int, outlet: int | None, text_hash: str | None, day: dt.date) -> bool:
    """Whether ``outlet``, or an article of the very same text, already reports event
    ``event_id`` on a date other than ``day``: one outlet's reports of the same place
    on two days (a daily report) are two incidents, and so are the same words dated
    another day (a wire rerun); the day's tolerance is for outlets dating one incident
    differently ("last night" / "today")."""
    for report, report_outlet, report_hash in session.execute(_EVENT_OUTLET_DATES, {"eid": event_id}):
        same_source = (outlet is not None and report_outlet == outlet) or (text_hash is not None and report_hash == text_hash)
        if same_source and (report or {}).get("event_date") not in (None, day.isoformat()):
            return True
    return False


def _rebuild_event(session: Session, event_id: int) -> None:
    reports = session.execute(_EVENT_REPORTS, {"eid": event_id}).scalars().all()
    if not reports:
        session.execute(_DELETE_EVENT, {"eid": event_id})
        return
    session.execute(_UPDATE_EVENT, {**dedup.reconcile(list(reports)), "updated_at": utcnow(), "eid": event_id})
