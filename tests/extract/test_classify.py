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
