"""The API answers only to its own names (issue 13, defect 6): a DNS-rebinding page
reaches 127.0.0.1 under its own domain name and must not read the API (/api/skips
lists local file paths).  A real uvicorn server on 127.0.0.1, real HTTP requests."""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

import marsad.api
from marsad.api.security import host_allowed
from marsad.cli import cli


@pytest.fixture
def server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    import marsad_sample_events as samples
    import uvicorn

    monkeypatch.setenv("MARSAD_ALLOWED_HOSTS", "localhost,marsad.example.org")
    app = marsad.api.create_app(samples.make_db(tmp_path / "h.db"))
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline and thread.is_alive(), "uvicorn did not start"
        time.sleep(0.02)
    yield f"http://127.0.0.1:{port}", port
    srv.should_exit = True
    thread.join(timeout=10)


def test_foreign_host_names_are_refused(server) -> None:  # type: ignore[no-untyped-def]
    base, port = server
    for path in ("/api/skips", "/api/events", "/"):
        for host in (
            "attacker.example",
            f"attacker.example:{port}",
            "127.0.0.1.attacker.example",
            "localhost.evil",
            "",
            "[::1]x",
        ):
            r = httpx.get(base + path, headers={"Host": host})
            assert r.status_code == 421, (path, host, r.status_code)
            assert "allowed_hosts" in r.json()["error"]["message"]
    for host in (
        f"127.0.0.1:{port}",
        "127.0.0.1",
        f"localhost:{port}",
        "LOCALHOST",
        "[::1]:8000",
        "marsad.example.org",
        "192.168.1.20:8000",
    ):
        r = httpx.get(base + "/api/skips", headers={"Host": host})
        assert r.status_code == 200, (host, r.status_code)


def test_host_allowed_rules() -> None:
    names = {"localhost"}
    assert host_allowed("10.0.0.5:8000", names) and host_allowed("[2001:db8::1]:80", names)
    assert not host_allowed("rebind.attacker.example", names)
    assert not host_allowed("localhost:80:80", names) and not host_allowed("[::1]:x", names)


@pytest.mark.parametrize(
    ("host", "warned"),
    [("127.0.0.2", False), ("127.0.0.1", False), ("::1", False), ("localhost", False), ("0.0.0.0", True), ("10.1.2.3", True)],
)
def test_serve_warns_only_off_loopback(monkeypatch: pytest.MonkeyPatch, host: str, warned: bool) -> None:
    monkeypatch.setattr(marsad.api, "serve", lambda *a, **k: None)
    result = CliRunner().invoke(cli, ["serve", "--host", host])
    assert result.exit_code == 0
    assert ("reachable from other machines" in result.output) is warned, result.output


def test_serve_with_worker_processes(tmp_path: Path) -> None:
    """`marsad serve --workers 2`: several processes answer on one port, each with the Host check."""
    import os
    import subprocess
    import sys

    import marsad_sample_events as samples

    db = samples.make_db(tmp_path / "w.db")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    root = Path(__file__).resolve().parents[2]
    env = {**os.environ, "PYTHONPATH": str(root), "MARSAD_CONFIG": os.devnull}
    proc = subprocess.Popen(
        [sys.executable, "-m", "marsad", "serve", "--db", db, "--port", str(port), "--workers", "2"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            assert proc.poll() is None, proc.stderr.read().decode()[-2000:] if proc.stderr else ""
            try:
                if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            assert time.monotonic() < deadline, "server did not start"
            time.sleep(0.2)
        with httpx.Client(base_url=base) as c:
            totals = {c.get("/api/events", params={"page_size": 5}).json()["total"] for _ in range(10)}
            assert len(totals) == 1 and totals.pop() > 0
            assert c.get("/api/events", headers={"Host": "rebind.attacker.example"}).status_code == 421
    finally:
        proc.terminate()
        proc.wait(20)
