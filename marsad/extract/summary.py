"""One plain English sentence per event, made from the record alone.

A reader without Arabic must be able to use it, so it says who did what to
whom, where (with the gazetteer's English names) and when, and the toll; it
never says more than the record holds.
"""

from __future__ import annotations

from marsad.models import Event

__all__ = ["summarize"]

_VERBS: dict[str, str] = {
    "Armed clash": "clashed with",
    "Government regains territory": "regained territory from",
    "Non-state actor overtakes territory": "took territory from",
    "Chemical weapon": "used chemical weapons against",
    "Air/drone strike": "carried out an air/drone strike on",
    "Suicide bomb": "carried out a suicide bombing against",
    "Shelling/artillery/missile attack": "shelled",
    "Remote explosive/landmine/IED": "set off an explosive device against",
    "Grenade": "threw a grenade at",
    "Sexual violence": "committed sexual violence against",
    "Attack": "attacked",
    "Abduction/forced disappearance": "abducted",
    "Peaceful protest": "demonstrated",
    "Protest with intervention": "demonstrated and were dispersed by",
    "Excessive force against protesters": "demonstrated and were met with lethal force by",
    "Violent demonstration": "rioted against",
    "Mob violence": "attacked",
    "Agreement": "reached an agreement with",
    "Arrests": "arrested",
    "Change to group/activity": "changed its organisation or activity",
    "Disrupted weapons use": "defused or intercepted weapons",
    "Headquarters or base established": "established a base",
    "Looting/property destruction": "looted or destroyed property",
    "Non-violent transfer of territory": "took over territory without fighting from",
    "Other": "carried out military activity (reinforcements, patrols or exercises)",
}
_NO_OBJECT = {
    "Peaceful protest",
    "Change to group/activity",
    "Disrupted weapons use",
    "Headquarters or base established",
    "Looting/property destruction",
    "Other",
}
# lower case: they follow "On <date>, "; the sentence's first letter is raised where none does
_PASSIVE: dict[str, str] = {
    "Air/drone strike": "an air/drone strike hit",
    "Shelling/artillery/missile attack": "shelling hit",
    "Remote explosive/landmine/IED": "an explosive device went off, hitting",
    "Suicide bomb": "a suicide bombing hit",
    "Armed clash": "fighting involved",
    "Attack": "an attack hit",
    "Abduction/forced disappearance": "unnamed kidnappers abducted",
    "Arrests": "arrests were made among",
    "Chemical weapon": "a chemical attack hit",
    "Grenade": "a grenade attack hit",
}


def _when(event: Event) -> str | None:
    if event.event_date is None:
        return None
    day = event.event_date.isoformat()
    if event.date_precision == 2:
        return f"In the week to {day}"
    if event.date_precision == 3:
        return f"In the month to {day}"
    return f"On {day}"


def _where(event: Event) -> str:
    loc = event.location
    name = loc.name_en or loc.name_ar
    admin = loc.admin1 if loc.admin1 and loc.admin1 != name else None
    place = f"{name} ({admin})" if admin else name
    if loc.geo_precision == 3:
        return f"in {place} governorate" if admin is None else f"in {place}"
    if loc.geo_precision == 2:
        return f"near {place}"
    return f"in {place}"


def summarize(event: Event, labels: dict[str, str]) -> str:
    """English sentence for ``event``; ``labels`` maps actor ids to English names."""
    a1 = labels.get(event.actor1 or "", None)
    a2 = labels.get(event.actor2 or "", None)
    sub = event.sub_event_type
    if a1:
        text = f"{a1} {_VERBS.get(sub, 'acted')}"
        if sub not in _NO_OBJECT:
            text += f" {a2}" if a2 else (" unnamed targets" if sub != "Peaceful protest" else "")
    elif a2:
        text = f"{_PASSIVE.get(sub, sub.lower() + ' involving')} {a2}"
    else:
        text = f"an event of {event.event_type.lower()} ({sub.lower()}) was reported"
    toll = []
    if event.fatalities:
        toll.append(f"{event.fatalities} killed")
    if event.injured:
        toll.append(f"{event.injured} injured")
    tail = f"; {' and '.join(toll)}" if toll else ""
    body = f"{text} {_where(event)}{tail}"
    when = _when(event)
    if when is None:
        return f"{body[:1].upper()}{body[1:]}; the date is not reported."
    return f"{when}, {body}."
