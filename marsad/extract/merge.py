"""One event per (day, place, actor pair, sub-type).

Articles tell an incident several times: a lead sentence, the details, a later
toll.  The drafts made from each telling are merged here, and a lead's
area-level event is dropped when the article codes the villages it covers.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from marsad.extract.places import SPECIFIC, km, place_words
from marsad.text.normalize import normalize

__all__ = ["Draft", "same_event", "merge_into", "drop_coarse_duplicates", "place_key", "is_coarse", "close_dates"]

_SEVERITY = {
    "Suicide bomb": 2,
    "Remote explosive/landmine/IED": 1,
    "Peaceful protest": 1,
    "Protest with intervention": 2,
    "Excessive force against protesters": 3,
}


@dataclass
class Draft:
    """An event being built: the record's fields plus what merging needs."""

    event_type: str
    sub_event_type: str
    date: dt.date | None
    precision: int
    actor1: str | None
    actor2: str | None
    mention: object  # PlaceMention
    fatalities: int
    injured: int | None
    sentence_index: int
    evidence: tuple[int, int]
    why: list[str] = field(default_factory=list)
    multi_place: bool = False
    cues: frozenset[str] = frozenset()  # the event words' cue names, for the learned decision
    trigger_at: int = -1  # offset of the first event word in the text, for the learned decision
    place_in_clause: bool = False  # the place is named in the event's own clause


def close_dates(a: dt.date | None, b: dt.date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= 1


def place_key(d: Draft):
    loc = d.mention.location
    if loc is None:
        return d.mention.name_ar
    if loc.place_id:
        return loc.place_id
    if loc.lat is not None:
        return (round(loc.lat, 3), round(loc.lon, 3))
    return loc.name_ar


def same_event(a: Draft, b: Draft) -> bool:
    """Same day, place, type and sub-type, and actors that do not contradict each other."""
    if a.sub_event_type == b.sub_event_type == "Agreement":
        return True  # an agreement is one event however many clauses describe its terms
    subs = {a.sub_event_type, b.sub_event_type}
    same_sub = (
        len(subs) == 1 or subs == {"Suicide bomb", "Remote explosive/landmine/IED"} or a.event_type == b.event_type == "Protests"
    )
    # a clash between X and Y is the clash between Y and X ("اشتباكات بين قسد والتنظيم"
    # then "أسفرت عن مقتل عنصرين من قسد وثلاثة من التنظيم")
    crossed = a.event_type == "Battles" and a.actor2 is not None and {a.actor1, a.actor2} == {b.actor1, b.actor2}
    return (
        a.date == b.date
        and a.event_type == b.event_type
        and same_sub
        and place_key(a) == place_key(b)
        and (a.actor1 == b.actor1 or a.actor1 is None or b.actor1 is None or crossed)
    )


def fill_sides(m: Draft, d: Draft) -> None:
    """The sides ``m`` leaves unnamed, from another telling ``d`` — never one side twice:
    "ISIS took the quarter" told with "the SDF took it from ISIS" is ISIS and the SDF."""
    if m.actor1 is None and d.actor1 != m.actor2:
        m.actor1 = d.actor1
    if m.actor2 is None:
        if d.actor2 != m.actor1 or d.actor1 == d.actor2:
            m.actor2 = d.actor2  # (a side that fights itself, as ``d`` names it, stays both sides)


def merge_into(m: Draft, d: Draft) -> None:
    if _SEVERITY.get(d.sub_event_type, 0) > _SEVERITY.get(m.sub_event_type, 0) and d.event_type == m.event_type:
        m.sub_event_type = d.sub_event_type  # the more specific telling wins
    if m.event_type != "Strategic developments" and is_coarse(m) and not is_coarse(d):
        m.mention = d.mention  # "الغوطة الشرقية" then "دوما (12 قتيلا)": the named town
    fill_sides(m, d)
    # A figure told for this place alone beats a round-up over several places.
    if d.fatalities and (m.multi_place or not m.fatalities) and not d.multi_place:
        m.fatalities = d.fatalities
        m.multi_place = False
    else:
        m.fatalities = max(m.fatalities, d.fatalities) if not d.multi_place else m.fatalities or d.fatalities
    if d.injured is not None:
        m.injured = d.injured if (m.injured is None or not d.multi_place) else max(m.injured, d.injured)
    if d.sentence_index - m.sentence_index <= 1:
        m.evidence = (m.evidence[0], max(m.evidence[1], d.evidence[1]))
    m.cues = m.cues | d.cues
    m.why.append("merged with a later report of the same event")


def is_coarse(d: Draft) -> bool:
    name = normalize(d.mention.name_ar)
    loc = d.mention.location
    around_city = d.mention.kind == "city" and loc is not None and loc.geo_precision >= 2
    return d.mention.kind not in SPECIFIC or name.startswith(place_words().area_words) or around_city


def drop_coarse_duplicates(drafts: list[Draft]) -> list[Draft]:
    """A lead sentence's area-level event ("قصف على ريف حلب") repeats the village events told after it,
    and a city's event the events of its quarters told the same way (the same sub-type: an air strike
    on one quarter is not part of shelling of the city); the details are the record."""
    out = []
    for d in drafts:
        loc = d.mention.location
        fine = (
            [
                o
                for o in drafts
                if o is not d
                and o.event_type == d.event_type
                # strategic developments are of unlike kinds: an agreement is no lead of a handover
                and (o.event_type != "Strategic developments" or o.sub_event_type == d.sub_event_type)
                and o.mention.location is not None
                and (not is_coarse(o) or o.mention.location.geo_precision < loc.geo_precision)
                and close_dates(o.date, d.date)
                and (
                    o.mention.location.admin1 == loc.admin1
                    or (loc.lat is not None and o.mention.location.lat is not None and km(loc, o.mention.location) <= 30)
                )
            ]
            if is_coarse(d) and loc is not None
            else []
        )
        if fine:
            _fold_lead(d, fine)
            continue
        out.append(d)
    # "تعرضت أحياء مدينة حلب لقصف" then "طال القصف حي الشعار …": the city's event is the lead
    # of the quarters' events told the same way (the same sub-type), which are the record
    final = []
    for d in out:
        quarters = [
            o
            for o in out
            if o is not d
            and d.mention.kind == "city"
            and o.mention.kind == "neighbourhood"
            and o.event_type == d.event_type
            and o.sub_event_type == d.sub_event_type
            and close_dates(o.date, d.date)
            and o.mention.location
            and d.mention.location
            and o.mention.location.lat is not None
            and d.mention.location.lat is not None
            and km(o.mention.location, d.mention.location) <= 12
        ]
        if quarters:
            _fold_lead(d, quarters)
            continue
        final.append(d)
    return final


def _fold_lead(lead: Draft, details: list[Draft]) -> None:
    """What a lead says and its details do not (who was hit, the toll) is kept on them."""
    for o in details:
        fill_sides(o, lead)
    # a round-up toll over several places goes on the first one named (SPEC §3)
    if lead.fatalities and not any(o.fatalities for o in details):
        details[0].fatalities = lead.fatalities
    if lead.injured and not any(o.injured for o in details):
        details[0].injured = lead.injured
