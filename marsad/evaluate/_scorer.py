"""SPEC §5: match predicted events to gold events, article by article, and score them.

Readings of §5 that the text leaves open (each is tested in tests/evaluate):

* **Dates** match when both are null, or both are dates at most one day apart.  A null
  date never matches a real one.  An unreadable date counts as null.
* **Places** match when both sides have coordinates within :data:`MAX_KM` km, or — the
  admin2 rule — when either side has ``geo_precision`` 3 and both name the same
  ``admin2`` (compared trimmed and case-folded).  Coordinates missing on either side:
  no match unless the admin2 rule applies.
* **Greedy matching** takes candidate pairs by increasing distance (km, rounded to 1 m;
  pairs admitted only by the admin2 rule without coordinates come last).  Ties — common
  when several events share a village — go to the smaller date gap, then to the pair
  agreeing on more of sub-type, actors and fatalities, then to input order.  Without the
  attribute tie-break, equal distances would cross-match a shelling with an air strike
  and blame the sub-type for an arbitrary choice.
* **Sub-type, actor and fatality accuracy** are over all matched pairs, Strategic
  developments included.  Actors compare as sets: ``{A, None} == {None, A}``.
  Missing fatalities count as 0 (SPEC §2: 0 when unknown).
* **Article fatality accuracy** is over every gold article, events of all types summed;
  an article with no events on both sides (0 = 0) counts as right.
* **Location error**: matched pairs with coordinates on both sides; the 90th percentile
  interpolates linearly between order statistics (numpy's default).
* **Precision/recall** with an empty denominator: both sides empty → 1.0 (nothing to
  find, nothing claimed); otherwise the empty side's figure is 0.0.
* Events with an ``event_type`` outside the taxonomy never match and are counted in
  neither event nor strategic figures, but in ``invalid_pred_events``.
* Predicted articles whose id is not in gold are ignored (counted in
  ``extra_pred_articles``); gold articles with no prediction have no predicted events.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from marsad.models import EVENT_TYPES

__all__ = ["PRF", "Scores", "evaluate", "haversine_km", "match_events", "STRATEGIC", "VIOLENT_TYPES", "MAX_KM"]

MAX_KM = 25.0  #: SPEC §5 rule 3
MAX_DAYS = 1  #: SPEC §5 rule 2
STRATEGIC = "Strategic developments"
VIOLENT_TYPES: tuple[str, ...] = tuple(t for t in EVENT_TYPES if t != STRATEGIC)
_EARTH_RADIUS_KM = 6371.0088  # mean Earth radius (IUGG)
_NO_COORDS = math.inf


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 of ``tp`` hits among ``n_pred`` claims and ``n_gold`` truths."""

    precision: float
    recall: float
    f1: float
    tp: int
    n_pred: int
    n_gold: int

    @classmethod
    def of(cls, tp: int, n_pred: int, n_gold: int) -> PRF:
        if n_pred == 0 and n_gold == 0:
            return cls(1.0, 1.0, 1.0, 0, 0, 0)
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        return cls(p, r, f1, tp, n_pred, n_gold)


@dataclass(slots=True)
class Scores:
    """Every figure of SPEC §5 for one evaluation set.  Accuracies are None when there is
    nothing to measure them on (no matched pair, no pair with coordinates)."""

    articles: int
    gold_events: int
    pred_events: int
    matched: int
    event: PRF
    strategic: PRF
    detection: PRF
    sub_type_accuracy: float | None
    actor_accuracy: float | None
    fatality_accuracy: float | None
    article_fatality_accuracy: float | None
    location_error_median_km: float | None
    location_error_p90_km: float | None
    location_pairs: int
    per_type: dict[str, PRF] = field(default_factory=dict)
    invalid_pred_events: int = 0
    extra_pred_articles: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# --------------------------------------------------------------------------- pair rules


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * _EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def _num(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _coords(ev: Mapping[str, Any]) -> tuple[float, float] | None:
    loc = ev.get("location") or {}
    lat, lon = _num(loc.get("lat")), _num(loc.get("lon"))
    return (lat, lon) if lat is not None and lon is not None else None


def _admin2(ev: Mapping[str, Any]) -> str | None:
    value = (ev.get("location") or {}).get("admin2")
    return value.strip().casefold() or None if isinstance(value, str) else None


def _precision3(ev: Mapping[str, Any]) -> bool:
    value = (ev.get("location") or {}).get("geo_precision")
    return value == 3 or value == "3"


def _fatalities(ev: Mapping[str, Any]) -> int:
    value = ev.get("fatalities")
    try:
        return int(value) if value is not None and not isinstance(value, bool) else 0
    except (TypeError, ValueError):
        return 0


def _actors(ev: Mapping[str, Any]) -> set[Any]:
    return {ev.get("actor1"), ev.get("actor2")}


def _date_gap(g: Mapping[str, Any], p: Mapping[str, Any]) -> int | None:
    """Days between the two dates; 0 when both are null; None when they cannot match."""
    gd, pd = _date(g.get("event_date")), _date(p.get("event_date"))
    if gd is None and pd is None:
        return 0
    if gd is None or pd is None:
        return None
    gap = abs((gd - pd).days)
    return gap if gap <= MAX_DAYS else None


def _place_distance(g: Mapping[str, Any], p: Mapping[str, Any]) -> float | None:
    """km used to rank the pair (inf without coordinates); None when places do not match."""
    gc, pc = _coords(g), _coords(p)
    km = haversine_km(*gc, *pc) if gc and pc else _NO_COORDS
    if km <= MAX_KM:
        return km
    if _precision3(g) or _precision3(p):
        a2 = _admin2(g)
        if a2 is not None and a2 == _admin2(p):
            return km
    return None


def _disagreements(g: Mapping[str, Any], p: Mapping[str, Any]) -> int:
    return (g.get("sub_event_type") != p.get("sub_event_type")) + (_actors(g) != _actors(p)) + (_fatalities(g) != _fatalities(p))


def match_events(gold: list[Mapping[str, Any]], pred: list[Mapping[str, Any]]) -> list[tuple[int, int, float]]:
    """One-to-one greedy matching of one article's events: (gold index, pred index, km)."""
    candidates = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if g.get("event_type") != p.get("event_type") or g.get("event_type") not in EVENT_TYPES:
                continue
            gap = _date_gap(g, p)
            if gap is None:
                continue
            km = _place_distance(g, p)
            if km is None:
                continue
            candidates.append((round(km, 3), gap, _disagreements(g, p), gi, pi, km))
    candidates.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for *_key, gi, pi, km in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi, km))
    return pairs


# --------------------------------------------------------------------------- figures


def _article_id(record: Mapping[str, Any]) -> str | None:
    value = record.get("article_id", record.get("id"))
    return None if value is None else str(value)


def _events(record: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    events = (record or {}).get("events") or []
    return [e for e in events if isinstance(e, Mapping)]


def _share(hits: int, total: int) -> float | None:
    return hits / total if total else None


def _percentile(sorted_values: list[float], q: float) -> float | None:
    if not sorted_values:
        return None
    pos = (len(sorted_values) - 1) * q
    lo = math.floor(pos)
    hi = min(lo + 1, len(sorted_values) - 1)
    return sorted_values[lo] + (sorted_values[hi] - sorted_values[lo]) * (pos - lo)


def evaluate(gold: Iterable[Mapping[str, Any]], pred: Iterable[Mapping[str, Any]]) -> Scores:
    """Score predicted articles (``{"article_id", "events"}``) against gold articles
    (``{"id" or "article_id", "events"}``), by SPEC §5 as read in the module docstring."""
    gold = list(gold)
    pred_by_id: dict[str, Mapping[str, Any]] = {}
    for record in pred:
        key = _article_id(record)
        if key is not None:
            pred_by_id.setdefault(key, record)
    gold_ids = {_article_id(g) for g in gold}

    type_tp = dict.fromkeys(EVENT_TYPES, 0)
    type_pred = dict.fromkeys(EVENT_TYPES, 0)
    type_gold = dict.fromkeys(EVENT_TYPES, 0)
    n_gold = n_pred = invalid = 0
    sub_ok = actor_ok = fat_ok = n_pairs = 0
    art_fat_ok = 0
    det_tp = det_pred = det_gold = 0
    km_errors: list[float] = []

    for g_record in gold:
        g_events = _events(g_record)
        p_events = _events(pred_by_id.get(_article_id(g_record) or ""))
        n_gold += len(g_events)
        n_pred += len(p_events)
        for e in g_events:
            if e.get("event_type") in type_gold:
                type_gold[e["event_type"]] += 1
        for e in p_events:
            if e.get("event_type") in type_pred:
                type_pred[e["event_type"]] += 1
            else:
                invalid += 1
        for gi, pi, _km in match_events(g_events, p_events):
            g, p = g_events[gi], p_events[pi]
            n_pairs += 1
            type_tp[g["event_type"]] += 1
            sub_ok += g.get("sub_event_type") == p.get("sub_event_type")
            actor_ok += _actors(g) == _actors(p)
            fat_ok += _fatalities(g) == _fatalities(p)
            gc, pc = _coords(g), _coords(p)
            if gc and pc:
                km_errors.append(haversine_km(*gc, *pc))
        art_fat_ok += sum(map(_fatalities, g_events)) == sum(map(_fatalities, p_events))
        det_gold += bool(g_events)
        det_pred += bool(p_events)
        det_tp += bool(g_events) and bool(p_events)

    def over(types: Iterable[str]) -> PRF:
        types = list(types)
        return PRF.of(sum(type_tp[t] for t in types), sum(type_pred[t] for t in types), sum(type_gold[t] for t in types))

    km_errors.sort()
    return Scores(
        articles=len(gold),
        gold_events=n_gold,
        pred_events=n_pred,
        matched=n_pairs,
        event=over(VIOLENT_TYPES),
        strategic=over([STRATEGIC]),
        detection=PRF.of(det_tp, det_pred, det_gold),
        sub_type_accuracy=_share(sub_ok, n_pairs),
        actor_accuracy=_share(actor_ok, n_pairs),
        fatality_accuracy=_share(fat_ok, n_pairs),
        article_fatality_accuracy=_share(art_fat_ok, len(gold)),
        location_error_median_km=_percentile(km_errors, 0.5),
        location_error_p90_km=_percentile(km_errors, 0.9),
        location_pairs=len(km_errors),
        per_type={t: over([t]) for t in EVENT_TYPES},
        invalid_pred_events=invalid,
        extra_pred_articles=len(set(pred_by_id) - gold_ids),
    )
