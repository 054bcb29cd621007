"""An answer cache for the read API, emptied whenever the database changes.

Under load most requests repeat one another: the map panel asks for the same few
filter combinations, and between two commits of ``marsad process`` their answers
cannot change.  :class:`AnswerCache` (pure ASGI middleware) keeps the bytes of each
200 answer of a cacheable ``GET`` (:data:`CACHED_PATHS`), keyed on the request
(path, query string, ``Host``), together with the database's *change marker* at the
time it was built; an answer is reused only while the marker is unchanged, so a
cached answer is never older than the last commit seen before the request.

The marker must see commits made by other processes (``marsad process``, ``watch``,
another server worker):

* SQLite: ``PRAGMA data_version`` on one connection of the cache's own that never
  writes.  The value is per connection (two connections may report different
  numbers), but on one connection it changes after every commit by any other
  connection, in this process or another.
* PostgreSQL: ``pg_current_snapshot()`` reduced to the transactions it shows as
  committed (:func:`committed_set`): a commit changes that set.  Commits elsewhere on
  the server (other databases) only empty the cache more often than needed.

The marker is read *before* the request's own snapshot begins, so a cached answer
is at least as new as its marker; an answer built from a newer snapshot is merely
recomputed once more.  An answer says ``X-Cache: hit`` or ``miss``.  Concurrent requests for the same key wait for the one being
built instead of all computing it (a commit would otherwise send every client to
the database at once).  Size: setting ``api_cache_mb`` (0 turns the cache off).
"""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

import anyio
import anyio.to_thread
from sqlalchemy import Engine

__all__ = ["AnswerCache", "CACHED_PATHS", "change_marker", "committed_set", "json_bytes"]

#: Paths whose GET answers are cached (exact paths, and the prefix of one event's page).
CACHED_PATHS = frozenset({"/api/events", "/api/events.geojson", "/api/points", "/api/timeline", "/api/facets", "/api/health"})
_EVENT_PREFIX = "/api/events/"

try:  # orjson writes UTF-8 bytes directly, several times faster than json.dumps
    import orjson

    def json_bytes(body: Any) -> bytes:
        """``body`` as compact UTF-8 JSON (non-ASCII kept as is)."""
        return orjson.dumps(body, option=orjson.OPT_NON_STR_KEYS)

except ImportError:  # pragma: no cover - orjson is a declared dependency
    import json

    def json_bytes(body: Any) -> bytes:
        """``body`` as compact UTF-8 JSON (non-ASCII kept as is)."""
        return json.dumps(body, ensure_ascii=False, separators=(",", ":")).encode()


class _SqliteMarker:
    """``PRAGMA data_version`` of a private read-only connection (see module docstring)."""

    blocking = False  # reads the WAL index in shared memory: microseconds, fine on the event loop

    def __init__(self, path: str) -> None:
        # never writes: no transaction is ever opened on it
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._lock = threading.Lock()

    def __call__(self) -> int:
        with self._lock:
            return int(self._conn.execute("PRAGMA data_version").fetchone()[0])

    def close(self) -> None:
        self._conn.close()


class _PostgresMarker:
    """``pg_current_snapshot()`` read on a connection of the engine's pool."""

    blocking = True  # a round trip to the server: run in a thread

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def __call__(self) -> tuple[int, frozenset[int]]:
        with self._engine.connect() as conn:
            value = conn.exec_driver_sql("SELECT pg_current_snapshot()::text").scalar()
            conn.rollback()
        return committed_set(str(value))

    def close(self) -> None:
        pass


def committed_set(snapshot: str) -> tuple[int, frozenset[int]]:
    """A PostgreSQL snapshot (``xmin:xmax:xip,…``) reduced to what it says about
    *committed* transactions: xids below ``xmax`` and not in progress.  A writer taking
    an xid moves ``xmax`` without committing anything; trimming the in-progress xids at
    the top gives the same value before and after, so only its commit empties the cache."""
    _xmin, xmax_text, xip_text = snapshot.split(":")
    xmax = int(xmax_text)
    running = {int(x) for x in xip_text.split(",") if x}
    while xmax - 1 in running:
        xmax -= 1
        running.discard(xmax)
    return xmax, frozenset(running)


def change_marker(engine: Engine) -> _SqliteMarker | _PostgresMarker | None:
    """A callable returning a value that changes after every commit to ``engine``'s
    database by any connection of any process; None when there is none to be had
    (an in-memory SQLite database: no other process can write it anyway, but its
    own writes would not be seen either)."""
    if engine.dialect.name == "sqlite":
        path = engine.url.database
        if not path or path == ":memory:":
            return None
        return _SqliteMarker(path)
    if engine.dialect.name == "postgresql":
        return _PostgresMarker(engine)
    return None


class _Entry:
    __slots__ = ("marker", "start", "body", "size")

    def __init__(self, marker: object, start: dict[str, Any], body: bytes) -> None:
        self.marker, self.start, self.body = marker, start, body
        self.size = len(body) + 64 * len(start.get("headers", ())) + 200


class AnswerCache:
    """Pure ASGI middleware: cached answers for :data:`CACHED_PATHS` (see module docstring).

    ``marker`` is a callable as :func:`change_marker` returns (None: no caching);
    ``max_bytes`` bounds the bodies kept (least recently used dropped first); one
    answer above an eighth of it is not kept."""

    def __init__(self, app: Any, *, marker: Callable[[], object] | None, max_bytes: int) -> None:
        self.app = app
        self.marker = marker
        self.max_bytes = max_bytes
        self._entries: OrderedDict[tuple[str, bytes, bytes], _Entry] = OrderedDict()
        self._bytes = 0
        self._inflight: dict[tuple[str, bytes, bytes], asyncio.Future[_Entry | None]] = {}
        self._marker_limiter: anyio.CapacityLimiter | None = None
        self._marker_seen: object = None
        self.hits = self.misses = 0

    # ------------------------------------------------------------------ bookkeeping

    def clear(self) -> None:
        self._entries.clear()
        self._bytes = 0

    def _put(self, key: tuple[str, bytes, bytes], entry: _Entry) -> None:
        if entry.size > self.max_bytes // 8:
            return
        old = self._entries.pop(key, None)
        if old is not None:
            self._bytes -= old.size
        self._entries[key] = entry
        self._bytes += entry.size
        while self._bytes > self.max_bytes and self._entries:
            _, dropped = self._entries.popitem(last=False)
            self._bytes -= dropped.size

    async def _current_marker(self) -> object:
        assert self.marker is not None
        if not getattr(self.marker, "blocking", True):
            return self.marker()
        if self._marker_limiter is None:  # its own threads: never queued behind slow queries
            self._marker_limiter = anyio.CapacityLimiter(4)
        return await anyio.to_thread.run_sync(self.marker, limiter=self._marker_limiter)

    @staticmethod
    def _cacheable(scope: dict[str, Any]) -> bool:
        if scope["type"] != "http" or scope.get("method") != "GET":
            return False
        path = scope.get("path", "")
        return path in CACHED_PATHS or (path.startswith(_EVENT_PREFIX) and path[len(_EVENT_PREFIX) :].isdigit())

    # ------------------------------------------------------------------ ASGI

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if self.marker is None or self.max_bytes <= 0 or not self._cacheable(scope):
            await self.app(scope, receive, send)
            return
        host = next((v for k, v in scope.get("headers", ()) if k == b"host"), b"")
        key = (scope["path"], scope.get("query_string", b""), host)
        marker = await self._current_marker()
        while True:
            entry = self._entries.get(key)
            if entry is not None and entry.marker == marker:
                self._entries.move_to_end(key)
                self.hits += 1
                await self._replay(entry, send)
                return
            pending = self._inflight.get(key)
            if pending is None:
                break
            built = await asyncio.shield(pending)
            if built is not None and built.marker == marker:
                self.hits += 1
                await self._replay(built, send)
                return
            if built is None:  # the first one failed or was not cacheable: answer ourselves
                await self.app(scope, receive, send)
                return
            marker = await self._current_marker()  # built for an older state: look again
        self.misses += 1
        if marker != self._marker_seen:  # the database changed: every entry is stale
            self.clear()
            self._marker_seen = marker
        future: asyncio.Future[_Entry | None] = asyncio.get_running_loop().create_future()
        self._inflight[key] = future
        built_entry: _Entry | None = None
        try:
            built_entry = await self._build(scope, receive, send, marker)
        finally:
            self._inflight.pop(key, None)
            future.set_result(built_entry)
        if built_entry is not None:
            self._put(key, built_entry)

    async def _build(self, scope: dict[str, Any], receive: Any, send: Any, marker: object) -> _Entry | None:
        start: dict[str, Any] = {}
        chunks: list[bytes] = []
        cacheable = True

        async def capture(message: dict[str, Any]) -> None:
            nonlocal cacheable
            if message["type"] == "http.response.start":
                start.update(message)
                cacheable = message.get("status") == 200
                if cacheable:
                    message = {**message, "headers": [*message.get("headers", ()), (b"x-cache", b"miss")]}
            elif message["type"] == "http.response.body" and cacheable:
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, capture)
        if not cacheable or not start:
            return None
        return _Entry(marker, start, b"".join(chunks))

    @staticmethod
    async def _replay(entry: _Entry, send: Any) -> None:
        await send({**entry.start, "headers": [*entry.start.get("headers", ()), (b"x-cache", b"hit")]})
        await send({"type": "http.response.body", "body": entry.body, "more_body": False})
