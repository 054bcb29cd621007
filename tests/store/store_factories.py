"""Builders for store tests: events and articles with sensible defaults."""

from __future__ import annotations

import datetime as dt
from typing import Any

from marsad.models import Article, Event, Location

PLACES: dict[str, tuple[str, str, float, float, str, str]] = {
    # key: (name_ar, name_en, lat, lon, admin1, admin2)
    "saraqib": ("سراقب", "Saraqib", 35.8623, 36.8052, "Idlib", "Idlib"),
    "afis": ("آفس", "Afis", 35.8895, 36.8330, "Idlib", "Idlib"),  # ~3.9 km from Saraqib
    "maarrat": ("معرة النعمان", "Maarrat An Nu'man", 35.6476, 36.6749, "Idlib", "Al Ma'ra"),
    "mayadin": ("الميادين", "Mayadin", 35.0197, 40.4507, "Deir ez-Zor", "Al Mayadin"),
    "daraa": ("درعا", "Daraa", 32.6189, 36.1021, "Dar'a", "Dar'a"),
    "bab": ("الباب", "Al Bab", 36.3705, 37.5157, "Aleppo", "Al Bab"),
}


def event(
    place: str = "saraqib",
    *,
    date: str | None = "2020-01-08",
    sub: str = "Shelling/artillery/missile attack",
    etype: str | None = None,
    actor1: str | None = "SYR_GOV_ASSAD",
    actor2: str | None = "CIVILIANS",
    fatalities: int = 0,
    injured: int | None = None,
    evidence: str = "قصفت قوات النظام البلدة",
    summary: str = "Government forces shelled the town.",
    geo_precision: int = 1,
    versions: dict[str, str] | None = None,
) -> Event:
    name_ar, name_en, lat, lon, a1, a2 = PLACES[place]
    if etype is None:
        from marsad.models import SUB_EVENT_TYPES

        etype = next(t for t, subs in SUB_EVENT_TYPES.items() if sub in subs)
    return Event(
        event_type=etype,
        sub_event_type=sub,
        event_date=dt.date.fromisoformat(date) if date else None,
        date_precision=1,
        actor1=actor1,
        actor2=actor2,
        location=Location(name_ar, name_en, None, lat, lon, a1, a2, geo_precision),
        fatalities=fatalities,
        injured=injured,
        evidence=evidence,
        summary_en=summary,
        versions=dict(versions or {}),
    )


def article(n: int | str, text: str | None = None, *, outlet: str = "example.org", **kw: Any) -> Article:
    return Article(
        id=f"a{n}",
        text=text or f"نص المقال رقم {n} عن قصف في ريف إدلب الجنوبي وسقوط ضحايا مدنيين",
        url=kw.pop("url", f"https://{outlet}/news/{n}"),
        outlet=outlet,
        published=kw.pop("published", dt.date(2020, 1, 8)),
        title=kw.pop("title", f"عنوان {n}"),
    )
