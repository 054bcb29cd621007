"""Conventions of news writing the extractor must read: wire datelines, the
"occupation" as Syrian media name Turkish forces, territory round-ups."""

import datetime as dt

import pytest

from marsad.models import Article
from marsad.pipeline import extract_article


def _events(text: str, published: dt.date = dt.date(2019, 11, 21)):
    return extract_article(Article(id="n1", text=text, url=None, outlet=None, published=published, title=None)).events


def test_a_wire_dateline_is_not_where_the_event_was():
    events = _events(
        "دمشق 21 نوفمبر 2019 (شينخوا) هاجم مسلحو تنظيم داعش اليوم نقطة للجيش السوري قرب مدينة السخنة "
        "في بادية حمص، ما أدى إلى مقتل سبعة جنود.\nوقال مصدر عسكري إن الهجوم صُد بعد ساعتين."
    )
    places = {e.location.name_ar for e in events if e.location}
    assert "دمشق" not in places, places
    attack = [e for e in events if e.location and e.location.name_ar == "السخنة"]
    assert attack and attack[0].fatalities == 7  # the toll is not left on the dateline's city


def test_a_dateline_with_a_slash_and_agency():
    events = _events("حماة / سانا / انفجرت عبوة ناسفة صباح اليوم بسيارة مدنية في مدينة السلمية، ما أدى إلى مقتل شخصين.")
    assert [e.location.name_ar for e in events if e.location] == ["السلمية"]
    assert events[0].fatalities == 2


def test_a_dateline_city_that_is_the_only_place_stays():
    # local outlets file from the place they report on
    events = _events("درعا - قتل شاب برصاص مسلحين مجهولين صباح اليوم.")
    assert [e.location.name_ar for e in events if e.location] == ["درعا"]


def test_the_occupation_named_as_turkish_means_turkey_all_through_the_article():
    events = _events(
        "قصف جيش الاحتلال التركي أمس بالمدفعية قرية أم الكيف في ريف تل تمر شمال غرب الحسكة.\n"
        "وفي ريف رأس العين استهدفت مسيرة لجيش الاحتلال سيارة في قرية تل حرمل، ما أدى إلى مقتل مدني."
    )
    actors = {e.actor1 for e in events}
    assert actors == {"TURKEY"}, [(e.location.name_ar if e.location else None, e.actor1) for e in events]


def test_the_occupation_alone_is_israel():
    events = _events("قصف جيش الاحتلال بالمدفعية أطراف بلدة كويا في ريف درعا الغربي صباح اليوم.", dt.date(2024, 3, 11))
    assert events and {e.actor1 for e in events} == {"ISRAEL"}


def test_a_territory_round_up_is_one_event_per_village():
    villages = ["سراقب", "تفتناز", "آفس", "النيرب", "سرمين", "تل مرديخ", "بنش", "طعوم"]
    events = _events(
        "وأعلنت فصائل المعارضة اليوم سيطرة مقاتليها على بلدات " + " و".join(villages) + " في ريف إدلب الشرقي.",
        dt.date(2024, 11, 29),
    )
    taken = sorted(e.location.name_ar for e in events if e.sub_event_type == "Non-state actor overtakes territory")
    assert taken == sorted(villages), taken


def test_territory_taken_after_clashes_is_a_change_of_territory():
    # ACLED codes the battle in which territory changes hands by that change
    events = _events("سيطرت قوات النظام اليوم على قرية تل مرديخ في ريف إدلب بعد اشتباكات عنيفة مع فصائل المعارضة.")
    subs = {e.sub_event_type for e in events if e.event_type == "Battles"}
    assert subs == {"Government regains territory"}, subs


def test_forces_advancing_into_villages_or_entering_them_take_them():
    # "تقدمت … إلى" and "تمكنت من دخول" tell territory gained, as "سيطرت على" does
    advanced = _events("وتقدمت قوات النظام أمس إلى بلدة ناحتة في ريف درعا الشرقي بعد اشتباكات مع الفصائل.", dt.date(2018, 6, 28))
    assert {(e.sub_event_type, e.location.name_ar) for e in advanced if e.location} == {("Government regains territory", "ناحتة")}
    entered = _events(
        "وقالت مصادر محلية إن قوات سوريا الديمقراطية تمكنت من دخول قرية حزيمة شمال الرقة بعد معارك مع تنظيم الدولة."
    )
    assert {e.sub_event_type for e in entered if e.event_type == "Battles"} == {"Non-state actor overtakes territory"}
    # a failed attempt to advance is no gain
    stopped = _events("وحاولت الفصائل التقدم نحو بلدة ناحتة لكن قوات النظام صدت الهجوم.", dt.date(2018, 6, 28))
    assert not [e for e in stopped if "territory" in e.sub_event_type]


@pytest.mark.parametrize(
    "text",
    [
        "وقال سكان إن المئات خرجوا إلى الشوارع في مدينة حمص عقب صلاة الجمعة.",
        "وانطلق نحو مئتي شخص من الجامع الكبير في مدينة حمص هاتفين بإسقاط النظام.",
    ],
)
def test_crowds_taking_to_the_streets_or_chanting_protest(text):
    events = _events(text, dt.date(2011, 4, 1))
    assert [(e.event_type, e.location.name_ar) for e in events if e.location] == [("Protests", "حمص")]


@pytest.mark.parametrize(
    ("text", "sub_event_type", "place"),
    [
        # a seized house made a base is a new base, not looting
        (
            "استولت الميليشيات الإيرانية أمس على منزل أحد المدنيين في مدينة البوكمال واتخذته مقرا لها.",
            "Headquarters or base established",
            "البوكمال",
        ),
        # a foiled smuggling of weapons is disrupted weapons use, at the district named after the governorate
        (
            "أعلنت قيادة الأمن الداخلي في محافظة حمص عن إحباط محاولة تهريب أسلحة في منطقة القصير.",
            "Disrupted weapons use",
            "القصير",
        ),
        ("شهدت مدينة السويداء تحركات شعبية طالبت بإسقاط المحافظ.", "Peaceful protest", "السويداء"),
        ("فقد التواصل مع شاب صباح اليوم أثناء عمله في أرضه بقرية الشيخ بدر.", "Abduction/forced disappearance", "الشيخ بدر"),
    ],
)
def test_strategic_and_civilian_events_named_in_other_words(text, sub_event_type, place):
    events = _events(text, dt.date(2025, 9, 27))
    assert [(e.sub_event_type, e.location.name_ar) for e in events if e.location] == [(sub_event_type, place)]


def test_the_families_of_the_dead_protesting_is_no_killing():
    # "ذوو القتلى" point back at deaths already told: their sit-in is a peaceful protest
    events = _events("وتظاهر ذوو القتلى أمام مبنى المحافظة في مدينة السويداء اليوم.", dt.date(2023, 12, 2))
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Protests", "Peaceful protest")]
    assert events[0].fatalities == 0


def test_an_attack_that_killed_civilians_is_violence_against_civilians():
    events = _events("قتل مدنيان وأصيب ثالث جراء هجوم شنه مسلحون مجهولون على سيارتهم قرب مدينة تلكلخ في ريف حمص.")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Violence against civilians", "Attack")]
    assert events[0].fatalities == 2


def test_civilians_shot_by_gunmen_are_attacked_not_in_a_battle():
    # "برصاص مسلحين": the gunmen fired; they are no armed target
    events = _events("قتل 12 مدنيا اليوم برصاص مسلحين في مدينة جبلة.", dt.date(2025, 6, 10))
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Violence against civilians", "Attack")]


def test_an_attack_on_a_checkpoint_stays_a_battle():
    events = _events("هاجم مسلحون مجهولون حاجزا للأمن العام قرب مدينة تلكلخ، ما أدى إلى مقتل عنصرين.", dt.date(2025, 6, 10))
    assert [e.event_type for e in events] == ["Battles"]


def test_an_evacuation_under_a_deal_is_an_agreement():
    events = _events("خرجت فجر اليوم الدفعة الأولى من المقاتلين وعائلاتهم من بلدة مضايا عبر الحافلات باتجاه إدلب.")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Strategic developments", "Agreement")]


def test_evacuating_the_wounded_after_shelling_is_no_agreement():
    events = _events("قصفت قوات النظام بلدة سرمين بالمدفعية، وأجلت فرق الدفاع المدني الجرحى إلى المشافي.")
    assert "Agreement" not in {e.sub_event_type for e in events}
    assert any(e.event_type == "Explosions/Remote violence" for e in events)


def test_troops_taking_up_positions_and_a_curfew_are_strategic_developments():
    for text in ("وتمركزت دبابات للجيش عند مدخل بلدة الصنمين صباح اليوم.", "فرضت قسد حظرا للتجوال في بلدة ذيبان بريف دير الزور."):
        events = _events(text)
        assert [(e.event_type, e.sub_event_type) for e in events] == [("Strategic developments", "Other")], text


def test_a_country_named_as_who_struck_is_not_a_place_abroad():
    # "إسرائيل" is the attacker here, not where the strike fell
    events = _events("شنت إسرائيل غارات جوية على بلدة نوى في ريف درعا الغربي صباح اليوم.")
    assert [(e.sub_event_type, e.actor1, e.location.name_ar) for e in events if e.location] == [
        ("Air/drone strike", "ISRAEL", "نوى")
    ]


def test_a_country_named_as_where_still_drops_the_event():
    assert _events("شنت إسرائيل غارات جوية على بلدة الخيام في لبنان صباح اليوم.") == []
    assert _events("قصف الطيران الحربي مواقع في العراق قرب الحدود صباح اليوم.") == []


def test_an_air_defence_interception_is_disrupted_weapons_use_not_a_clash():
    events = _events("وأكدت مصادر عسكرية أن الدفاعات الجوية تمكنت من التصدي لأهداف معادية في سماء مدينة مصياف فجر اليوم.")
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Strategic developments", "Disrupted weapons use")]


def test_repelling_an_attack_on_the_ground_stays_a_clash():
    events = _events("تصدت فصائل المعارضة لهجوم شنته قوات النظام على قرية كفرنبودة في ريف حماة، وقتل ثلاثة عناصر.")
    assert [e.sub_event_type for e in events] == ["Armed clash"]


def test_what_aircraft_destroy_was_an_air_strike_and_looting_stays_looting():
    struck = _events("ودمر الطيران الحربي رتلا من عشر سيارات للتنظيم أثناء فراره قرب مدينة الميادين.")
    assert [e.sub_event_type for e in struck] == ["Air/drone strike"]
    looted = _events("وأقدم عناصر الفصيل على تدمير منازل المدنيين في قرية كفرنبودة.")
    assert [e.sub_event_type for e in looted] == ["Looting/property destruction"]


def test_a_protest_prevented_is_no_protest():
    events = _events("وانتشرت عناصر الأمن بكثافة في مدينة جبلة للحيلولة دون خروج مظاهرات بعد صلاة الجمعة.")
    assert not [e for e in events if e.event_type == "Protests"]


def test_a_district_struck_another_way_than_its_city_is_its_own_event():
    events = _events(
        "تعرضت أحياء مدينة حلب الشرقية اليوم لحملة قصف عنيفة.\n"
        "كما وقعت مجزرة أخرى في حي السكري راح ضحيتها 6 أشخاص بينهم 4 أطفال، إثر غارات الطيران الحربي الروسي على الحي."
    )
    assert ("Air/drone strike", "حي السكري", 6) in [(e.sub_event_type, e.location.name_ar, e.fatalities) for e in events]


def test_a_city_shelled_with_one_of_its_quarters_named_is_the_quarters_event():
    # the city is the lead, the quarter the detail that is coded (as a village is for "ريف حلب")
    events = _events("قصفت قوات النظام مدينة حلب بالمدفعية اليوم.\nوسقطت قذائف على حي السكري ما أدى إلى مقتل ثلاثة مدنيين.")
    assert [(e.sub_event_type, e.location.name_ar, e.fatalities, e.actor1) for e in events] == [
        ("Shelling/artillery/missile attack", "حي السكري", 3, "SYR_GOV_ASSAD")
    ]


def test_a_rally_on_an_anniversary_or_outside_a_court_happened():
    # an anniversary or a court cancels violence recalled through it, not a crowd gathered for it
    rally = _events("خرج مئات المتظاهرين أمس في مدينة درعا في الذكرى السنوية للثورة، مطالبين بإسقاط النظام.")
    assert [(e.event_type, e.location.name_ar) for e in rally] == [("Protests", "درعا")]
    court = _events("تجمع عشرات المحتجين أمس أمام المحكمة في مدينة السويداء للمطالبة بالإفراج عن المعتقلين.")
    assert [(e.event_type, e.location.name_ar) for e in court] == [("Protests", "السويداء")]
    recalled = _events("وفي الذكرى السنوية للمجزرة التي قتل فيها 50 مدنيا بقصف جوي على مدينة حلب، أقيمت صلاة على أرواح الضحايا.")
    assert [e for e in recalled if e.event_type != "Protests"] == []
