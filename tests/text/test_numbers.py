"""Numbers and casualty counts in Arabic news (marsad.text.numbers).

The sentences are written for these tests; none is copied from an evaluation set.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import casualties as casualties_mod
from marsad.text.numbers import Casualties, NumberMention, casualties, find_numbers, parse_number

# --------------------------------------------------------------------------- parse_number

PARSE = [
    ("15", 15),
    ("١٥", 15),
    ("٣٩", 39),
    ("واحد", 1),
    ("واحدة", 1),
    ("اثنان", 2),
    ("اثنين", 2),
    ("اثنتان", 2),
    ("ثلاثة", 3),
    ("ثلاث", 3),
    ("أربعة", 4),
    ("سبع", 7),
    ("ثمانية", 8),
    ("عشرة", 10),
    ("عشر", 10),
    ("أحد عشر", 11),
    ("إحدى عشرة", 11),
    ("اثنا عشر", 12),
    ("خمسة عشر", 15),
    ("ثلاثة عشر", 13),
    ("عشرون", 20),
    ("عشرين", 20),
    ("ثلاثين", 30),
    ("خمسة وعشرين", 25),
    ("ثلاث وأربعون", 43),
    ("مئة", 100),
    ("مائة", 100),
    ("مئتين", 200),
    ("مئة وخمسون", 150),
    ("ثلاثمئة وخمسة", 305),
    ("ثلاث مئة", 300),
    ("ألف", 1000),
    ("ثلاثة آلاف", 3000),
    ("ألف ومئتين", 1200),
    ("50 ألف", 50000),
    ("1,200", 1200),
    ("خَمْسَةٌ وَعِشْرُونَ", 25),
    (["ثلاثة", "آلاف"], 3000),
    ("قرية", None),
    ("", None),
    ("خمسة أشخاص", None),
]


@pytest.mark.parametrize("words,expected", PARSE)
def test_parse_number(words, expected):
    assert parse_number(words) == expected


# --------------------------------------------------------------------------- find_numbers

FIND = [
    # text, [(surface, value, kind, vague, approx)]
    ("سقطت ٧ قذائف", [("٧", 7, "digits", False, False)]),
    ("قصفت البلدة بـ15 قذيفة", [("15", 15, "digits", False, False)]),
    ("وصل نحو 50 مقاتلا", [("50", 50, "digits", False, True)]),
    ("ما لا يقل عن عشرين شخصا", [("عشرين", 20, "words", False, True)]),
    ("أكثر من 300 عائلة", [("300", 300, "digits", False, True)]),
    ("قتل 12 شخصا على الأقل", [("12", 12, "digits", False, True)]),
    ("وعشرات الجرحى", [("عشرات", 12, "vague", True, False)]),
    ("نزوح مئات العائلات", [("مئات", 100, "vague", True, False)]),
    ("اعتقل عدد من الشبان", [("عدد من", 10, "vague", True, False)]),
    ("وصلت عدة أرتال", [("عدة", 10, "vague", True, False)]),
    ("العديد من المنازل", [("العديد من", 10, "vague", True, False)]),
    ("جرح طفلين", [("طفلين", 2, "dual", False, False)]),
    ("الطفلين", [("الطفلين", 2, "dual", False, False)]),
    ("وعنصران", [("عنصران", 2, "dual", False, False)]),
    ("مدنيين", []),  # a plural, not a dual
    ("مدنيين اثنين", [("اثنين", 2, "words", False, False)]),
    ("يوم الاثنين", []),  # the weekday
    ("يوم الأحد", []),
    ("في 6-5-2019 الساعة 10:30", []),  # dates and clock times are not quantities
    ("فدية قدرها 50 ألف دولار", [("50 ألف", 50000, "digits", False, False)]),
]


@pytest.mark.parametrize("text,expected", FIND)
def test_find_numbers(text, expected):
    got = find_numbers(text)
    assert [(m.text, m.value, m.kind, m.vague, m.approx) for m in got] == expected
    for m in got:
        assert text[m.start : m.end] == m.text


def test_find_numbers_persons_flag():
    text = "قتل شاب وأصيب طفل"
    assert find_numbers(text) == []
    got = find_numbers(text, persons=True)
    assert [(m.text, m.value, m.kind) for m in got] == [("شاب", 1, "person"), ("طفل", 1, "person")]


def test_mention_is_plain_data():
    m = find_numbers("قتل 3")[0]
    assert isinstance(m, NumberMention) and (m.start, m.end, m.value) == (4, 5, 3)


# --------------------------------------------------------------------------- casualties

CAS = [
    # sentence, killed, injured, updated
    ("أسفر الهجوم عن مقتل 3 عناصر وإصابة اثنين آخرين", 3, 2, False),
    ("قتل شخصان وأصيب آخرون في انفجار عبوة", 2, None, False),
    ("ما أسفر عن مقتل أربعة عناصر من الحاجز", 4, None, False),
    ("أدى التفجير إلى سقوط شهيدين وأربعة جرحى", 2, 4, False),
    ("لقي 4 أشخاص مصرعهم بانفجار لغم", 4, None, False),
    ("لقي شاب حتفه برصاص مجهولين", 1, None, False),
    ("قضى 5 مدنيين تحت الأنقاض", 5, None, False),
    ("استشهد ثلاثة أطفال بقصف مدفعي", 3, None, False),
    ("ارتفع عدد القتلى جراء التفجير إلى 39 شخصا", 39, None, True),
    ("وذكر المرصد أن عدد القتلى بلغ 7، بينهم مقاتلان", 7, None, True),
    ("قصفت المسيرات موقعاً قرب البلدة، دون معلومات عن الخسائر", None, None, False),
    ("قصفت المسيرات موقعاً قرب البلدة، دون وقوع خسائر بشرية", 0, 0, False),
    ("ارتفع عدد القتلى الذين سقطوا جراء الاعتداء على الحافلة عند الحاجز قبل يومين إلى 17 عنصرا", 17, None, True),
    ("قتل عنصران من الشرطة وأصيب ثالث بجروح", 2, 1, False),
    ("وارتفعت حصيلة القتلى إلى ٢٧ شخصا وفق المرصد", 27, None, True),
    ("ارتفع عدد الضحايا إلى نحو 60 قتيلًا و150 جريحا", 60, 150, True),
    ("بلغ عدد المصابين جراء القصف إلى 18 مصابا", None, 18, False),
    ("سقط 89 قتيلًا و200 جريح في يومين", 89, 200, False),
    ("أصيب 12 مدنيًا بجروح متفاوتة", None, 12, False),
    ("ما أدى إلى إصابة رجل وامرأة", None, 2, False),
    ("ما تسبب بسقوط قتلى وجرحى", None, None, False),
    ("وأسفر القصف عن سقوط عدد من القتلى بين عناصر الحرس", 10, None, False),
    ("خلفت المعارك عشرات القتلى", 12, None, False),
    ("أسفر القصف عن مئات الجرحى", None, 100, False),
    ("وقال إن عنصرين اثنين قتلا وأصيب آخر", 2, 1, False),
    ("قتلت امرأة وطفلين بغارة على البلدة", 3, None, False),
    ("قتل سائق الحافلة وامرأتان كانتا معه", 3, None, False),
    ("مقتل خمسة مدنيين بينهم طفلان وامرأة وإصابة تسعة آخرين بينهم ثلاثة أطفال", 5, 9, False),
    ("ما لا يقل عن 30 مدنيا من بينهم 8 أطفال لقوا حتفهم", 30, None, False),
    ("مقتل ١٢٠ شخصاً بينهم ثمانون في المدينة و40 في الريف", 120, None, False),
    ("سقطت بـ15 قذيفة دون وقوع إصابات", None, 0, False),
    ("استهدفت مسيرة سيارة دون تسجيل خسائر بشرية", 0, 0, False),
    ("قُتِلَ شابٌّ برصاصِ قناص", 1, None, False),
    ("قُتل مدنيَّين في الغارة", 2, None, False),
    ("قتل مدنيين في الغارة", None, None, False),
    ("أعدم التنظيم أحد عناصره بتهمة التخابر", 1, None, False),
    ("قتل 3 مدنيين وجرح 7 آخرين بانفجار دراجة", 3, 7, False),
    ("وقالت المصادر إن 26 شخصا أصيبوا بجروح", None, 26, False),
    ("ما لا يقل عن 13 شخصاً قتلوا في الانفجار", 13, None, False),
    ("أودى القصف بحياة خمسة وعشرين شخصا", 25, None, False),
    ("ما أسفر عن مقتلهما على الفور", 2, None, False),
    ("أطلق مسلح النار على سائق الشاحنة ما أدى إلى مقتله وإصابة شقيقه", 1, 1, False),  # a singular pronoun: one
    ("استهدفت مسيرة سيارتها مما أسفر عن استشهادها", 1, None, False),
    ("ما أسفر عن مقتلهم جميعا", None, None, False),  # a plural pronoun does not say how many
    ("قتلت امرأة وطفلها بقذيفة سقطت على منزلهما", 2, None, False),  # "her child": one more person
    ("قتل رجل وزوجته بغارة على البلدة", 2, None, False),  # ta marbuta hidden by the pronoun
    ("قتل ثلاثة من مواطني البلدة برصاص مجهولين", 3, None, False),  # a construct plural, not "my citizen"
    ("ارتقى أربعة شهداء جراء القصف على البلدة", 4, None, False),  # "rose" (as martyrs)
    ("ومع اشتداد المعارك وارتقاء أعداد من الشهداء في صفوف القوات", 10, None, False),  # a vague count
    ("ارتقى مستوى التوتر في المنطقة إلى حد خطير", None, None, False),
    ("أعلن الجيش القضاء على عشرات المسلحين في ريف حلب", 12, None, False),  # eliminated
    ("ونقلت الإصابة إلى المستشفى", None, None, False),  # ta marbuta, not a pronoun
    ("اغتال مسلحون المختار في منزله", 1, None, False),
    ("وخلف الانفجار قتيلا وعددا من الجرحى", 1, 10, False),
    ("سقط أكثر من قتيل في الاشتباك", None, None, False),
    # the dead of each side add up to the event's toll
    ("أسفرت المواجهات عن مقتل عنصرين من قسد ومقتل ثلاثة من عناصر التنظيم", 5, None, False),
    ("قتل 5 عناصر من قوات النظام و3 من مقاتلي الفصائل في الهجوم", 8, None, False),
    ("قتل 7 عناصر في صفوف قوات النظام، فيما قتل 4 من الفصائل", 11, None, False),
    ("قضى 4 مدنيين ومقتل عنصر من الشرطة في الانفجار", 5, None, False),
    # but not a family named after the figure
    ("مقتل 5 أشخاص من عائلة واحدة", 5, None, False),
    ("وأسفرت الغارة عن قتيل و3 جرحى", 1, 3, False),
    ("ما أدى لمصرع عنصرين وإصابة آخرين", 2, None, False),
    ("وأُصيب ثلاثة عشر آخرين", None, 13, False),
    ("قتل 4 من عناصر الأمن وأصيب 6", 4, 6, False),
    ("وأصيب آخر بجروح خطيرة", None, 1, False),
    ("وجرى إسعاف الجرحى إلى المشفى", None, None, False),
    ("قصفت القوات 3 قرى في ريف إدلب", None, None, False),
    ("منذ سبع سنوات قتل في الحرب", None, None, False),
    ("وقتل ٣ أشخاص وأصيب ٥ آخرون", 3, 5, False),
    ("ارتفع عدد قتلى الشرطة إلى 4، فيما قتل 20 مدنيا", 20, None, False),
    ("العثور على جثة شاب قرب الطريق", 1, None, False),
    ("وبقتل طفلين في القرية", 2, None, False),
    ("أصيب طفل بشظايا قذيفة في بلدة مجاورة", None, 1, False),
    ("ارتفع عدد المعتقلين إلى 50 شابا", None, None, False),  # not a toll
    ("بلغت حصيلة القتلى 39 شخصا", 39, None, True),
    ("وارتفعت الحصيلة إلى 12", 12, None, True),
    ("ارتفع عدد القتلى والجرحى إلى 30 قتيلا و70 جريحا", 30, 70, True),
    ("انفجرت العبوة دون إصابة أحد", None, 0, False),
    ("قتل 3 عناصر ولم يصب أحد من المدنيين", 3, None, False),
    ("سقط 5 قتلى بينهم ٣ أطفال", 5, None, False),
    ("قتل طفل في 19 آب الجاري متأثرا بجراحه", 1, None, False),  # 19 is a day
]


@pytest.mark.parametrize("sentence,killed,injured,updated", CAS)
def test_casualties(sentence, killed, injured, updated):
    c = casualties(sentence)
    assert (c.killed, c.injured, c.updated) == (killed, injured, updated)
    for span in (c.killed_span, c.injured_span):
        if span is not None:
            assert 0 <= span[0] < span[1] <= len(sentence)


def test_casualty_spans_point_at_the_count():
    s = "أسفر الهجوم عن مقتل ٣ عناصر وإصابة اثنين آخرين"
    c = casualties(s)
    assert s[slice(*c.killed_span)] == "٣"
    assert s[slice(*c.injured_span)] == "اثنين"


def test_fatalities_property():
    assert Casualties().fatalities == 0
    assert casualties("قتل 7 أشخاص").fatalities == 7


@pytest.mark.parametrize("sentence", ["", "   ", "\n", "...", "abc", "٢٠٢٠"])
def test_casualties_on_nothing(sentence):
    assert casualties(sentence) == Casualties()


# --------------------------------------------------------------------------- properties

ARABIC_BITS = st.sampled_from(
    [
        "قتل",
        "مقتل",
        "أصيب",
        "إصابة",
        "جرحى",
        "قتلى",
        "شهيدين",
        "عشرات",
        "عدد من",
        "نحو",
        "إلى",
        "ارتفع",
        "حصيلة",
        "بينهم",
        "و",
        "وأصيب",
        "آخرون",
        "آخر",
        "طفلين",
        "امرأة",
        "خمسة",
        "عشر",
        "وعشرين",
        "مئة",
        "ألف",
        "آلاف",
        "١٥",
        "15",
        "بـ15",
        "3-4-2020",
        "،",
        ".",
        "\u064e",
        "\u0651",
        "ـ",
        "مدنيَّين",
        "لم",
        "دون",
        "(",
        ")",
        "\n",
        " ",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(ARABIC_BITS, max_size=25).map(" ".join))
def test_casualties_never_raise_on_arabic_soup(text):
    c = casualties(text)
    for v in (c.killed, c.injured):
        assert v is None or v >= 0
    for span in (c.killed_span, c.injured_span):
        if span is not None:
            assert 0 <= span[0] < span[1] <= len(text)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_find_numbers_offsets_inside_any_text(text):
    for m in find_numbers(text, persons=True):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert m.value >= 0
    casualties(text)


@settings(max_examples=200, deadline=None)
@given(st.lists(ARABIC_BITS, max_size=25).map(" ".join))
def test_find_numbers_offsets_on_arabic_soup(text):
    for m in find_numbers(text, persons=True):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text


def test_speed():
    sentences = [row[0] for row in CAS] * 20
    casualties(sentences[0])
    t0 = time.process_time()
    for s in sentences:
        casualties_mod._casualties.cache_clear()  # measure the work, not the cache
        casualties(s)
        find_numbers(s)
    rate = len(sentences) / (time.process_time() - t0)
    assert rate > 2000, f"{rate:.0f} sentences/s"
