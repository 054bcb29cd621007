"""The API's own queries on both backends (SQLite and the throwaway PostgreSQL)."""

from __future__ import annotations

import marsad_sample_events as samples
from fastapi.testclient import TestClient

from marsad.api import create_app
from marsad.store import open_store


def test_api_on_each_backend(db_url):  # type: ignore[no-untyped-def]
    with open_store(db_url) as store:
        samples.fill(store)
    with TestClient(create_app(db_url)) as c:
        assert c.get("/api/events").json()["total"] == samples.N_EVENTS
        body = c.get("/api/points", params={"admin1": "Idlib"}).json()
        assert [dict(zip(body["fields"], r))["name_ar"] for r in body["rows"]] == ["سراقب", "كفرنبل"]
        assert dict(zip(body["fields"], body["rows"][0]))["event_date"] == "2020-01-07"
        assert c.get("/api/timeline", params={"event_type": "Protests"}).json()["days"] == [
            {"date": "2020-01-12", "events": 1},
            {"date": "2020-01-15", "events": 1},
        ]
        facets = c.get("/api/facets").json()
        assert facets["first_date"] == "2020-01-06" and facets["total"] == samples.N_EVENTS
        assert c.get("/api/events", params={"q": "ادلب", "actor": "RUSSIA"}).json()["total"] == 1
        eid = c.get("/api/events", params={"actor": "RUSSIA"}).json()["items"][0]["id"]
        assert any(h["kind"] == "place" for h in c.get(f"/api/events/{eid}").json()["highlights"])
        assert c.get("/api/events.csv").status_code == 200
