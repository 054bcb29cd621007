"""SQL injection (and other hostile values) in every parameter of every read endpoint,
on SQLite and on PostgreSQL.

For each endpoint × parameter × payload the answer must be a 200 carrying exactly
the rows the filter means, or a 422 naming the parameter — never a 500, never rows
the filter does not select — and the database must be unchanged afterwards (same
tables, same row counts).  For ``q`` the expected rows are computed here, in
Python, from the stored ``search_text``: a ``' OR 1=1 --`` is searched for as words,
not run.
"""

from __future__ import annotations

from urllib.parse import quote

import marsad_sample_events as samples
import pytest
from fastapi.testclient import TestClient
from figures import record
from sqlalchemy import inspect, text

from marsad.api import create_app
from marsad.api.filters import text_terms
from marsad.store import open_store

PAYLOADS = [
    "' OR '1'='1",
    "' OR 1=1 --",
    '" OR ""="',
    "1; DROP TABLE events; --",
    "Idlib'; DELETE FROM events WHERE '1'='1",
    "') UNION SELECT id, evidence, NULL FROM events --",
    "1 UNION ALL SELECT sqlite_version(), NULL --",
    "'||(SELECT version())||'",
    "1' AND pg_sleep(2) IS NULL --",
    "1 AND randomblob(100000000)",
    "%' --",
    "%",
    "_",
    "\\",
    "ادلب' OR 'ا'='ا",
    'قصف"; DROP TABLE articles; --',
    "$1",
    "?",
    ":param",
    "'; COPY events TO '/tmp/x'; --",
    "${jndi:ldap://127.0.0.1/a}",
    "<script>alert(1)</script>",
    "\u0000",
    "\x1b[2J",
    "A" * 5000,
    "-1",
    "9" * 40,
    "1e309",
    "NaN",
    "2020-01-01' OR '1'='1",
    "2020-01-01 00:00:00",
    "36,35,37,36) OR (1=1",
    "36,35,37,36;DROP TABLE events",
]

# endpoint → its parameters (filters plus its own paging/limits)
FILTERS = ["start", "end", "event_type", "sub_event_type", "actor", "admin1", "admin2", "bbox", "min_fatalities", "q"]
ENDPOINTS = {
    "/api/events": [*FILTERS, "page", "page_size", "order"],
    "/api/events.geojson": [*FILTERS, "page", "page_size", "order"],
    "/api/events.csv": [*FILTERS, "order", "limit"],
    "/api/points": [*FILTERS, "limit"],
    "/api/events.atom": [*FILTERS, "limit"],
    "/api/events.rss": [*FILTERS, "limit"],
    "/api/timeline": FILTERS,
    "/api/facets": ["start", "q"],  # takes no parameter: anything is a 422 "unknown parameter"
}

_figures: dict[str, int] = {}


@pytest.fixture(scope="module", autouse=True)
def _save():  # type: ignore[no-untyped-def]
    yield
    if _figures:
        record(
            "api_injection",
            **_figures,
            payloads=len(PAYLOADS),
            endpoints=len(ENDPOINTS),
            parameters=sorted({p for ps in ENDPOINTS.values() for p in ps}),
        )


def _state(store) -> dict[str, int]:  # type: ignore[no-untyped-def]
    with store.session() as s:
        tables = sorted(inspect(s.get_bind()).get_table_names())
        return {t: int(s.execute(text(f'SELECT count(*) FROM "{t}"')).scalar() or 0) for t in tables}


def _ids(r) -> set[int] | None:  # type: ignore[no-untyped-def]
    """Event ids in an answer (None when the endpoint does not list events)."""
    path = r.request.url.path
    if path == "/api/events":
        return {e["id"] for e in r.json()["items"]}
    if path == "/api/events.geojson":
        return {f["id"] for f in r.json()["features"]}
    if path == "/api/points":
        body = r.json()
        return {row[body["fields"].index("id")] for row in body["rows"]}
    if path in ("/api/events.atom", "/api/events.rss"):
        import feedparser

        feed = feedparser.parse(r.content)
        assert not feed.bozo, feed.get("bozo_exception")
        return {int(e.id.rsplit("/", 1)[1]) for e in feed.entries}
    if path == "/api/events.csv":
        lines = r.content.decode("utf-8-sig").splitlines()[1:]
        import csv

        return {int(row[0].removeprefix("SYR")) for row in csv.reader(lines) if row}
    return None


@pytest.mark.postgres
def test_injection_in_every_parameter(db_url: str) -> None:
    backend = "postgresql" if "://" in db_url else "sqlite"
    with open_store(db_url) as store:
        samples.fill(store)
        with store.session() as s:
            search = {int(i): t for i, t in s.execute(text("SELECT id, search_text FROM events"))}
    everything = set(search)
    with open_store(db_url) as store:
        before = _state(store)
    n = statuses_200 = statuses_422 = 0
    with TestClient(create_app(db_url), raise_server_exceptions=False) as c:
        for path, params in ENDPOINTS.items():
            for param in params:
                for payload in PAYLOADS:
                    r = c.get(path, params={param: payload})
                    n += 1
                    assert r.status_code in (200, 422), (path, param, payload, r.status_code, r.text[:300])
                    if r.status_code == 422:
                        statuses_422 += 1
                        err = r.json()["error"]
                        assert err["code"] == "invalid_parameter"
                        assert any(d["param"] == param for d in err["details"]), (param, err)
                        continue
                    statuses_200 += 1
                    got = _ids(r)
                    if got is None:
                        continue
                    assert got <= everything
                    if param == "q":
                        terms = text_terms(payload)
                        want = {i for i, t in search.items() if all(term in t for term in terms)}
                        assert got == want, (path, payload, terms)
                    elif param in ("order", "page", "page_size", "limit"):
                        pass  # accepted only when it is a valid value: the normal answer
                    else:
                        # no hostile string names a real governorate, actor, type or day
                        assert got == set() or param in ("min_fatalities", "bbox", "start", "end"), (path, param, payload)
        for payload in PAYLOADS:  # the path parameter of one event
            r = c.get("/api/events/" + quote(payload, safe=""))
            n += 1
            assert r.status_code in (404, 422), (payload, r.status_code, r.text[:200])
    with open_store(db_url) as store:
        assert _state(store) == before  # nothing written, nothing dropped
    _figures[f"requests_{backend}"] = n
    _figures[f"answered_200_{backend}"] = statuses_200
    _figures[f"answered_422_{backend}"] = statuses_422
    _figures[f"server_errors_{backend}"] = 0
