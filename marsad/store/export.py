"""Events out of the store: ACLED-style CSV, HXL-tagged CSV, GeoJSON, JSONL.

CSV columns are ACLED's, in ACLED's order (:data:`ACLED_COLUMNS`).  What Marsad
fills, and how:

* ``event_id_cnty`` ``SYR<id>``; ``event_date`` ISO ``YYYY-MM-DD``; ``year``;
  ``time_precision`` = ``date_precision`` (same 1/2/3 scale as ACLED);
* ``disorder_type`` from the event type as ACLED assigns it (:data:`DISORDER`);
* ``actor1``/``actor2``: the catalogue id's ACLED-style name (:data:`ACTOR_NAMES`),
  ``inter1``/``inter2`` ACLED's numeric actor-type codes (:data:`INTER`),
  ``interaction`` the two codes, lower first (a single actor: code × 10);
* ``civilian_targeting`` "Civilian targeting" when ``actor2`` is CIVILIANS;
* ``iso`` 760, ``region`` "Middle East", ``country`` "Syria"; ``admin1``/``admin2``
  from the gazetteer; ``location`` its English name (Arabic when it has none);
  ``latitude``/``longitude``/``geo_precision``;
* ``source`` the reporting outlets, "; "-separated; ``notes`` the English summary;
  ``fatalities`` reconciled (most conservative figure, see marsad.store.dedup);
  ``tags`` ``injured=N`` when stated; ``timestamp`` last update, Unix seconds.

After ACLED's columns, ``source_urls``: the address of every report, space-separated,
so each row can be checked against its sources (ACLED's ``source`` names outlets only),
and ``evidence``: the Arabic words the event was coded from.

Every text cell goes through :func:`csv_safe` (no cell a spreadsheet would run as a
formula).  Each format has one writer here (:func:`csv_text`, :func:`geojson_text`,
:func:`jsonl_text`, each a generator of text pieces), and both ``marsad export``
(:func:`export_events`) and the API's ``/api/events.csv`` / ``.hxl`` / ``.geojson``
stream through them, so a file and a download of the same filter are the same.

Left empty (Marsad does not code them): ``assoc_actor_1``, ``assoc_actor_2``,
``admin3``, ``source_scale``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import IO, Any

from marsad.errors import ConfigError
from marsad.store.database import Store, open_store
from marsad.store.filters import EventFilter
from marsad.store.query import StoredEvent

__all__ = [
    "export_events",
    "events_text",
    "csv_text",
    "geojson_text",
    "jsonl_text",
    "feature",
    "chunked",
    "EXPORT_FORMATS",
    "ACLED_COLUMNS",
    "CSV_COLUMNS",
    "HXL_TAGS",
    "acled_row",
    "csv_safe",
]

EXPORT_FORMATS = ("csv", "hxl", "geojson", "jsonl")

ACLED_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
# What every CSV Marsad writes has: ACLED's columns, then the reports' addresses and
# the Arabic words the event was coded from.
CSV_COLUMNS = (*ACLED_COLUMNS, "source_urls", "evidence")

HXL_TAGS = {
    "event_id_cnty": "#event+code",
    "event_date": "#date",
    "year": "#date+year",
    "time_precision": "#date+precision",
    "disorder_type": "#event+type+disorder",
    "event_type": "#event+type",
    "sub_event_type": "#event+type+sub",
    "actor1": "#group+name+first",
    "inter1": "#group+type+first+code",
    "actor2": "#group+name+second",
    "inter2": "#group+type+second+code",
    "interaction": "#group+interaction+code",
    "civilian_targeting": "#indicator+civilian",
    "iso": "#country+code+num",
    "region": "#region+name",
    "country": "#country+name",
    "admin1": "#adm1+name",
    "admin2": "#adm2+name",
    "admin3": "#adm3+name",
    "location": "#loc+name",
    "latitude": "#geo+lat",
    "longitude": "#geo+lon",
    "geo_precision": "#geo+precision",
    "source": "#meta+source",
    "notes": "#description",
    "fatalities": "#affected+killed",
    "tags": "#meta+tags",
    "timestamp": "#date+updated",
    "source_urls": "#meta+url",
    "evidence": "#description+evidence+i_ar",
}

DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}
_DISORDER_SUB = {
    "Excessive force against protesters": "Political violence; Demonstrations",
    "Mob violence": "Political violence; Demonstrations",
}

ACTOR_NAMES = {
    "SYR_GOV_ASSAD": "Military Forces of Syria (2000-2024)",
    "SYR_GOV_NEW": "Military Forces of Syria (2024-)",
    "PRO_GOV_MILITIA": "Pro-Government Militia (Syria)",
    "RUSSIA": "Military Forces of Russia (2000-)",
    "IRAN": "Military Forces of Iran (1989-) and Iran-backed militias",
    "HEZBOLLAH": "Hezbollah",
    "ISIS": "Islamic State (Syria)",
    "HTS": "Hayat Tahrir al Sham",
    "SNA": "Syrian National Army",
    "OPPOSITION": "Opposition Rebels (Syria)",
    "JIHADIST_OTHER": "Jihadist groups (Syria)",
    "SDF": "SDF: Syrian Democratic Forces",
    "TURKEY": "Military Forces of Turkey (2016-)",
    "USA": "Military Forces of the United States (2021-)",
    "COALITION": "Global Coalition Against Daesh",
    "ISRAEL": "Military Forces of Israel (2022-)",
    "LOCAL_ARMED": "Local armed group (Syria)",
    "UNIDENTIFIED": "Unidentified Armed Group (Syria)",
    "CIVILIANS": "Civilians (Syria)",
    "PROTESTERS": "Protesters (Syria)",
}

# ACLED's actor-type codes: 1 state forces, 2 rebel groups, 3 political militias,
# 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other forces.
INTER = {
    "SYR_GOV_ASSAD": 1,
    "SYR_GOV_NEW": 1,
    "PRO_GOV_MILITIA": 3,
    "RUSSIA": 8,
    "IRAN": 8,
    "HEZBOLLAH": 3,
    "ISIS": 2,
    "HTS": 2,
    "SNA": 2,
    "OPPOSITION": 2,
    "JIHADIST_OTHER": 2,
    "SDF": 2,
    "TURKEY": 8,
    "USA": 8,
    "COALITION": 8,
    "ISRAEL": 8,
    "LOCAL_ARMED": 4,
    "UNIDENTIFIED": 3,
    "CIVILIANS": 7,
    "PROTESTERS": 6,
}


def _interaction(a: int | None, b: int | None) -> str:
    codes = sorted(c for c in (a, b) if c)
    if not codes:
        return ""
    return str(codes[0] * 10 + (codes[1] if len(codes) > 1 else 0))


def csv_safe(value: Any) -> Any:
    """A CSV cell spreadsheets will not run as a formula: text starting with = + - @ (or
    a tab or carriage return) gets a leading apostrophe.  Every CSV Marsad writes (``export``
    csv/hxl, the API's ``/api/events.csv``) goes through this."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def acled_row(item: StoredEvent) -> dict[str, Any]:
    """One event as an ACLED CSV row (see module docstring for each column)."""
    ev, loc = item.event, item.event.location
    inter1, inter2 = INTER.get(ev.actor1 or ""), INTER.get(ev.actor2 or "")
    outlets: list[str] = []
    for s in item.sources:
        if s.outlet and s.outlet not in outlets:
            outlets.append(s.outlet)
    stamp = item.updated_at or item.created_at
    return {
        "event_id_cnty": f"SYR{item.id}",
        "event_date": ev.event_date.isoformat() if ev.event_date else "",
        "year": ev.event_date.year if ev.event_date else "",
        "time_precision": ev.date_precision,
        "disorder_type": _DISORDER_SUB.get(ev.sub_event_type) or DISORDER.get(ev.event_type, ""),
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ACTOR_NAMES.get(ev.actor1 or "", ev.actor1 or ""),
        "assoc_actor_1": "",
        "inter1": inter1 or "",
        "actor2": ACTOR_NAMES.get(ev.actor2 or "", ev.actor2 or ""),
        "assoc_actor_2": "",
        "inter2": inter2 or "",
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if ev.actor2 == "CIVILIANS" else "",
        "iso": 760,
        "region": "Middle East",
        "country": "Syria",
        "admin1": loc.admin1 or "",
        "admin2": loc.admin2 or "",
        "admin3": "",
        "location": loc.name_en or loc.name_ar,
        "latitude": "" if loc.lat is None else round(loc.lat, 5),
        "longitude": "" if loc.lon is None else round(loc.lon, 5),
        "geo_precision": loc.geo_precision,
        "source": "; ".join(outlets),
        "source_scale": "",
        "notes": ev.summary_en,
        "fatalities": ev.fatalities,
        "tags": f"injured={ev.injured}" if ev.injured is not None else "",
        "timestamp": int(stamp.timestamp()) if stamp else "",
        "source_urls": " ".join(s.url for s in item.sources if s.url),
        "evidence": ev.evidence,
    }


def feature(item: StoredEvent) -> dict[str, Any]:
    """The one GeoJSON feature of an event (``marsad export`` and the API alike): the
    event's fields (:meth:`StoredEvent.to_dict`) as properties, its location's fields
    flattened into them, and a Point geometry (null when the event has no coordinates)."""
    d = item.to_dict()
    loc = d.pop("location")
    geometry = None
    if loc.get("lat") is not None and loc.get("lon") is not None:
        geometry = {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]}
    return {"type": "Feature", "id": item.id, "geometry": geometry, "properties": {**d, **loc}}


class _Line:
    """A file-like sink for :mod:`csv` that hands back what was written."""

    def __init__(self) -> None:
        self.text = ""

    def write(self, text: str) -> int:
        self.text += text
        return len(text)

    def take(self) -> str:
        text, self.text = self.text, ""
        return text


def csv_text(items: Iterable[StoredEvent], *, hxl: bool = False, bom: bool = False) -> Iterator[str]:
    """The CSV of ``items``, a line at a time: :data:`CSV_COLUMNS`, then (``hxl``) the
    HXL hashtag row, then one row per event, every text cell through :func:`csv_safe`.
    ``bom``: start with a byte-order mark, so spreadsheet programs read the Arabic as UTF-8."""
    sink = _Line()
    writer = csv.DictWriter(sink, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    yield ("\ufeff" if bom else "") + sink.take()
    if hxl:
        writer.writerow({c: HXL_TAGS.get(c, "") for c in CSV_COLUMNS})
        yield sink.take()
    for item in items:
        writer.writerow({k: csv_safe(v) for k, v in acled_row(item).items()})
        yield sink.take()


def geojson_text(items: Iterable[StoredEvent], meta: dict[str, Any] | None = None) -> Iterator[str]:
    """A GeoJSON FeatureCollection of ``items`` (one :func:`feature` each), a piece at a
    time; ``meta``: members written before ``features`` (the API's paging)."""
    head = "".join(f"{json.dumps(k)}: {json.dumps(v, ensure_ascii=False, default=str)}, " for k, v in (meta or {}).items())
    yield '{"type": "FeatureCollection", ' + head + '"features": [\n'
    for n, item in enumerate(items):
        yield (",\n" if n else "") + json.dumps(feature(item), ensure_ascii=False, default=str)
    yield "\n]}\n"


def jsonl_text(items: Iterable[StoredEvent]) -> Iterator[str]:
    """One JSON line per event: SPEC §2 fields plus id, sources and timestamps."""
    for item in items:
        yield json.dumps(item.to_dict(), ensure_ascii=False, default=str) + "\n"


def events_text(items: Iterable[StoredEvent], fmt: str) -> Iterator[str]:
    """``items`` written in ``fmt`` (one of :data:`EXPORT_FORMATS`), a piece at a time:
    the one writer of each format, used by ``marsad export`` and the API."""
    if fmt == "csv":
        return csv_text(items)
    if fmt == "hxl":
        return csv_text(items, hxl=True)
    if fmt == "geojson":
        return geojson_text(items)
    if fmt == "jsonl":
        return jsonl_text(items)
    raise ConfigError(f"unknown export format {fmt!r}; one of {', '.join(EXPORT_FORMATS)}")


def chunked(pieces: Iterable[str], size: int = 64 * 1024) -> Iterator[str]:
    """``pieces`` joined into chunks of about ``size`` characters (for streaming over HTTP)."""
    buf: list[str] = []
    n = 0
    for piece in pieces:
        buf.append(piece)
        n += len(piece)
        if n >= size:
            yield "".join(buf)
            buf, n = [], 0
    if buf:
        yield "".join(buf)


@contextmanager
def _open_out(out: str | os.PathLike[str] | IO[str] | None) -> Iterator[IO[str]]:
    if out is None or out == "-":
        yield sys.stdout
    elif isinstance(out, (str, os.PathLike)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            yield fh
    else:
        yield out


def export_events(
    store: Store | str | None,
    fmt: str = "csv",
    out: str | os.PathLike[str] | IO[str] | None = None,
    f: EventFilter | None = None,
    **filters: Any,
) -> int:
    """Write the events matching the filter ``f`` (an :class:`EventFilter`; its fields
    may also be given as keywords) to ``out`` (a path, an open text file, or stdout when
    None/``-``) in ``fmt``: ``csv`` (ACLED columns, then ``source_urls`` and ``evidence``),
    ``hxl`` (the same with an HXL hashtag row), ``geojson`` (one :func:`feature` per
    event) or ``jsonl`` (SPEC §2 events plus id and sources).  ``store`` may be a
    :class:`Store` or a database setting.  Returns the number of events written."""
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; one of {', '.join(EXPORT_FORMATS)}")
    f = EventFilter.of(f, **filters) if filters else f
    own = not isinstance(store, Store)
    st = store if isinstance(store, Store) else open_store(store)
    n = 0

    def counted() -> Iterator[StoredEvent]:
        nonlocal n
        for item in st.iter_events(f):
            n += 1
            yield item

    try:
        with _open_out(out) as fh:
            for piece in events_text(counted(), fmt):
                fh.write(piece)
            fh.flush()
    finally:
        if own:
            st.close()
    return n


def export_string(store: Store, fmt: str, f: EventFilter | None = None, **filters: Any) -> str:
    """The export as a string (tests)."""
    buf = io.StringIO()
    export_events(store, fmt, buf, f, **filters)
    return buf.getvalue()
