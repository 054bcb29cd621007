"""Security headers on every answer, Content-Security-Policy first.

The page runs only the app's own script files (no inline script, no eval),
talks only to its own origin, and may load map tiles from OpenStreetMap when
the user turns that layer on.  ``/docs`` (Swagger UI) is the one exception: its
script and styles come from a CDN, so it gets a policy of its own.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SecurityHeaders", "PAGE_CSP", "DOCS_CSP", "TILE_ORIGIN", "SWAGGER_CDN"]

TILE_ORIGIN = "https://tile.openstreetmap.org"
SWAGGER_CDN = "https://cdn.jsdelivr.net"

PAGE_CSP = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    f"img-src 'self' data: {TILE_ORIGIN}",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
))

DOCS_CSP = "; ".join((
    "default-src 'self'",
    f"script-src 'self' {SWAGGER_CDN}",
    f"style-src 'self' 'unsafe-inline' {SWAGGER_CDN}",
    "img-src 'self' data: https://fastapi.tiangolo.com",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
))

_COMMON = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"geolocation=(), camera=(), microphone=()"),
)


class SecurityHeaders:
    """Pure ASGI middleware (safe with streamed answers such as the CSV export)."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = (DOCS_CSP if scope.get("path") == "/docs" else PAGE_CSP).encode()

        async def send_with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                headers.append((b"content-security-policy", csp))
                present = {k.lower() for k, _ in headers}
                headers.extend((k, v) for k, v in _COMMON if k not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
