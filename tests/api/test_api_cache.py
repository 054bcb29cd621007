"""The API's answer cache (marsad/api/cache.py): repeated requests are answered from
memory, and a commit by any other connection or process is seen by the next request
(a stale answer fails these tests).  A real ``marsad serve`` on 127.0.0.1, on both
backends; the writes come from another process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

import marsad_sample_events as samples
from marsad.store import open_store

ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(**extra: str) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "MARSAD_CONFIG": os.devnull, **extra}


@pytest.fixture
def served(db_url: str) -> Iterator[tuple[str, str]]:
    """(base URL, database URL) of ``marsad serve`` on a database holding the sample events."""
    with open_store(db_url) as store:
        samples.fill(store)
    port = _free_port()
    proc = subprocess.Popen(
        [sys.executable, "-m", "marsad", "serve", "--db", db_url, "--port", str(port)],
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else "server exited"
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "marsad serve did not start"
            time.sleep(0.2)
        yield base, db_url
    finally:
        proc.terminate()
        proc.wait(20)


def _other_process(db_url: str, sql: str) -> None:
    """Run one write statement in a separate Python process, committed there."""
    code = (
        "import sys\n"
        "from sqlalchemy import text\n"
        "from marsad.store import open_store\n"
        "with open_store(sys.argv[1]) as st, st.session() as s:\n"
        "    s.execute(text(sys.argv[2]))\n"
        "    s.commit()\n"
    )
    subprocess.run([sys.executable, "-c", code, db_url, sql], env=_env(), check=True, timeout=120)


def _get(base: str, path: str, **params: object) -> httpx.Response:
    r = httpx.get(base + path, params=params, timeout=30)
    assert r.status_code == 200, r.text
    return r


def test_answers_are_reused_until_another_process_commits(served: tuple[str, str]) -> None:
    base, db_url = served
    first = _get(base, "/api/events", page_size=100, order="id")
    again = _get(base, "/api/events", page_size=100, order="id")
    assert (first.headers["x-cache"], again.headers["x-cache"]) == ("miss", "hit")
    assert again.content == first.content
    items = first.json()["items"]
    victim, changed = items[0]["id"], items[1]["id"]
    assert _get(base, f"/api/events/{changed}").json()["fatalities"] != 987
    assert _get(base, f"/api/events/{changed}").headers["x-cache"] == "hit"
    timeline = _get(base, "/api/timeline").json()
    assert _get(base, "/api/timeline").headers["x-cache"] == "hit"

    _other_process(db_url, f"UPDATE events SET fatalities = 987 WHERE id = {changed}")
    detail = _get(base, f"/api/events/{changed}")
    assert detail.headers["x-cache"] == "miss" and detail.json()["fatalities"] == 987
    listed = {e["id"]: e for e in _get(base, "/api/events", page_size=100, order="id").json()["items"]}
    assert listed[changed]["fatalities"] == 987

    _other_process(db_url, f"DELETE FROM events WHERE id = {victim}")
    after = _get(base, "/api/events", page_size=100, order="id").json()
    assert after["total"] == first.json()["total"] - 1
    assert victim not in {e["id"] for e in after["items"]}
    assert httpx.get(f"{base}/api/events/{victim}", timeout=30).status_code == 404
    assert sum(d["events"] for d in _get(base, "/api/timeline").json()["days"]) < sum(d["events"] for d in timeline["days"]) or (
        _get(base, "/api/timeline").json()["undated"] < timeline["undated"]
    )
    health = _get(base, "/api/health")
    assert health.json()["events"] == after["total"]


def test_errors_are_not_cached_and_hosts_are_kept_apart(served: tuple[str, str]) -> None:
    base, _ = served
    for _ in range(2):
        r = httpx.get(base + "/api/events", params={"page_size": 0}, timeout=30)
        assert r.status_code == 422 and "x-cache" not in r.headers
    a = httpx.get(base + "/api/events.geojson", params={"page_size": 1}, timeout=30)
    b = httpx.get(base + "/api/events.geojson", params={"page_size": 1}, headers={"Host": "localhost"}, timeout=30)
    assert a.headers["x-cache"] == b.headers["x-cache"] == "miss"  # the answer names its host (``next``)
    assert a.json()["next"].startswith("http://127.0.0.1") and b.json()["next"].startswith("http://localhost")


def test_a_write_by_another_connection_in_the_same_process(tmp_path: Path) -> None:
    """The app's own process writing through another connection (as ``POST /api/articles``
    or a library user would) is seen too: SQLite's data_version counts every other
    connection's commits."""
    from fastapi.testclient import TestClient

    from marsad.api import create_app

    db = samples.make_db(tmp_path / "c.db")
    with TestClient(create_app(db)) as c, open_store(db) as other:
        total = c.get("/api/events").json()["total"]
        assert c.get("/api/events").headers["x-cache"] == "hit"
        with other.session() as s:
            from sqlalchemy import text

            s.execute(text("DELETE FROM events WHERE id = (SELECT min(id) FROM events)"))
            s.commit()
        r = c.get("/api/events")
        assert r.headers["x-cache"] == "miss" and r.json()["total"] == total - 1


def test_the_cache_can_be_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    from marsad.api import create_app

    monkeypatch.setenv("MARSAD_API_CACHE_MB", "0")
    db = samples.make_db(tmp_path / "off.db")
    with TestClient(create_app(db)) as c:
        assert all("x-cache" not in c.get("/api/events").headers for _ in range(2))


def test_a_postgresql_snapshot_changes_only_with_a_commit() -> None:
    from marsad.api.cache import committed_set

    before = committed_set("100:100:")
    taken = committed_set("100:101:100")  # a writer took xid 100, nothing committed yet
    assert taken == before
    assert committed_set("100:102:100,101") == before
    assert committed_set("100:102:100") != before  # 101 committed while 100 runs
    assert committed_set("101:101:") != before  # 100 committed
