"""`classify`: reporting an incident is not mentioning violence."""

import pytest

from marsad.models import Article
from marsad.pipeline import classify_article

REPORTS = [
    ("قتل ثلاثة مدنيين بقصف مدفعي استهدف بلدة في ريف حماة الشمالي صباح اليوم.", "Explosions/Remote violence"),
    ("شنت طائرات حربية غارات على أطراف مدينة الموصل العراقية أمس.", "Explosions/Remote violence"),
    ("دارت مواجهات مسلحة بين مقاتلين من العشائر وعناصر قسد في بلدة الشحيل مساء أمس.", "Battles"),
    ("اختطف مسلحون مجهولون طبيباً أثناء عودته إلى منزله وطالبوا بفدية.", "Violence against civilians"),
    ("أعدم التنظيم شابين رمياً بالرصاص في ساحة القرية.", "Violence against civilians"),
    ("تظاهر مئات الأهالي في ساحة المدينة مطالبين بالإفراج عن المعتقلين.", "Protests"),
    ("فرقت قوات الأمن وقفة احتجاجية أمام مبنى المحافظة بالقنابل المسيلة للدموع.", "Protests"),
    ("رشق محتجون دورية عسكرية بالحجارة وأحرقوا الإطارات في الشارع الرئيسي.", "Riots"),
    ("اعتقلت دورية أمنية خمسة شبان خلال حملة دهم في حي الميدان.", "Strategic developments"),
    ("أسفر انفجار عبوة ناسفة بسيارة عسكرية عن مقتل جنديين على طريق المطار.", "Explosions/Remote violence"),
    ("توصل الطرفان إلى اتفاق لوقف إطلاق النار في المدينة بدءاً من مساء اليوم.", "Strategic developments"),
]

MENTIONS_ONLY = [
    # a question: the rules' cancel cue raises the model's bar (rule_stopped), it does not veto
    "هل يشن الجيش هجوماً جديداً على المدينة في الأسابيع المقبلة؟",
    "يرى محللون أن القصف لن يحسم المعركة وأن الحل سياسي.",
    "هدد وزير الدفاع بشن غارات على مواقع المسلحين إذا لم ينسحبوا.",
    "تستعد القوات لشن هجوم واسع على البلدة خلال الأيام المقبلة.",
    "يعرض الفيلم قصة عائلة نجت من القصف خلال سنوات الحرب.",
    "بدأت المحكمة جلسات محاكمة متهمين بتنفيذ تفجير وقع قبل سنوات.",
    "أحيا الأهالي الذكرى السنوية للمجزرة التي راح ضحيتها العشرات.",
    "أدانت الخارجية عمليات القتل التي يتعرض لها المدنيون في كل مكان.",
    "نفت وزارة الدفاع وقوع أي غارات على المنطقة خلال الليلة الماضية.",
    "ارتفعت أسعار الخبز والوقود في الأسواق للمرة الثالثة هذا الشهر.",
]


@pytest.mark.parametrize("text,etype", REPORTS)
def test_reported_incidents_are_classified(text, etype):
    assert etype in classify_article(Article(id="t", text=text))


@pytest.mark.parametrize("text", MENTIONS_ONLY)
def test_mentions_are_not_reports(text):
    assert classify_article(Article(id="t", text=text)) == []


def test_types_come_in_taxonomy_order_without_duplicates():
    text = "قتل مدنيان بقصف مدفعي على القرية، واندلعت اشتباكات بين الفصائل وقوات النظام في محيطها."
    types = classify_article(Article(id="t", text=text))
    assert types == ["Battles", "Explosions/Remote violence"]


def _rule_reading(text):
    from marsad.extract.extractor import Extractor

    return Extractor(place_resolver=None, report={}).rule_reading(Article(id="t", text=text))


@pytest.mark.parametrize(
    "text,rallied",
    [
        ("تظاهر مئات الأهالي أمس في ساحة المدينة مطالبين بالإفراج عن المعتقلين.", True),
        ("وتجمع المتظاهرون أمام مبنى البلدية رافعين لافتات تندد بالغلاء.", True),
        ("اندلعت أمس مظاهرات غاضبة في عدة أحياء من العاصمة احتجاجا على رفع الأسعار.", True),
        # what protesters carried or said is told, not that they gathered
        ("ورفع المتظاهرون لافتات تندد بسياسة الحكومة.", False),
        ("وطالب المتظاهرون بإطلاق سراح المعتقلين ومحاسبة المسؤولين.", False),
        # an opener whose protest word is more than three words on
        ("شهدت المدينة صباح اليوم عقب قرار الحكومة الجديد مظاهرات متفرقة.", False),
    ],
)
def test_a_protest_is_rallied_where_a_verb_tells_the_crowd_gathered(text, rallied):
    reading = _rule_reading(text)
    assert "Protests" in reading.ruled
    assert ("Protests" in reading.rallied) is rallied


def test_a_rallied_protest_lowers_the_protest_models_bar_to_rally_backed():
    import math

    from marsad.extract.extractor import Extractor
    from marsad.extract.model import LinearModel

    # a model that scores every gated sentence 0.3 against a threshold of 1.0: a plain rule-backed
    # sentence needs 0.5 (rule_backed), a rallied one 0.2 (rally_backed)
    meta = {"threshold": 1.0, "rule_backed": 0.5, "rule_stopped": 1.0, "rally_backed": 0.2, "gate_cues": ["protest"]}
    model = LinearModel("protest", "t", ("no", "protest"), (math.log(0.3 / 0.7),), {}, meta)
    ex = Extractor(place_resolver=None, report={"protest": model})
    assert "Protests" in ex.classify(Article(id="a", text="تظاهر مئات الأهالي أمس في ساحة المدينة."))
    assert "Protests" not in ex.classify(Article(id="b", text="ورفع المتظاهرون لافتات تندد بسياسة الحكومة."))
    without = LinearModel(
        "protest", "t", ("no", "protest"), model.bias, {}, {k: v for k, v in meta.items() if k != "rally_backed"}
    )
    ex = Extractor(place_resolver=None, report={"protest": without})
    assert "Protests" not in ex.classify(Article(id="a", text="تظاهر مئات الأهالي أمس في ساحة المدينة."))
