"""Who the text names: actor aliases in their grammatical forms, the era of an undated
article, and a side named twice."""

import dataclasses
import datetime as dt

import pytest

from marsad.extract.actors import article_era, find_actors
from marsad.extract.decide import choose_actors
from marsad.extract.lexicon import load_lexicon
from marsad.extract.model import LinearModel
from marsad.models import Article, Event, Location
from marsad.pipeline import extract_article
from marsad.text.normalize import normalize
from marsad.text.tokens import tokenize


def _named(sentence: str) -> list[str]:
    return [m.actor for m in find_actors(tokenize(sentence), load_lexicon())]


@pytest.mark.parametrize(
    "sentence, actor",
    [
        ("واعتقلت الدورية 36 شابا في مدينة البوكمال", "CIVILIANS"),  # accusative alef of a counted noun
        ("وقضى ثلاثة إخوة بقذيفة سقطت على منزلهم", "CIVILIANS"),
        ("وتصدت وسائط الدفاع الجوي لصواريخ معادية في سماء دمشق", "SYR_GOV"),  # resolved to the era's government
        ("فككت الشرطة العسكرية التابعة للجيش السوري الوطني عبوة ناسفة", "SNA"),  # the name in either word order
        ("وتقدمت فصائل درع الفرات نحو مدينة الباب", "SNA"),
        ("وواصلت قوات عملية ردع العدوان هجومها باتجاه بلدة عندان", "OPPOSITION"),
        ("تتواصل الاشتباكات بين فصائل عسكرية من دروز السويداء وعشائر البدو", "LOCAL_ARMED"),
        ("استشهد عسكريان سوريان جراء غارة على مطار المزة", "SYR_GOV"),  # the dead named by nationality
        ("توغلت آليات عسكرية إسرائيلية في قرية العجرف وفتشت المنازل", "ISRAEL"),
        ("اعترفت الجماعات الإرهابية المسلحة بهزيمتها في المدينة", "OPPOSITION"),  # state media's name
        ("وسقطت قذائف أطلقتها الكتائب المقاتلة على حي الميدان", "OPPOSITION"),
        ("فرقت قوات الأشايس اعتصاما أمام مبنى البلدية", "SDF"),  # another spelling of الأسايش
        ("نهب قياديون في فصيل جيش النخبة محصول الزيتون", "SNA"),
        ("قتل ثلاثة مقاتلين بقصف جوي على مقرين لفصائل إسلامية في بلدة الأتارب", "OPPOSITION"),
    ],
)
def test_an_alias_is_found_in_the_form_the_text_uses(sentence, actor):
    assert actor in _named(sentence)


@pytest.mark.parametrize(
    "sentence, actor",
    [
        ("توغلت قوات الجيش الإسرائيلي في قرية العجرف وأقامت حاجزا", "ISRAEL"),
        ("قصفت قوات الجيش التركي قرية أم الكيف", "TURKEY"),
        ("قصفت قوات الجيش السوري قرية أم الكيف", "SYR_GOV"),
    ],
)
def test_the_generic_army_is_the_one_its_nationality_names(sentence, actor):
    assert _named(sentence) == [actor]


def test_a_partner_is_no_side_and_what_is_searched_for_is_the_target():
    sentence = "نفذت قوات الأمن العام بالتعاون مع وزارة الدفاع حملة تمشيط في قرية المزرعة بحثا عن فلول النظام البائد"
    roles = [(m.actor, m.role) for m in find_actors(tokenize(sentence), load_lexicon())]
    # "بالتعاون مع" makes a partner, not the other side ("اشتباكات مع"); "بحثا عن" no source ("نقلا عن")
    assert roles == [("SYR_GOV_NEW", "agent"), ("SYR_GOV", "context"), ("PRO_GOV_MILITIA", "target")]


def test_the_era_of_an_undated_article_counts_whole_words_only():
    # "الشرعية" (legitimacy) is not al-Sharaa, "السابقة" not "the former (regime)"
    assert article_era(normalize("قالت المعارضة إن الانتخابات فاقدة للشرعية كما في الدورة السابقة")) is None
    assert article_era(normalize("وقال الرئيس أحمد الشرع إن الحكومة ستعيد الإعمار")) == "new"
    assert article_era(normalize("وقصفت قوات النظام مواقع جبهة النصرة في ريف إدلب")) == "old"


def _event(a1: str, a2: str) -> Event:
    loc = Location("السويداء", "As-Sweida", "C1", 32.7, 36.6, "As-Sweida", "As-Sweida", 1)
    return Event("Battles", "Armed clash", None, 1, a1, a2, loc, 0, None, "نص", "", {})


def test_a_side_is_both_sides_only_when_its_units_fight_one_another():
    options = [("SYR_GOV_ASSAD", ["sent"]), ("LOCAL_ARMED", ["sent"])]
    one_set = LinearModel("actors", "1", ("no", "yes"), (0.0,), {"size:1|t:Battles": (5.0,)}, {"mode": "sets"})
    # the government named twice ("قوات النظام … جيش النظام") is one side, not a fight with itself
    assert choose_actors(one_set, _event("SYR_GOV_ASSAD", "SYR_GOV_ASSAD"), options[:1]) == ("SYR_GOV_ASSAD", None)
    # clans and factions do fight each other (actors.yaml: infighting)
    assert choose_actors(one_set, _event("LOCAL_ARMED", "LOCAL_ARMED"), options[1:]) == ("LOCAL_ARMED", "LOCAL_ARMED")


def test_allies_are_never_the_two_sides_of_one_event():
    options = [("TURKEY", ["sent"]), ("SNA", ["sent"]), ("SDF", ["sent"])]
    # a model that prefers any pair, and the Turkish-backed factions most of all
    pairs = LinearModel("actors", "1", ("no", "yes"), (0.0,), {"size:2|t:Battles": (5.0,), "m:id:SNA": (1.0,)}, {"mode": "sets"})
    assert set(choose_actors(pairs, _event("TURKEY", "SNA"), options)) == {"TURKEY", "SDF"}
    assert "SNA" in load_lexicon().actors["TURKEY"].allies and "TURKEY" in load_lexicon().actors["SNA"].allies


def test_civilians_are_no_side_of_a_change_of_territory():
    options = [
        ("SYR_GOV_ASSAD", ["sent", "id:SYR_GOV_ASSAD"]),
        ("CIVILIANS", ["sent", "id:CIVILIANS"]),
        ("OPPOSITION", ["id:OPPOSITION"]),
    ]
    # a model that likes civilians best of all
    likes = LinearModel(
        "actors", "1", ("no", "yes"), (0.0,), {"size:2|t:Battles": (5.0,), "m:id:CIVILIANS": (3.0,)}, {"mode": "sets"}
    )
    taken = dataclasses.replace(_event("SYR_GOV_ASSAD", None), sub_event_type="Government regains territory")
    assert choose_actors(likes, taken, options) == ("SYR_GOV_ASSAD", "OPPOSITION")  # events.yaml armed_sides_only
    # an armed clash may still pick them: it is then an attack on civilians (decide.no_battle_with_civilians)
    assert "CIVILIANS" in choose_actors(likes, _event("SYR_GOV_ASSAD", None), options)
    assert "Government regains territory" in load_lexicon().armed_sides_only


@pytest.mark.parametrize(
    "text, sides",
    [
        # "its ally the National Army" fired with it: the villages were hit, not the ally
        (
            "قصفت مدفعية الجيش التركي وحليفها الجيش الوطني بلدة مارع بريف حلب الشمالي، ما أدى إلى إصابة مدنيين اثنين.",
            ("TURKEY", "CIVILIANS"),
        ),
        # a toll told without a casualty verb still names who was hit
        ("فقد 12 مدنياً حياتهم جراء استهداف طائرة مسيّرة تركية لمنزل في بلدة مارع بريف حلب الشمالي.", ("TURKEY", "CIVILIANS")),
        # the nationality after two weapon adjectives, the second with و and ال attached
        ("وطاول القصف المدفعي والصاروخي التركي مواقع لقسد في قرية الدردارة بريف تل تمر.", ("TURKEY", "SDF")),
        # two named sides of one actor whose units fight one another (actors.yaml: infighting)
        (
            "واندلعت اشتباكات عنيفة بين مقاتلي العشائر ومسلحين دروز في قرية المزرعة بريف السويداء الغربي.",
            ("LOCAL_ARMED", "LOCAL_ARMED"),
        ),
        # … also when each is named after the kind of group it is ("مع فصيل …")
        ("قتل عنصران من فصيل جيش الإسلام باشتباك مع فصيل الجبهة الشامية في مدينة عفرين شمال غربي حلب.", ("SNA", "SNA")),
        # … but two names of one army are one side
        ("واندلعت اشتباكات عنيفة بين قوات النظام وجيش الأسد في قرية المزرعة بريف السويداء الغربي.", ("SYR_GOV_ASSAD", None)),
        # a unit "on" which an attack fell was hit, though an affiliation names its owner
        (
            "عمد مسلحو تنظيم داعش إلى شن هجوم عنيف على نقاط تابعة للجيش السوري في محيط بلدة القريتين بريف حمص.",
            ("ISIS", "SYR_GOV_ASSAD"),
        ),
        # "attacks from X" that a force repelled were X's
        ("وتصدى الجيش السوري لهجمات من تنظيم داعش في محيط مدينة السخنة بريف حمص الشرقي.", ("ISIS", "SYR_GOV_ASSAD")),
        # "الكيف" in the village's name is no question word that would make the report a question
        ("استهدف القصف المدفعي التركي مواقع لقسد في قرية أم الكيف بريف ناحية تل تمر.", ("TURKEY", "SDF")),
    ],
)
def test_the_side_that_was_hit_is_named(text, sides):
    events = extract_article(Article(id="t", text=text, published=dt.date(2021, 5, 3))).events
    assert [(e.actor1, e.actor2) for e in events] == [sides]


@pytest.mark.parametrize(
    "text",
    [
        "قصف الطيران الإسرائيلي فجر اليوم مواقع في محيط مدينة دمشق، وقد تصدت وسائط دفاعنا الجوي لصواريخ العدوان وأسقطت معظمها.",
        "وأعلنت الدفاعات الجوية إسقاط صواريخ إسرائيلية استهدفت مواقع قرب مطار دمشق الدولي.",
    ],
)
def test_air_defences_are_the_side_a_strike_is_aimed_at(text):
    events = extract_article(Article(id="t", text=text, published=dt.date(2022, 5, 10))).events
    # the defences never fire the strike; where a side is struck, it is theirs
    assert events and all(e.actor1 == "ISRAEL" for e in events), events
    assert any(e.actor2 == "SYR_GOV_ASSAD" for e in events), events
