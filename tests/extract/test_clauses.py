"""Clause splitting and one event per sub-type (SPEC §3: one event per day,
place, actor pair and sub-type)."""

import datetime as dt

from marsad.models import Article
from marsad.pipeline import extract_article


def _full(text: str, published: dt.date = dt.date(2024, 5, 10)):
    """The events of an article made of ``text``."""
    return extract_article(Article(id="c1", text=text, url=None, outlet=None, published=published, title=None)).events


def _events(text: str):
    """(type, sub-type, place name) of each event."""
    return [(e.event_type, e.sub_event_type, e.location.name_ar if e.location else None) for e in _full(text)]


def test_a_named_source_ends_the_clause():
    # no full stop: "… حسب ما أفاد ناشطون وأحرق المحتجون …" holds two incidents
    got = _events(
        "فرقت قوات الأمن مظاهرة في مدينة السلمية بالغاز المسيل للدموع حسب ما أفاد ناشطون محليون "
        "وأحرق المحتجون إطارات السيارات وخربوا واجهة مبنى البلدية."
    )
    assert ("Protests", "Protest with intervention", "السلمية") in got
    assert ("Riots", "Violent demonstration", "السلمية") in got


def test_a_protest_and_a_riot_at_one_place_stay_two_events():
    got = _events(
        "تظاهر مئات الأهالي في مدينة جبلة اليوم مطالبين بالإفراج عن المعتقلين. "
        "وفي وقت لاحق رشق شبان غاضبون دورية للشرطة بالحجارة في المدينة نفسها."
    )
    types = sorted(t for t, _, _ in got)
    assert types == ["Protests", "Riots"], got


def test_those_villages_are_the_list_just_named():
    got = _events(
        "مرت الدورية الروسية بقرى مريمين وكفرجنة وباسوطة، حيث تعرضت في تلك القرى للرشق بالحجارة "
        "من قبل الأهالي، وبعد ذلك عادت إلى قاعدتها قرب مدينة عفرين."
    )
    riots = sorted(place for t, _, place in got if t == "Riots")
    assert riots == sorted(["مريمين", "كفرجنة", "باسوطة"]), got


def test_a_clash_told_from_each_side_is_one_event_with_both_sides_dead():
    events = _full(
        "اندلعت اشتباكات عنيفة بين قوات سوريا الديمقراطية وعناصر من تنظيم الدولة الإسلامية في بلدة الشحيل "
        "بريف دير الزور الشرقي فجر اليوم.\nوقالت مصادر محلية إن الاشتباكات أسفرت عن مقتل عنصرين من قسد "
        "ومقتل ثلاثة من عناصر التنظيم.\nوشنت قسد بعد ذلك حملة دهم في البلدة اعتقلت خلالها سبعة أشخاص."
    )
    battles = [e for e in events if e.event_type == "Battles"]
    assert len(battles) == 1 and battles[0].fatalities == 5
    assert {battles[0].actor1, battles[0].actor2} == {"SDF", "ISIS"}
    arrests = [e for e in events if e.sub_event_type == "Arrests"]
    assert arrests and arrests[0].location.name_ar == "الشحيل"  # "في البلدة": the town just named


def test_a_demand_for_release_is_a_peaceful_protest_and_its_crowd_riots_there():
    got = _events(
        "تجمع العشرات من أهالي مدينة شهبا أمام مبنى المخفر، مطالبين بالإفراج عن شابين اعتقلتهما دورية "
        "للأمن العام قبل يومين.\nوأغلق المحتجون الطريق الرئيسي بالإطارات المشتعلة لساعات."
    )
    assert ("Protests", "Peaceful protest", "شهبا") in got
    assert ("Riots", "Violent demonstration", "شهبا") in got


def test_intercepted_missiles_are_remote_violence_and_a_native_town_is_not_the_place():
    got = _events("قالت وكالة سانا إن الدفاعات الجوية تصدت لصواريخ إسرائيلية استهدفت محيط مطار التيفور في ريف حمص الشرقي.")
    assert got and got[0][0] == "Explosions/Remote violence", got
    got = _events("اختطف مسلحون مجهولون طبيبا من أبناء مدينة تلبيسة أثناء عودته من عيادته في مدينة الرستن بريف حمص الشمالي.")
    assert [p for _, _, p in got] == ["الرستن"], got


def test_a_round_up_split_by_place_gives_one_event_per_place():
    events = _full(
        "قتل 27 مدنيا جراء غارات جوية لقوات النظام استهدفت مدن وبلدات الغوطة الشرقية اليوم.\n"
        "وتوزع القتلى على مدن دوما (12 قتيلا) وحمورية (8 قتلى) وسقبا (7 قتلى)."
    )
    got = sorted((e.location.name_ar, e.fatalities) for e in events)
    assert got == [("حمورية", 8), ("دوما", 12), ("سقبا", 7)], got


def test_a_halt_in_shelling_is_not_shelling_but_a_ceasefire_deal_is_an_agreement():
    # (the buses moving the besieged out are an evacuation, which the rules code as an agreement)
    halted = _events("بدأت الحافلات بنقل المحاصرين باتجاه ريف حلب الغربي وسط توقف القصف على الأحياء الشرقية.")
    assert [(t, s) for t, s, _ in halted] == [("Strategic developments", "Agreement")], halted
    got = _events("توصل الطرفان إلى اتفاق في مدينة درعا ينص على وقف المعارك وخروج الرافضين إلى الشمال.")
    assert [(t, s) for t, s, _ in got] == [("Strategic developments", "Agreement")], got


def test_attacks_days_before_are_background_of_a_deployment():
    for when in ("بعد يومين من", "بعد 3 أيام من"):
        got = _events(f"انتشرت وحدات من الأمن العام في مدينة بانياس {when} هجمات شنتها مجموعات مسلحة على نقاط أمنية.")
        assert [(t, s) for t, s, _ in got] == [("Strategic developments", "Other")], (when, got)


def test_a_unit_of_an_actor_acts_and_a_quarter_of_a_town_is_one_place():
    events = _full("داهمت الشرطة العسكرية التابعة للجيش الوطني السوري منازل في حي الأشرفية بمدينة عفرين، واعتقلت أربعة شبان.")
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Arrests", "SNA")], events


def test_a_side_that_tells_is_not_the_side_that_acts():
    events = _full(
        "شنت طائرات حربية تركية غارات على مواقع لقوات سوريا الديمقراطية في مدينة عين العرب فجر اليوم.\n"
        "وقالت قسد إن الغارات أسفرت عن مقتل 11 مدنيا."
    )
    assert len(events) == 1 and events[0].actor1 == "TURKEY" and events[0].fatalities == 11, events


def test_sniper_side_state_media_wording_and_a_bombers_group():
    got = _full("استشهد طفل برصاص قناص من قوات النظام المتمركزة على أطراف حي درعا البلد صباح اليوم.")
    assert [(e.actor1, e.actor2) for e in got] == [("SYR_GOV_ASSAD", "CIVILIANS")], got
    got = _full(
        "أعلنت وزارة الدفاع أن العدو الإسرائيلي شن عدوانا جويا من اتجاه الجولان السوري المحتل مستهدفا نقاطا "
        "في محيط مدينة دمشق، ما أدى إلى إصابة جنديين."
    )
    assert [(e.sub_event_type, e.actor1, e.location.name_ar) for e in got] == [("Air/drone strike", "ISRAEL", "دمشق")], got
    got = _full(
        "قتل 25 شخصا في تفجير انتحاري استهدف كنيسة في حي الدويلعة بدمشق.\n"
        "وقالت وزارة الداخلية إن انتحاريا ينتمي لتنظيم داعش دخل الكنيسة قبل أن يفجر نفسه بحزام ناسف."
    )
    assert [(e.sub_event_type, e.actor1, e.fatalities) for e in got] == [("Suicide bomb", "ISIS", 25)], got


def test_casualties_after_a_shelling_clause_go_to_the_clash():
    got = _full(
        "دارت اشتباكات عنيفة بين قوات النظام وفصائل المعارضة على محور كبانة بريف اللاذقية الشمالي، تزامنا مع "
        "قصف مدفعي مكثف من قوات النظام على المنطقة.\nوأفاد مراسل محلي بمقتل خمسة عناصر من قوات النظام واثنين "
        "من مقاتلي الفصائل خلال الاشتباكات."
    )
    battles = [e for e in got if e.event_type == "Battles"]
    assert len(battles) == 1 and battles[0].fatalities == 7, got


def test_an_incident_one_side_denies_is_coded_but_a_monthly_report_is_not():
    got = _full(
        "نفت وزارة الدفاع الروسية تنفيذ أي غارات جوية على مدينة إدلب خلال الأسبوع الماضي.\n"
        "في المقابل، وثق الدفاع المدني مقتل ستة مدنيين بغارة جوية على سوق شعبي في المدينة يوم الثلاثاء."
    )
    assert [(e.sub_event_type, e.actor1, e.location.name_ar, e.fatalities) for e in got] == [
        ("Air/drone strike", None, "إدلب", 6)
    ], got
    assert (
        _events(
            "وثقت الشبكة السورية لحقوق الإنسان في تقريرها الشهري مقتل 300 مدني في سوريا خلال شهر آب، "
            "بينهم 50 طفلا قتلوا بقصف لقوات النظام على مدينة إدلب."
        )
        == []
    )
    assert _events("وقالت مصادر محلية حينها إن الانفجار وقع أثناء عبور المدنيين في قرية السكرية.") == []


def test_a_claim_names_the_attacker_unless_it_is_denied():
    got = _full("قتل 12 شخصا في تفجير سيارة مفخخة وسط مدينة جبلة صباح اليوم.\nوتبنى تنظيم داعش التفجير في بيان.")
    assert [(e.sub_event_type, e.actor1) for e in got] == [("Remote explosive/landmine/IED", "ISIS")], got
    got = _full("قتل 12 شخصا في تفجير سيارة مفخخة وسط مدينة جبلة صباح اليوم.\nولم تتبن أي جهة التفجير حتى الآن.")
    assert [e.actor1 for e in got] == [None], got


def test_a_commander_in_a_force_is_its_casualty():
    got = _full("وثق المرصد مقتل قيادي في الوحدات الكردية بانفجار عبوة ناسفة في مدينة عامودا أمس.")
    assert [(e.actor1, e.actor2) for e in got] == [(None, "SDF")], got


def test_clashes_that_took_place_are_not_a_signed_deal():
    # "وقعت" is "took place" before an event noun, "signed" only with "على"/"اتفاق"
    assert _events("وقعت اشتباكات عنيفة بين الفصائل وقوات النظام في ريف حماة الشمالي.") == [
        ("Battles", "Armed clash", "ريف حماة الشمالي")
    ]
    assert [t for t, s, _ in _events("وقعت الفصائل على اتفاق تسوية في مدينة درعا.")] == ["Strategic developments"]


def test_a_place_named_after_a_cue_word_is_still_a_place():
    # "خربة" (a village's first word) is not "خرّب" (vandalised); "تسليم معبر نصيب" hands over the crossing
    assert _events("قصفت قوات النظام قرية خربة الجوز بريف إدلب الغربي.") == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", "خربة الجوز")
    ]
    # "مخيم" is also a civilian-target word; the camp it begins is still the place
    assert _events("قتلت امرأة برصاص مجهولين في مخيم الهول.") == [("Violence against civilians", "Attack", "مخيم الهول")]
    got = _full("نص الاتفاق على تسليم معبر نصيب الحدودي للشرطة العسكرية الروسية.")
    assert [e.location.place_id for e in got] == ["SITE:sy-nasib-border-crossing"], got


def test_where_the_fire_came_from_is_not_where_it_fell():
    got = _full("واصلت قوات النظام قصف الأحياء الشرقية لمدينة حلب.\nوكان القصف بالمدفعية والدبابات انطلاقا من حي الحمدانية.")
    assert {e.location.place_id for e in got} == {"C1007"}, got


def test_each_of_part_of_and_near_are_no_from_and_a_town_listed_beside_a_city_stays():
    # "كل من X وY" is "both X and Y", not "from X"; Talbiseh, 6 km from Rastan, is not in it
    got = _events("قصفت قوات النظام كل من مدينتي تلبيسة والرستن في ريف حمص.")
    assert sorted(p for *_, p in got) == ["الرستن", "تلبيسة"], got
    # "أجزاء من X وY" is part of both, not "from"
    parts = _events("سيطرت قوات النظام على أجزاء من بلدتي بصر الحرير وناحتة في ريف درعا الشرقي بعد اشتباكات.")
    assert sorted(p for *_, p in parts) == ["بصر الحرير", "ناحتة"], parts
    # "على مقربة من X وY" is near both
    near = _events("انفجرت عبوة ناسفة على مقربة من قرية الحصرجية وبلدة تلكلخ.")
    assert sorted(p for *_, p in near) == ["الحصرجية", "تلكلخ"], near
    # … while a town said to be in a city is one place with it
    inside = _events("اندلعت اشتباكات في ضاحية حرستا بدمشق.")
    assert [p for *_, p in inside] == ["حرستا"], inside


def test_a_place_inside_a_group_name_is_not_where_it_acted():
    got = _events("هاجم مقاتلو مجلس دير الزور العسكري مواقع للتنظيم في بلدة الشحيل.")
    assert [p for *_, p in got] == ["الشحيل"], got
    # … unless it is the only place the clause names
    alone = _events("اندلعت اشتباكات بين دروز السويداء وعشائر البدو.")
    assert [p for *_, p in alone] == ["السويداء"], alone


def test_tanks_a_force_is_backed_by_are_no_shelling():
    got = _events("اقتحمت قوات مدعومة بالدبابات بلدة تلكلخ في ريف حمص.")
    assert [(t, p) for t, _, p in got] == [("Battles", "تلكلخ")], got


def test_strikes_pointed_back_at_or_backing_a_force_are_no_new_strike():
    # "القصف جاء بناء على …", "مصادر القصف": the shelling already told
    assert _events("وقال بيان للجيش في دمشق إن القصف جاء بناء على تعليمات القيادة السياسية.") == []
    assert _events("وقالت القوات إنها ترد على مصادر القصف في بلدة تادف.") == []
    # "المدعومة بقصف جوي": the air strikes back the fighting, which is the event
    got = _events("اندلعت معارك عنيفة بين تنظيم الدولة وقوات سوريا الديمقراطية المدعومة بقصف جوي من التحالف في مدينة الطبقة.")
    assert [(t, p) for t, _, p in got] == [("Battles", "الطبقة")], got


def test_an_agreement_drawing_near_is_not_yet_one():
    assert _events("ذكرت مصادر أن فصائل المعارضة والوفد الروسي تقترب من التوصل إلى اتفاق في مدينة بصرى الشام.") == []
    signed = _events("توصلت فصائل المعارضة والوفد الروسي إلى اتفاق في مدينة بصرى الشام.")
    assert [s for _, s, _ in signed] == ["Agreement"], signed


def test_a_deployment_to_prevent_a_protest_happened_the_protest_did_not():
    got = _events("انتشر عناصر من الأمن في بلدة كناكر بريف دمشق للحيلولة دون خروج تظاهرات.")
    assert got == [("Strategic developments", "Other", "كناكر")], got


def test_a_governorate_agreement_is_no_lead_of_a_handover_it_includes():
    # an area-level event is folded into the places told after it only when they are of its kind
    got = _events(
        "توصل الوفد الروسي وقادة الفصائل في محافظة درعا إلى اتفاق لوقف إطلاق النار.\n"
        "كما تم الاتفاق على تسليم معبر نصيب الحدودي للشرطة العسكرية الروسية."
    )
    assert sorted(s for _, s, _ in got) == ["Agreement", "Non-violent transfer of territory"], got


def test_a_deployment_stands_at_each_place_a_patrol_passes_as_one_event():
    deployed = _events("وانتشرت قوات الأمن في مدن اللاذقية وجبلة وبانياس.")
    assert sorted(p for *_, p in deployed) == ["اللاذقية", "بانياس", "جبلة"], deployed
    patrol = _events("وسيرت القوات الروسية دورية عسكرية في قرى الدرباسية وعامودا.")
    assert len(patrol) == 1, patrol


def test_a_word_inside_a_group_name_is_no_event():
    # "تحرير" in "هيئة تحرير الشام" is not a release; "سيطرت X على" is a takeover
    got = _full("سيطرت هيئة تحرير الشام على قرية كفرنبودة في ريف حماة الشمالي.")
    assert [(e.sub_event_type, e.actor1) for e in got] == [("Non-state actor overtakes territory", "HTS")], got


def test_a_speaker_reporting_its_own_act_is_the_actor():
    got = _full("أعلن الجيش الإسرائيلي أنه قصف مواقع عسكرية في ريف القنيطرة.")
    assert [(e.actor1, e.actor2) for e in got] == [("ISRAEL", None)], got
    got = _full("قالت قوات سوريا الديمقراطية إنها تعرضت لهجوم بطائرة مسيرة تركية في مدينة القامشلي.")
    assert [(e.actor1, e.actor2) for e in got] == [("TURKEY", "SDF")], got
    got = _full("قالت قسد إن طائرة مسيرة تركية قصفت مدينة القامشلي.")
    assert [(e.actor1, e.actor2) for e in got] == [("TURKEY", None)], got


def test_shots_from_unknown_men_at_a_camp_kill_a_refugee():
    got = _full("تعرض مخيم الهول لإطلاق نار من مجهولين، أسفر عن مقتل لاجئة عراقية.")
    assert [(e.actor1, e.actor2, e.fatalities) for e in got] == [("UNIDENTIFIED", "CIVILIANS", 1)], got


def test_an_event_on_a_road_between_two_towns_is_near_the_last_one():
    got = _full("انفجر لغم أرضي بسيارة تقل مدنيين على طريق الرقة – الطبقة، ما أدى إلى مقتل ثلاثة منهم.")
    assert [(e.location.name_ar, e.location.geo_precision, e.fatalities) for e in got] == [("الطبقة", 2, 3)], got


def test_a_toll_update_after_an_aside_updates_the_event_it_names():
    got = _full(
        "قتل ثلاثة مدنيين جراء قصف صاروخي لقوات النظام على مدينة أريحا.\n"
        "وقال الدفاع المدني إن فرقه انتشلت الضحايا من تحت الأنقاض.\n"
        "وفي سياق متصل، ارتفع عدد قتلى القصف إلى خمسة بعد وفاة اثنين من المصابين."
    )
    assert [e.fatalities for e in got] == [5], got
    got = _full(
        "اندلعت اشتباكات بين قوات النظام والفصائل في بلدة كفرنبل، قتل فيها ثلاثة عناصر.\n"
        "وقصفت قوات النظام بلدة حاس المجاورة دون وقوع إصابات.\n"
        "وارتفعت حصيلة الاشتباكات إلى سبعة قتلى."
    )
    assert [(e.event_type, e.fatalities) for e in got] == [("Battles", 7), ("Explosions/Remote violence", 0)], got


def test_a_ministry_announcing_its_own_act_acts_for_the_government_of_the_day():
    text = "أعلنت وزارة الداخلية السورية، اليوم الخميس، إحباط محاولة تهريب شحنة أسلحة في منطقة القصير بريف حمص."
    assert [e.actor1 for e in _full(text, dt.date(2024, 5, 10))] == ["SYR_GOV_ASSAD"]
    assert [e.actor1 for e in _full(text, dt.date(2025, 5, 10))] == ["SYR_GOV_NEW"]


def test_where_a_vehicle_was_heading_and_the_guns_positions_are_not_the_place():
    ambush = _events(
        "قالت مصادر محلية إن حافلة عسكرية لقوات النظام وقعت أمس في كمين نصبه تنظيم داعش في بلدة السخنة أثناء توجهها نحو مدينة تدمر."
    )
    assert [e[2] for e in ambush] == ["السخنة"]
    shelled = _events("قتل مدنيان أمس بعد استهداف قوات النظام مدينة خان شيخون بقذائف المدفعية من مواقعها في معسكر الشيخ حديد.")
    assert [e[2] for e in shelled] == ["خان شيخون"]


def test_a_takeover_after_the_other_side_withdrew_is_a_non_violent_transfer():
    quiet = _events("سيطرت قوات النظام اليوم على قرية قبيبات شرق حماة بعد انسحاب مفاجئ لعناصر تنظيم الدولة منها.")
    assert [e[:2] for e in quiet] == [("Strategic developments", "Non-violent transfer of territory")]
    fought = _events("سيطرت قوات النظام اليوم على قرية قبيبات شرق حماة بعد اشتباكات عنيفة مع عناصر تنظيم الدولة.")
    assert [e[0] for e in fought] == ["Battles"]


def test_what_usually_happens_is_not_an_event():
    usual = _events("وانتشرت قوات الأمن أمام المساجد في مدينة بانياس التي تخرج منها عادة التظاهرات أيام الجمعة.")
    assert [e for e in usual if e[0] == "Protests"] == []
    happened = _events("وخرجت التظاهرات أمس من المساجد في مدينة بانياس مطالبة بالإفراج عن المعتقلين.")
    assert [e[0] for e in happened] == ["Protests"]


def test_eliminating_a_group_is_fighting_and_the_judiciary_still_cancels():
    # "القضاء على" (eliminating) holds the word for the judiciary ("القضاء"): the longer phrase wins
    fought = _full("أعلن الجيش أمس القضاء على عدد من المسلحين قرب بلدة خان طومان جنوب حلب.")
    assert [(e.event_type, e.fatalities) for e in fought] == [("Battles", 10)]
    tried = _events("وأصدر القضاء أمس حكما بسجن المتهمين بتفجير سيارة مفخخة في مدينة حلب.")
    assert tried == []


def test_earlier_clashes_recalled_are_no_event():
    recalled = _events("وجرت اشتباكات سابقة بين الفصائل في مدينة تل أبيض وكانت تنتهي بتدخل الشرطة العسكرية.")
    assert recalled == []
    today = _events("وجرت اشتباكات عنيفة أمس بين الفصائل في مدينة تل أبيض.")
    assert [e[0] for e in today] == ["Battles"]


def test_a_weekly_tally_and_a_ranking_of_provinces_are_no_events():
    week = _events("وأعلن التنظيم مسؤوليته عن تنفيذ سبع هجمات خلال الأسبوع أسفرت عن مقتل 19 عنصرا في محافظتي دير الزور والحسكة.")
    assert week == []
    ranking = _events("وتصدرت حلب المحافظات بحصيلة الضحايا الموثقة، تلتها درعا ثم إدلب.")
    assert ranking == []
    now_and_then = _events("وتنفذ خلايا التنظيم بين حين وآخر هجمات على حواجز الجيش في بادية دير الزور.")
    assert now_and_then == []


def test_a_city_named_in_a_road_after_and_is_not_a_place_of_the_shelling():
    got = _events("سقطت قذائف أمس على أحياء الميدان والزاهرة والتضامن وأوتستراد درعا دمشق ما أسفر عن إصابة مدنيين.")
    assert "درعا" not in [e[2] for e in got] and "الزاهرة" in [e[2] for e in got]


def test_the_dead_of_an_arrest_raid_are_an_attack_not_an_arrest():
    raid = _events("قتل شخصان أمس خلال محاولة اعتقالهما من قبل قسد في بلدة الكسرة غربي دير الزور.")
    assert [e[:2] for e in raid] == [("Violence against civilians", "Attack")]
    arrest = _events("اعتقلت دورية أمنية أمس شخصين في بلدة الكسرة غربي دير الزور.")
    assert [e[:2] for e in arrest] == [("Strategic developments", "Arrests")]


def test_a_province_wide_retelling_repeats_the_event_in_its_area():
    # the governorate named later is where the area told first lies: one attack, not two
    events = _events(
        "قتل عشرات المدنيين فجر اليوم في قصف بالغازات السامة على الغوطة الشرقية.\n"
        "واتهم ناشطون قوات النظام بقصف مناطق في ريف دمشق بالغازات السامة."
    )
    assert events == [("Explosions/Remote violence", "Chemical weapon", "الغوطة الشرقية")], events


def test_the_village_points_back_at_the_village_just_told():
    events = _events(
        "سيطرت قوات النظام اليوم على قرية المستريحة شرق حماة بعد مواجهات مع هيئة تحرير الشام.\n"
        "وقال ناشطون إن قوات النظام سيطرت على القرية بعد غارات جوية مكثفة انطلقت طائراتها من مطار حماة العسكري."
    )
    assert ("Explosions/Remote violence", "Air/drone strike", "المستريحة") in events, events


def test_the_point_a_distance_is_measured_from_is_not_the_place():
    # the city is unnamed; Damascus only measures how far it lies
    text = "وفتحت قوات الأمن نيران رشاشاتها على المتظاهرين في المدينة الواقعة على بعد 200 كيلومتر شمالي دمشق، ما أدى إلى إصابة عشرة منهم."
    assert _events(text) == []


def test_air_defences_intercepting_missiles_with_their_name_between_are_no_clash():
    got = _events(
        "نفذ العدو الإسرائيلي فجر اليوم عدوانا جويا مستهدفا عددا من النقاط في محيط مدينة دمشق، "
        "وقد تصدت وسائط دفاعنا الجوي لصواريخ العدوان وأسقطت معظمها."
    )
    assert got and all(t == "Explosions/Remote violence" for t, _, _ in got), got


def test_what_was_absent_neither_struck_nor_acted():
    events = _full(
        "سيطرت قوات سوريا الديمقراطية على قرية أبو قلقل بريف منبج، مستغلة غياب الطيران المسير التركي عن أجواء المنطقة."
    )
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Non-state actor overtakes territory", "SDF")], events


def test_a_report_called_untrue_after_it_is_told_is_no_event():
    assert _events("أكدت وزارة الداخلية أن معظم الشكاوى المتعلقة باختطاف النساء في منطقة جبلة غير صحيحة.") == []
    # a source that reports it and another that denies it: coded (SPEC §3)
    got = _events("قالت مصادر محلية إن مسلحين اختطفوا امرأتين في مدينة جبلة، فيما قالت الوزارة إن الأنباء غير صحيحة.")
    assert got == [("Violence against civilians", "Abduction/forced disappearance", "جبلة")], got


def test_a_report_the_next_words_deny_is_no_event():
    text = "تداول ناشطون أنباء مفادها أن تنظيم داعش سيطر على بلدة القريتين، الأمر الذي نفته وكالة سانا الرسمية."
    assert _events(text) == []
    assert _events(text.replace("، الأمر الذي نفته وكالة سانا الرسمية", "")) != []


def test_the_towns_a_road_links_are_not_where_the_event_was():
    got = _events("قتل مدني بقذيفة في قرية الطويلة بمحاذاة الطريق الدولي الذي يربط حلب بالحسكة.")
    assert [p for _, _, p in got] == ["الطويلة"], got


def test_an_arrest_campaign_counts_no_dead_of_the_killing_it_follows():
    events = _full(
        "نفذت قوات النظام حملة اعتقالات طالت عددا من الأشخاص في بلدة عقرب جنوب حماة، "
        "حيث رجح ناشطون أن هدفها ترهيب الأهالي بعد مقتل 12 من أبنائهم."
    )
    assert [(e.sub_event_type, e.fatalities) for e in events] == [("Arrests", 0)], events


def test_the_ends_of_a_road_named_with_its_adjective_are_not_the_places_taken():
    got = _events("وقطعت الفصائل الطريق الدولي حلب – دمشق بسيطرتها على بلدتي الزربة وخان العسل بريف حلب الجنوبي.")
    assert sorted(p for _, _, p in got) == ["الزربة", "خان العسل"], got


def test_shelling_that_goes_with_a_ground_attack_is_part_of_the_battle():
    text = "شنت فصائل المعارضة هجوما على قريتي العريشة والقاسمية بريف تل تمر، ترافق مع قصف مدفعي مكثف."
    got = _events(text)
    assert sorted(got) == [("Battles", "Armed clash", "العريشة"), ("Battles", "Armed clash", "القاسمية")], got
    # told alone, the same shelling is a strike
    alone = _events("تعرضت قريتا العريشة والقاسمية بريف تل تمر لقصف مدفعي مكثف.")
    assert {t for t, _, _ in alone} == {"Explosions/Remote violence"}, alone


def test_an_arrest_that_hides_where_the_detained_are_is_a_forced_disappearance():
    text = "اعتقلت دورية للأمن ثلاثة شبان من بلدة المزيرعة بريف اللاذقية، ودون الإعلان عن مكان احتجازهم."
    got = _events(text)
    assert got == [("Violence against civilians", "Abduction/forced disappearance", "المزيرعة")], got
    plain = _events(text.replace("، ودون الإعلان عن مكان احتجازهم", ""))
    assert plain == [("Strategic developments", "Arrests", "المزيرعة")], plain


def test_massacres_a_killing_calls_to_mind_are_not_told_again():
    text = (
        "قتل ثمانية مدنيين اليوم برصاص مسلحين في منطقتي حمص وطرطوس، في مجزرة تعيد إلى الأذهان المجازر التي شهدها "
        "الساحل قبل ثلاثة أسابيع، بالإضافة إلى مقتل المئات من عناصر الأمن العام، إثر هجمات نفذتها مجموعات من فلول النظام."
    )
    got = _events(text)
    assert got == [("Violence against civilians", "Attack", "حمص")], got
    # without the words that recall them, the attacks on the security men read as news
    likened = _events(text.replace("تعيد إلى الأذهان", "تشبه"))
    assert ("Battles", "Armed clash", "حمص") in likened, likened


def test_a_killing_told_with_an_abduction_is_an_attack():
    got = _full("قتل راعي أغنام واختطف آخر في بادية الرقة جراء هجوم نفذه مجهولون.")
    assert [(e.event_type, e.sub_event_type) for e in got] == [("Violence against civilians", "Attack")], got
    only = _full("اختطف مجهولون راعي أغنام في بادية الرقة.")
    assert [e.sub_event_type for e in only] == ["Abduction/forced disappearance"], only


def test_weapons_seized_in_a_fight_are_its_spoils_not_looting():
    got = _events(
        "تسلل مقاتلو التنظيم إلى مواقع للنظام في محيط قرية الشريفة بريف حمص، "
        "ما أسفر عن مقتل خمسة عناصر، والاستيلاء على أسلحة خفيفة ومتوسطة."
    )
    assert got == [("Battles", "Armed clash", "الشريفة")], got
    # homes seized are looted, whichever form the verb takes
    homes = _events("استولت الفصائل على منازل المدنيين في قرية الشريفة بريف حمص.")
    assert homes == [("Strategic developments", "Looting/property destruction", "الشريفة")], homes


def test_a_seized_house_made_a_base_is_one_new_base():
    got = _events("استولت الميليشيات على منزل أحد المدنيين في مدينة البوكمال، واتخذته مقرا لها.")
    assert [s for _, s, _ in got] == ["Headquarters or base established"], got


def test_checkpoints_taken_are_territory_and_checkpoints_set_up_a_deployment():
    taken = _events("تمكن مقاتلو المعارضة من السيطرة على حاجزي سادكوب والشيب التابعين لقوات النظام شرق مدينة إدلب.")
    assert [t for t, _, _ in taken] == ["Battles"], taken
    set_up = _events("أقامت قوات النظام حواجز جديدة في مدينة إدلب.")
    assert set_up == [("Strategic developments", "Other", "إدلب")], set_up
    assert _events("وتحدثت تسريبات عن إمكانية إقامة حواجز مشتركة في مدينة إدلب.") == []


def test_the_fighting_for_a_place_taken_that_day_is_the_taking():
    text = (
        "سيطرت فصائل المعارضة اليوم على مدينة القصير بريف حمص. "
        "وشهدت مدينة القصير اشتباكات عنيفة بين فصائل المعارضة وقوات النظام قتل فيها خمسة عناصر."
    )
    got = [(e.sub_event_type, e.location.name_ar, e.fatalities) for e in _full(text)]
    assert got == [("Non-state actor overtakes territory", "القصير", 5)], got
    # fighting at another place is another event
    elsewhere = _full(text.replace("وشهدت مدينة القصير", "وشهدت مدينة تلكلخ"))
    assert [e.sub_event_type for e in elsewhere] == ["Non-state actor overtakes territory", "Armed clash"], elsewhere


def test_what_the_words_after_a_background_attack_tell_of_it_is_background_too():
    text = (
        "قتل مدنيان في قصف مدفعي تركي على بلدة تل رفعت بريف حلب الشمالي، وذلك بعد ساعات من هجوم مسلح استهدف شركة للصناعات الجوية."
    )
    got = _events(text)
    assert got == [("Explosions/Remote violence", "Shelling/artillery/missile attack", "تل رفعت")], got


def test_weapons_a_fight_was_fought_with_are_no_strike_of_their_own():
    text = (
        "سيطرت قوات سوريا الديمقراطية على محيط سد تشرين بريف حلب الشرقي، "
        "إثر معارك دارت بين الطرفين بالأسلحة الثقيلة والصواريخ والمدفعية."
    )
    assert {t for t, _, _ in _events(text)} == {"Battles"}, _events(text)
    # shells fired at a town are a strike
    shelled = _events("قصفت قوات النظام بلدة الصنمين بالصواريخ والمدفعية.")
    assert {t for t, _, _ in shelled} == {"Explosions/Remote violence"}, shelled


def test_fire_opened_on_protesters_with_the_shooters_named_between_is_force_against_them():
    text = "أصيب ثلاثة متظاهرين بجروح حين فتح مسلحون النار عليهم في أثناء محاولتهم إغلاق مقر الحزب في مدينة السويداء."
    assert _events(text) == [("Protests", "Excessive force against protesters", "السويداء")], _events(text)


def test_the_clashes_whose_toll_rose_are_not_told_again():
    text = "دفعت وزارة الدفاع بتعزيزات كبيرة إلى مدينة السويداء، مؤكدة ارتفاع عدد القتلى من جراء الاشتباكات إلى 37 شخصا."
    assert _events(text) == [("Strategic developments", "Other", "السويداء")], _events(text)
