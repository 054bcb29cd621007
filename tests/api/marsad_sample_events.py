"""Arabic articles and the events read from them, for the API and browser tests.

Each article is stored and its events saved through the real store, so the
tests exercise the same rows ``marsad process`` writes.  ``HOSTILE`` carries a
script tag, an onerror handler and javascript: links in every text field the
page shows: none of it may run.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from marsad.models import Article, Event, Location
from marsad.store import Store, open_store

D = dt.date


def _ev(t, sub, day, a1, a2, loc, dead, evidence, summary, *, inj=None, dp=1):  # type: ignore[no-untyped-def]
    return Event(t, sub, day, dp, a1, a2, loc, dead, inj, evidence, summary)


KAFRANBEL = Location("كفرنبل", "Kafr Nabl", "C3900", 35.6138, 36.5617, "Idlib", "Maarrat An Nu'man", 1)
SARAQAB = Location("سراقب", "Saraqab", "C3916", 35.86604, 36.80336, "Idlib", "Idlib", 1)
MAYADIN_AREA = Location("ريف الميادين", "Al Mayadin", "C5192", 35.021, 40.451741, "Deir ez-Zor", "Mayadin", 2)
MANBIJ = Location("منبج", "Menbij", "C1767", 36.527156, 37.952114, "Aleppo", "Manbij", 1)
DARAA_GOV = Location("محافظة درعا", "Daraa", "SY12", 32.85, 36.21667, "Daraa", None, 3)
SWEIDA = Location("السويداء", "As-Sweida", "C6147", 32.711796, 36.56737, "As-Suwayda", "As-Suwayda", 1)
QAMISHLI = Location("القامشلي", "Quamishli", "C4564", 37.048023, 41.225161, "Al-Hasakah", "Al-Qamishli", 1)
DUMA = Location("دوما", "Duma", "C2338", 33.569859, 36.399142, "Rif Dimashq", "Douma", 1)
RAQQA = Location("الرقة", "Ar-Raqqa", "C5710", 35.96447, 38.996288, "Raqqa", "Ar-Raqqah", 1)

SCRIPT_PAYLOAD = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">'

# (article, events)
ARTICLES: list[tuple[Article, list[Event]]] = [
    (
        Article(
            "a1",
            "قُتل ثلاثة مدنيين وأصيب آخرون جراء قصف مدفعي لقوات النظام على بلدة كفرنبل بريف إدلب الجنوبي.",
            url="https://example.org/news/kafranbel",
            outlet="example.org",
            published=D(2020, 1, 6),
            title="قصف على كفرنبل",
        ),
        [
            _ev(
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
                D(2020, 1, 6),
                "SYR_GOV_ASSAD",
                "CIVILIANS",
                KAFRANBEL,
                3,
                "قُتل ثلاثة مدنيين وأصيب آخرون جراء قصف مدفعي لقوات النظام على بلدة كفرنبل بريف إدلب الجنوبي.",
                "On 2020-01-06, Syrian government artillery shelled Kafr Nabl (Idlib), killing 3 civilians.",
                inj=4,
            )
        ],
    ),
    (
        Article(
            "a2",
            "شنت الطائرات الروسية غارات جوية على مدينة سراقب شرق إدلب، ما أدى لمقتل خمسة أشخاص.",
            url="https://example.org/news/saraqab",
            outlet="example.org",
            published=D(2020, 1, 8),
        ),
        [
            _ev(
                "Explosions/Remote violence",
                "Air/drone strike",
                D(2020, 1, 7),
                "RUSSIA",
                "CIVILIANS",
                SARAQAB,
                5,
                "شنت الطائرات الروسية غارات جوية على مدينة سراقب شرق إدلب، ما أدى لمقتل خمسة أشخاص.",
                "On 2020-01-07, Russian aircraft struck Saraqab (Idlib), killing 5.",
            )
        ],
    ),
    (
        Article(
            "a3",
            "هاجم مسلحون مجهولون حاجزاً لقوات النظام في ريف الميادين الشرقي، وقتل عنصران.",
            url="https://example.net/deir/1",
            outlet="example.net",
            published=D(2020, 1, 10),
        ),
        [
            _ev(
                "Battles",
                "Armed clash",
                D(2020, 1, 9),
                "UNIDENTIFIED",
                "SYR_GOV_ASSAD",
                MAYADIN_AREA,
                2,
                "هاجم مسلحون مجهولون حاجزاً لقوات النظام في ريف الميادين الشرقي، وقتل عنصران.",
                "On 2020-01-09, unidentified gunmen attacked a government checkpoint near Al Mayadin (Deir ez-Zor), killing 2.",
            )
        ],
    ),
    (
        Article(
            "a4",
            "تظاهر العشرات من أهالي منبج احتجاجاً على تردي الأوضاع المعيشية.",
            url="https://example.net/manbij/2",
            outlet="example.net",
            published=D(2020, 1, 12),
        ),
        [
            _ev(
                "Protests",
                "Peaceful protest",
                D(2020, 1, 12),
                "PROTESTERS",
                None,
                MANBIJ,
                0,
                "تظاهر العشرات من أهالي منبج احتجاجاً على تردي الأوضاع المعيشية.",
                "On 2020-01-12, dozens of residents protested in Menbij (Aleppo) over living conditions.",
            )
        ],
    ),
    (
        Article(
            "a5",
            "اغتال مجهولون قيادياً سابقاً في فصائل المعارضة في ريف درعا خلال الأيام الماضية.",
            url="https://example.com/daraa",
            outlet="example.com",
            published=D(2020, 1, 14),
        ),
        [
            _ev(
                "Violence against civilians",
                "Attack",
                D(2020, 1, 14),
                "UNIDENTIFIED",
                "CIVILIANS",
                DARAA_GOV,
                1,
                "اغتال مجهولون قيادياً سابقاً في فصائل المعارضة في ريف درعا خلال الأيام الماضية.",
                "Around 2020-01-14, unidentified gunmen assassinated a former opposition commander in Daraa governorate.",
                dp=2,
            )
        ],
    ),
    (
        Article(
            "a6",
            "فرقت قوات الأمن بالقوة وقفة احتجاجية في مدينة السويداء.",
            url="https://example.com/sweida",
            outlet="example.com",
            published=D(2020, 1, 15),
        ),
        [
            _ev(
                "Protests",
                "Protest with intervention",
                D(2020, 1, 15),
                "PROTESTERS",
                "SYR_GOV_ASSAD",
                SWEIDA,
                0,
                "فرقت قوات الأمن بالقوة وقفة احتجاجية في مدينة السويداء.",
                "On 2020-01-15, security forces dispersed a protest in As-Sweida.",
            )
        ],
    ),
    (
        Article(
            "a7",
            "اعتقلت قسد خمسة شبان في حملة دهم بمدينة القامشلي.",
            url="https://example.com/qamishli",
            outlet="example.com",
            published=D(2020, 1, 16),
        ),
        [
            _ev(
                "Strategic developments",
                "Arrests",
                D(2020, 1, 16),
                "SDF",
                "CIVILIANS",
                QAMISHLI,
                0,
                "اعتقلت قسد خمسة شبان في حملة دهم بمدينة القامشلي.",
                "On 2020-01-16, the SDF arrested five young men in a raid in Quamishli (Al-Hasakah).",
            )
        ],
    ),
    (
        Article(
            "a8",
            "انفجرت عبوة ناسفة بسيارة في مدينة الرقة ما أدى لمقتل مدنيين اثنين.",
            url="https://example.com/raqqa",
            outlet="example.com",
            published=D(2020, 1, 18),
        ),
        [
            _ev(
                "Explosions/Remote violence",
                "Remote explosive/landmine/IED",
                D(2020, 1, 18),
                None,
                "CIVILIANS",
                RAQQA,
                2,
                "انفجرت عبوة ناسفة بسيارة في مدينة الرقة ما أدى لمقتل مدنيين اثنين.",
                "On 2020-01-18, an IED exploded in a car in Ar-Raqqa, killing 2 civilians.",
            )
        ],
    ),
    (
        Article(
            "hostile",
            "قصف مدفعي على مدينة دوما " + SCRIPT_PAYLOAD,
            url="javascript:window.__pwned=3",
            outlet="evil.example",
            published=D(2020, 1, 20),
            title='<img src=x onerror="window.__pwned=4">',
        ),
        [
            _ev(
                "Explosions/Remote violence",
                "Shelling/artillery/missile attack",
                D(2020, 1, 20),
                "SYR_GOV_ASSAD",
                "CIVILIANS",
                DUMA,
                1,
                "قصف مدفعي لقوات النظام على مدينة دوما " + SCRIPT_PAYLOAD + ' <a href="javascript:window.__pwned=5">اضغط</a>',
                "On 2020-01-20 <script>window.__pwned=6</script> shelling hit Duma " + SCRIPT_PAYLOAD,
            )
        ],
    ),
]

N_EVENTS = sum(len(evs) for _, evs in ARTICLES)
HOSTILE_SUMMARY_START = "On 2020-01-20"


def fill(store: Store) -> None:
    for article, events in ARTICLES:
        added = store.add_article(article, source="tests")
        store.save_events(added.article_id, events, versions={"lexicon": "test"})


def make_db(path: Path) -> str:
    """A SQLite file holding :data:`ARTICLES`; returns its path."""
    with open_store(str(path)) as store:
        fill(store)
    return str(path)
