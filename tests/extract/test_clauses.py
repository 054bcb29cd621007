"""Clause splitting and one event per sub-type (SPEC §3: one event per day,
place, actor pair and sub-type)."""

import datetime as dt

from marsad.models import Article
from marsad.pipeline import extract_article


def _events(text: str):
    art = Article(id="c1", text=text, url=None, outlet=None, published=dt.date(2024, 5, 10), title=None)
    return [(e.event_type, e.sub_event_type, e.location.name_ar if e.location else None) for e in extract_article(art).events]


def test_a_named_source_ends_the_clause():
    # no full stop: "… حسب ما أفاد ناشطون وأحرق المحتجون …" holds two incidents
    got = _events("فرقت قوات الأمن مظاهرة في مدينة السلمية بالغاز المسيل للدموع حسب ما أفاد ناشطون محليون "
                  "وأحرق المحتجون إطارات السيارات وخربوا واجهة مبنى البلدية.")
    assert ("Protests", "Protest with intervention", "السلمية") in got
    assert ("Riots", "Violent demonstration", "السلمية") in got


def test_a_protest_and_a_riot_at_one_place_stay_two_events():
    got = _events("تظاهر مئات الأهالي في مدينة جبلة اليوم مطالبين بالإفراج عن المعتقلين. "
                  "وفي وقت لاحق رشق شبان غاضبون دورية للشرطة بالحجارة في المدينة نفسها.")
    types = sorted(t for t, _, _ in got)
    assert types == ["Protests", "Riots"], got


def test_those_villages_are_the_list_just_named():
    got = _events("مرت الدورية الروسية بقرى مريمين وكفرجنة وباسوطة، حيث تعرضت في تلك القرى للرشق بالحجارة "
                  "من قبل الأهالي، وبعد ذلك عادت إلى قاعدتها قرب مدينة عفرين.")
    riots = sorted(place for t, _, place in got if t == "Riots")
    assert riots == sorted(["مريمين", "كفرجنة", "باسوطة"]), got
