"""Which of a clause's places an event happened at.

A sentence names many places: where the event was, where people came from
("المنحدرين من"), where a reporter sits ("مراسلنا في"), the ends of a road, a
governorate around a village.  These functions keep the first kind.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass

from marsad.extract.context import listed_together
from marsad.extract.lexicon import load_word_lists
from marsad.models import Location
from marsad.text.normalize import normalize
from marsad.text.tokens import Token, stems

__all__ = [
    "SPECIFIC",
    "ORIGIN_PREPOSITIONS",  # noqa: F822 - served by the module __getattr__ (read from place_roles.yaml)
    "PlaceWords",
    "place_words",
    "primary_places",
    "drop_nearby_duplicates",
    "drop_dateline",
    "governing_preposition",
    "in_parentheses",
    "measures_distance",
    "token_at",
    "km",
]  # noqa: F822 (ORIGIN_PREPOSITIONS: __getattr__)

SPECIFIC = {"city", "town", "village", "neighbourhood", "site", "camp"}

# what governing_preposition returns besides a preposition of the text
ROAD, REPORTER, EXAMPLE, TRAVEL, ORIGIN, DISTANCE = "road", "reporter", "example", "travel", "origin", "distance"


@dataclass(frozen=True, slots=True)
class PlaceWords:
    """The word lists of ``lexicon/place_roles.yaml`` (what each one does is told there)."""

    prepositions: frozenset[str]
    origin_prepositions: frozenset[str]
    between_prepositions: frozenset[str]
    attached_origin: tuple[str, ...]
    attached_prepositions: tuple[str, ...]
    reporter_prepositions: frozenset[str]
    reporters: frozenset[str]
    travel_prepositions: frozenset[str]
    travel: tuple[str, ...]
    roads: frozenset[str]
    road_adjectives: frozenset[str]
    place_words: frozenset[str]
    region_words: frozenset[str]
    kin_words: frozenset[str]
    kin_before: frozenset[str]
    not_from_before: frozenset[str]
    direction_words: frozenset[str]
    direction_before: frozenset[str]
    positions: frozenset[str]
    distance_units: frozenset[str]
    area_words: tuple[str, ...]

    @property
    def origins(self) -> frozenset[str]:
        """What :func:`governing_preposition` returns for a place someone comes from."""
        return self.origin_prepositions | {ORIGIN}


def place_words() -> PlaceWords:
    """The place-role word lists, with the user's additions (cached by the loader)."""
    return load_word_lists("place_roles.yaml", PlaceWords)


def __getattr__(name: str) -> object:
    # once a constant here: read from the lexicon when asked for
    if name == "ORIGIN_PREPOSITIONS":
        return place_words().origins
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def km(a: Location, b: Location) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def in_parentheses(text: str, pos: int) -> bool:
    """A place inside "( … )" names a road or an aside, not where the event was."""
    opening = text.rfind("(", max(0, pos - 60), pos)
    return opening != -1 and ")" not in text[opening:pos]


def primary_places(mentions: list, tokens: list[Token], text: str | None = None) -> list:
    """The places a clause's event happened at: not origins, not containers, not road ends.
    The points distances are measured from (:func:`measures_distance`) are no candidates at
    all, not even the last resort an origin is: the caller leaves them out."""
    if not mentions:
        return mentions
    w = place_words()

    def is_container(m) -> bool:
        around = (
            m.kind == "city"
            and m.location is not None
            and m.location.geo_precision >= 2
            and normalize(m.name_ar).startswith(w.area_words)
        )
        return m.kind not in SPECIFIC or around

    specific = [m for m in mentions if not is_container(m)]
    keep = []
    for m in mentions:
        if (
            is_container(m)
            and specific
            and m.location
            and any(s.location and s.location.admin1 == m.location.admin1 for s in specific)
        ):
            continue  # a governorate/district/area that contains a named place
        keep.append(m)
    if len(keep) > 1 and text is not None:
        outside = [m for m in keep if not in_parentheses(text, m.start)]
        keep = outside or keep
    if len(keep) > 1:
        roles = {id(m): governing_preposition(m, tokens, mentions) for m in keep}
        located = [m for m in keep if roles[id(m)] not in w.origins | w.between_prepositions | {ROAD, REPORTER, EXAMPLE, TRAVEL}]
        roads = [m for m in keep if roles[id(m)] == ROAD]
        if not located and roads:
            return [_on_the_road(roads[-1])]
        keep = located or keep[-1:]
    elif keep and governing_preposition(keep[0], tokens, mentions) in w.origins | {REPORTER, EXAMPLE, TRAVEL}:
        return []  # the only place named is where someone comes from or reports from
    keep = drop_nearby_duplicates(keep, text)
    coarse = [m for m in keep if m.kind not in SPECIFIC]
    if len(coarse) > 1:  # several areas of one region: the first-named one, a governorate's district before it
        finer = [m for m in coarse if m.kind != "governorate"]
        first = coarse[0]
        if (
            first.kind == "governorate"
            and finer
            and finer[0].location
            and first.location
            and finer[0].location.admin1 == first.location.admin1
        ):
            first = finer[0]  # "في محافظة حمص … في منطقة القصير": the district
        keep = [m for m in keep if m.kind in SPECIFIC or m is first]
    seen, out = set(), []
    for m in keep:
        key = (m.location.place_id or m.name_ar) if m.location else m.name_ar
        if key not in seen:
            seen.add(key)
            out.append(m)
    return out


def _on_the_road(m):
    """'على طريق الرقة – الطبقة': somewhere on the road, by its last-named end (SPEC §2: precision 2)."""
    if m.location is None or m.location.geo_precision >= 2:
        return m
    return dataclasses.replace(m, location=dataclasses.replace(m.location, geo_precision=2))


def drop_nearby_duplicates(mentions: list, text: str | None = None) -> list:
    """A neighbourhood or site and the city it lies in are one place for an event, and so
    are a village or town and the city it is said to be in ("ضاحية حرستا بدمشق"); but a
    town listed beside a city ("الرستن وتلبيسة") is a place of its own."""
    rank = {"neighbourhood": 0, "site": 0, "camp": 0, "village": 1, "town": 2, "city": 3}
    out = list(mentions)
    for a in mentions:
        for b in mentions:
            if a is b or a not in out or b not in out or not (a.location and b.location):
                continue
            if a.location.lat is None or b.location.lat is None:
                continue
            inside = b.kind == "city" or (b.kind == "town" and rank.get(a.kind) == 0)  # a quarter of a town
            if rank.get(a.kind) != 0 and text is not None and listed_together(a, b, text):
                inside = False
            if a.kind in rank and b.kind in rank and rank[a.kind] < rank[b.kind] and inside and km(a.location, b.location) <= 12:
                out.remove(b)  # the finer place: "حي الأشرفية بمدينة عفرين" is one event, in that quarter
    return out


#: a dateline opens one of the article's first lines, within this many characters of its start
DATELINE_WITHIN = 400
_DATELINE_MARKS = "(/-–—"


def drop_dateline(mentions: list, text: str, sentence_end: int) -> list:
    """Without the city a wire story was filed from, when its sentence names another place.

    "دمشق 19 ديسمبر 2016 (شينخوا) شن تنظيم داعش هجوماً على مطار التيفور …",
    "دمشق / سوا / قُتل 27 شخصاً … في مدينة السويداء": the dateline's city opens a
    line near the top, followed by a date, an agency in parentheses, or a slash or
    dash; the event is at the other place.  A dateline city that is the sentence's
    only place is kept: local outlets file from the place they report on.
    ``sentence_end`` is where the dateline's sentence ends in ``text``.
    """
    if len(mentions) < 2:
        return mentions
    first = mentions[0]
    if first.start > DATELINE_WITHIN or text[text.rfind("\n", 0, first.start) + 1 : first.start].strip():
        return mentions  # not the first word of its line
    if not any(first.start < m.start < sentence_end and m.name_ar != first.name_ar for m in mentions[1:]):
        return mentions
    after = text[first.end : first.end + 40].lstrip(" ،,")
    if after[:1] in _DATELINE_MARKS or _opens_with_date(after):
        return mentions[1:]
    return mentions


def _opens_with_date(after: str) -> bool:
    from marsad.text.dates import find_dates

    found = find_dates(after)
    return bool(found) and found[0].start <= 1 and found[0].kind == "explicit"


def token_at(tokens: list[Token], offset: int) -> int | None:
    """Index of the token holding the character at ``offset``, or None."""
    return next((k for k, t in enumerate(tokens) if t.start <= offset < t.end), None)


def measures_distance(mention, tokens: list[Token]) -> bool:
    """Is the place the point a distance is measured from ("(68 كم شمال غرب حماة)", "على
    بعد 240 كيلومترا شمالي دمشق")?  Such a place is never where the event was."""
    idx = token_at(tokens, mention.start)
    return idx is not None and _after_distance(tokens, idx, place_words())


def _after_distance(tokens: list[Token], idx: int, w: PlaceWords) -> bool:
    return idx > 0 and tokens[idx - 1].norm.lstrip("0123456789.,") in w.distance_units


def governing_preposition(mention, tokens: list[Token], mentions: list) -> str | None:
    """The preposition that governs a place, walking back over lists ("من حلب، إدلب وحماة").

    A preposition of the text (normalised), or one of ROAD ("على طريق X"), REPORTER
    ("مراسلنا في X"), TRAVEL ("توجهه إلى X"), EXAMPLE ("كقرية X"), ORIGIN ("من
    أبناء X", "من اتجاه X") and DISTANCE ("68 كم شمال X"); None when nothing governs it.
    """
    idx = token_at(tokens, mention.start)
    if idx is None:
        return None
    w = place_words()
    head = tokens[idx].norm
    if head.startswith(w.attached_origin) and not normalize(mention.name_ar).startswith(w.attached_origin):
        return ORIGIN
    if _after_distance(tokens, idx, w):
        return DISTANCE  # "(68 كم شمال غرب حماة)": the point a distance is measured from
    spans = [(m.start, m.end) for m in mentions]
    k = idx - 1
    steps = 0
    while k >= 0 and steps < 12:
        t = tokens[k]
        norm = t.norm
        if any(f in w.roads for f in stems(norm)):
            return ROAD  # "على طريق X", "والأوتستراد الدولي"
        if norm in w.prepositions:
            if k > 0 and tokens[k - 1].norm in w.not_from_before:
                k -= 2  # "كل من X وY", "أجزاء من X", "بالقرب من X": no "from"; a preposition before it may govern
                steps += 1
                continue
            if norm in w.reporter_prepositions and any(tokens[j].norm in w.reporters for j in range(max(0, k - 3), k)):
                return REPORTER  # "وأفاد مراسلنا في حلب"
            if norm in w.travel_prepositions and k > 0 and tokens[k - 1].norm.startswith(w.travel):
                return TRAVEL  # "أثناء توجهه إلى الحسكة": where the victim was going
            if k > 1 and tokens[k - 1].norm in w.positions and tokens[k - 2].norm in w.direction_before:
                return ORIGIN  # "من مواقعها في معسكر جورين": where the fire came from
            return norm
        if norm.startswith("و") and norm[1:] in w.prepositions:
            return norm[1:]
        if norm.startswith("ك") and norm[1:] in w.place_words:
            return EXAMPLE  # "كقرية كشتعار": named as an example, not as the place of the event
        inside_place = any(a <= t.start < b for a, b in spans)
        if norm in w.kin_words and k > 0 and tokens[k - 1].norm in w.kin_before:
            return ORIGIN  # "طبيب من أبناء مدينة تلبيسة": where he is from
        if norm in w.direction_words and k > 0 and tokens[k - 1].norm in w.direction_before:
            return ORIGIN  # "من اتجاه الجولان": where the aircraft came from
        if norm in w.road_adjectives and k > 0 and any(f in w.roads for f in stems(tokens[k - 1].norm)):
            return ROAD  # "الطريق الدولي حلب – دمشق"
        if not (inside_place or norm in w.place_words or norm == "و" or normalize(t.text) in w.region_words):
            return None
        k -= 1
        steps += 1
    return None
