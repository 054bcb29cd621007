"""Which of a clause's places an event happened at.

A sentence names many places: where the event was, where people came from
("المنحدرين من"), where a reporter sits ("مراسلنا في"), the ends of a road, a
governorate around a village.  These functions keep the first kind.
"""

from __future__ import annotations

import dataclasses
import math

from marsad.models import Location
from marsad.text.normalize import normalize
from marsad.text.tokens import Token

__all__ = ["SPECIFIC", "AREA_WORDS", "ORIGIN_PREPOSITIONS", "primary_places", "drop_nearby_duplicates", "governing_preposition", "in_parentheses", "km"]

SPECIFIC = {"city", "town", "village", "neighbourhood", "site", "camp"}
_REPORTERS = {"مراسل", "مراسله", "مراسلنا", "مراسلتنا", "مراسلو", "ناشطون", "ناشطين", "ناشط", "مصادر", "مصدر", "فريق", "شبكه",
              "مكتب", "مرصد", "المرصد", "موقع", "وكاله", "اعلامي", "اعلاميون", "الدفاع", "المدني", "مديريه", "صحه", "مشفي", "مستشفي"}
_TRAVEL = ("توجه", "متوجه", "عودته", "عودتها", "عودتهم", "عائدا", "طريقه", "طريقها", "طريقهم", "سفره", "ذهابه", "رحلته")
_ROADS = {"طريق", "الطريق", "اوتوستراد", "الاوتوستراد", "اتوستراد", "الاتوستراد", "طرق", "اوتستراد"}
_PREPOSITIONS = {"في", "علي", "الي", "نحو", "باتجاه", "قرب", "عند", "داخل", "بين", "من", "منطلقا", "انطلاقا", "المنحدرين",
                 "المنحدر", "ينحدر", "ينحدرون", "قادمه", "قادمين", "نازحين", "النازحين", "محيط", "اطراف"}
ORIGIN_PREPOSITIONS = {"من", "منطلقا", "انطلاقا", "المنحدرين", "المنحدر", "ينحدر", "ينحدرون", "قادمه", "قادمين", "نازحين", "النازحين"}
_KIN_WORDS = {"ابناء", "ابن", "ابنه", "ابنا"}  # "من أبناء مدينة X": a native of X
_PLACE_WORDS = {"قريه", "مدينه", "بلده", "بلدات", "قري", "مدن", "مدينتي", "قريتي", "بلدتي", "حي", "مخيم", "منطقه", "ريف"}


AREA_WORDS = ("شرق", "غرب", "شمال", "جنوب", "ريف", "محيط", "بادي", "اطراف", "منطقه")




def km(a: Location, b: Location) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def in_parentheses(text: str, pos: int) -> bool:
    """A place inside "( … )" names a road or an aside, not where the event was."""
    opening = text.rfind("(", max(0, pos - 60), pos)
    return opening != -1 and ")" not in text[opening:pos]


def primary_places(mentions: list, tokens: list[Token], text: str | None = None) -> list:
    """The places a clause's event happened at: not origins, not containers, not road ends."""
    if not mentions:
        return mentions
    def is_container(m) -> bool:
        around = m.kind == "city" and m.location is not None and m.location.geo_precision >= 2 \
            and normalize(m.name_ar).startswith(AREA_WORDS)
        return m.kind not in SPECIFIC or around

    specific = [m for m in mentions if not is_container(m)]
    keep = []
    for m in mentions:
        if is_container(m) and specific and m.location and any(
            s.location and s.location.admin1 == m.location.admin1 for s in specific
        ):
            continue  # a governorate/district/area that contains a named place
        keep.append(m)
    if len(keep) > 1 and text is not None:
        outside = [m for m in keep if not in_parentheses(text, m.start)]
        keep = outside or keep
    if len(keep) > 1:
        roles = {id(m): governing_preposition(m, tokens, mentions) for m in keep}
        located = [m for m in keep if roles[id(m)] not in ORIGIN_PREPOSITIONS | {"بين", "طريق", "reporter", "ك", "travel"}]
        roads = [m for m in keep if roles[id(m)] == "طريق"]
        if not located and roads:
            return [_on_the_road(roads[-1])]
        keep = located or keep[-1:]
    elif keep and governing_preposition(keep[0], tokens, mentions) in ORIGIN_PREPOSITIONS | {"reporter", "ك", "travel"}:
        return []  # the only place named is where someone comes from or reports from
    keep = drop_nearby_duplicates(keep)
    coarse = [m for m in keep if m.kind not in SPECIFIC]
    if len(coarse) > 1:  # several areas of one region: the first-named one
        keep = [m for m in keep if m.kind in SPECIFIC or m is coarse[0]]
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


def drop_nearby_duplicates(mentions: list) -> list:
    """A neighbourhood or site and the city it lies in are one place for an event."""
    rank = {"neighbourhood": 0, "site": 0, "camp": 0, "village": 1, "town": 2, "city": 3}
    out = list(mentions)
    for a in mentions:
        for b in mentions:
            if a is b or a not in out or b not in out or not (a.location and b.location):
                continue
            if a.location.lat is None or b.location.lat is None:
                continue
            inside = b.kind == "city" or (b.kind == "town" and rank.get(a.kind) == 0)  # a quarter of a town
            if a.kind in rank and b.kind in rank and rank[a.kind] < rank[b.kind] and inside \
                    and km(a.location, b.location) <= 12:
                out.remove(b)  # the finer place: "حي الأشرفية بمدينة عفرين" is one event, in that quarter
    return out

def governing_preposition(mention, tokens: list[Token], mentions: list) -> str | None:
    """The preposition that governs a place, walking back over lists ("من حلب، إدلب وحماة")."""
    idx = next((k for k, t in enumerate(tokens) if t.start <= mention.start < t.end), None)
    if idx is None:
        return None
    head = tokens[idx].norm
    if head.startswith("من") and not normalize(mention.name_ar).startswith("من"):
        return "من"
    spans = [(m.start, m.end) for m in mentions]
    k = idx - 1
    steps = 0
    while k >= 0 and steps < 12:
        t = tokens[k]
        norm = t.norm
        if norm in _ROADS:
            return "طريق"
        if norm in _PREPOSITIONS:
            if norm == "في" and any(tokens[j].norm in _REPORTERS for j in range(max(0, k - 3), k)):
                return "reporter"  # "وأفاد مراسلنا في حلب"
            if norm == "الي" and k > 0 and tokens[k - 1].norm.startswith(_TRAVEL):
                return "travel"  # "أثناء توجهه إلى الحسكة": where the victim was going
            return norm
        if norm.startswith("و") and norm[1:] in _PREPOSITIONS:
            return norm[1:]
        if norm.startswith("ك") and norm[1:] in _PLACE_WORDS:
            return "ك"  # "كقرية كشتعار": named as an example, not as the place of the event
        inside_place = any(a <= t.start < b for a, b in spans)
        if norm in _KIN_WORDS and k > 0 and tokens[k - 1].norm in ("من", "وهو", "هو"):
            return "من"  # "طبيب من أبناء مدينة تلبيسة": where he is from
        if norm in ("اتجاه", "جهه", "ناحيه") and k > 0 and tokens[k - 1].norm == "من":
            return "من"  # "من اتجاه الجولان": where the aircraft came from
        if not (inside_place or norm in _PLACE_WORDS or norm in {"و"} or normalize(t.text) in {"محافظات", "محافظه", "مناطق"}):
            return None
        k -= 1
        steps += 1
    return None
