"""Marsad's HTTP API and map page (FastAPI).

::

    from marsad.api import create_app, serve
    app = create_app("events.db")          # an ASGI app: /api/…, the map at /
    serve("events.db", port=8000)          # run it with uvicorn on 127.0.0.1

See docs/api.md (endpoints) and docs/web.md (the page).
"""

from __future__ import annotations

from marsad.api.app import create_app, serve

__all__ = ["create_app", "serve"]
