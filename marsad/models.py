"""The records that flow between stages: an article in, events out (SPEC §1–2).

Field names are the contract read by the evaluation; keep them exactly.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

__all__ = ["Article", "Location", "Event", "ArticleEvents", "EVENT_TYPES", "SUB_EVENT_TYPES"]

SUB_EVENT_TYPES: dict[str, tuple[str, ...]] = {
    "Battles": ("Armed clash", "Government regains territory", "Non-state actor overtakes territory"),
    "Explosions/Remote violence": (
        "Chemical weapon",
        "Air/drone strike",
        "Suicide bomb",
        "Shelling/artillery/missile attack",
        "Remote explosive/landmine/IED",
        "Grenade",
    ),
    "Violence against civilians": ("Sexual violence", "Attack", "Abduction/forced disappearance"),
    "Protests": ("Peaceful protest", "Protest with intervention", "Excessive force against protesters"),
    "Riots": ("Violent demonstration", "Mob violence"),
    "Strategic developments": (
        "Agreement",
        "Arrests",
        "Change to group/activity",
        "Disrupted weapons use",
        "Headquarters or base established",
        "Looting/property destruction",
        "Non-violent transfer of territory",
        "Other",
    ),
}
EVENT_TYPES: tuple[str, ...] = tuple(SUB_EVENT_TYPES)


@dataclass(slots=True)
class Article:
    """One input article (SPEC §1)."""

    id: str
    text: str
    url: str | None = None
    outlet: str | None = None
    published: dt.date | None = None
    title: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "url": self.url,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "title": self.title,
            "text": self.text,
        }


@dataclass(slots=True)
class Location:
    name_ar: str
    name_en: str | None = None
    place_id: str | None = None
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    admin2: str | None = None
    geo_precision: int = 1

    def to_dict(self) -> dict[str, Any]:
        # spelled out: dataclasses.asdict deep-copies every value and took most of the
        # time of turning a page of 200 events into JSON
        return {
            "name_ar": self.name_ar,
            "name_en": self.name_en,
            "place_id": self.place_id,
            "lat": self.lat,
            "lon": self.lon,
            "admin1": self.admin1,
            "admin2": self.admin2,
            "geo_precision": self.geo_precision,
        }


@dataclass(slots=True)
class Event:
    """One coded event (SPEC §2).  ``versions`` stamps the data that produced it."""

    event_type: str
    sub_event_type: str
    event_date: dt.date | None
    date_precision: int
    actor1: str | None
    actor2: str | None
    location: Location
    fatalities: int
    injured: int | None
    evidence: str
    summary_en: str
    versions: dict[str, str] = field(default_factory=dict)
    explain: str | None = None  # why it was coded (only with --explain)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "event_type": self.event_type,
            "sub_event_type": self.sub_event_type,
            "event_date": self.event_date.isoformat() if self.event_date else None,
            "date_precision": self.date_precision,
            "actor1": self.actor1,
            "actor2": self.actor2,
            "location": self.location.to_dict(),
            "fatalities": self.fatalities,
            "injured": self.injured,
            "evidence": self.evidence,
            "summary_en": self.summary_en,
            "versions": dict(self.versions),
        }
        if self.explain:
            out["explain"] = self.explain
        return out

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> "Event":
        date = d.get("event_date")
        return cls(
            event_type=d["event_type"],
            sub_event_type=d["sub_event_type"],
            event_date=dt.date.fromisoformat(date) if date else None,
            date_precision=int(d.get("date_precision") or 1),
            actor1=d.get("actor1"),
            actor2=d.get("actor2"),
            location=Location(**{k: d["location"].get(k) for k in Location.__slots__ if k in d["location"]}),
            fatalities=int(d.get("fatalities") or 0),
            injured=d.get("injured"),
            evidence=d.get("evidence") or "",
            summary_en=d.get("summary_en") or "",
            versions=dict(d.get("versions") or {}),
        )


@dataclass(slots=True)
class ArticleEvents:
    """The output line for one article (SPEC §2)."""

    article_id: str
    events: list[Event]

    def to_dict(self) -> dict[str, Any]:
        return {"article_id": self.article_id, "events": [e.to_dict() for e in self.events]}
