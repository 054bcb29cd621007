"""Every filter of /api/events, against the Arabic sample events."""

from __future__ import annotations

import marsad_sample_events as samples
import pytest

ALL = ["دوما", "الرقة", "القامشلي", "السويداء", "محافظة درعا", "منبج", "ريف الميادين", "سراقب", "كفرنبل"]


def test_everything_newest_first(places):  # type: ignore[no-untyped-def]
    assert places() == ALL
    assert len(ALL) == samples.N_EVENTS


def test_date_range_is_inclusive(places):  # type: ignore[no-untyped-def]
    assert places({"start": "2020-01-09", "end": "2020-01-14"}) == ["محافظة درعا", "منبج", "ريف الميادين"]
    assert places({"start": "2020-01-18"}) == ["دوما", "الرقة"]
    assert places({"end": "2020-01-06"}) == ["كفرنبل"]


def test_event_type_one_or_several(places):  # type: ignore[no-untyped-def]
    assert places({"event_type": "Protests"}) == ["السويداء", "منبج"]
    assert places([("event_type", "Protests"), ("event_type", "Battles")]) == ["السويداء", "منبج", "ريف الميادين"]


def test_sub_event_type(places):  # type: ignore[no-untyped-def]
    assert places({"sub_event_type": "Air/drone strike"}) == ["سراقب"]
    assert places({"event_type": "Explosions/Remote violence", "sub_event_type": "Shelling/artillery/missile attack"}) == [
        "دوما",
        "كفرنبل",
    ]


def test_actor_matches_either_side(places):  # type: ignore[no-untyped-def]
    assert places({"actor": "SYR_GOV_ASSAD"}) == ["دوما", "السويداء", "ريف الميادين", "كفرنبل"]
    assert places({"actor": "RUSSIA"}) == ["سراقب"]
    assert places({"actor": "ISIS"}) == []


def test_governorate_and_district(places):  # type: ignore[no-untyped-def]
    assert places({"admin1": "Idlib"}) == ["سراقب", "كفرنبل"]
    assert places({"admin1": "Idlib", "admin2": "Idlib"}) == ["سراقب"]
    assert places({"admin2": "Mayadin"}) == ["ريف الميادين"]
    assert places({"admin1": "Idlib' OR '1'='1"}) == []


def test_bbox(places):  # type: ignore[no-untyped-def]
    assert places({"bbox": "36,35,37,36"}) == ["سراقب", "كفرنبل"]
    assert places({"bbox": "0,0,1,1"}) == []


def test_min_fatalities(places):  # type: ignore[no-untyped-def]
    assert places({"min_fatalities": 3}) == ["سراقب", "كفرنبل"]
    assert places({"min_fatalities": 0}) == ALL


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        ("إدلب", ["سراقب", "كفرنبل"]),  # hamza folded: the texts write إدلب
        ("ادلب", ["سراقب", "كفرنبل"]),
        ("بكفرنبل", ["كفرنبل"]),  # a clitic on the query word
        ("القصف", ["دوما", "كفرنبل"]),  # article on the query, bare word in the text
        ("الطائرات الروسية", ["سراقب"]),  # every word must occur
        ("قصف ادلب", ["كفرنبل"]),
        ("مُدفعي", ["دوما", "كفرنبل"]),  # tashkeel in the query
        ("ARTILLERY", ["كفرنبل"]),  # the English summary, any case
        ("Menbij", ["منبج"]),
        ("100%", []),  # LIKE wildcards are literal
        ("zzq' OR 'a'='a", []),  # bound parameters: no SQL injection
        ("!!!", ALL),  # nothing to search for: no text filter
    ],
)
def test_text_search_is_normalised(places, q, expected):  # type: ignore[no-untyped-def]
    assert places({"q": q}) == expected


def test_filters_combine(places):  # type: ignore[no-untyped-def]
    assert places({"admin1": "Idlib", "min_fatalities": 4, "q": "غارات"}) == ["سراقب"]
    assert places({"admin1": "Idlib", "event_type": "Protests"}) == []


def test_pagination(client):  # type: ignore[no-untyped-def]
    first = client.get("/api/events", params={"page_size": 4}).json()
    assert (first["total"], first["page"], first["page_size"], first["pages"]) == (9, 1, 4, 3)
    last = client.get("/api/events", params={"page_size": 4, "page": 3}).json()
    assert [e["location"]["name_ar"] for e in last["items"]] == ["كفرنبل"]
    beyond = client.get("/api/events", params={"page_size": 4, "page": 9}).json()
    assert beyond["items"] == [] and beyond["total"] == 9


def test_orders(client):  # type: ignore[no-untyped-def]
    asc = client.get("/api/events", params={"order": "date_asc"}).json()["items"]
    assert [e["location"]["name_ar"] for e in asc] == ALL[::-1]
    worst = client.get("/api/events", params={"order": "fatalities_desc", "page_size": 1}).json()["items"]
    assert worst[0]["fatalities"] == 5


def test_event_shape_follows_the_spec(client):  # type: ignore[no-untyped-def]
    e = client.get("/api/events", params={"actor": "RUSSIA"}).json()["items"][0]
    for key in (
        "id",
        "event_type",
        "sub_event_type",
        "event_date",
        "date_precision",
        "actor1",
        "actor2",
        "location",
        "fatalities",
        "injured",
        "evidence",
        "summary_en",
        "sources",
    ):
        assert key in e
    assert e["location"]["admin1"] == "Idlib" and e["location"]["geo_precision"] == 1
    assert e["sources"][0]["url"] == "https://example.org/news/saraqab"
    assert "سراقب" in e["evidence"]


@pytest.mark.parametrize(
    "params",
    [
        {},
        {"admin1": "Idlib"},
        {"q": "قصف"},
        {"event_type": "Protests"},
        {"start": "2020-01-10"},
        {"bbox": "36,32,39,36"},
        {"actor": "CIVILIANS", "min_fatalities": 1},
        {"sub_event_type": "Arrests"},
    ],
)
def test_map_points_select_what_the_list_selects(client, params):  # type: ignore[no-untyped-def]
    listed = [e["id"] for e in client.get("/api/events", params=params).json()["items"]]
    body = client.get("/api/points", params=params).json()
    assert [r[0] for r in body["rows"]] == listed
    assert body["total"] == len(listed) and body["truncated"] is False


def test_points_columns(client):  # type: ignore[no-untyped-def]
    body = client.get("/api/points", params={"actor": "RUSSIA"}).json()
    row = dict(zip(body["fields"], body["rows"][0]))
    assert row["name_ar"] == "سراقب" and row["event_date"] == "2020-01-07"
    assert (row["lat"], row["lon"]) == (35.86604, 36.80336)
    assert client.get("/api/points", params={"limit": 2}).json()["truncated"] is True


def test_timeline(client):  # type: ignore[no-untyped-def]
    body = client.get("/api/timeline", params={"admin1": "Idlib"}).json()
    assert body["days"] == [
        {"date": "2020-01-06", "events": 1},
        {"date": "2020-01-07", "events": 1},
    ]
    assert body["undated"] == 0


def test_facets(client):  # type: ignore[no-untyped-def]
    body = client.get("/api/facets").json()
    assert body["total"] == 9 and body["first_date"] == "2020-01-06" and body["last_date"] == "2020-01-20"
    actors = {a["value"]: a["count"] for a in body["actor"]}
    assert actors["SYR_GOV_ASSAD"] == 4 and actors["CIVILIANS"] == 6
    assert {"value": "Idlib", "count": 2} in body["admin1"]
    assert body["labels"]["actor"]["RUSSIA"]["ar"] == "القوات الروسية"
    assert body["labels"]["admin1"]["Idlib"]["ar"] == "إدلب"
