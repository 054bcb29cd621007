"""Arabic event-date resolution (marsad.text.dates).

The sentences are written for these tests; none is copied from an evaluation set.
Publication date used throughout: Tuesday 15 July 2025 unless a row says otherwise.
"""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from marsad.text import dates as dates_mod
from marsad.text.dates import (
    DateMention,
    article_anchor,
    coerce_date,
    find_dates,
    is_background,
    resolve_date,
)

PUB = date(2025, 7, 15)  # a Tuesday
D = date

RESOLVE = [
    # sentence, expected date, expected precision
    ("قصفت الطائرات البلدة اليوم", D(2025, 7, 15), 1),
    ("قتل شاب اليوم الثلاثاء في درعا", D(2025, 7, 15), 1),
    ("قتل شاب اليوم (الثلاثاء) في درعا", D(2025, 7, 15), 1),
    ("انفجرت عبوة فجر اليوم على الطريق", D(2025, 7, 15), 1),
    ("استهدفت مسيرة صباح اليوم سيارة", D(2025, 7, 15), 1),
    ("ظهر اليوم سقطت قذيفة", D(2025, 7, 15), 1),
    ("وقع الاشتباك مساء اليوم", D(2025, 7, 15), 1),
    ("توغلت دورية ليلاً في القرية", D(2025, 7, 15), 1),
    ("قصفت المدفعية القرية أمس", D(2025, 7, 14), 1),
    ("وأمس، اختطف مسلحون شابا", D(2025, 7, 14), 1),
    ("وبالأمس قصفت الطائرات", D(2025, 7, 14), 1),
    ("هاجم مسلحون الحاجز يوم أمس", D(2025, 7, 14), 1),
    ("ليلة أمس اندلعت اشتباكات", D(2025, 7, 14), 1),
    ("مساء أمس الاثنين قصفت القوات القرية", D(2025, 7, 14), 1),
    ("فجر أمس انفجر لغم", D(2025, 7, 14), 1),
    ("صباحَ أمسِ قُتل شاب", D(2025, 7, 14), 1),
    ("استهدفت غارات الليلة الماضية مواقع", D(2025, 7, 14), 1),
    ("أول أمس اعتقلت دورية ثلاثة شبان", D(2025, 7, 13), 1),
    ("أمس الأول اندلعت اشتباكات", D(2025, 7, 13), 1),
    ("قبل يومين اختطف مجهولون طفلا", D(2025, 7, 13), 1),
    ("منذ يومين تتعرض البلدة للقصف", D(2025, 7, 13), 1),
    ("قبل يوم واحد", D(2025, 7, 14), 1),
    ("منذ ثلاثة أيام قصفت القوات القرية", D(2025, 7, 12), 1),
    ("قبل ٤ أيام انفجرت سيارة", D(2025, 7, 11), 1),
    ("وقبل أسبوع، تعرضت البلدة لقصف", D(2025, 7, 8), 2),
    ("خلال الأسبوع الماضي شنت الطائرات غارات", D(2025, 7, 8), 2),
    ("جاء الهجوم بعد أسبوع من هجوم مشابه", D(2025, 7, 8), 2),
    ("هاجم مسلحون حاجزا يوم الأربعاء الماضي", D(2025, 7, 9), 1),
    ("مساء الخميس استهدفت مسيرة سيارة", D(2025, 7, 10), 1),
    ("الثلاثاء الماضي", D(2025, 7, 8), 1),  # said on a Tuesday: the week before
    ("يوم الثلاثاء", D(2025, 7, 15), 1),  # latest Tuesday on or before publication
    ("فجر السبت قصفت المدفعية", D(2025, 7, 12), 1),
    ("يوم الأحد", D(2025, 7, 13), 1),
    ("خلال الأيام الماضية اعتقلت قوات الأمن العشرات", D(2025, 7, 15), 2),
    ("اعتقلت الدوريات شبانا خلال اليومين الماضيين", D(2025, 7, 15), 2),
    ("تصاعدت الهجمات مؤخراً", D(2025, 7, 15), 2),
    ("تكررت الحوادث في الآونة الأخيرة", D(2025, 7, 15), 2),
    ("تتواصل الاشتباكات لليوم الثالث على التوالي", D(2025, 7, 15), 2),
    ("وصلت تعزيزات خلال الساعات الماضية", D(2025, 7, 15), 1),
    ("شهد الشهر الماضي هجمات", D(2025, 6, 15), 3),
    ("اندلعت الاشتباكات صباح الاثنين 14 تموز/يوليو 2025", D(2025, 7, 14), 1),
    ("في ٣ تموز ٢٠٢٥ انفجرت سيارة", D(2025, 7, 3), 1),
    ("يوم الاثنين 7-7-2025 خطف مسلحون تاجرا", D(2025, 7, 7), 1),
    ("في 2025/07/10 سقطت قذائف", D(2025, 7, 10), 1),
    ("في 12 من يوليو الجاري", D(2025, 7, 12), 1),
    ("في الخامس من تموز", D(2025, 7, 5), 1),
    ("في الحادي عشر من تموز", D(2025, 7, 11), 1),
    ("في 9 تموز /يوليو الجاري", D(2025, 7, 9), 1),
    ("صباح 10 يوليه", D(2025, 7, 10), 1),
    ("بتاريخ 1 أغسطس 2024", D(2024, 8, 1), 1),  # explicit wins, even when old
    ("في 20 كانون الأول", D(2024, 12, 20), 1),  # no year: the latest past December
    ("قتل شاب برصاص قناص في درعا", PUB, 1),  # no expression: publication date
    ("قال مراسلنا اليوم إن الطائرات قصفت الليلة الماضية البلدة", D(2025, 7, 14), 1),
    ("اندلعت اشتباكات منذ آذار 2011 في المنطقة", PUB, 1),  # a period's start is no date
    ("قتل في عام 2013 آلاف المدنيين", PUB, 1),
    ("سيعقد الاجتماع الخميس المقبل", PUB, 1),  # future: ignored
]


@pytest.mark.parametrize("sentence,expected,precision", RESOLVE)
def test_resolve_date(sentence, expected, precision):
    assert resolve_date(sentence, PUB) == (expected, precision)


NO_PUB = [
    # without a publication date only explicit dates resolve
    ("قصفت الطائرات البلدة اليوم", None, 1),
    ("وأمس، اختطف مسلحون شابا", None, 1),
    ("هاجم مسلحون الحاجز الليلة الماضية", None, 1),
    ("يوم الأربعاء الماضي", None, 1),
    ("خلال الأيام الماضية اعتقلت القوات شبانا", None, 2),
    ("قبل أسبوع", None, 2),
    ("في 8 شباط", None, 1),  # no year, no publication date
    ("في 8 شباط 2021", D(2021, 2, 8), 1),
    ("يوم الاثنين 6-5-2019 خطف مسلحون شابا", D(2019, 5, 6), 1),
    ("١٥ كانون الثاني ٢٠٢٠", D(2020, 1, 15), 1),
    ("لا تاريخ هنا", None, 1),
]


@pytest.mark.parametrize("sentence,expected,precision", NO_PUB)
def test_resolve_date_without_published(sentence, expected, precision):
    assert resolve_date(sentence, None) == (expected, precision)


OTHER_PUB = [
    # sentence, published, expected
    ("الاثنين 8 من شباط", D(2021, 2, 8), D(2021, 2, 8)),
    ("في 28 كانون الأول", D(2021, 1, 3), D(2020, 12, 28)),  # year before publication
    ("الجمعة", "2023-03-17", D(2023, 3, 17)),  # published as a string
    ("يوم الأربعاء الماضي", datetime(2023, 3, 17, 9, 30), D(2023, 3, 15)),
    ("أمس", "2020-03-01", D(2020, 2, 29)),  # leap year
    ("قبل يومين", D(2024, 1, 1), D(2023, 12, 30)),
    # "today, Tuesday" in an article dated Thursday: written on the Tuesday (a repost,
    # a late timestamp); a weekday further back than three days is not read so
    ("قال مصدر، فجر اليوم الثلاثاء، إن رتلا دخل البلدة", D(2025, 7, 17), D(2025, 7, 15)),
    ("سقطت قذائف أمس (الأحد) على البلدة", D(2025, 7, 15), D(2025, 7, 13)),
    ("سقطت قذائف أمس الخميس على البلدة", D(2025, 7, 15), D(2025, 7, 14)),
]


@pytest.mark.parametrize("sentence,published,expected", OTHER_PUB)
def test_resolve_date_other_publication_dates(sentence, published, expected):
    assert resolve_date(sentence, published)[0] == expected


def test_default_is_used_when_the_sentence_has_no_date():
    assert resolve_date("وأصيب آخرون بجروح", PUB, default=(D(2025, 7, 14), 1)) == (D(2025, 7, 14), 1)
    assert resolve_date("وأصيب آخرون بجروح", PUB, default=D(2025, 7, 13)) == (D(2025, 7, 13), 1)
    assert resolve_date("وأصيب آخرون بجروح", None) == (None, 1)
    # the sentence's own date wins over the default
    assert resolve_date("قصفت الطائرات أمس", PUB, default=(D(2025, 7, 1), 1)) == (D(2025, 7, 14), 1)
    # ongoing words yield to the article's date
    assert resolve_date("الهجوم ما زال مستمرا", PUB, default=(D(2025, 7, 14), 1)) == (D(2025, 7, 14), 1)


MENTIONS = [
    # text, [(surface, kind, precision, background, future)]
    ("وأمس", [("وأمس", "relative", 1, False, False)]),
    ("فجر اليوم الثلاثاء", [("فجر اليوم الثلاثاء", "relative", 1, False, False)]),
    ("يوم الاثنين 7-7-2025", [("7-7-2025", "explicit", 1, False, False)]),
    ("منذ آذار 2011", []),
    ("عام 2011", []),
    ("مراسل حلب اليوم", []),
    ("لليوم الثاني على التوالي", [("لليوم الثاني", "ongoing", 2, False, False), ("على التوالي", "ongoing", 2, False, False)]),
    ("في 3 أيار 2025", [("3 أيار 2025", "explicit", 1, True, False)]),
    (
        "حتى صباح يوم غد الأربعاء 16 تموز 2025",
        [("يوم غد", "relative", 1, False, True), ("الأربعاء 16 تموز 2025", "explicit", 1, False, True)],
    ),
    ("في آب 2025", [("آب 2025", "month", 3, False, True)]),
    ("في حزيران 2025", [("حزيران 2025", "month", 3, False, False)]),
    ("حزيران الماضي", [("حزيران الماضي", "month", 3, False, False)]),
]


@pytest.mark.parametrize("text,expected", MENTIONS)
def test_find_dates(text, expected):
    got = find_dates(text, PUB)
    assert [(d.text, d.kind, d.precision, d.background, d.future) for d in got] == expected
    for d in got:
        assert isinstance(d, DateMention)
        assert text[d.start : d.end] == d.text


def test_offsets_survive_tashkeel_and_indic_digits():
    text = "وَقَعَ الانفجارُ في ١٤ تَمُّوز ٢٠٢٥ مساءً"
    (m,) = find_dates(text, PUB)
    assert m.date == D(2025, 7, 14)
    assert text[m.start : m.end] == m.text
    assert m.text.startswith("١٤") and m.text.endswith("٢٠٢٥")


def test_report_date_is_flagged():
    text = "وقال مراسلنا اليوم إن الطائرات قصفت البلدة الليلة الماضية"
    report, event = find_dates(text, PUB)
    assert report.report and not event.report


def test_background_and_coerce():
    assert is_background(D(2025, 5, 1), PUB)
    assert not is_background(D(2025, 6, 20), PUB)
    assert not is_background(D(2019, 1, 1), None)
    assert coerce_date("2025-07-15T10:00:00Z") == PUB
    assert coerce_date("not a date") is None
    assert coerce_date(None) is None


def test_article_anchor():
    lead = "قتل شابان أمس بانفجار لغم في ريف درعا. وقال ناشطون إن اللغم من مخلفات الحرب.\nوفي سياق آخر، اعتقلت دورية ثلاثة شبان."
    assert article_anchor(lead, PUB) == (D(2025, 7, 14), 1)
    assert article_anchor(lead, None) == (None, 1)
    assert article_anchor("قصف مدفعي على القرية. وأضرار مادية.", PUB) == (PUB, 1)
    assert article_anchor("في 3 نيسان 2025 قتل شاب. وأمس سقطت قذيفة.", PUB) == (D(2025, 7, 14), 1)
    assert article_anchor("", None) == (None, 1)


# --------------------------------------------------------------------------- properties

BITS = st.sampled_from(
    [
        "اليوم",
        "أمس",
        "وأمس",
        "فجر",
        "مساء",
        "ليلة",
        "الماضية",
        "الماضي",
        "قبل",
        "منذ",
        "يومين",
        "ثلاثة",
        "أيام",
        "أسبوع",
        "الاثنين",
        "الجمعة",
        "الأحد",
        "تموز",
        "/",
        "يوليو",
        "كانون",
        "الثاني",
        "آب",
        "٢٠٢٥",
        "2019",
        "14",
        "١٥",
        "6-5-2019",
        "2019-05-06",
        "31",
        "من",
        "الجاري",
        "غد",
        "المقبل",
        "مؤخراً",
        "تتواصل",
        "\u064e",
        "ـ",
        "ﻻ",
        "(",
        ")",
        "،",
        "\n",
        "\u200f",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(BITS, max_size=20).map(" ".join), st.sampled_from([None, PUB, D(2000, 1, 1), "2024-02-29"]))
def test_find_dates_never_raise_and_offsets_fit(text, published):
    for d in find_dates(text, published):
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start : d.end] == d.text
        assert d.precision in (1, 2, 3)
    when, prec = resolve_date(text, published)
    assert prec in (1, 2, 3)
    article_anchor(text, published)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_find_dates_on_any_text(text):
    for d in find_dates(text, PUB):
        assert 0 <= d.start < d.end <= len(text)
        assert text[d.start : d.end] == d.text
    resolve_date(text, None)


def test_speed():
    sentences = [row[0] for row in RESOLVE] * 20
    resolve_date(sentences[0], PUB)
    t0 = time.process_time()
    for s in sentences:
        dates_mod._find_dates_cached.cache_clear()  # measure the work, not the cache
        resolve_date(s, PUB)
    rate = len(sentences) / (time.process_time() - t0)
    assert rate > 2000, f"{rate:.0f} sentences/s"
