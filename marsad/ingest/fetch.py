"""A polite, guarded HTTP client for news sites.

Polite: a User-Agent naming Marsad (setting ``user_agent``), robots.txt obeyed
(fetched once per host; unreachable robots.txt = allowed, a 4xx = allowed, a 5xx =
disallowed for this run, as Google does), at most one request per ``fetch_rate``
seconds per host, timeouts (``fetch_timeout``), retries with exponential backoff
(``fetch_retries``) on connection errors, 429 and 5xx (``Retry-After`` honoured up to
:data:`MAX_RETRY_AFTER`), and conditional GET with the ETag / Last-Modified stored
per URL so an unchanged feed costs one 304.

Guarded (SSRF): only ``http``/``https``; the host is resolved and every address it
resolves to must be public (``ipaddress``'s ``is_global``) — loopback, private,
shared (100.64/10), link-local, multicast, reserved and unspecified addresses are
refused unless ``allow_private_addresses`` is on — and the
check is repeated on every redirect (redirects are followed here, by hand, at most
``fetch_max_redirects``).  Bodies are streamed and cut at ``max_response_bytes``.
A whole request (all redirects and retries) gives up after :data:`DEADLINE_FACTOR`
× ``fetch_timeout``.  Residual risk: the name is resolved again by httpx when it
connects, so a DNS answer that changes between the two lookups is not caught.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
import urllib.robotparser
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx

from marsad import settings
from marsad.errors import FetchError

__all__ = ["Fetcher", "FetchResult", "check_url", "DEADLINE_FACTOR", "MAX_RETRY_AFTER", "BACKOFF_BASE"]

DEADLINE_FACTOR = 3.0  # a request with its redirects and retries may take 3 × fetch_timeout
MAX_RETRY_AFTER = 60.0  # never sleep longer than this on a Retry-After header
BACKOFF_BASE = 0.5  # seconds; attempt n waits BACKOFF_BASE × 2**n
_RETRY_STATUS = {429, 500, 502, 503, 504}
_REDIRECTS = {301, 302, 303, 307, 308}


@dataclass(slots=True)
class FetchResult:
    """One successful (or not-modified) fetch.  ``url`` is the final URL after redirects."""

    url: str
    status: int
    content: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def content_type(self) -> str:
        return (self.headers.get("content-type") or "").split(";")[0].strip().lower()


def _addresses(host: str) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    try:
        return [ipaddress.ip_address(host.strip("[]"))]
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve {host}: {exc}", reason="dns") from None
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


def check_url(url: str, *, allow_private: bool | None = None) -> None:
    """Raise :class:`FetchError` unless ``url`` is http(s) to a public address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise FetchError(f"refused {url!r}: only http and https are fetched", reason="bad_scheme")
    if not parts.hostname:
        raise FetchError(f"refused {url!r}: no host", reason="bad_url")
    allow = settings.get("allow_private_addresses", allow_private)
    if allow:
        return
    for addr in _addresses(parts.hostname):
        if isinstance(addr, ipaddress.IPv6Address) and addr.ipv4_mapped:
            addr = addr.ipv4_mapped
        # is_global is False for every special range (private, loopback, link-local,
        # shared 100.64/10, documentation, benchmarking, reserved, unspecified …).
        if (
            not addr.is_global
            or addr.is_private
            or addr.is_loopback
            or addr.is_link_local
            or addr.is_multicast
            or addr.is_reserved
            or addr.is_unspecified
        ):
            raise FetchError(
                f"refused {url!r}: {parts.hostname} resolves to non-public address {addr} "
                "(set allow_private_addresses, MARSAD_ALLOW_PRIVATE_ADDRESSES=1, to fetch it)",
                reason="private_address",
            )


class Fetcher:
    """One polite client per run.  Thread-safe for the rate limiter and robots cache."""

    def __init__(
        self,
        *,
        user_agent: str | None = None,
        timeout: float | None = None,
        retries: int | None = None,
        rate: float | None = None,
        max_redirects: int | None = None,
        max_bytes: int | None = None,
        allow_private: bool | None = None,
        obey_robots: bool = True,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.user_agent = settings.get("user_agent", user_agent)
        self.timeout = float(settings.get("fetch_timeout", timeout))
        self.retries = int(settings.get("fetch_retries", retries))
        self.rate = float(settings.get("fetch_rate", rate))
        self.max_redirects = int(settings.get("fetch_max_redirects", max_redirects))
        self.max_bytes = int(settings.get("max_response_bytes", max_bytes))
        self.allow_private = bool(settings.get("allow_private_addresses", allow_private))
        self.obey_robots = obey_robots
        self._sleep = sleep
        self._client = httpx.Client(
            headers={"User-Agent": self.user_agent, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(self.timeout),
            follow_redirects=False,
            transport=transport,
        )
        self._lock = threading.Lock()
        self._next_slot: dict[str, float] = {}
        self._robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def close(self) -> None:
        self._client.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- politeness ---------------------------------------------------------
    def _wait_turn(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next_slot.get(host, now))
            self._next_slot[host] = slot + self.rate
        if slot > now:
            self._sleep(slot - now)

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s host lets our User-Agent fetch it."""
        if not self.obey_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            known = origin in self._robots
            parser = self._robots.get(origin)
        if not known:
            parser = self._load_robots(origin)
            with self._lock:
                self._robots[origin] = parser
        return True if parser is None else parser.can_fetch(self.user_agent, url)

    def _load_robots(self, origin: str) -> urllib.robotparser.RobotFileParser | None:
        parser = urllib.robotparser.RobotFileParser()
        try:
            result = self._get(origin + "/robots.txt", retries=0)
        except FetchError as exc:
            if exc.reason.startswith("http_5"):
                parser.disallow_all = True
                return parser
            return None  # no robots.txt (4xx) or unreachable: allowed
        parser.parse(result.content.decode("utf-8", "replace").splitlines())
        return parser

    # -- fetching -----------------------------------------------------------
    def fetch(self, url: str, *, etag: str | None = None, last_modified: str | None = None) -> FetchResult:
        """GET ``url`` politely; a 304 comes back as a result with ``not_modified``.
        Raises :class:`FetchError` (reason ``robots``, ``private_address``, ``http_404``,
        ``timeout``, ``too_large``, ``too_many_redirects`` …)."""
        check_url(url, allow_private=self.allow_private)
        if not self.allowed(url):
            raise FetchError(f"robots.txt disallows {url}", reason="robots")
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        return self._get(url, headers=headers, retries=self.retries)

    def _get(self, url: str, *, headers: dict[str, str] | None = None, retries: int = 0) -> FetchResult:
        deadline = time.monotonic() + DEADLINE_FACTOR * self.timeout
        attempt = 0
        while True:
            try:
                return self._follow(url, headers or {}, deadline)
            except FetchError as exc:
                retry_after = getattr(exc, "retry_after", None)
                transient = exc.reason in ("timeout", "connect", "http_429") or exc.reason.startswith("http_5")
                if not transient or attempt >= retries:
                    raise
                wait = retry_after if retry_after is not None else BACKOFF_BASE * 2**attempt
                if time.monotonic() + wait > deadline:
                    raise
                self._sleep(wait)
                attempt += 1

    def _follow(self, url: str, headers: dict[str, str], deadline: float) -> FetchResult:
        for _ in range(self.max_redirects + 1):
            check_url(url, allow_private=self.allow_private)
            if time.monotonic() > deadline:
                raise FetchError(f"gave up on {url}: time limit", reason="timeout")
            self._wait_turn(urlsplit(url).netloc)
            result = self._one(url, headers, deadline)
            if result.status in _REDIRECTS:
                location = result.headers.get("location")
                if not location:
                    raise FetchError(f"redirect without Location from {url}", reason="bad_redirect")
                url = urljoin(url, location)
                continue
            return result
        raise FetchError(f"more than {self.max_redirects} redirects from {url}", reason="too_many_redirects")

    def _one(self, url: str, headers: dict[str, str], deadline: float) -> FetchResult:
        try:
            with self._client.stream("GET", url, headers=headers) as resp:
                status = resp.status_code
                hdrs = {k.lower(): v for k, v in resp.headers.items()}
                if status in _REDIRECTS or status == 304:
                    return FetchResult(str(resp.url), status, b"", hdrs, hdrs.get("etag"), hdrs.get("last-modified"))
                if status >= 400:
                    err = FetchError(f"HTTP {status} for {url}", reason=f"http_{status}")
                    err.retry_after = _retry_after(hdrs.get("retry-after"))  # type: ignore[attr-defined]
                    raise err
                declared = hdrs.get("content-length")
                if declared and declared.isdigit() and int(declared) > self.max_bytes:
                    raise FetchError(f"{url}: {declared} bytes is above max_response_bytes", reason="too_large")
                chunks, size = [], 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"{url}: body above max_response_bytes ({self.max_bytes})", reason="too_large")
                    if time.monotonic() > deadline:
                        raise FetchError(f"gave up on {url}: time limit", reason="timeout")
                    chunks.append(chunk)
                return FetchResult(str(resp.url), status, b"".join(chunks), hdrs, hdrs.get("etag"), hdrs.get("last-modified"))
        except httpx.TimeoutException:
            raise FetchError(f"timed out fetching {url}", reason="timeout") from None
        except httpx.TransportError as exc:
            raise FetchError(f"cannot fetch {url}: {exc}", reason="connect") from None
        except httpx.HTTPError as exc:  # decoding errors and the like
            raise FetchError(f"cannot fetch {url}: {exc}", reason="http_error") from None


def _retry_after(value: str | None) -> float | None:
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    return max(0.0, min(when.timestamp() - time.time(), MAX_RETRY_AFTER))
