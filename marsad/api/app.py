"""The web application: JSON API under ``/api/``, the map page at ``/``.

:func:`create_app` builds it on one database; :func:`serve` runs it with uvicorn.
Everything the page needs is served by the app itself (Leaflet from the
xstatic-leaflet package, Swagger UI for ``/docs`` from fastapi-offline, the
outlines from the packaged gazetteer), so it works with no internet; only the
optional OpenStreetMap layer needs it.
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from marsad import __version__, settings
from marsad.api import feed, routes, writes
from marsad.api.cache import AnswerCache, change_marker
from marsad.api.errors import install_error_handlers
from marsad.api.sqlite_reads import tune_sqlite_reads
from marsad.api.security import BodyLimit, HostCheck, SecurityHeaders
from marsad.api.snapshot import read_snapshots
from marsad.errors import ConfigError
from marsad.store import Store, open_store
from marsad.store.db import resolve_url

__all__ = ["create_app", "serve", "WEB_DIR"]

log = logging.getLogger(__name__)
WEB_DIR = Path(__file__).resolve().parent.parent / "web"

_DESCRIPTION = """\
Marsad's read API: events extracted from Arabic news about Syria (ACLED-style).

Every event endpoint takes the same filters (`start`, `end`, `event_type`,
`sub_event_type`, `actor`, `admin1`, `admin2`, `bbox`, `min_fatalities`, `q`);
an unknown parameter or an unusable value is a 422. Every error has the shape
`{"error": {"status", "code", "message", "details"?}}`.
"""


def _open(db_url: str | None) -> Store:
    url = resolve_url(db_url)
    if url.startswith("sqlite:///"):
        path = Path(url[len("sqlite:///") :])
        if not path.is_file():
            raise ConfigError(f"no database at {path}: ingest some articles first, or pass --db")
    return open_store(url)


def _swagger_dir() -> Path:
    """Swagger UI's script, styles and icon, as the fastapi-offline package ships them."""
    import fastapi_offline

    return Path(fastapi_offline.__file__).parent / "static"


def _leaflet_dir() -> Path:
    from xstatic.pkg import leaflet

    return Path(leaflet.BASE_DIR)


#: API threads per server process by backend (setting ``api_threads`` = 0).  SQLite answers
#: in-process: more threads only take turns on Python's lock.  A PostgreSQL request waits on
#: the server for most of its time, and other threads can run meanwhile: under
#: bench/load_test.py (50 clients, process writing) /api/events p95 fell from 515 ms with 2
#: threads to 385 ms with 8 (368 with 16).
AUTO_THREADS = {"sqlite": 2, "postgresql": 8}


def auto_threads(dialect: str) -> int:
    """The number of API threads for a database of ``dialect`` (see :data:`AUTO_THREADS`)."""
    return AUTO_THREADS.get(dialect, 8)


def create_app(db_url: str | None = None, *, allow_writes: bool = False, store: Store | None = None) -> FastAPI:
    """The Marsad web app on database ``db_url`` (default: setting ``db`` / ``MARSAD_DB``).

    Read-only unless ``allow_writes``, which mounts ``POST /api/articles``
    guarded by the ``api_token`` setting (refused when that is empty).  A ready
    :class:`~marsad.store.Store` may be handed in instead of a URL.  Opening
    the database brings its schema, indexes included, up to date.
    """
    token = str(settings.get("api_token") or "")
    if allow_writes and not token:
        raise ConfigError("writes need a token: set MARSAD_API_TOKEN (setting api_token)")
    own_store = store is None
    threads = int(settings.get("api_threads"))
    if threads < 0:
        raise ConfigError(f"api_threads must be 0 (automatic) or more, got {threads}")
    cache_mb = float(settings.get("api_cache_mb"))
    if cache_mb < 0:
        raise ConfigError(f"api_cache_mb must be 0 (off) or more, got {cache_mb}")

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Requests are answered in worker threads, and only one of them runs Python at a
        # time: anyio's default of 40 threads made 50 clients' requests take turns on the
        # GIL (bench/load_test.py: fewer requests served and stalls of seconds).
        import anyio.to_thread

        app.state.api_threads = threads or auto_threads(app.state.store.engine.dialect.name)
        anyio.to_thread.current_default_thread_limiter().total_tokens = app.state.api_threads
        await anyio.to_thread.run_sync(_warm_up)
        yield
        if app.state.cache_marker is not None:
            app.state.cache_marker.close()
        if own_store:
            app.state.store.close()

    app = FastAPI(
        lifespan=lifespan,
        title="Marsad",
        version=__version__,
        description=_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.store = store if store is not None else _open(db_url)
    tune_sqlite_reads(app.state.store.engine)
    read_snapshots(app.state.store.engine)
    app.state.allow_writes = allow_writes
    app.state.api_token = token
    app.state.max_page_size = int(settings.get("max_page_size"))
    install_error_handlers(app)
    # innermost: answers are cached before the security headers are added, after the Host check
    app.state.cache_marker = change_marker(app.state.store.engine) if cache_mb > 0 else None
    app.add_middleware(AnswerCache, marker=app.state.cache_marker, max_bytes=int(cache_mb * 1024 * 1024))
    app.add_middleware(BodyLimit, limit=max_body_bytes())
    app.add_middleware(HostCheck, names=set(str(settings.get("allowed_hosts") or "").split(",")))
    app.add_middleware(SecurityHeaders)
    app.include_router(routes.router)
    app.include_router(feed.router)
    if allow_writes:
        app.include_router(writes.router)

    templates = Jinja2Templates(directory=str(WEB_DIR / "templates"))
    app.mount("/static", StaticFiles(directory=str(WEB_DIR / "static")), name="static")
    app.mount("/vendor/leaflet", StaticFiles(directory=str(_leaflet_dir())), name="leaflet")

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page(request: Request) -> Any:
        return templates.TemplateResponse(request, "index.html", {"version": __version__})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> FileResponse:
        return FileResponse(
            WEB_DIR / "static" / "favicon.ico", media_type="image/x-icon", headers={"Cache-Control": "public, max-age=86400"}
        )

    app.mount("/vendor/swagger-ui", StaticFiles(directory=str(_swagger_dir())), name="swagger-ui")

    @app.get("/docs", response_class=HTMLResponse, include_in_schema=False)
    def docs() -> HTMLResponse:
        # FastAPI's page carries an inline script; ours loads it from a file so the
        # policy can stay without 'unsafe-inline' for scripts.  Swagger UI comes
        # from the fastapi-offline package: /docs works offline too.
        html = get_swagger_ui_html(
            openapi_url="/api/openapi.json",
            title="Marsad API",
            swagger_js_url="/vendor/swagger-ui/swagger-ui-bundle.js",
            swagger_css_url="/vendor/swagger-ui/swagger-ui.css",
            swagger_favicon_url="/vendor/swagger-ui/favicon.png",
        ).body.decode()
        start = html.find("<script>")
        end = html.find("</script>", start)
        if start != -1 and end != -1:
            html = html[:start] + '<script src="/static/js/docs-init.js"></script>' + html[end + len("</script>") :]
        return HTMLResponse(html)

    return app


def _warm_up() -> None:
    """Load the lexicon, the gazetteer's labels and the highlighter before the first
    request, so that no client waits seconds for them (under load, dozens would)."""
    from marsad.api.highlight import highlight_spans
    from marsad.api.labels import actor_catalogue, labels, place_labels_json

    labels()
    actor_catalogue()
    place_labels_json()
    # any non-empty evidence loads the lexicon and builds its matchers
    highlight_spans("warm-up", sub_event_type="Air/drone strike", actors=("SYR_GOV",), place_names=("warm-up",))


def max_body_bytes() -> int:
    """Largest request body accepted (413 above): an article of ``max_article_bytes``
    written as JSON ``\\u`` escapes (3 bytes of JSON per byte of UTF-8 Arabic at worst)
    plus room for its events."""
    return 3 * int(settings.get("max_article_bytes")) + 2_000_000


def serve(
    db: str | None = None,
    host: str | None = None,
    port: int | None = None,
    *,
    allow_writes: bool = False,
    log_level: str = "info",
    workers: int = 1,
) -> None:
    """Run the app with uvicorn (blocks).  Host and port default to the settings
    (``127.0.0.1:8000``).  ``workers`` > 1 serves from that many processes (reads
    are CPU-bound Python: one process uses one core), each with its own
    connections; every request still reads one snapshot."""
    import uvicorn

    host, port = str(settings.get("host", host)), int(settings.get("port", port))
    if workers <= 1:
        uvicorn.run(create_app(db, allow_writes=allow_writes), host=host, port=port, log_level=log_level)
        return
    create_app(db, allow_writes=allow_writes).state.store.close()  # fail here, once, on a bad database or token
    os.environ[_WORKER_DB] = db or ""
    os.environ[_WORKER_WRITES] = "1" if allow_writes else ""
    uvicorn.run("marsad.api.app:_worker_app", factory=True, host=host, port=port, log_level=log_level, workers=workers)


_WORKER_DB, _WORKER_WRITES = "MARSAD_SERVE_WORKER_DB", "MARSAD_SERVE_WORKER_WRITES"


def _worker_app() -> FastAPI:
    """The app of one worker process of :func:`serve` (its arguments come through the environment)."""
    return create_app(os.environ.get(_WORKER_DB) or None, allow_writes=bool(os.environ.get(_WORKER_WRITES)))
