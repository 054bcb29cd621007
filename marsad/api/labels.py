"""Display names for the values the page shows: actors, governorates, districts.

Read from the packaged lexicon (``actors.yaml``: ``label`` / ``label_ar``) and
gazetteer outlines (``name_en`` / ``name_ar``), once.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from marsad.resources import data_path, load_yaml

__all__ = ["labels"]


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
