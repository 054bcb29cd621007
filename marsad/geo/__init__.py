"""PLACES: Syrian places named in Arabic text, resolved to the gazetteer.

::

    from marsad.geo import PlaceResolver
    for m in PlaceResolver().find(article_text, context=title):
        print(m.name_ar, m.location, m.explanation)

The gazetteer (``marsad/data/gazetteer``: OCHA/OpenSyria/GeoNames rows,
neighbourhoods, sites, curated aliases, areas, common words, foreign places)
is loaded once by :func:`load_gazetteer`; its version (:data:`GAZETTEER_VERSION`
/ :func:`gazetteer_version`) is stamped on every event.  How resolution works
and how a user adds a place: ``docs/places.md``.
"""

from __future__ import annotations

from marsad.geo.gazetteer import Gazetteer, Place, gazetteer_attribution, gazetteer_version, load_gazetteer
from marsad.geo.lookup import Candidate
from marsad.geo.resolver import PlaceMention, PlaceResolver, mentions_in

__all__ = [
    "Gazetteer",
    "Place",
    "PlaceMention",
    "PlaceResolver",
    "Candidate",
    "load_gazetteer",
    "gazetteer_version",
    "gazetteer_attribution",
    "lookup_places",
    "mentions_in",
    "GAZETTEER_VERSION",
]


def lookup_places(query: str, limit: int = 20) -> list[Candidate]:
    """Candidates for a place name (Arabic or English) or id, best first."""
    return PlaceResolver().lookup(query, limit=limit)


def __getattr__(name: str) -> str:
    # GAZETTEER_VERSION is computed on first use, so importing marsad.geo stays cheap.
    if name == "GAZETTEER_VERSION":
        return gazetteer_version()
    raise AttributeError(f"module 'marsad.geo' has no attribute {name!r}")
