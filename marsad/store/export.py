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
so each row can be checked against its sources (ACLED's ``source`` names outlets only).

Left empty (Marsad does not code them): ``assoc_actor_1``, ``assoc_actor_2``,
``admin3``, ``source_scale``.
"""

from __future__ import annotations

import csv
import io
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import IO, Any

from marsad.errors import ConfigError
from marsad.store.database import Store, open_store
from marsad.store.query import StoredEvent

__all__ = ["export_events", "EXPORT_FORMATS", "ACLED_COLUMNS", "CSV_COLUMNS", "HXL_TAGS", "acled_row", "csv_safe"]

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
# What the CSV exports write: ACLED's columns, then the reports' addresses.
CSV_COLUMNS = (*ACLED_COLUMNS, "source_urls")

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
    }


def _feature(item: StoredEvent) -> dict[str, Any]:
    loc = item.event.location
    geometry = None if loc.lat is None or loc.lon is None else {"type": "Point", "coordinates": [loc.lon, loc.lat]}
    return {"type": "Feature", "id": item.id, "geometry": geometry, "properties": item.to_dict()}


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
    **filters: Any,
) -> int:
    """Write the events matching ``filters`` (:meth:`Store.query_events` keywords)
    to ``out`` (a path, an open text file, or stdout when None/``-``) in ``fmt``:
    ``csv`` (ACLED columns), ``hxl`` (the same with an HXL hashtag row), ``geojson``
    or ``jsonl`` (SPEC §2 events plus id and sources).  ``store`` may be a
    :class:`Store` or a database setting.  Returns the number of events written."""
    if fmt not in EXPORT_FORMATS:
        raise ConfigError(f"unknown export format {fmt!r}; one of {', '.join(EXPORT_FORMATS)}")
    own = not isinstance(store, Store)
    st = open_store(store) if own else store
    assert isinstance(st, Store)
    n = 0
    try:
        with _open_out(out) as fh:
            if fmt in ("csv", "hxl"):
                writer = csv.DictWriter(fh, fieldnames=CSV_COLUMNS, lineterminator="\n")
                writer.writeheader()
                if fmt == "hxl":
                    writer.writerow({c: HXL_TAGS.get(c, "") for c in CSV_COLUMNS})
                for item in st.iter_events(**filters):
                    writer.writerow({k: csv_safe(v) for k, v in acled_row(item).items()})
                    n += 1
            elif fmt == "jsonl":
                for item in st.iter_events(**filters):
                    fh.write(json.dumps(item.to_dict(), ensure_ascii=False, default=str) + "\n")
                    n += 1
            else:
                fh.write('{"type": "FeatureCollection", "features": [\n')
                for item in st.iter_events(**filters):
                    fh.write((",\n" if n else "") + json.dumps(_feature(item), ensure_ascii=False, default=str))
                    n += 1
                fh.write("\n]}\n")
            fh.flush()
    finally:
        if own:
            st.close()
    return n


def export_string(store: Store, fmt: str, **filters: Any) -> str:
    """The export as a string (tests, the API)."""
    buf = io.StringIO()
    export_events(store, fmt, buf, **filters)
    return buf.getvalue()
