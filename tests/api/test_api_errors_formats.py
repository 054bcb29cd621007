"""Error shape, formats (GeoJSON, CSV, one event), security headers, writes."""

from __future__ import annotations

import csv
import io
import re

import marsad_sample_events as samples
import pytest
from fastapi.testclient import TestClient

from marsad.api import create_app
from marsad.errors import ConfigError
from marsad.store.export import CSV_COLUMNS


def _error(r, status):  # type: ignore[no-untyped-def]
    assert r.status_code == status, r.text
    body = r.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert err["status"] == status and isinstance(err["code"], str) and err["message"]
    assert set(err) <= {"status", "code", "message", "details"}
    return err


@pytest.mark.parametrize(
    ("path", "params", "param"),
    [
        ("/api/events", {"start": "2020-13-01"}, "start"),
        ("/api/events", {"start": "yesterday"}, "start"),
        ("/api/events", {"end": "2020-1-5"}, "end"),
        ("/api/events", {"start": "2020-02-01", "end": "2020-01-01"}, "end"),
        ("/api/events", {"event_type": "Battle"}, "event_type"),
        ("/api/events", {"sub_event_type": "Airstrike"}, "sub_event_type"),
        ("/api/events", {"event_type": "Protests", "sub_event_type": "Armed clash"}, "sub_event_type"),
        ("/api/events", {"actor": "isis; drop table events"}, "actor"),
        ("/api/events", {"bbox": "1,2,3"}, "bbox"),
        ("/api/events", {"bbox": "a,b,c,d"}, "bbox"),
        ("/api/events", {"bbox": "40,30,35,36"}, "bbox"),
        ("/api/events", {"bbox": "0,-100,1,1"}, "bbox"),
        ("/api/events", {"bbox": "nan,0,1,1"}, "bbox"),
        ("/api/events", {"min_fatalities": -1}, "min_fatalities"),
        ("/api/events", {"min_fatalities": "many"}, "min_fatalities"),
        ("/api/events", {"q": "x" * 201}, "q"),
        ("/api/events", {"admin1": "x" * 129}, "admin1"),
        ("/api/events", {"page": 0}, "page"),
        ("/api/events", {"page_size": 0}, "page_size"),
        ("/api/events", {"page_size": 1001}, "page_size"),
        ("/api/events", {"order": "random"}, "order"),
        ("/api/events", {"evnt_type": "Battles"}, "evnt_type"),
        ("/api/events.geojson", {"page_size": 100000}, "page_size"),
        ("/api/events.csv", {"limit": 0}, "limit"),
        ("/api/events.csv", {"limit": 100001}, "limit"),
        ("/api/events.csv", {"order": "x"}, "order"),
        ("/api/events.csv", {"page": 2}, "page"),
        ("/api/points", {"limit": 50001}, "limit"),
        ("/api/timeline", {"start": "2020-02-30"}, "start"),
        ("/api/events/abc", {}, "event_id"),
        ("/api/events/0", {}, "event_id"),
        ("/api/facets", {"x": "1"}, "x"),
    ],
)
def test_bad_parameters_are_422_with_the_parameter_named(client, path, params, param):  # type: ignore[no-untyped-def]
    err = _error(client.get(path, params=params), 422)
    assert err["code"] == "invalid_parameter"
    assert param in [d["param"] for d in err["details"]]
    assert param in err["message"]


def test_several_problems_are_all_listed(client):  # type: ignore[no-untyped-def]
    err = _error(client.get("/api/events", params={"start": "x", "bbox": "y", "event_type": "z"}), 422)
    assert {d["param"] for d in err["details"]} == {"start", "bbox", "event_type"}


def test_not_found_and_method_not_allowed_share_the_shape(client):  # type: ignore[no-untyped-def]
    assert _error(client.get("/api/events/999999"), 404)["code"] == "not_found"
    assert _error(client.get("/api/nothing"), 404)["code"] == "not_found"
    assert _error(client.get("/api/outlines/admin9.geojson"), 404)["code"] == "not_found"
    assert _error(client.post("/api/events"), 405)["code"] == "method_not_allowed"
    assert _error(client.post("/api/articles", json={}), 404)["code"] == "not_found"  # read-only: no write route


def test_page_size_follows_the_setting(sample_db, monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("MARSAD_MAX_PAGE_SIZE", "3")
    with TestClient(create_app(sample_db)) as c:
        assert "at most 3" in _error(c.get("/api/events", params={"page_size": 4}), 422)["message"]
        assert len(c.get("/api/events", params={"page_size": 3}).json()["items"]) == 3


def test_missing_database_is_a_config_error(tmp_path):  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match="no database"):
        create_app(str(tmp_path / "absent.db"))
    assert not (tmp_path / "absent.db").exists()


def test_geojson(client):  # type: ignore[no-untyped-def]
    r = client.get("/api/events.geojson", params={"admin1": "Idlib"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/geo+json")
    body = r.json()
    assert body["type"] == "FeatureCollection" and body["total"] == 2
    f = body["features"][0]
    assert f["geometry"] == {"type": "Point", "coordinates": [36.80336, 35.86604]}  # lon, lat
    assert f["properties"]["name_ar"] == "سراقب" and f["properties"]["sub_event_type"] == "Air/drone strike"
    assert "سراقب" in r.text  # Arabic written as UTF-8, not \\u escapes


def test_csv(client):  # type: ignore[no-untyped-def]
    r = client.get("/api/events.csv", params={"order": "date_asc"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    assert r.content.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == samples.N_EVENTS
    # the columns of `marsad export --format csv` (ACLED's, then source_urls and evidence)
    assert tuple(rows[0]) == CSV_COLUMNS
    assert rows[0]["location"] == "Kafr Nabl" and rows[0]["source_urls"] == "https://example.org/news/kafranbel"
    assert rows[0]["evidence"].startswith("قُتل ثلاثة مدنيين")
    assert (
        len(list(csv.DictReader(io.StringIO(client.get("/api/events.csv", params={"limit": 2}).content.decode("utf-8-sig")))))
        == 2
    )
    only = list(
        csv.DictReader(io.StringIO(client.get("/api/events.csv", params={"actor": "RUSSIA"}).content.decode("utf-8-sig")))
    )
    assert [row["location"] for row in only] == ["Saraqab"]


def test_csv_defuses_spreadsheet_formulas():  # type: ignore[no-untyped-def]
    from marsad.store.export import csv_safe as _csv_safe

    assert _csv_safe('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert _csv_safe("-2+3") == "'-2+3"
    assert _csv_safe("قصف") == "قصف" and _csv_safe(3) == 3


def test_one_event_with_highlights(client):  # type: ignore[no-untyped-def]
    eid = client.get("/api/events", params={"admin2": "Maarrat An Nu'man"}).json()["items"][0]["id"]
    e = client.get(f"/api/events/{eid}").json()
    text = e["evidence"]
    marked = {(text[h["start"] : h["end"]], h["kind"]) for h in e["highlights"]}
    assert ("كفرنبل", "place") in marked
    assert ("لقوات النظام", "actor") in marked
    assert ("مدنيين", "actor") in marked
    assert ("قصف", "event") in marked and ("قُتل", "event") in marked
    starts = [h["start"] for h in e["highlights"]]
    assert starts == sorted(starts)


def test_security_headers_everywhere(client):  # type: ignore[no-untyped-def]
    for path in ("/", "/api/events", "/api/nothing", "/static/js/main.js", "/api/events.csv"):
        r = client.get(path)
        csp = r.headers["content-security-policy"]
        script_src = re.search(r"script-src ([^;]*)", csp).group(1)
        assert script_src == "'self'", path
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"


def test_page_has_no_inline_script_and_serves_leaflet_offline(client):  # type: ignore[no-untyped-def]
    html = client.get("/").text
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)
    assert scripts and all("src=" in attrs and not body.strip() for attrs, body in scripts)
    assert not re.search(r"\son[a-z]+=", html)  # no inline event handlers
    assert "https://" not in "".join(re.findall(r'(?:src|href)="([^"]*)"', html))  # nothing from a CDN
    assert client.get("/vendor/leaflet/leaflet.js").status_code == 200
    assert client.get("/vendor/leaflet/leaflet.css").status_code == 200
    assert "UN OCHA (Syria COD, via HDX)" in html and "Wikipedia contributors (CC BY-SA)" in html
    outlines = client.get("/api/outlines/admin1.geojson").json()
    assert len(outlines["features"]) == 14


def test_docs_page_loads_its_starter_from_a_file(client):  # type: ignore[no-untyped-def]
    r = client.get("/docs")
    assert r.status_code == 200
    assert '<script src="/static/js/docs-init.js"></script>' in r.text
    assert "SwaggerUIBundle({" not in r.text
    # Swagger UI from the package, not a CDN: /docs works offline
    assets = re.findall(r'(?:src|href)="([^"]*)"', r.text)
    assert assets and not any(a.startswith(("http://", "https://", "//")) for a in assets), assets
    for a in assets:
        assert client.get(a).status_code == 200, a
    csp = r.headers["content-security-policy"]
    assert "script-src 'self';" in csp + ";" and "https:" not in csp
    assert client.get("/api/openapi.json").json()["paths"]["/api/events"]


def test_writes_need_a_token(sample_db, monkeypatch, tmp_path):  # type: ignore[no-untyped-def]
    monkeypatch.delenv("MARSAD_API_TOKEN", raising=False)
    monkeypatch.setenv("MARSAD_CONFIG", str(tmp_path / "none.toml"))
    with pytest.raises(ConfigError, match="token"):
        create_app(sample_db, allow_writes=True)
    db = samples.make_db(tmp_path / "w.db")
    monkeypatch.setenv("MARSAD_API_TOKEN", "s3cret")
    payload = {
        "article": {
            "id": "w1",
            "text": "قتل شخصان بقصف على بلدة سرمين.",
            "published": "2020-02-01",
            "url": "https://example.org/w1",
        },
        "events": [
            {
                "event_type": "Explosions/Remote violence",
                "sub_event_type": "Shelling/artillery/missile attack",
                "event_date": "2020-02-01",
                "date_precision": 1,
                "actor1": None,
                "actor2": "CIVILIANS",
                "location": {"name_ar": "سرمين", "lat": 35.9, "lon": 36.72, "admin1": "Idlib", "geo_precision": 1},
                "fatalities": 2,
                "injured": None,
                "evidence": "قتل شخصان بقصف على بلدة سرمين.",
                "summary_en": "x",
            }
        ],
    }
    with TestClient(create_app(db, allow_writes=True)) as c:
        assert _error(c.post("/api/articles", json=payload), 401)["code"] == "unauthorized"
        assert _error(c.post("/api/articles", json=payload, headers={"Authorization": "Bearer nope"}), 403)
        r = c.post("/api/articles", json=payload, headers={"Authorization": "Bearer s3cret"})
        assert r.status_code == 201, r.text
        assert len(r.json()["event_ids"]) == 1
        assert c.get("/api/events", params={"q": "سرمين"}).json()["total"] == 1
        bad = {**payload, "events": [{**payload["events"][0], "sub_event_type": "Armed clash"}]}
        _error(c.post("/api/articles", json=bad, headers={"Authorization": "Bearer s3cret"}), 422)
