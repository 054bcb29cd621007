"""Looking a name up: every gazetteer row it may be, best first (``marsad places``)."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from rapidfuzz import fuzz, process

from marsad.geo.gazetteer import Gazetteer, Place
from marsad.geo.names import is_arabic, name_key
from marsad.text.normalize import normalize

__all__ = ["Candidate", "lookup"]

FUZZY_CUTOFF = 80  # rapidfuzz ratio on normalised keys below which a name is no candidate
KIND_RANK = {
    "governorate": 0,
    "district": 1,
    "subdistrict": 2,
    "city": 3,
    "town": 4,
    "camp": 5,
    "site": 5,
    "neighbourhood": 6,
    "village": 7,
}


@dataclass(slots=True)
class Candidate:
    id: str
    name_ar: str
    name_en: str
    kind: str
    lat: float
    lon: float
    admin1: str
    admin2: str
    admin3: str
    match: str  # exact | prefix | fuzzy | english | id
    score: float
    source: str

    @property
    def hierarchy(self) -> str:
        return " / ".join(p for p in dict.fromkeys((self.admin3, self.admin2, self.admin1)) if p)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _cand(p: Place, match: str, score: float) -> Candidate:
    return Candidate(
        p.id, p.name_ar, p.name_en, p.kind, p.lat, p.lon, p.admin1_en, p.admin2_en, p.admin3_en, match, score, p.source
    )


@lru_cache(maxsize=2)
def _index(g: Gazetteer) -> tuple[dict[str, tuple[str, ...]], list[str], list[tuple[int, tuple[str, ...]]]]:
    """Joined Arabic keys for fuzzy search and normalised Latin names, built on first use."""
    choices = {" ".join(k): k for k in g.names}
    latin = [
        (i, tuple(normalize(n) for n in (p.name_en, *p.alt_names) if n and not is_arabic(n))) for i, p in enumerate(g.places)
    ]
    return choices, list(choices), latin


def lookup(g: Gazetteer, query: str, *, limit: int = 20) -> list[Candidate]:
    query = query.strip()
    if not query:
        return []
    found: dict[str, Candidate] = {}

    def put(p: Place, match: str, score: float) -> None:
        if p.id not in found or found[p.id].score < score:
            found[p.id] = _cand(p, match, score)

    exact = g.get(query)
    if exact is not None:
        put(exact, "id", 101.0)
    if is_arabic(query):
        key = name_key(query)
        for p in g.candidates(key):
            put(p, "exact", 100.0)
        joined = " ".join(key)
        choices, keys, _ = _index(g)
        if key:
            for k in keys:
                if k.startswith(joined + " "):
                    for i in g.names[choices[k]]:
                        put(g.places[i], "prefix", 90.0)
        for text, score, _ in process.extract(joined, keys, scorer=fuzz.ratio, limit=limit, score_cutoff=FUZZY_CUTOFF):
            for i in g.names[choices[text]]:
                put(g.places[i], "fuzzy", float(score) * 0.85)
    else:
        q = normalize(query)
        for i, names in _index(g)[2]:
            if q in names:
                put(g.places[i], "english", 100.0)
            elif any(q in n for n in names):
                put(g.places[i], "english", 80.0)
    ranked = sorted(found.values(), key=lambda c: (-c.score, KIND_RANK.get(c.kind, 9), c.admin1, c.id))
    return ranked[:limit]
