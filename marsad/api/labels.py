"""Display names for the values the page shows: actors, governorates, districts.

Read from the packaged lexicon (``actors.yaml``: ``label`` / ``label_ar``) and
gazetteer outlines (``name_en`` / ``name_ar``), once.
"""

from __future__ import annotations

import csv
import json
from functools import lru_cache
from typing import Any

from marsad.resources import data_path, load_user_yaml, load_yaml

__all__ = ["labels", "actor_catalogue", "resolve_actor", "place_labels", "place_labels_json"]


def _outline_names(name: str) -> dict[str, dict[str, str]]:
    data = json.loads(data_path("gazetteer", name).read_text(encoding="utf-8"))
    out: dict[str, dict[str, str]] = {}
    for feat in data.get("features", []):
        p = feat.get("properties") or {}
        if p.get("name_en"):
            out[p["name_en"]] = {"en": p["name_en"], "ar": p.get("name_ar") or p["name_en"]}
    return out


@lru_cache(maxsize=1)
def labels() -> dict[str, Any]:
    actors: dict[str, dict[str, str]] = {}
    for a in load_yaml("lexicon", "actors.yaml").get("actors", []):
        aliases = a.get("aliases") or []
        actors[a["id"]] = {"en": a.get("label", a["id"]), "ar": a.get("label_ar") or (aliases[0] if aliases else a["id"])}
    return {"actor": actors, "admin1": _outline_names("admin1.geojson"), "admin2": _outline_names("admin2.geojson")}


def actor_catalogue() -> list[dict[str, Any]]:
    """The actors an event can name (SPEC §4 ids): packaged catalogue plus the user's
    ``<user_data>/actors.yaml``, each ``{"id", "label", "label_ar", "aliases"}``."""
    out: dict[str, dict[str, Any]] = {}
    user = load_user_yaml("actors.yaml") or {}
    for a in [*load_yaml("lexicon", "actors.yaml").get("actors", []), *(user.get("actors") or [])]:
        if not isinstance(a, dict) or not a.get("id"):
            continue
        entry = out.setdefault(
            str(a["id"]),
            {"id": str(a["id"]), "label": str(a.get("label") or a["id"]), "label_ar": a.get("label_ar"), "aliases": []},
        )
        entry["aliases"].extend(str(x) for x in a.get("aliases") or [] if str(x) not in entry["aliases"])
    return list(out.values())


def resolve_actor(value: str) -> str | None:
    """The actor id ``value`` names: an id (any case), the English or Arabic label,
    or an Arabic alias (compared normalised).  None when it names no actor."""
    from marsad.text.normalize import normalize

    wanted = value.strip().casefold()
    wanted_ar = normalize(value.strip())
    catalogue = actor_catalogue()
    for a in catalogue:
        if a["id"].casefold() == wanted or a["label"].casefold() == wanted:
            return a["id"]
    for a in catalogue:
        names = [a["label_ar"], *a["aliases"]] if a["label_ar"] else a["aliases"]
        if any(normalize(n) == wanted_ar for n in names):
            return a["id"]
    return None


def _label_zoom(kind: str, population: int) -> int | None:
    """The map zoom from which a place's name is drawn: governorates and large cities
    first, towns, then villages as one zooms in (None: not labelled)."""
    if kind == "governorate":
        return 5
    if kind == "city":
        return 6 if population >= 300_000 else 7
    if kind == "town":
        return 8 if population >= 30_000 else 9
    if kind == "village":
        return 11
    return None  # districts, subdistricts (their seats are towns), sites, neighbourhoods


@lru_cache(maxsize=1)
def place_labels() -> dict[str, Any]:
    """Names for the offline map, from the packaged gazetteer: ``{"fields": [...],
    "rows": [[name_en, name_ar, lat, lon, min_zoom], ...]}``, most important first
    (lowest zoom, then population), one row per distinct name and spot; ``min_zoom``
    5 marks a governorate."""
    rows: list[tuple[int, int, list[Any]]] = []
    seen: set[tuple[str, float, float]] = set()
    with data_path("gazetteer", "places.csv").open(encoding="utf-8", newline="") as fh:
        for r in csv.DictReader(fh):
            try:
                population = int(float(r.get("population") or 0))
                lat, lon = round(float(r["lat"]), 4), round(float(r["lon"]), 4)
            except ValueError:
                continue
            zoom = _label_zoom(r.get("kind", ""), population)
            if zoom is None or not (r.get("name_en") or r.get("name_ar")):
                continue
            key = (r.get("name_ar", ""), round(lat, 2), round(lon, 2))
            if key in seen:
                continue
            seen.add(key)
            rows.append((zoom, -population, [r.get("name_en") or r["name_ar"], r.get("name_ar") or r["name_en"], lat, lon, zoom]))
    rows.sort(key=lambda x: (x[0], x[1]))
    return {"fields": ["name_en", "name_ar", "lat", "lon", "min_zoom"], "rows": [r for _, _, r in rows]}


@lru_cache(maxsize=1)
def place_labels_json() -> tuple[bytes, bytes]:
    """:func:`place_labels` as JSON bytes, plain and gzipped (built once)."""
    import gzip

    body = json.dumps(place_labels(), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return body, gzip.compress(body, 6)
