"""Arabic news articles generated from templates written for Marsad's benchmarks and
tests: no real article text.  Each article has one incident sentence (varied event,
place, actor, toll and day) wrapped in the usual page furniture: a lead, background,
a statistics sentence and a "related news" teaser, so extraction does real work.

``generate(n, seed)`` is deterministic: the same n and seed give the same articles.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

PLACES = [
    ("سراقب", "إدلب"),
    ("معرة النعمان", "إدلب"),
    ("أريحا", "إدلب"),
    ("جسر الشغور", "إدلب"),
    ("كفرنبل", "إدلب"),
    ("الميادين", "دير الزور"),
    ("البوكمال", "دير الزور"),
    ("هجين", "دير الزور"),
    ("الشحيل", "دير الزور"),
    ("طفس", "درعا"),
    ("نوى", "درعا"),
    ("جاسم", "درعا"),
    ("بصرى الشام", "درعا"),
    ("الصنمين", "درعا"),
    ("الباب", "حلب"),
    ("منبج", "حلب"),
    ("عفرين", "حلب"),
    ("اعزاز", "حلب"),
    ("جرابلس", "حلب"),
    ("تل أبيض", "الرقة"),
    ("الطبقة", "الرقة"),
    ("رأس العين", "الحسكة"),
    ("القامشلي", "الحسكة"),
    ("دوما", "ريف دمشق"),
    ("حرستا", "ريف دمشق"),
    ("تدمر", "حمص"),
    ("الرستن", "حمص"),
    ("السلمية", "حماة"),
]
ATTACKERS = [
    "قوات النظام",
    "الطيران الروسي",
    "مسلحون مجهولون",
    "تنظيم داعش",
    "قوات سوريا الديمقراطية",
    "الجيش التركي",
    "فصائل المعارضة",
    "طائرة مسيرة مجهولة",
]
NUMBERS = ["اثنين", "ثلاثة", "أربعة", "خمسة", "ستة", "سبعة", "عشرة", "2", "3", "4", "5", "7", "9", "12"]
DAYS = ["اليوم", "أمس", "صباح اليوم", "مساء أمس", "فجر اليوم", "يوم الثلاثاء", "يوم الأربعاء"]

INCIDENTS = [
    "قصفت {actor} بالمدفعية الثقيلة {day} مدينة {place} في ريف {gov}، ما أدى إلى مقتل {n} مدنيين وإصابة آخرين.",
    "شن {actor} غارات جوية {day} على بلدة {place} بريف {gov}، وأسفرت الغارات عن مقتل {n} أشخاص بينهم أطفال.",
    "انفجرت عبوة ناسفة {day} بسيارة عسكرية قرب {place} في محافظة {gov}، ما أسفر عن مقتل {n} عناصر.",
    "اندلعت اشتباكات عنيفة {day} بين {actor} ومقاتلين محليين على أطراف {place} في ريف {gov}، قتل فيها {n} مقاتلين.",
    "اغتال {actor} {day} شاباً من أبناء {place} في ريف {gov} بإطلاق النار عليه أمام منزله.",
    "خرجت مظاهرة {day} في مدينة {place} بريف {gov} طالب فيها المحتجون بالإفراج عن المعتقلين.",
    "شنت {actor} حملة دهم واعتقال {day} في {place} بريف {gov}، واعتقلت {n} شبان بينهم طالب جامعي.",
    "سقطت قذائف صاروخية {day} على الأحياء السكنية في {place} بمحافظة {gov}، ما أدى إلى إصابة {n} مدنيين.",
    "اختطف {actor} {day} طفلاً من بلدة {place} في ريف {gov} وطالبوا ذويه بفدية مالية.",
    "انفجرت سيارة مفخخة {day} في سوق مدينة {place} بريف {gov}، ما أدى إلى مقتل {n} مدنيين وإصابة العشرات.",
]
LEADS = [
    "أفادت مصادر محلية لمراسلنا بتطورات ميدانية جديدة في المنطقة.",
    "تشهد المنطقة توتراً أمنياً متزايداً منذ أسابيع.",
    "قال ناشطون إن الأوضاع الإنسانية تزداد سوءاً مع حلول فصل الشتاء.",
    "نقل مراسلنا عن شهود عيان تفاصيل ما جرى في الساعات الماضية.",
    "تتواصل التطورات الميدانية في الريف وسط غياب أي تحرك دولي.",
    "وثقت شبكات محلية الحادثة بالصور ومقاطع الفيديو.",
]
WITNESSES = [
    "أبو محمد",
    "أم خالد",
    "أحمد الحسن",
    "محمود العلي",
    "سامر الأحمد",
    "خالد العمر",
    "ياسر الحمود",
    "عبد الله الشيخ",
    "فاطمة الزين",
    "حسن الإبراهيم",
]
ROLES = ["أحد سكان الحي", "مسعف في الدفاع المدني", "ناشط إعلامي", "مدرس في البلدة", "صاحب محل قريب"]
QUOTES = [
    "وقال {who}، وهو {role}، إن {k} منازل تضررت وإن الأهالي أمضوا الليل في العراء.",
    "وروى {who}، {role}، أنه سمع دوي {k} انفجارات متتالية قبل أن تصل سيارات الإسعاف.",
    "وأضاف {who}، {role}، أن المنطقة تفتقر إلى الملاجئ وأن {k} عائلة غادرت منازلها.",
    "وأكد {who}، {role}، أن الطريق إلى المشفى بقي مقطوعاً لمدة {k} ساعات.",
]
BACKGROUND = [
    "وتعاني المنطقة من نقص حاد في الخدمات الطبية بعد خروج عدة مشاف عن الخدمة.",
    "ويأتي ذلك في ظل حركة نزوح واسعة باتجاه المخيمات القريبة من الحدود.",
    "وكانت المنطقة قد شهدت هدوءاً نسبياً خلال الأشهر الماضية بموجب اتفاق وقف إطلاق النار.",
    "وناشدت منظمات إنسانية المجتمع الدولي التدخل لحماية المدنيين.",
]
STATS = "وأحصى فريق التوثيق {k} حادثة مماثلة في المحافظة منذ بداية العام الجاري، وفق تقريره الشهري رقم {serial}."
RELATED = "أخبار متعلقة: وصول قافلة مساعدات إلى مخيمات الشمال السوري ... اقرأ المزيد"


@dataclass(frozen=True, slots=True)
class GeneratedArticle:
    id: str
    url: str
    outlet: str
    published: dt.date
    title: str
    text: str


OUTLETS = ["example-news.org", "syria-daily.example", "levant-report.example", "north-voice.example"]


def generate(n: int, seed: int = 7, *, start: dt.date = dt.date(2020, 1, 1)) -> list[GeneratedArticle]:
    """``n`` distinct articles (each text is unique: the statistics sentence carries a serial)."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        place, gov = rng.choice(PLACES)
        incident = rng.choice(INCIDENTS).format(
            actor=rng.choice(ATTACKERS), day=rng.choice(DAYS), place=place, gov=gov, n=rng.choice(NUMBERS)
        )
        quote = rng.choice(QUOTES).format(who=rng.choice(WITNESSES), role=rng.choice(ROLES), k=rng.randint(2, 40))
        parts = [
            rng.choice(LEADS),
            incident,
            quote,
            rng.choice(BACKGROUND),
            STATS.format(k=rng.randint(3, 90), serial=i + 1),
            RELATED,
        ]
        outlet = OUTLETS[i % len(OUTLETS)]
        published = start + dt.timedelta(days=rng.randint(0, 364))
        out.append(
            GeneratedArticle(
                f"g{i + 1}",
                f"https://{outlet}/syria/{i + 1}",
                outlet,
                published,
                f"{place}: {incident.split('،')[0][:60]}",
                "\n".join(parts),
            )
        )
    return out


def to_html(a: GeneratedArticle) -> bytes:
    paras = "".join(f"<p>{p}</p>" for p in a.text.split("\n"))
    return (
        f'<!DOCTYPE html><html lang="ar" dir="rtl"><head><meta charset="utf-8"><title>{a.title}</title>'
        f'<meta property="article:published_time" content="{a.published.isoformat()}T08:00:00+03:00">'
        f'<meta property="article:section" content="سوريا"></head><body><nav><a href="/">الرئيسية</a> '
        f'<a href="/syria">سوريا</a></nav><article><h1>{a.title}</h1>{paras}</article>'
        f"<footer>جميع الحقوق محفوظة</footer></body></html>"
    ).encode("utf-8")
