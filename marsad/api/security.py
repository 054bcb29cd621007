"""Security headers on every answer, Content-Security-Policy first.

The page runs only the app's own script files (no inline script, no eval),
talks only to its own origin, and may load map tiles from OpenStreetMap when
the user turns that layer on.  ``/docs`` (Swagger UI, served from the
fastapi-offline package) gets a policy of its own: Swagger UI sets inline
styles, so styles may be inline there; scripts still come only from the app.
"""

from __future__ import annotations

from typing import Any

__all__ = ["SecurityHeaders", "BodyLimit", "HostCheck", "host_allowed", "PAGE_CSP", "DOCS_CSP", "TILE_ORIGIN"]

TILE_ORIGIN = "https://tile.openstreetmap.org"

PAGE_CSP = "; ".join(
    (
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
    )
)

DOCS_CSP = "; ".join(
    (
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    )
)

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


class _TooLarge(Exception):
    pass


class BodyLimit:
    """Refuse request bodies above ``limit`` bytes with a 413, before anything parses
    them (and before the token is checked: an anonymous client must not make the
    server read a gigabyte).  A declared ``Content-Length`` is checked first; a
    chunked body is counted as it arrives."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http" or scope.get("method") in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.limit:
            await self._refuse(send)
            return
        seen = 0
        started = refused = False

        async def counting_receive() -> dict[str, Any]:
            nonlocal seen, refused
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    if not started and not refused:
                        refused = True
                        await self._refuse(send)
                    raise _TooLarge  # the app's own answer to this is dropped below
            return message

        async def guarded_send(message: dict[str, Any]) -> None:
            nonlocal started
            if refused:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except _TooLarge:
            pass

    async def _refuse(self, send: Any) -> None:
        import json

        body = json.dumps(
            {"error": {"status": 413, "code": "too_large", "message": f"request body above {self.limit} bytes"}}
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def host_allowed(host_header: str, names: set[str]) -> bool:
    """Whether a ``Host`` header names this server: an IP address (v4, or v6 in
    brackets), or one of ``names``, with any port.  A DNS-rebinding page reaches the
    server under its own domain name, which is in neither."""
    import ipaddress

    host = host_header.strip().lower()
    if host.startswith("["):
        inside, _, rest = host[1:].partition("]")
        if rest and not (rest.startswith(":") and rest[1:].isdigit()):
            return False
        try:
            ipaddress.IPv6Address(inside)
            return True
        except ValueError:
            return False
    name, _, port = host.partition(":")
    if port and not port.isdigit():
        return False
    try:
        ipaddress.IPv4Address(name)
        return True
    except ValueError:
        pass
    return bool(name) and name.rstrip(".") in names


class HostCheck:
    """Answer only requests whose ``Host`` is an IP address or an allowed name
    (setting ``allowed_hosts``, ``localhost`` by default); others get a 421.  Without
    it a page on any domain that its DNS later points at 127.0.0.1 (DNS rebinding)
    could read the local API, /api/skips with its local file paths included."""

    def __init__(self, app: Any, names: set[str]) -> None:
        self.app = app
        self.names = {n.strip().lower().rstrip(".") for n in names if n.strip()}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        host = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if host_allowed(host, self.names):
            await self.app(scope, receive, send)
            return
        import json

        body = json.dumps(
            {
                "error": {
                    "status": 421,
                    "code": "host_not_allowed",
                    "message": "this server does not answer to that Host; add the name to the "
                    "allowed_hosts setting (MARSAD_ALLOWED_HOSTS) to serve it",
                }
            }
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 421,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
            }
        )
        await send({"type": "http.response.body", "body": body})
