"""A TestClient on a temporary SQLite store holding the Arabic sample events."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

import marsad_sample_events as samples  # noqa: E402


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return samples.make_db(tmp_path_factory.mktemp("api") / "events.db")


@pytest.fixture(scope="session")
def client(sample_db: str) -> Iterator[object]:
    from fastapi.testclient import TestClient

    from marsad.api import create_app

    with TestClient(create_app(sample_db)) as c:
        yield c


@pytest.fixture()
def places(client):  # type: ignore[no-untyped-def]
    """Arabic place names of the events /api/events returns for ``params``, in answer order."""

    def get(params=None) -> list[str]:  # type: ignore[no-untyped-def]
        r = client.get("/api/events", params=params)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["total"] == len(body["items"])
        return [e["location"]["name_ar"] for e in body["items"]]

    return get
