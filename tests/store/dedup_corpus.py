"""Articles written for the project: known incidents told by several outlets in
different words, and look-alike incidents that are *not* the same.

Each entry: (story, article key, outlet, published, text, event) where ``event`` is
what a careful coder reads from the text (store_factories.event keywords).  Stories
with the same ``story`` name are one incident; the dedup must merge them and only them.
"""

from __future__ import annotations

CORPUS: list[tuple[str, str, str, str, str, dict]] = [
    # -- Story A: shelling of Saraqib, 3 outlets, tolls 3 / 4 / unknown, one places it only "near Saraqib"
    (
        "A",
        "a1",
        "enabbaladi.net",
        "2020-01-08",
        "قتل ثلاثة مدنيين وأصيب آخرون، صباح اليوم الأربعاء، جراء قصف مدفعي لقوات النظام على مدينة سراقب شرقي إدلب.",
        dict(place="saraqib", date="2020-01-08", fatalities=3, injured=5),
    ),
    (
        "A",
        "a2",
        "smartnews-agency.com",
        "2020-01-08",
        "ارتفع عدد ضحايا القصف المدفعي الذي استهدف سراقب اليوم إلى أربعة قتلى، بحسب فرق الدفاع المدني، "
        "التي قالت إن القذائف مصدرها مواقع قوات الأسد.",
        dict(place="saraqib", date="2020-01-08", fatalities=4, injured=None),
    ),
    (
        "A",
        "a3",
        "orient-news.net",
        "2020-01-09",
        "شهد محيط سراقب أمس قصفاً مدفعياً من قبل الجيش السوري طال منازل المدنيين.",
        dict(place="saraqib", date="2020-01-08", fatalities=0, actor1="SYR_GOV_ASSAD", actor2=None, geo_precision=2),
    ),
    # -- Story B: drone strike near Mayadin, 2 outlets, one does not name the attacker
    (
        "B",
        "b1",
        "deirezzor24.net",
        "2020-01-07",
        "استهدفت طائرة مسيرة مساء الثلاثاء سيارة تقل عناصر من الميليشيات الإيرانية قرب الميادين، ما أدى إلى مقتل أربعة منهم.",
        dict(place="mayadin", date="2020-01-07", sub="Air/drone strike", actor1=None, actor2="IRAN", fatalities=4),
    ),
    (
        "B",
        "b2",
        "syriahr.com",
        "2020-01-08",
        "قُتل خمسة عناصر من الميليشيات الموالية لإيران بضربة جوية نفذتها طائرة مسيرة يرجح أنها تابعة للتحالف "
        "الدولي، ليل أمس، على أطراف مدينة الميادين.",
        dict(place="mayadin", date="2020-01-07", sub="Air/drone strike", actor1="COALITION", actor2="IRAN", fatalities=5),
    ),
    # -- Look-alikes that must stay apart from A and B
    (
        "C",
        "c1",
        "enabbaladi.net",
        "2020-01-11",
        "تجدد القصف المدفعي على سراقب يوم السبت وأسفر عن مقتل مدني.",  # 3 days later: another incident
        dict(place="saraqib", date="2020-01-11", fatalities=1),
    ),
    (
        "D",
        "d1",
        "smartnews-agency.com",
        "2020-01-08",
        "شنت طائرات حربية روسية غارات على سراقب اليوم.",  # same day and place, other sub-type
        dict(place="saraqib", date="2020-01-08", sub="Air/drone strike", actor1="RUSSIA", actor2=None),
    ),
    (
        "E",
        "e1",
        "orient-news.net",
        "2020-01-08",
        "قصفت قوات النظام مدينة معرة النعمان اليوم ما أدى لمقتل طفلين.",  # same day, ~28 km away
        dict(place="maarrat", date="2020-01-08", fatalities=2),
    ),
    (
        "I",
        "i1",
        "orient-news.net",
        "2020-01-08",
        "قصفت قوات النظام بلدة آفس المجاورة لسراقب اليوم ما أدى لمقتل مدنيين.",  # the neighbouring village, ~4 km
        dict(place="afis", date="2020-01-08", fatalities=2),
    ),
    (
        "F",
        "f1",
        "syriahr.com",
        "2020-01-08",
        "قصفت فصائل المعارضة مواقع قوات النظام في محيط سراقب اليوم.",  # same day/place, other actors
        dict(place="saraqib", date="2020-01-08", actor1="OPPOSITION", actor2="SYR_GOV_ASSAD"),
    ),
    # -- Story G: an IED in Al-Bab told twice, undated in one report (must not merge on missing date)
    (
        "G",
        "g1",
        "baladi-news.com",
        "2020-01-08",
        "انفجرت عبوة ناسفة بسيارة مدنية في مدينة الباب اليوم ما أسفر عن مقتل شخصين.",
        dict(place="bab", date="2020-01-08", sub="Remote explosive/landmine/IED", actor1=None, fatalities=2),
    ),
    (
        "G",
        "g2",
        "halabtodaytv.net",
        "2020-01-08",
        "مقتل مدنيين اثنين وإصابة ثلاثة بانفجار عبوة ناسفة في الباب شرقي حلب.",
        dict(place="bab", date="2020-01-08", sub="Remote explosive/landmine/IED", actor1=None, fatalities=2, injured=3),
    ),
    (
        "H",
        "h1",
        "baladi-news.com",
        None,
        "انفجار عبوة ناسفة في الباب دون معلومات عن ضحايا.",
        dict(place="bab", date=None, sub="Remote explosive/landmine/IED", actor1=None),
    ),
]
