"""A real server and a real headless Chromium for the page tests.

The app runs under uvicorn on 127.0.0.1 (a free port) in a background thread,
on a temporary SQLite store filled with the Arabic sample events of
``tests/api/marsad_sample_events.py``.  Chromium is Debian's (/usr/bin/chromium)
driven by Playwright's sync API; the tests are skipped when either is missing.
Screenshots go to ``artifacts/`` at the repository root (gitignored).
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "api"))

import marsad_sample_events as samples  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = ROOT / "artifacts"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LiveServer:
    """uvicorn serving ``app`` on 127.0.0.1 in a daemon thread."""

    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        import uvicorn

        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "LiveServer":
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from marsad.api import create_app

    db = samples.make_db(tmp_path_factory.mktemp("web") / "events.db")
    with LiveServer(create_app(db)) as server:
        yield server


@pytest.fixture(scope="session")
def chromium_browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield b
        b.close()


@pytest.fixture()
def web_page(chromium_browser):  # type: ignore[no-untyped-def]
    """A fresh page that records console errors, page errors and CSP reports."""
    context = chromium_browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-GB")
    # Nothing may leave 127.0.0.1 (OpenStreetMap tiles are off unless asked for).
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1") else route.abort())
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda exc: pg.errors.append(f"pageerror: {exc}"))  # type: ignore[attr-defined]
    pg.on("console", lambda msg: msg.type == "error" and pg.errors.append(f"console: {msg.text}"))  # type: ignore[attr-defined]
    pg.on("dialog", lambda d: (pg.errors.append(f"dialog: {d.message}"), d.dismiss()))  # type: ignore[attr-defined]
    yield pg
    context.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


READY = "body[data-ready='1']:not([data-loading])"


@pytest.fixture()
def open_page(web_page, live_server):  # type: ignore[no-untyped-def]
    """Load the page at ``query`` and wait until its data is drawn.

    (Selectors, not wait_for_function: the page's CSP forbids the eval that
    Playwright's function polling needs.)"""

    def go(query: str = ""):  # type: ignore[no-untyped-def]
        web_page.goto(f"{live_server.url}/{query}")
        web_page.wait_for_selector(READY, state="attached", timeout=15_000)
        return web_page

    return go


@pytest.fixture(scope="session")
def event_ids(live_server) -> dict[str, int]:  # type: ignore[no-untyped-def]
    """Event id by Arabic place name."""
    import httpx

    items = httpx.get(f"{live_server.url}/api/events", params={"page_size": 100}).json()["items"]
    return {e["location"]["name_ar"]: e["id"] for e in items}
