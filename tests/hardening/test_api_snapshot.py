"""Every API request reads one snapshot: a writer committing between two statements
of one answer changes neither (bench/load_test.py once saw a page whose ``total``
was smaller than its items before :mod:`marsad.api.snapshot`)."""

from __future__ import annotations

import marsad_sample_events as samples
import pytest
from sqlalchemy import func, select

from marsad.api import create_app
from marsad.store import open_store
from marsad.store.schema import Fetch


@pytest.mark.postgres
def test_a_request_does_not_see_a_commit_made_while_it_runs(db_url: str) -> None:
    with open_store(db_url) as store:
        samples.fill(store)
    app = create_app(db_url)
    reader = app.state.store
    with open_store(db_url) as writer:
        with reader.session() as s:
            first = s.scalar(select(func.count(Fetch.id)))
            writer.record_fetch("https://example.org/new", status="skipped", reason="not_arabic", source="t")
            again = s.scalar(select(func.count(Fetch.id)))
            assert again == first  # same snapshot inside one request
        with reader.session() as s:
            assert s.scalar(select(func.count(Fetch.id))) == first + 1  # the next request sees it
    reader.close()


def test_writes_through_the_api_are_not_blocked_by_the_snapshot(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    monkeypatch.setenv("MARSAD_API_TOKEN", "tok")
    monkeypatch.setenv("MARSAD_CONFIG", str(tmp_path / "none.toml"))
    db = samples.make_db(tmp_path / "w.db")
    with TestClient(create_app(db, allow_writes=True)) as c, open_store(db) as other:
        for i in range(5):
            other.record_fetch(f"https://example.org/{i}", status="skipped", reason="empty", source="t")
            r = c.post(
                "/api/articles",
                headers={"Authorization": "Bearer tok"},
                json={
                    "article": {
                        "id": f"a{i}",
                        "text": f"قتل {i + 2} مدنيين بقصف على بلدة سرمين",
                        "url": f"https://example.org/a{i}",
                    }
                },
            )
            assert r.status_code == 201, r.text
