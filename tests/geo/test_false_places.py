"""Words that look like places but are not, and names that are parts of longer ones.

Sentences written for these tests (no text from the evaluation sets).  Each
case says which mention must not appear, or what it must resolve to.
"""

from __future__ import annotations

import pytest

# (sentence, a name that must not be returned as a Syrian place)
NOT_PLACES = [
    # frequent words of news prose that some village is also called
    ("خرجت مظاهرات في عدة محافظات دعما للجيش والشرطة", "دعما"),
    ("في مشهد غير مسبوق احتشد المئات أمام المبنى", "مشهد"),
    ("سقطت قذيفة على سطح بناء في منطقة العمارة وسط المدينة", "العمارة"),
    ("تجمع الأهالي على ضفة النهر بانتظار القوارب", "ضفة"),
    ("لا توجد أرقام دقيقة في الوقت الحاضر عن عدد النازحين", "الحاضر"),
    ("انسحبت القوات من ثلاث بلدات كان الجيش قد دخلها", "كان"),
    ("وصل المسعفون بعد وقت قصير من الانفجار", "قصير"),
    ("اندلعت اشتباكات عنيفة شرقي البلاد", "شرقي"),
    ("وهذا من شأنه أن يزيد التوتر في المنطقة", "شأنه"),
    ("استهدفت قذيفة المدينة الجامعية في حلب صباحا", "الجامعية"),
    ("اعتقلت الدورية قيادات بارزة في التنظيم", "ارزة"),
    ("اعتقلت الدورية قيادات بارزة في التنظيم", "بارزة"),
    ("قام الجيش بدور كبير في حماية المدنيين", "دور"),
    ("حضر الاجتماع أهالي القرية منذ بداية الحراك الشعبي", "الحراك"),
    ("شارك المنتخب في الجولة الثامنة من التصفيات", "الجولة"),
    # common nouns heading the name of something else, or naming no place
    ("قصفت المدفعية القرية من معسكر جورين المجاور", "معسكر"),
    ("استهدف التفجير حاجزا قرب قلعة عين شيب", "قلعة"),
    ("تمركزت الدبابات على الطريق قرب معصرة آل فقير", "معصرة"),
    ("سيطرت القوات على منطقة حاوي العشارة", "حاوي"),
    ("أصابت القذيفة جدار المدرسة في الحي", "جدار"),
    ("اجتمع أعضاء المجلس في مبنى البلدية صباح اليوم", "البلدية"),
    ("تتواصل المعارك في مناطق الصراع منذ أشهر", "الصراع"),
    ("نفذ التنظيم الإعدام بواسطة السيف في الساحة", "واسطة"),
    ("قتل عدد من المسلحين المتحصنين في الجروف الصخرية شمال القرية", "الجروف"),
    ("تتحصن الخلايا في المناطق الجبلية والوعرة", "الوعرة"),
    ("كان أبرز الضحايا طفلا في العاشرة", "أبرز"),
    ("وبعد نحو ربع ساعة عاودت الطائرات قصف المنطقة", "ربع"),
    ("وأرفقت الوكالة خبرها بصور تظهر الدمار في البلدة", "الصور"),
    # personal names that some village is also called
    ("اختطف مسلحون الناشط وائل حمادة من منزله", "وائل"),
    ("قتل في المعارك كل من عدنان عباس ومحمد حسين يعقوب", "عدنان"),
    ("وأضاف أن التفجير نفذه المدعو أبو عمر الشامي", "أبو عمر"),  # after "المدعو": a person
    ("قتل في المعارك كل من عدنان عباس ومحمد حسين يعقوب", "محمد حسين"),
    # a name that starts or ends a longer name the gazetteer lacks
    ("مرت الدورية بقرى تل طيرة وجديدة تل كرمة قبل عودتها إلى قاعدتها", "تل"),
    ("مرت الدورية بقرى تل طيرة وجديدة تل كرمة قبل عودتها إلى قاعدتها", "كرمة"),
    ("تجمع المحتجون أمام باب قصر العدل", "باب"),
    ("انفجرت عبوة ناسفة عند باب تدمر", "باب"),
    ("أصيب مزارع برصاص مجهولين في مزرعة كوفيان", "كوفيان"),
    # outlets named after places
    ("ووفقا لشبكة أخبار الجزيرة السورية المحلية فإن القصف استمر", "الجزيرة السورية"),
    ("وقال مراسل الرقة 24 إن الهدوء عاد إلى الأحياء", "الرقة"),
    ("وقصفت قوات النظام قرى ريف إدلب وفقا لما أفاد به مراسل حلب اليوم", "حلب"),
    # a noun pointing back at places just named ("the two villages mentioned")
    ("واستمرت محاولات التقدم إلى القريتين المذكورتين حتى المساء", "القريتين"),
    # a Syrian city in the name of a road abroad
    ("قطع مسلحون الطريق الدولي (عمان – دمشق) قرب الحدود", "دمشق"),
]


@pytest.mark.parametrize("text,name", NOT_PLACES)
def test_not_a_syrian_place(resolver, text, name):
    got = [m for m in resolver.find(text) if m.name_ar.endswith(name) and not m.foreign]
    assert not got, [(m.name_ar, m.location.place_id if m.location else None, m.explanation) for m in got]


def _one(resolver, text, name):
    got = [m for m in resolver.find(text) if m.name_ar == name]
    assert len(got) == 1, [(m.name_ar, m.explanation) for m in resolver.find(text)]
    return got[0]


def test_adjective_is_not_a_country(resolver):
    ms = resolver.find("تشهد قرى ريف حلب الشمالي تصعيدا عسكريا وتصعيداً تركياً كبيراً")
    assert not [m for m in ms if m.foreign], [m.name_ar for m in ms]
    ms = resolver.find("سيطرت تركيا على المنطقة الحدودية")
    assert [m.name_ar for m in ms if m.foreign] == ["تركيا"]


@pytest.mark.parametrize(
    "text",
    [
        "أطلقت طائرة مسيرة صاروخا على بلدة الطيبة بقضاء بنت جبيل في جنوب لبنان",
        "شنت الطائرات غارات على محافظة صعدة شمال اليمن",
        "أعلنت القوات العراقية ملاحقة خلايا التنظيم في محافظات نينوى وصلاح الدين والأنبار",
    ],
)
def test_sentences_about_places_abroad_name_no_syrian_place(resolver, text):
    ms = resolver.find(text)
    syrian = [(m.name_ar, m.location.place_id) for m in ms if not m.foreign and m.location is not None]
    assert not syrian
    assert any(m.foreign for m in ms)


def test_a_syrian_village_beside_a_border_country_stays(resolver):
    m = _one(resolver, "قصفت المدفعية قرية ذيبان بريف دير الزور الشرقي قرب الحدود مع العراق", "ذيبان")
    assert m.location.place_id == "C5202"


def test_dual_governorates_list(resolver):
    text = "حلقت طائرات حربية فوق محافظتي درعا والقنيطرة طوال الليل"
    a = _one(resolver, text, "درعا")
    b = _one(resolver, text, "القنيطرة")
    assert (a.location.place_id, a.location.geo_precision) == ("SY12", 3)
    assert (b.location.place_id, b.location.geo_precision) == ("SY14", 3)
    assert b.kind == "governorate"


def test_plural_governorates_list(resolver):
    text = "وصلت تعزيزات من محافظات حلب، إدلب، حماة إلى الساحل"
    assert [m.location.place_id for m in resolver.find(text) if m.location][:3] == ["SY02", "SY07", "SY05"]


def test_unknown_desert_area_takes_the_countryside_that_locates_it(resolver):
    m = _one(resolver, "هاجمت خلايا التنظيم نقطة عسكرية في بادية الحمى غرب مدينة الرقة", "بادية الحمى")
    assert m.location.place_id is None
    assert m.location.geo_precision == 2
    assert m.location.admin1 == "Raqqa"


def test_road_ends_are_cities(resolver):
    ms = resolver.find("هاجم مسلحون حافلة على طريق حمص – تدمر ببادية حمص")
    got = {m.name_ar: (m.location.place_id, m.kind) for m in ms if m.location}
    assert got["حمص"] == ("C2528", "city")
    assert got["تدمر"] == ("C2889", "city")


@pytest.mark.parametrize(
    "text,name,place_id",
    [
        ("إحياء ذكرى الهجوم الكيميائي على الغوطة", "الغوطة", "C2338"),
        ("قصف مدفعي على بلدات الغوطة الشرقية", "الغوطة الشرقية", "C2338"),
        ("اشتباكات في الغوطة الغربية قرب دمشق", "الغوطة الغربية", "C2498"),
    ],
)
def test_ghouta_is_an_area(resolver, text, name, place_id):
    m = _one(resolver, text, name)
    assert (m.location.place_id, m.location.geo_precision, m.kind) == (place_id, 2, "area")


def test_countryside_of_a_town_far_from_its_district_point(resolver, gazetteer):
    from marsad.geo.gazetteer import haversine_km

    m = _one(resolver, "قصفت المدفعية مواقع في ريف البوكمال", "ريف البوكمال")
    town = gazetteer.get("C5167")
    assert m.location.geo_precision == 2
    assert haversine_km(m.location.lat, m.location.lon, town.lat, town.lon) < 15


def test_countryside_of_a_town_near_its_district_point(resolver, gazetteer):
    m = _one(resolver, "سقطت قذائف على ريف مدينة منبج", "ريف مدينة منبج")
    assert m.location.geo_precision == 2
    assert m.location.admin1 == "Aleppo"


@pytest.mark.parametrize(
    "text,name,place_id",
    [
        # the rules above must not lose real places
        ("قصفت المدفعية قرى الطويلة وتل اللبن وتل جمعة", "الطويلة", "C4386"),
        ("سقطت قذائف على قرية تل طويل غرب تل تمر", "تل طويل", "C4421"),
        ("قصف مدفعي على مدينة الباب شرقي حلب", "الباب", "C1202"),
        ("اشتباكات عنيفة في محيط بلدة الحاضر جنوب حلب", "الحاضر", "C1182"),
        ("قتل مدنيان في مدينة القصير بريف حمص", "القصير", "C2733"),
        # the village of this name near the town that locates it, though OCHA names it
        # "العريشة رأس العين" to tell it from the town of Areesheh south of al-Hasakah
        ("هاجمت الفصائل قرى العريشة والقاسمية بريف تل تمر الشمالي", "العريشة", "C5019"),
        # the same word after a type word is the town
        ("اشتباكات في محيط بلدة القريتين المذكورة بريف حمص", "القريتين", "C2663"),
        # a one-word name written in two words
        ("قصفت الطائرات مدينة كفر نبل جنوب إدلب", "كفر نبل", "C4068"),
    ],
)
def test_real_places_kept(resolver, text, name, place_id):
    m = _one(resolver, text, name)
    assert m.location.place_id == place_id, m.explanation


@pytest.mark.parametrize(
    "text,name",
    [
        # a government named by its capital, the judiciary, a border country: the village stays Syrian
        ("أعلنت موسكو أن طائراتها قصفت قرية الطيبة في ريف درعا", "الطيبة"),
        ("أحال القضاء ملف سكان قرية الطيبة بريف درعا إلى المحكمة", "الطيبة"),
        ("قصفت المدفعية قرية الطيبة بريف درعا الشرقي قرب الحدود مع الأردن", "الطيبة"),
    ],
)
def test_syrian_village_in_a_sentence_naming_abroad(resolver, text, name):
    m = _one(resolver, text, name)
    assert not m.foreign
    assert m.location is not None and m.location.admin1 == "Daraa"


def test_and_lebanon_is_not_and_the_village_banan(resolver):
    ms = resolver.find("زار المسؤول سوريا ولبنان والعراق الأسبوع الماضي")
    assert [m.name_ar for m in ms if not m.foreign] == []
    assert "لبنان" in [m.name_ar for m in ms if m.foreign]


def test_family_name_after_a_given_name_is_not_a_place(resolver):
    ms = resolver.find("قتل ثلاثة مدنيين وهم حسين علي حميرة وأحمد خليل")
    assert not [m for m in ms if m.name_ar.endswith("حميرة")]


@pytest.mark.parametrize(
    "text,name",
    [
        ("قصفت المدفعية مدينة دمشق العاصمة", "دمشق"),
        ("سقطت قذائف على بلدة الكسوة المحاصرة في ريف دمشق", "الكسوة"),
    ],
)
def test_a_town_followed_by_an_adjective_is_kept(resolver, text, name):
    m = _one(resolver, text, name)
    assert m.location is not None and m.location.place_id


def test_being_behind_an_attack_is_not_the_village_of_that_name(resolver):  # type: ignore[no-untyped-def]
    ms = resolver.find("اتهمت الحكومة المؤقتة وحدات حماية الشعب بالوقوف وراء التفجير")
    assert not [m for m in ms if m.location is not None and m.location.place_id == "C1247"]


def test_a_word_of_the_prose_ends_a_list_of_villages(resolver):
    ms = resolver.find("انتهت الاشتباكات بدحر المسلحين من قرى النقير والشيخ مصطفى وكفر سجنة، وتدمير عتاد وآليات.")
    assert "تدمير" not in [m.name_ar for m in ms], [m.name_ar for m in ms]
    assert "كفر سجنة" in [m.name_ar for m in ms]


def test_a_governorate_name_placing_a_town_outside_its_city_is_the_governorate(resolver):
    ms = {m.name_ar: m for m in resolver.find("أطلقت قوات الأمن النار على متظاهرين في مدينة الحارة في درعا")}
    assert ms["الحارة"].location.place_id == "C6048", ms["الحارة"].explanation
    assert ms["درعا"].kind == "governorate", ms["درعا"].explanation
    # a quarter of the city stays in the city
    near = {m.name_ar: m for m in resolver.find("قصفت الطائرات حي الكاشف في درعا")}
    assert near["درعا"].kind == "city", near["درعا"].explanation
