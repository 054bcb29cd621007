"""Raw filter values (an HTTP query string, ``marsad export``'s options) checked
into the one :class:`~marsad.store.filters.EventFilter`.

:func:`parse_filter` does the checking, for the API and the CLI alike; for the API
a filter is parsed from the request's query parameters by :func:`event_filter`
(a FastAPI dependency).  The SQL of a filter is the store's
(:meth:`EventFilter.conditions`), never written here.  Anything wrong becomes a :class:`ParamError`, which the
app turns into a 422 in the one error shape (see :mod:`marsad.api.app`).
Unknown parameters are refused too: a misspelt ``evnt_type`` silently ignored
would show the analyst the wrong events.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from fastapi import Query, Request

from marsad.api.labels import resolve_actor
from marsad.models import EVENT_TYPES, SUB_EVENT_TYPES
from marsad.store.query import ORDERS
from marsad.store.filters import MAX_TERMS, EventFilter, text_terms

__all__ = ["EventFilter", "ParamError", "event_filter", "parse_filter", "text_terms", "ORDERS", "MAX_QUERY_CHARS", "MAX_TERMS"]

MAX_QUERY_CHARS = 200
_SUB_TO_TYPE = {sub: t for t, subs in SUB_EVENT_TYPES.items() for sub in subs}

# Parameters shared by every event endpoint; each endpoint adds its own paging ones.
FILTER_PARAMS = (
    "start",
    "end",
    "event_type",
    "sub_event_type",
    "actor",
    "admin1",
    "admin2",
    "bbox",
    "min_fatalities",
    "q",
)


class ParamError(ValueError):
    """One or more query parameters are unusable; ``details`` lists each problem."""

    def __init__(self, details: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{d['param']}: {d['message']}" for d in details))
        self.details = details


def _date(name: str, value: str | None, errors: list[dict[str, str]]) -> dt.date | None:
    if value in (None, ""):
        return None
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value or ""):
            raise ValueError
        return dt.date.fromisoformat(value)  # type: ignore[arg-type]
    except ValueError:
        errors.append({"param": name, "message": f"expected a date YYYY-MM-DD, got {value!r}"})
        return None


def _bbox(value: str | None, errors: list[dict[str, str]]) -> tuple[float, float, float, float] | None:
    if value in (None, ""):
        return None
    parts = (value or "").split(",")
    try:
        if len(parts) != 4:
            raise ValueError
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        errors.append({"param": "bbox", "message": "expected four numbers min_lon,min_lat,max_lon,max_lat"})
        return None
    if not all(map(lambda v: v == v and abs(v) != float("inf"), (min_lon, min_lat, max_lon, max_lat))):
        errors.append({"param": "bbox", "message": "coordinates must be finite numbers"})
        return None
    if not (-180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90):
        errors.append({"param": "bbox", "message": "need -180 <= min_lon <= max_lon <= 180 and -90 <= min_lat <= max_lat <= 90"})
        return None
    return (min_lon, min_lat, max_lon, max_lat)


def _short_text(name: str, value: str | None, errors: list[dict[str, str]], limit: int = 128) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value:
        return None
    if len(value) > limit or any(ord(ch) < 32 for ch in value):
        errors.append({"param": name, "message": f"at most {limit} printable characters"})
        return None
    return value


MAX_FATALITIES = 1_000_000


def _count(name: str, value: int | str | None, errors: list[dict[str, str]]) -> int | None:
    """A whole number 0..MAX_FATALITIES from the query string (or the command line)."""
    if value is None or value == "":
        return None
    try:
        n = int(value) if isinstance(value, int) or re.fullmatch(r"\s*[+-]?\d{1,12}\s*", value) else None
    except (TypeError, ValueError):
        n = None
    if n is None:
        errors.append({"param": name, "message": f"expected a whole number, got {value!r}"})
        return None
    if not 0 <= n <= MAX_FATALITIES:
        errors.append({"param": name, "message": f"must be between 0 and {MAX_FATALITIES:,}, got {n}"})
        return None
    return n


def check_unknown(request: Request, allowed: tuple[str, ...]) -> None:
    """Refuse query parameters the endpoint does not know."""
    unknown = sorted(set(request.query_params) - set(allowed))
    if unknown:
        raise ParamError([{"param": u, "message": f"unknown parameter; allowed: {', '.join(allowed)}"} for u in unknown])


def parse_filter(
    *,
    start: str | None,
    end: str | None,
    event_type: list[str] | None,
    sub_event_type: list[str] | None,
    actor: str | None,
    admin1: str | None,
    admin2: str | None,
    bbox: str | None,
    min_fatalities: int | str | None,
    q: str | None,
) -> EventFilter:
    """Validate raw parameter values into an :class:`EventFilter` (or raise :class:`ParamError`)."""
    errors: list[dict[str, str]] = []
    d_start = _date("start", start, errors)
    d_end = _date("end", end, errors)
    if d_start and d_end and d_start > d_end:
        errors.append({"param": "end", "message": f"end {d_end} is before start {d_start}"})
    types = tuple(dict.fromkeys(t for t in (event_type or []) if t))
    for t in types:
        if t not in EVENT_TYPES:
            errors.append({"param": "event_type", "message": f"unknown event type {t!r}; one of: {', '.join(EVENT_TYPES)}"})
    subs = tuple(dict.fromkeys(s for s in (sub_event_type or []) if s))
    for s in subs:
        if s not in _SUB_TO_TYPE:
            errors.append({"param": "sub_event_type", "message": f"unknown sub-event type {s!r}"})
        elif types and _SUB_TO_TYPE[s] not in types:
            errors.append(
                {"param": "sub_event_type", "message": f"{s!r} is a sub-type of {_SUB_TO_TYPE[s]!r}, not of the event_type asked"}
            )
    actor_v = _short_text("actor", actor, errors, 64)
    if actor_v:
        actor_id = resolve_actor(actor_v)
        if actor_id is None:
            errors.append(
                {
                    "param": "actor",
                    "message": f"unknown actor {actor_v!r}: give an id or a label from "
                    f"`marsad actors` (/api/actors), such as TURKEY or 'Turkish forces'",
                }
            )
        actor_v = actor_id
    admin1_v = _short_text("admin1", admin1, errors)
    admin2_v = _short_text("admin2", admin2, errors)
    box = _bbox(bbox, errors)
    fatalities = _count("min_fatalities", min_fatalities, errors)
    q_v = _short_text("q", q, errors, MAX_QUERY_CHARS)
    if q_v is not None and not text_terms(q_v):
        q_v = None  # only punctuation: no text filter
    if errors:
        raise ParamError(errors)
    return EventFilter(
        start=d_start,
        end=d_end,
        event_type=types,
        sub_event_type=subs,
        actor=actor_v,
        admin1=admin1_v,
        admin2=admin2_v,
        bbox=box,
        min_fatalities=fatalities or None,
        q=q_v,
    )


def event_filter(
    start: Annotated[str | None, Query(description="First day, YYYY-MM-DD (inclusive).", examples=["2020-01-01"])] = None,
    end: Annotated[str | None, Query(description="Last day, YYYY-MM-DD (inclusive).")] = None,
    event_type: Annotated[list[str] | None, Query(description="ACLED event type; repeat for several.")] = None,
    sub_event_type: Annotated[list[str] | None, Query(description="ACLED sub-event type; repeat for several.")] = None,
    actor: Annotated[
        str | None,
        Query(
            description="Actor (SPEC §4 id such as TURKEY, or its English or Arabic label), as actor1 or actor2; /api/actors lists them."
        ),
    ] = None,
    admin1: Annotated[str | None, Query(description="Governorate, English name as in the gazetteer.")] = None,
    admin2: Annotated[str | None, Query(description="District, English name as in the gazetteer.")] = None,
    bbox: Annotated[str | None, Query(description="min_lon,min_lat,max_lon,max_lat (WGS84).")] = None,
    min_fatalities: Annotated[
        str | None, Query(description="At least this many killed (a whole number, 0 to 1,000,000).", examples=["1"])
    ] = None,
    q: Annotated[
        str | None,
        Query(
            description="Words that must all occur in the Arabic evidence or the English summary (normalised: أ/ا, ة/ه, tashkeel and attached clitics do not matter)."
        ),
    ] = None,
) -> EventFilter:
    return parse_filter(
        start=start,
        end=end,
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor=actor,
        admin1=admin1,
        admin2=admin2,
        bbox=bbox,
        min_fatalities=min_fatalities,
        q=q,
    )
