"""Writes over HTTP: off by default, then only with the token; every hostile body
is a 4xx (never a 500, never a bad row); bodies are size-limited before parsing."""

from __future__ import annotations

import json
from pathlib import Path

import marsad_sample_events as samples
import pytest
from fastapi.testclient import TestClient
from figures import Counter, examples
from fuzz_strategies import any_text, arabic_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.api import create_app
from marsad.api.app import max_body_bytes

TOKEN = "t0k3n-for-tests"
H = {"Authorization": f"Bearer {TOKEN}"}
COUNT = Counter()
EXAMPLES = examples(300)

GOOD_EVENT = {
    "event_type": "Battles",
    "sub_event_type": "Armed clash",
    "event_date": "2020-01-01",
    "date_precision": 1,
    "actor1": "ISIS",
    "actor2": None,
    "location": {"name_ar": "سرمين", "lat": 35.9, "lon": 36.7, "admin1": "Idlib", "geo_precision": 1},
    "fatalities": 1,
    "injured": None,
    "evidence": "اشتباكات في سرمين",
    "summary_en": "x",
}


@pytest.fixture(scope="module", autouse=True)
def _save():  # type: ignore[no-untyped-def]
    yield
    COUNT.save("api_writes", max_examples=EXAMPLES)


@pytest.fixture(scope="module")
def writer(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    mp = pytest.MonkeyPatch()
    mp.setenv("MARSAD_API_TOKEN", TOKEN)
    mp.setenv("MARSAD_CONFIG", "/nonexistent/settings.toml")
    db = samples.make_db(tmp_path_factory.mktemp("w") / "w.db")
    with TestClient(create_app(db, allow_writes=True), raise_server_exceptions=False) as c:
        yield c
    mp.undo()


def test_writes_are_off_by_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_API_TOKEN", TOKEN)  # a token alone does not turn writes on
    db = samples.make_db(tmp_path / "r.db")
    with TestClient(create_app(db), raise_server_exceptions=False) as c:
        r = c.post("/api/articles", json={"article": {"text": "قتل شخص"}}, headers=H)
        assert r.status_code in (404, 405)
        assert c.get("/api/health").json()["writable"] is False
        assert c.get("/api/events").json()["total"] == samples.N_EVENTS


def test_token_is_checked_before_anything_else(writer) -> None:  # type: ignore[no-untyped-def]
    for headers, status in (
        ({}, 401),
        ({"Authorization": "Bearer wrong"}, 403),
        ({"Authorization": TOKEN}, 401),
        ({"Authorization": "Basic " + TOKEN}, 401),
        ({"Authorization": "Bearer " + TOKEN[:-1]}, 403),
    ):
        r = writer.post("/api/articles", json={"article": {"text": "قتل شخص في سرمين"}}, headers=headers)
        assert r.status_code == status, (headers, r.text)


def test_a_huge_body_is_refused_unread(writer) -> None:  # type: ignore[no-untyped-def]
    big = b'{"article": {"text": "' + b"x" * (max_body_bytes() + 10) + b'"}}'
    for headers in ({}, H):  # with or without the token
        r = writer.post("/api/articles", content=big, headers={**headers, "Content-Type": "application/json"})
        assert r.status_code == 413 and r.json()["error"]["code"] == "too_large"

    def chunks():  # type: ignore[no-untyped-def]
        yield b'{"article": {"text": "'
        for _ in range(max_body_bytes() // 65536 + 2):
            yield b"x" * 65536

    r = writer.post("/api/articles", content=chunks(), headers={**H, "Content-Type": "application/json"})
    assert r.status_code == 413


@pytest.mark.parametrize(
    "body, where",
    [
        ({"article": {"text": "قتل شخص", "url": {"a": 1}}}, "article.url"),
        ({"article": {"text": "قتل شخص", "url": "javascript:alert(1)"}}, "article.url"),
        ({"article": {"text": "قتل شخص", "id": [1]}}, "article.id"),
        ({"article": {"text": "قتل شخص", "title": 5}}, "article.title"),
        ({"article": {"text": "قتل\x00 شخص"}}, "malformed"),
        ({"article": {"text": "only English text here"}}, "not_arabic"),
        ({"article": {"text": "   "}}, "empty"),
        ({"article": {"text": "قتل شخص"}, "events": [{**GOOD_EVENT, "fatalities": -5}]}, "fatalities"),
        ({"article": {"text": "قتل شخص"}, "events": [{**GOOD_EVENT, "fatalities": 10**30}]}, "fatalities"),
        ({"article": {"text": "قتل شخص"}, "events": [{**GOOD_EVENT, "fatalities": True}]}, "fatalities"),
        ({"article": {"text": "قتل شخص"}, "events": [{**GOOD_EVENT, "evidence": {"x": 1}}]}, "evidence"),
        ({"article": {"text": "قتل شخص"}, "events": [{**GOOD_EVENT, "actor1": 5}]}, "actor1"),
        ({"article": {"text": "قتل شخص"}, "events": [{**GOOD_EVENT, "actor1": "x' OR 1=1"}]}, "actor1"),
        ({"article": {"text": "قتل شخص"}, "events": [{**GOOD_EVENT, "date_precision": 9}]}, "date_precision"),
        ({"article": {"text": "قتل شخص"}, "events": [{**GOOD_EVENT, "location": {"name_ar": "x", "lat": 1000}}]}, "lat"),
        ({"article": {"text": "قتل شخص"}, "events": [{**GOOD_EVENT, "location": {"name_ar": "x", "lat": "abc"}}]}, "lat"),
        ({"article": {"text": "قتل شخص"}, "events": [{**GOOD_EVENT, "location": None}]}, "location"),
        ({"article": {"text": "قتل شخص"}, "events": [{**GOOD_EVENT, "event_date": "2020-02-30"}]}, "events[0]"),
        ({"article": {"text": "قتل شخص"}, "events": [{**GOOD_EVENT, "event_type": ["Battles"]}]}, "event_type"),
        ({"article": {"text": "قتل شخص"}, "events": [{**GOOD_EVENT, "versions": {"a": {"b": 1}}}]}, "versions"),
        ({"article": {"text": "قتل شخص", "published": ["2020"]}}, "published"),
    ],
)
def test_bad_bodies_are_422_naming_the_field(writer, body, where: str) -> None:  # type: ignore[no-untyped-def]
    before = writer.get("/api/health").json()["events"]
    r = writer.post("/api/articles", json=body, headers=H)
    assert r.status_code == 422, r.text
    assert where in r.json()["error"]["message"]
    assert writer.get("/api/health").json()["events"] == before


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), any_text()),
    lambda kids: st.one_of(st.lists(kids, max_size=4), st.dictionaries(st.text(max_size=8), kids, max_size=4)),
    max_leaves=12,
)
event_dicts = st.fixed_dictionaries(
    {
        "event_type": st.sampled_from(["Battles", "Protests", "Riots", "x"]),
        "sub_event_type": st.sampled_from(["Armed clash", "Peaceful protest", "Mob violence", "y"]),
    },
    optional={
        "event_date": st.one_of(st.none(), st.just("2020-01-05"), any_text()),
        "date_precision": json_values,
        "actor1": st.one_of(st.none(), st.just("ISIS"), json_values),
        "location": st.one_of(
            st.fixed_dictionaries({"name_ar": arabic_texts(3)}, optional={"lat": json_values, "lon": json_values}), json_values
        ),
        "fatalities": json_values,
        "injured": json_values,
        "evidence": json_values,
        "summary_en": json_values,
        "versions": json_values,
    },
)
FIELDS = [
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
    "versions",
]
event_dicts = st.one_of(event_dicts, st.dictionaries(st.sampled_from(FIELDS), json_values, max_size=12))
bodies = st.one_of(
    json_values,
    st.fixed_dictionaries(
        {
            "article": st.one_of(
                st.fixed_dictionaries(
                    {"text": st.one_of(arabic_texts(20), any_text(), json_values)},
                    optional={
                        "id": json_values,
                        "url": json_values,
                        "published": json_values,
                        "title": json_values,
                        "outlet": json_values,
                    },
                ),
                json_values,
            )
        },
        optional={"events": st.one_of(st.lists(event_dicts, max_size=3), json_values)},
    ),
)


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(body=bodies)
def test_fuzzed_bodies_never_break_the_server(writer, body) -> None:  # type: ignore[no-untyped-def]
    COUNT("POST /api/articles bodies")
    r = writer.post(
        "/api/articles",
        content=json.dumps(body, ensure_ascii=False).encode("utf-8", "surrogatepass"),
        headers={**H, "Content-Type": "application/json"},
    )
    assert r.status_code in (201, 413, 422), (r.status_code, r.text[:300])
    if r.status_code == 201:
        for eid in r.json()["event_ids"]:
            e = writer.get(f"/api/events/{eid}").json()
            assert e["fatalities"] >= 0 and e["location"]["name_ar"]
