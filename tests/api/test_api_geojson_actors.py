"""GeoJSON returns every matching event up to its cap, with the paging said; the actor
filter takes an id or a label; /api/actors lists the catalogue; /favicon.ico exists."""

from __future__ import annotations

from marsad.api.routes import GEOJSON_CAP
from marsad_sample_events import N_EVENTS


def test_geojson_returns_every_matching_event_by_default(client):  # type: ignore[no-untyped-def]
    body = client.get("/api/events.geojson").json()
    assert GEOJSON_CAP == 5000
    assert body["total"] == N_EVENTS == len(body["features"])  # not a first page of 50
    assert body["page_size"] == GEOJSON_CAP and body["pages"] == 1
    assert body["truncated"] is False and body["next"] is None


def test_geojson_paging_is_in_the_answer(client):  # type: ignore[no-untyped-def]
    first = client.get("/api/events.geojson", params={"page_size": 4, "admin1": "Idlib"}).json()
    assert first["total"] == 2 and first["truncated"] is False
    first = client.get("/api/events.geojson", params={"page_size": 4}).json()
    assert len(first["features"]) == 4 and first["truncated"] is True and first["pages"] == -(-N_EVENTS // 4)
    seen = [f["id"] for f in first["features"]]
    nxt = first["next"]
    while nxt:
        page = client.get(nxt).json()
        seen += [f["id"] for f in page["features"]]
        nxt = page["next"]
    assert len(seen) == len(set(seen)) == N_EVENTS
    assert client.get("/api/events.geojson", params={"page_size": GEOJSON_CAP + 1}).status_code == 422


def test_actor_filter_takes_id_or_label(client):  # type: ignore[no-untyped-def]
    def ids(actor: str) -> list[int]:
        r = client.get("/api/events", params={"actor": actor})
        assert r.status_code == 200, r.text
        return [e["id"] for e in r.json()["items"]]

    by_id = ids("RUSSIA")
    assert by_id and ids("Russian forces") == by_id == ids("russia") == ids("القوات الروسية")
    r = client.get("/api/events", params={"actor": "Turkish"})
    assert r.status_code == 422 and "marsad actors" in r.json()["error"]["message"]


def test_actor_catalogue(client):  # type: ignore[no-untyped-def]
    items = {a["id"]: a for a in client.get("/api/actors").json()["items"]}
    assert items["TURKEY"]["label"] == "Turkish forces" and items["TURKEY"]["label_ar"] == "القوات التركية"
    assert "قسد" in [items["SDF"]["label_ar"], *items["SDF"]["aliases"]]


def test_favicon(client):  # type: ignore[no-untyped-def]
    r = client.get("/favicon.ico")
    assert r.status_code == 200 and r.headers["content-type"] == "image/x-icon" and r.content[:4] == b"\0\0\1\0"
