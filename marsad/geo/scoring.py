"""What the place chooser weighs: the evidence weights and priors, name folding, and the
:class:`Choice` a mention resolves to (with :func:`to_location`, its SPEC location).

The weights are explained in :mod:`marsad.geo.choose`, which uses them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from marsad.geo.gazetteer import Place
from marsad.geo.raw import Raw
from marsad.models import Location
from marsad.text.normalize import normalize

__all__ = ["Choice", "to_location"]


# Scores (tuned on hand-written cases; see tests/geo/test_cases.py).
W_ANCHOR = 8.0  # the name is located by the place right after it
W_ANCHOR_CLOSE = 1.0  # ... and lies this much closer to a town anchor (scaled by distance)
W_ANCHOR_MISS = -4.0  # the anchor names another governorate
W_DIRECTION = 1.5  # "X جنوب حماة": a row of X south of the town, against one to its north
W_GOV_SENTENCE = 3.0  # the candidate's governorate is named in the same sentence
W_GOV_ARTICLE = 1.5  # ... elsewhere in the article or title
W_DIST_SENTENCE = 2.5  # same for its district
W_DIST_ARTICLE = 1.0
W_NEAR_SENTENCE = 3.0  # another place of the same sentence lies close (scaled by distance)
W_NEAR_ARTICLE = 1.5
NEAR_KM = 50.0  # beyond this, another place is no evidence
SPELLING_ANCHOR_KM = 50.0  # a near spelling outside the district of the settlement that locates it lies this close to it
ANCHOR_CITY_KM = 15.0  # a town this far from a city named to place it lies outside it: the name is the governorate
ANCHOR_KM = 80.0  # a settlement anchor: candidates of its governorate within this distance fit
FUZZY_ANCHORED = 80  # rapidfuzz ratio for a name located by an anchor ("كفرسجة"/"كفرسجنة")
FUZZY_FIRST_LETTER = 88  # ... when the first letters differ
FUZZY_SAME_SOUND = 90  # score given to a name that differs only in confusable letters
FUZZY_SENTENCE = 85  # ... located only by a governorate named in its sentence
SKELETON_MIN = 4  # names with this many consonants, the same, differ only in vowels (see _skeleton)
SAME_PLACE_KM = 10.0
LIST_KM = 15.0  # a variant spelling this close to the other villages of its list is the one meant
CONFIDENT_MARGIN = 2.5  # a winner this far ahead counts as resolved without doubt
NEIGHBOURHOOD_KM = (
    15.0  # a "حي X" row must lie this close to its city  # candidates this close are one place written twice (OCHA + GeoNames)
)
PRIOR_KIND = {"city": 1.2, "town": 0.8, "camp": 0.3, "village": 0.0, "neighbourhood": 0.2, "site": 0.5}
PRIOR_OCHA = 0.4  # an OCHA community (C-code) over a GeoNames-only duplicate
PRIOR_POPULATION = 0.3
PRIOR_CAPITAL = {
    "OCHA_CAPITAL_LVL1": 3.0,
    "PPLA": 3.0,
    "OCHA_CAPITAL_LVL2": 1.5,
    "PPLA2": 1.5,
    "OCHA_CAPITAL_LVL3": 0.5,
    "PPLA3": 0.5,
}
# A one-word name with a row of these kinds may stand without a cue.
PROMINENT_KINDS = frozenset({"city", "town", "site", "camp", "governorate", "district", "subdistrict"})
SETTLEMENT_LIKE = frozenset({"city", "town", "village", "camp", "neighbourhood", "site"})
# Type-word families after which a Syrian row of a foreign name wins ("قرية الموصل").
_LOCAL_FAMILIES = frozenset({"settlement", "neighbourhood", "camp", "site"})
_DASH_PAIR = re.compile(r"^[\s\"'“”«»()]*[-–—][\s\"'“”«»()]*$")


_normalize_name = lru_cache(maxsize=50_000)(normalize)  # names recur across articles


def _in_direction(c: Place, anchor: Place, direction: str) -> bool:
    """Does ``c`` lie in ``direction`` ("south", "north-west" …) of ``anchor``?"""
    north, east = c.lat - anchor.lat, (c.lon - anchor.lon) * math.cos(math.radians(anchor.lat))
    sides = {"north": north > 0, "south": north < 0, "east": east > 0, "west": east < 0}
    parts = [d for d in direction.split("-") if d in sides]
    return bool(parts) and all(sides[d] for d in parts)


def _is_foreign(r: Raw) -> bool:
    """A foreign name, unless a type word asks for the Syrian row of that name."""
    return bool(r.foreign) and not (r.family in _LOCAL_FAMILIES and r.cands)


# Letters that transliteration from Kurdish/Turkish/colloquial forms confuses:
# two spellings that differ only in these are the same name ("هيمو"/"حيمو").
_SOUND_FOLD = str.maketrans({"ح": "ه", "ع": "ا", "ء": "ا", "ص": "س", "ث": "س", "ط": "ت", "ض": "د", "ظ": "ز", "ذ": "ز", "ق": "ك"})


def _fold(s: str) -> str:
    return s.translate(_SOUND_FOLD)


_VOWELS = re.compile(r"[اويىءآأإ]")


def _skeleton(s: str) -> str:
    """The consonants of a joined name key, first letter kept: Kurdish and
    colloquial names are written with and without their long vowels
    ("صوغوناكه"/"صوغانه", "ديرنا آغي"/"ديروانا آغا")."""
    return _fold(s[:1] + _VOWELS.sub("", s[1:]).rstrip("ه"))


# type-word family -> the kind of row it asks for
_FAMILY_KIND = {
    "district": "district",
    "subdistrict": "subdistrict",
    "neighbourhood": "neighbourhood",
    "camp": "camp",
    "site": "site",
}
_SENT_END = re.compile(r"[.!?؟\n؛]")


@dataclass(slots=True)
class Choice:
    """What a raw mention resolved to."""

    place: Place | None
    precision: int
    kind: str
    why: str
    via: Place | None = None  # for an unknown name: the place whose point is used
    ambiguous: bool = False


class _Evidence:
    """Admin units named in the article, with where."""

    def __init__(self) -> None:
        self.items: list[tuple[int, int, str, str]] = []  # (sentence, offset, level, id)
        self.raws: list[Raw] = []  # the mentions of the text being resolved

    def add(self, sentence: int, offset: int, level: str, uid: str) -> None:
        if uid:
            self.items.append((sentence, offset, level, uid))


def to_location(name_ar: str, choice: Choice) -> Location | None:
    p = choice.place or choice.via
    if p is None:
        return None
    precision = choice.precision
    admin2 = p.admin2_en or None
    if precision == 3 or p.kind == "governorate":
        admin2 = None
    return Location(
        name_ar=name_ar,
        name_en=choice.place.name_en if choice.place else None,
        place_id=choice.place.id if choice.place else None,
        lat=round(p.lat, 6),
        lon=round(p.lon, 6),
        admin1=p.admin1_en or None,
        admin2=admin2,
        geo_precision=precision,
    )
