"""The one event filter: what every read of events (the library, ``marsad export``,
the API, the map, the feeds) selects by, and the only place its SQL is written.

:class:`EventFilter` holds already-checked values; turning raw text (a query
string, command-line options) into one, with the error messages, is
:func:`marsad.api.filters.parse_filter`.  Text search (``q``) runs over
``events.search_text``, a copy of every report's evidence and summary passed
through :func:`marsad.text.normalize.normalize`; the query is normalised the same
way and each word's attached clitics are peeled (:func:`text_terms`), so "إدلب"
finds "ادلب" and "بالباغوز" is found by "الباغوز".  It is a plain ``LIKE '%…%'``
on both backends: the same results everywhere, fast enough for the event counts a
monitor holds (tens of thousands); see docs/storage.md.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import and_, or_, select

from marsad.store.schema import EventRow, EventSource
from marsad.text.normalize import normalize
from marsad.text.tokens import PROCLITICS

__all__ = ["EventFilter", "FILTER_NAMES", "text_terms", "MAX_TERMS"]

MAX_TERMS = 8  # words of a text search used at most
_MIN_CORE = 3  # a query word keeps at least this many letters once clitics are peeled


def _core(word: str) -> str:
    """A query word with its attached proclitics (و ب ال لل …) peeled off.

    The stored text is searched by substring, so the bare core also finds the
    word with any clitics attached ("بالباغوز" in the text for "الباغوز" asked).
    """
    for pre in PROCLITICS:  # longest first
        if word.startswith(pre) and len(word) - len(pre) >= _MIN_CORE:
            return word[len(pre) :]
    return word


def text_terms(q: str | None) -> list[str]:
    """The normalised words a text search looks for (all must occur), at most :data:`MAX_TERMS`."""
    if not q:
        return []
    words = [w for w in re.split(r"[^\w]+", normalize(q)) if w]
    out: list[str] = []
    for w in words:
        core = _core(w) if any("\u0600" <= ch <= "\u06ff" for ch in w) else w
        if core not in out:
            out.append(core)
    return out[:MAX_TERMS]


def _like_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,) if value else ()
    return tuple(dict.fromkeys(v for v in value if v))


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Events matching every field given (None / empty: no condition).

    * ``start`` / ``end``: inclusive bounds on ``event_date`` (undated events are
      left out when either is given);
    * ``event_type`` / ``sub_event_type``: one value or several (SPEC §3);
    * ``actor``: catalogue id (SPEC §4), as ``actor1`` or ``actor2``;
    * ``admin1`` / ``admin2``: English governorate / district, exact;
    * ``bbox``: ``(min_lon, min_lat, max_lon, max_lat)`` (GeoJSON order);
    * ``min_fatalities``: at least this many dead;
    * ``q``: words that must all occur in the normalised evidence or summary of
      one of the event's reports (see :func:`text_terms`);
    * ``article_id``: only events that stored article reports.

    A single string for ``event_type`` / ``sub_event_type`` is taken as one value.
    """

    start: dt.date | None = None
    end: dt.date | None = None
    event_type: tuple[str, ...] = ()
    sub_event_type: tuple[str, ...] = ()
    actor: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    bbox: tuple[float, float, float, float] | None = None
    min_fatalities: int | None = None
    q: str | None = None
    article_id: int | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "event_type", _tuple(self.event_type))
        object.__setattr__(self, "sub_event_type", _tuple(self.sub_event_type))
        if self.bbox is not None:
            object.__setattr__(self, "bbox", tuple(float(v) for v in self.bbox))

    @classmethod
    def of(cls, f: EventFilter | None = None, **fields_: Any) -> EventFilter:
        """``f`` with ``fields_`` set (a new filter from ``fields_`` when ``f`` is None);
        an unknown name is a ``TypeError`` naming the known ones."""
        unknown = sorted(set(fields_) - set(FILTER_NAMES))
        if unknown:
            raise TypeError(f"unknown event filter {', '.join(unknown)}; known: {', '.join(FILTER_NAMES)}")
        return replace(f, **fields_) if f is not None else cls(**fields_)

    def without_dates(self) -> EventFilter:
        return replace(self, start=None, end=None)

    def conditions(self) -> list[Any]:
        """The SQL WHERE conditions of this filter on ``events`` (every value a bound parameter)."""
        c = EventRow
        conds: list[Any] = []
        if self.start is not None:
            conds.append(c.event_date >= self.start)
        if self.end is not None:
            conds.append(c.event_date <= self.end)
        if self.event_type:
            conds.append(c.event_type.in_(self.event_type))
        if self.sub_event_type:
            conds.append(c.sub_event_type.in_(self.sub_event_type))
        if self.actor:
            conds.append(or_(c.actor1 == self.actor, c.actor2 == self.actor))
        if self.admin1:
            conds.append(c.admin1 == self.admin1)
        if self.admin2:
            conds.append(c.admin2 == self.admin2)
        if self.bbox is not None:
            min_lon, min_lat, max_lon, max_lat = self.bbox
            conds.append(and_(c.lon >= min_lon, c.lon <= max_lon, c.lat >= min_lat, c.lat <= max_lat))
        if self.min_fatalities is not None:
            conds.append(c.fatalities >= self.min_fatalities)
        for word in text_terms(self.q):
            conds.append(c.search_text.like(f"%{_like_escape(word)}%", escape="\\"))
        if self.article_id is not None:
            conds.append(c.id.in_(select(EventSource.event_id).where(EventSource.article_id == self.article_id)))
        return conds


#: The filter's names, the same in the library, ``marsad export`` options and API parameters.
FILTER_NAMES = tuple(f.name for f in fields(EventFilter))
