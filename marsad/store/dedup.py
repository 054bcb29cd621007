"""One incident, many reports: when two reported events are the same, and how the
stored event is reconciled from all its reports.

Two reports are the same incident when all hold (ACLED's practice, made explicit):

* the same ``sub_event_type``;
* dates at most :data:`MAX_DAYS_APART` apart (a night attack is "yesterday" for one
  outlet and "today" for another); two undated reports never merge;
* the same place: the same gazetteer ``place_id`` when both have one, else the
  same normalised Arabic place name when both have one (an approximate place,
  "near X", names X), else coordinates within :data:`SAME_SITE_KM` (both precise)
  or :data:`MAX_KM_APART` (either approximate).  Two different named places never
  merge however close: two villages 3 km apart shelled on consecutive days are two
  incidents, and formulaic daily reports are exactly that;
* not two days of one outlet: an outlet that already reports the event on
  another date is telling another incident (its daily report of the same village);
  checked by the store, which knows the outlets (``marsad.store.merge``);
* actors that do not contradict, role by role: the same ``actor1`` or one of them
  unknown, and the same for ``actor2`` (a report that does not name the attacker is
  compatible with one that does; "the regime shelled X" is not "X's rebels shelled
  the regime").

Reconciliation (:func:`reconcile`), deterministic whatever order reports arrive in:

* the *lead* report gives date, place, evidence and summary: the most precise
  place (lowest ``geo_precision``), then the most precise date, then the one
  naming most actors, then the earliest stored;
* actors missing from the lead are filled from another report that names them;
* **fatalities: the most conservative figure**, as ACLED codes them — the lowest
  figure among reports that give one (> 0); 0 only when no report gives a figure.
  Every report's own figure stays in ``event_sources`` and is shown with the source
  (:func:`fatalities_note` says which figure was chosen and why).
  The same rule applies to ``injured`` (None when no report states it);
* ``search_text`` holds every report's evidence and summary, normalised.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from typing import Any

from marsad.text.normalize import normalize

__all__ = [
    "MAX_DAYS_APART",
    "MAX_KM_APART",
    "SAME_SITE_KM",
    "haversine_km",
    "same_incident",
    "reconcile",
    "match_score",
    "same_place",
    "fatalities_note",
]

MAX_DAYS_APART = 1
MAX_KM_APART = 10.0  # unnamed places, one of them approximate: within a few km
SAME_SITE_KM = 1.0  # two precise places without id or name closer than this are one site


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0088
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(a)))


def _actors(d: dict[str, Any]) -> set[str]:
    return {a for a in (d.get("actor1"), d.get("actor2")) if a}


def _date(value: Any) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    return dt.date.fromisoformat(str(value))


def match_score(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    """Distance-like score (lower is closer) if ``a`` and ``b`` (flat event dicts:
    sub_event_type, event_date, lat, lon, name_ar, actor1, actor2) are the same
    incident, None if they are not."""
    if a.get("sub_event_type") != b.get("sub_event_type"):
        return None
    da, db_ = _date(a.get("event_date")), _date(b.get("event_date"))
    if da is None or db_ is None or abs((da - db_).days) > MAX_DAYS_APART:
        return None
    for slot in ("actor1", "actor2"):
        if a.get(slot) and b.get(slot) and a[slot] != b[slot]:
            return None
    sa, sb = _actors(a), _actors(b)
    km = same_place(a, b)
    if km is None:
        return None
    return km + abs((da - db_).days) + (0.5 if sa != sb else 0.0)


def _precise(d: dict[str, Any]) -> bool:
    return (d.get("geo_precision") or 1) == 1


def same_place(a: dict[str, Any], b: dict[str, Any]) -> float | None:
    """Distance in km (0 when unknown) if the places of ``a`` and ``b`` are the
    place of one incident, None if they are not (see the module docstring)."""
    coords = None not in (a.get("lat"), a.get("lon"), b.get("lat"), b.get("lon"))
    km = haversine_km(a["lat"], a["lon"], b["lat"], b["lon"]) if coords else 0.0
    if a.get("place_id") and b.get("place_id"):
        return km if a["place_id"] == b["place_id"] else None
    name_a, name_b = normalize(a.get("name_ar") or ""), normalize(b.get("name_ar") or "")
    if name_a and name_b:  # one name, far apart: two villages of that name
        return km if name_a == name_b and km <= MAX_KM_APART else None
    if not coords:
        return None
    limit = SAME_SITE_KM if _precise(a) and _precise(b) else MAX_KM_APART
    return km if km <= limit else None


def same_incident(a: dict[str, Any], b: dict[str, Any]) -> bool:
    return match_score(a, b) is not None


def fatalities_note(figures: Sequence[int | None], chosen: int) -> str | None:
    """Why an event's ``fatalities`` is ``chosen`` when its sources report
    ``figures`` (one per source); None when the sources agree."""
    given = sorted({f for f in figures if f})
    if len(given) < 2:
        return None
    return (
        f"{chosen}: the lowest of the figures its sources report ({', '.join(map(str, given))}), "
        "as ACLED codes fatalities conservatively; each source's figure is listed with it"
    )


def flat(report: dict[str, Any]) -> dict[str, Any]:
    """A SPEC §2 event dict with its location fields lifted to the top level."""
    loc = report.get("location") or {}
    out = {k: v for k, v in report.items() if k != "location"}
    for key in ("name_ar", "name_en", "place_id", "lat", "lon", "admin1", "admin2", "geo_precision"):
        out[key] = loc.get(key)
    return out


def _conservative(values: Sequence[int | None]) -> int | None:
    given = [v for v in values if v is not None and v > 0]
    if given:
        return min(given)
    return 0 if any(v == 0 for v in values) else None


def reconcile(reports: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Column values of the stored event from its reports (SPEC §2 dicts, in the
    order they were stored)."""
    if not reports:
        raise ValueError("an event needs at least one report")
    flats = [flat(r) for r in reports]
    order = sorted(
        range(len(flats)),
        key=lambda i: (
            flats[i].get("geo_precision") or 3,
            flats[i].get("date_precision") or 3,
            -len(_actors(flats[i])),
            i,
        ),
    )
    lead = flats[order[0]]
    out = {
        key: lead.get(key)
        for key in (
            "event_type",
            "sub_event_type",
            "date_precision",
            "actor1",
            "actor2",
            "name_ar",
            "name_en",
            "place_id",
            "lat",
            "lon",
            "admin1",
            "admin2",
            "geo_precision",
            "evidence",
            "summary_en",
        )
    }
    out["event_date"] = _date(lead.get("event_date"))
    out["date_precision"] = out["date_precision"] or 1
    out["geo_precision"] = out["geo_precision"] or 1
    out["evidence"] = out["evidence"] or ""
    out["summary_en"] = out["summary_en"] or ""
    for i in order[1:]:
        other = flats[i]
        for slot in ("actor1", "actor2"):
            if out[slot] is None and other.get(slot) and other[slot] not in (out["actor1"], out["actor2"]):
                out[slot] = other[slot]
    out["fatalities"] = _conservative([int(f.get("fatalities") or 0) for f in flats]) or 0
    out["injured"] = _conservative([f.get("injured") for f in flats])
    versions = dict(lead.get("versions") or {})
    out["versions"] = versions
    out["lexicon_version"] = versions.get("lexicon")
    out["gazetteer_version"] = versions.get("gazetteer")
    out["n_sources"] = len(reports)
    texts: list[str] = []
    for f in flats:
        for piece in (f.get("evidence"), f.get("summary_en")):
            if piece and piece not in texts:
                texts.append(piece)
    out["search_text"] = normalize(" \n ".join(texts))
    return out
