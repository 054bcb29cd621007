"""How many threads answer API requests: by backend unless the ``api_threads`` setting says."""

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient

from marsad.api.app import AUTO_THREADS, create_app
from marsad.errors import ConfigError
from marsad.store import open_store


def _threads_of(url: str) -> tuple[int, float]:
    app = create_app(url)
    with TestClient(app, base_url="http://127.0.0.1") as client:
        assert client.get("/api/health").status_code == 200
        limiter = client.portal.call(lambda: anyio.to_thread.current_default_thread_limiter().total_tokens)
        return app.state.api_threads, limiter


def test_threads_follow_the_backend(db_url):
    open_store(db_url).close()  # creates the schema
    backend = "postgresql" if "postgresql" in str(db_url) else "sqlite"
    assert _threads_of(db_url) == (AUTO_THREADS[backend], AUTO_THREADS[backend])
    assert AUTO_THREADS["sqlite"] < AUTO_THREADS["postgresql"]


def test_the_setting_wins_and_a_negative_count_is_refused(tmp_path, monkeypatch):
    db = tmp_path / "t.db"
    open_store(str(db)).close()
    monkeypatch.setenv("MARSAD_API_THREADS", "5")
    assert _threads_of(str(db)) == (5, 5)
    monkeypatch.setenv("MARSAD_API_THREADS", "-1")
    with pytest.raises(ConfigError, match="api_threads"):
        create_app(str(db))
