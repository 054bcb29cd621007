"""query_events filters and the four export formats, on both backends."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from store_factories import article, event

from marsad.store import open_store
from marsad.store.filters import EventFilter
from marsad.store.export import ACLED_COLUMNS, CSV_COLUMNS, HXL_TAGS, export_string

V = {"lexicon": "L1", "gazetteer": "G1"}


@pytest.fixture
def filled(db_url: str):
    with open_store(db_url) as store:
        specs = [
            ("saraqib", dict(date="2020-01-08", fatalities=3, evidence="قُتِل ثلاثة مدنيين في قصف على سراقب")),
            (
                "mayadin",
                dict(
                    date="2020-01-07",
                    sub="Air/drone strike",
                    actor1="COALITION",
                    actor2="IRAN",
                    fatalities=4,
                    evidence="غارة على الميادين",
                    summary="A drone strike near Mayadin.",
                ),
            ),
            (
                "daraa",
                dict(
                    date="2020-02-01",
                    sub="Attack",
                    actor1="UNIDENTIFIED",
                    actor2="CIVILIANS",
                    fatalities=1,
                    evidence="اغتيال شاب في درعا",
                    summary="Gunmen killed a man in Daraa.",
                ),
            ),
            (
                "bab",
                dict(
                    date="2020-01-20",
                    sub="Peaceful protest",
                    actor1="PROTESTERS",
                    actor2=None,
                    evidence="مظاهرة في الباب",
                    summary="A protest in Al Bab.",
                ),
            ),
            ("maarrat", dict(date=None, fatalities=0, evidence="قصف على معرة النعمان")),
        ]
        for n, (place, kw) in enumerate(specs):
            aid = store.add_article(article(n, f"نص {n} " + kw["evidence"], outlet=f"o{n % 2}.org")).article_id
            store.save_events(aid, [event(place, **kw)], V)
        yield store


def _names(page) -> list[str]:
    return [i.event.location.name_en for i in page.items]


def test_filters(filled) -> None:
    q = filled.query_events
    assert q().total == 5
    assert _names(q(start=dt.date(2020, 1, 8), end=dt.date(2020, 1, 31), order="date_asc")) == ["Saraqib", "Al Bab"]
    assert _names(q(event_type="Protests")) == ["Al Bab"]
    assert q(event_type=["Protests", "Battles", "Violence against civilians"]).total == 2
    assert _names(q(sub_event_type="Air/drone strike")) == ["Mayadin"]
    assert _names(q(actor="IRAN")) == ["Mayadin"] and q(actor="SYR_GOV_ASSAD").total == 2
    assert _names(q(admin1="Idlib", order="fatalities_desc")) == ["Saraqib", "Maarrat An Nu'man"]
    assert _names(q(admin2="Al Bab")) == ["Al Bab"]
    assert sorted(_names(q(bbox=(36.0, 32.0, 37.0, 36.0)))) == ["Daraa", "Maarrat An Nu'man", "Saraqib"]
    assert q(min_fatalities=3).total == 2
    # Normalised text search: without tashkeel, other alef/ya forms, and in English summaries.
    assert _names(q(q="قتل ثلاثه")) == ["Saraqib"]
    assert _names(q(q="drone")) == ["Mayadin"]
    assert q(q="100%_").total == 0
    assert q(q="قصف", admin1="Idlib").total == 2
    # The same filter as one value (what the API and `marsad export` pass).
    f = EventFilter(admin1="Idlib", q="قصف")
    assert q(f).total == 2 and q(f, order="id").items == filled.query_events(admin1="Idlib", q="قصف", order="id").items
    assert _names(q(f, min_fatalities=1)) == ["Saraqib"]  # keywords refine a filter
    with pytest.raises(TypeError, match="date_from"):
        q(date_from=dt.date(2020, 1, 8))  # one set of names: start/end, not date_from/date_to


def test_pagination_and_order(filled) -> None:
    page = filled.query_events(limit=2, offset=0)
    assert page.total == 5 and len(page.items) == 2
    assert [i.event.event_date for i in page.items] == [dt.date(2020, 2, 1), dt.date(2020, 1, 20)]
    rest = filled.query_events(limit=2, offset=4)
    assert len(rest.items) == 1 and rest.items[0].event.event_date is None  # undated last
    ids = [i.id for i in filled.query_events(limit=None, order="id").items]
    assert ids == sorted(ids)
    with pytest.raises(ValueError):
        filled.query_events(order="nonsense")


def test_stored_event_dict_is_spec_plus_sources(filled) -> None:
    item = filled.query_events(actor="IRAN").items[0]
    d = item.to_dict()
    for key in (
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
    ):
        assert key in d
    assert d["versions"] == V and d["sources"][0]["outlet"] == "o1.org"
    assert filled.get_event(item.id).to_dict()["id"] == item.id


def test_export_csv_acled_columns(filled) -> None:
    rows = list(csv.DictReader(io.StringIO(export_string(filled, "csv"))))
    assert tuple(rows[0].keys()) == CSV_COLUMNS == (*ACLED_COLUMNS, "source_urls", "evidence") and len(rows) == 5
    drone = next(r for r in rows if r["sub_event_type"] == "Air/drone strike")
    assert drone["event_date"] == "2020-01-07" and drone["year"] == "2020" and drone["country"] == "Syria"
    assert drone["inter1"] == "8" and drone["inter2"] == "8" and drone["interaction"] == "88"
    assert drone["disorder_type"] == "Political violence" and drone["fatalities"] == "4"
    assert drone["location"] == "Mayadin" and float(drone["latitude"]) == pytest.approx(35.0197)
    assert drone["source"] == "o1.org" and drone["event_id_cnty"].startswith("SYR")
    attack = next(r for r in rows if r["sub_event_type"] == "Attack")
    assert attack["civilian_targeting"] == "Civilian targeting" and attack["interaction"] == "37"


def test_export_hxl(filled) -> None:
    lines = list(csv.reader(io.StringIO(export_string(filled, "hxl"))))
    header, tags = lines[0], lines[1]
    tag = dict(zip(header, tags))
    assert tag["event_date"] == "#date" and tag["admin1"] == "#adm1+name" and tag["latitude"] == "#geo+lat"
    assert tag["fatalities"] == "#affected+killed" and tag["location"] == "#loc+name"
    assert all(t.startswith("#") or t == "" for t in tags) and len(lines) == 7
    assert set(HXL_TAGS) <= set(CSV_COLUMNS) and tag["source_urls"] == "#meta+url"


def test_export_geojson_and_jsonl(filled) -> None:
    gj = json.loads(export_string(filled, "geojson"))
    assert gj["type"] == "FeatureCollection" and len(gj["features"]) == 5
    pt = next(f for f in gj["features"] if f["properties"]["name_en"] == "Daraa")
    assert pt["geometry"]["coordinates"] == [36.1021, 32.6189]  # lon, lat
    lines = export_string(filled, "jsonl", event_type="Protests").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["actor1"] == "PROTESTERS"
    assert "مظاهرة" in lines[0]  # Arabic written as is, not \\u-escaped
