"""Formulaic reports: one outlet's daily template, a different village, day and toll
each time.  They look alike to MinHash but are different incidents: every one must
be stored with its text, processed, and kept as its own event (issue 13, defect 1).
And the same incident told by two outlets in different words is one event."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from marsad.runs import ingest, process
from marsad.store import open_store

# Villages of southern Idlib and the Jisr al-Shughur plain, several only 3-6 km apart
# (Kansafra - Bara - Ehsem), as the gazetteer spells them.
VILLAGES = ["كنصفرة", "البارة", "إحسم", "جسر الشغور", "سراقب", "أريحا", "كفرنبل", "معرة النعمان", "بنش", "سرمين", "كفرومة", "حاس"]
DAYS = 10
START = dt.date(2021, 1, 1)
WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]
TOLL_WORDS = {2: "اثنان", 3: "ثلاثة", 4: "أربعة", 5: "خمسة", 6: "ستة", 7: "سبعة"}


def _template(village: str, toll: int, day: dt.date) -> tuple[str, str]:
    title = f"قصف مدفعي على {village} بريف إدلب"
    text = (
        f"إدلب - وكالة المرصد اليومي\n"
        f"قتل {TOLL_WORDS[toll]} مدنيين وأصيب آخرون، اليوم {WEEKDAYS[day.weekday()]}، جراء قصف مدفعي لقوات النظام على بلدة {village} "
        f"في ريف إدلب، بحسب ما أفاد مراسل الوكالة. وأضاف المراسل أن القصف استهدف منازل المدنيين "
        f"وأن فرق الدفاع المدني عملت على انتشال الضحايا ونقل المصابين إلى المشافي القريبة."
    )
    return title, text


def _formulaic(path: Path) -> list[dict]:
    rows = []
    for d in range(DAYS):
        day = START + dt.timedelta(days=d)
        for v, village in enumerate(VILLAGES):
            toll = 2 + (d + v) % 6
            title, text = _template(village, toll, day)
            rows.append(
                {
                    "id": f"r{d}-{v}",
                    "url": f"https://daily.example/{day}/{v}",
                    "outlet": "daily.example",
                    "published": day.isoformat(),
                    "title": title,
                    "text": text,
                    "_village": village,
                    "_day": day.isoformat(),
                    "_toll": toll,
                }
            )
    path.write_text(
        "\n".join(json.dumps({k: x for k, x in r.items() if not k.startswith("_")}, ensure_ascii=False) for r in rows) + "\n",
        encoding="utf-8",
    )
    return rows


def test_formulaic_reports_are_all_kept_and_never_merged(db_url: str, tmp_path: Path) -> None:
    rows = _formulaic(tmp_path / "daily.jsonl")
    report = ingest([str(tmp_path / "daily.jsonl")], db=db_url, quiet=True)
    # Nothing swallowed: every article stored (the template makes most of them near-duplicates: linked only).
    assert report.stored == len(rows) == 120 and report.skipped == 0 and report.duplicates == 0
    assert report.near_duplicates > 50  # they do look alike: the link is kept, the text too
    proc = process(db=db_url, quiet=True)
    assert proc.articles == len(rows) and proc.errors == 0
    with open_store(db_url) as store:
        counts = store.counts()
        assert counts["articles"] == 120 and counts["pending"] == 0
        by_url = {r["url"]: r for r in rows}
        events = list(store.iter_events())
        # Every report found its incident ...
        assert counts["event_sources"] == 120 and len(events) == 120
        for item in events:
            # ... and no event joins two reports (different village or day): 0 wrongly merged.
            assert len(item.sources) == 1, [s.url for s in item.sources]
            row = by_url[item.sources[0].url]
            assert item.event.event_date.isoformat() == row["_day"]
            assert item.event.location.name_ar.replace("إ", "ا") == row["_village"].replace("إ", "ا")
            assert item.event.fatalities == row["_toll"]
        for _, article in store.pending_articles(reprocess=True):
            assert article.text == next(r["text"] for r in rows if r["url"] == article.url)


SAME_INCIDENT = [
    {
        "id": "s1",
        "url": "https://first.example/kansafra",
        "outlet": "first.example",
        "published": "2021-01-05",
        "title": "قتلى بقصف على كنصفرة",
        "text": "قتل أربعة مدنيين، اليوم الثلاثاء، جراء قصف مدفعي لقوات النظام على بلدة كنصفرة في جبل الزاوية "
        "جنوبي إدلب، وفق ما أفاد الدفاع المدني.",
    },
    {
        "id": "s2",
        "url": "https://second.example/news/77",
        "outlet": "second.example",
        "published": "2021-01-05",
        "title": "جبل الزاوية: ضحايا مدنيون",
        "text": "استهدفت مدفعية النظام السوري صباح الثلاثاء منازل المدنيين في كنصفرة، ما أسفر عن مقتل ستة "
        "أشخاص بينهم طفلان، بحسب مصادر محلية، فيما تواصل فرق الإنقاذ البحث تحت الأنقاض.",
    },
]


def test_same_incident_two_outlets_is_one_event_with_both_sources(db_url: str, tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in SAME_INCIDENT) + "\n", encoding="utf-8")
    assert ingest([str(path)], db=db_url, quiet=True).stored == 2
    process(db=db_url, quiet=True)
    with open_store(db_url) as store:
        events = list(store.iter_events())
        assert len(events) == 1
        (item,) = events
        assert {s.outlet for s in item.sources} == {"first.example", "second.example"}
        # Differing tolls: each source keeps its own, the lowest is chosen and explained.
        assert sorted(s.fatalities for s in item.sources) == [4, 6]
        assert item.event.fatalities == 4
        note = item.to_dict()["fatalities_note"]
        assert note.startswith("4: the lowest") and "4, 6" in note
