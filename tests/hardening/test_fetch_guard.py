"""The fetcher's guards against hostile servers: SSRF through names and redirects,
bodies that never end, bodies that grow when decompressed, servers that drip.

The address checks run through the real resolver and the real redirect loop
(:class:`marsad.ingest.fetch.Fetcher` with an ``httpx.MockTransport``, so no
request leaves the machine and the test can see which hosts were asked); the time
and size limits run against a real socket server on 127.0.0.1.
"""

from __future__ import annotations

import gzip
import ipaddress
import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
import pytest
from figures import record

import marsad.ingest.fetch as fetch_mod
from marsad.errors import FetchError
from marsad.ingest.fetch import DEADLINE_FACTOR, Fetcher, check_url

_figures: dict[str, int] = {"refused": 0, "cases": 0}


@pytest.fixture(scope="module", autouse=True)
def _save():  # type: ignore[no-untyped-def]
    yield
    record("fetch_guard", **_figures)


@pytest.fixture(autouse=True)
def _guard_on(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_ALLOW_PRIVATE_ADDRESSES", "0")
    monkeypatch.setenv("MARSAD_FETCH_RATE", "0")
    monkeypatch.setenv("MARSAD_CONFIG", "/nonexistent/settings.toml")


# --------------------------------------------------------------------------- addresses

# Spellings of inside addresses a hostile feed may carry; the resolver (not a regex)
# must see through each.
INSIDE = [
    "http://2130706433/",  # 127.0.0.1 as one decimal number
    "http://0x7f.1/",  # hex, short form
    "http://0177.0.0.1/",  # octal
    "http://127.1/",
    "http://localhost./",
    "http://[::]/",
    "http://[fe80::1]/",  # link-local
    "http://[fd00::1]/",  # unique local (private)
    "http://[::ffff:10.0.0.1]/",  # IPv4-mapped private
    "http://100.64.0.1/",  # carrier-grade NAT (shared address space)
    "http://169.254.169.254/latest/meta-data/",
    "http://224.0.0.1/",  # multicast
    "http://240.0.0.1/",  # reserved
    "http://user:pass@127.0.0.1:22/",
]


@pytest.mark.parametrize("url", INSIDE)
def test_inside_addresses_in_any_spelling_are_refused(url: str) -> None:
    _figures["cases"] += 1
    with pytest.raises(FetchError) as err:
        check_url(url)
    assert err.value.reason in ("private_address", "dns")
    _figures["refused"] += 1


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "gopher://127.0.0.1:25/",
        "ftp://x/",
        "javascript:alert(1)",
        "data:text/html,<script>",
        "dict://127.0.0.1:11211/",
        "//example.org/x",
        "http:///x",
    ],
)
def test_other_schemes_and_hostless_urls_are_refused(url: str) -> None:
    _figures["cases"] += 1
    with pytest.raises(FetchError) as err:
        check_url(url)
    assert err.value.reason in ("bad_scheme", "bad_url")
    _figures["refused"] += 1


def test_the_setting_allows_private_addresses(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_ALLOW_PRIVATE_ADDRESSES", "1")
    check_url("http://127.0.0.1/")
    with pytest.raises(FetchError):
        check_url("file:///etc/passwd")  # the setting opens addresses, never schemes


FAKE_DNS = {
    "news.example": "93.184.216.34",
    "inside.example": "10.0.0.5",
    "meta.example": "169.254.169.254",
    "rebind.example": "127.0.0.1",
}


@pytest.fixture
def fake_dns(monkeypatch: pytest.MonkeyPatch) -> None:
    def addresses(host: str):  # type: ignore[no-untyped-def]
        if host in FAKE_DNS:
            return [ipaddress.ip_address(FAKE_DNS[host])]
        raise FetchError(f"cannot resolve {host}", reason="dns")

    monkeypatch.setattr(fetch_mod, "_addresses", addresses)


@pytest.mark.parametrize(
    "target",
    [
        "http://inside.example/admin",
        "http://meta.example/latest/meta-data/",
        "http://127.0.0.1:5432/",
        "http://[::1]/",
        "https://rebind.example/",
        "file:///etc/passwd",
        "http://0/",
    ],
)
def test_a_redirect_inwards_is_refused_before_it_is_followed(fake_dns, target: str) -> None:  # type: ignore[no-untyped-def]
    _figures["cases"] += 1
    asked: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.host)
        if request.url.path == "/robots.txt":
            return httpx.Response(404)
        if request.url.path == "/start":
            return httpx.Response(302, headers={"Location": "/hop"})
        return httpx.Response(301, headers={"Location": target})

    with Fetcher(transport=httpx.MockTransport(handler), retries=0) as f, pytest.raises(FetchError) as err:
        f.fetch("http://news.example/start")
    assert err.value.reason in ("private_address", "bad_scheme", "bad_url", "dns")
    assert set(asked) == {"news.example"}  # the inside host was never contacted
    _figures["refused"] += 1


# --------------------------------------------------------------------------- size and time


class _Hostile(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        if self.path == "/robots.txt":
            self.send_response(404)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/drip":  # one byte every 0.1 s, for ever: no read ever times out
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            try:
                for _ in range(600):
                    self.wfile.write(b"1\r\nx\r\n")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                pass
            return
        if self.path == "/endless":  # chunked, no Content-Length, never ends
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"x" * 65536
            try:
                for _ in range(10_000):
                    self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            except OSError:
                pass
            return
        if self.path == "/bomb":  # 50 MB of zeros in ~50 kB of gzip
            body = gzip.compress(b"\0" * 50_000_000, compresslevel=9)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:
                pass
            return
        if self.path == "/liar":  # says it is huge
            self.send_response(200)
            self.send_header("Content-Length", str(10**12))
            self.end_headers()
            return
        if self.path == "/silent":  # accepts, never answers
            time.sleep(10)
            return
        self.send_response(404)
        self.send_header("Content-Length", "0")
        self.end_headers()


@pytest.fixture(scope="module")
def hostile() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Hostile)
    server.daemon_threads = True
    t = threading.Thread(target=server.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(
    "path, reason, limit_s",
    [
        ("/drip", "timeout", None),  # bounded by DEADLINE_FACTOR × fetch_timeout
        ("/silent", "timeout", None),
        ("/endless", "too_large", 5.0),
        ("/bomb", "too_large", 5.0),
        ("/liar", "too_large", 2.0),
    ],
)
def test_hostile_servers_are_cut_off(hostile: str, path: str, reason: str, limit_s: float | None) -> None:
    _figures["cases"] += 1
    timeout = 1.0
    started = time.monotonic()
    with Fetcher(allow_private=True, timeout=timeout, retries=0, max_bytes=1_000_000) as f, pytest.raises(FetchError) as err:
        f.fetch(hostile + path)
    took = time.monotonic() - started
    assert err.value.reason == reason
    assert took < (limit_s or DEADLINE_FACTOR * timeout + 1.5), took
    _figures["refused"] += 1


def test_loopback_server_refused_without_the_setting(hostile: str) -> None:
    with Fetcher(retries=0) as f, pytest.raises(FetchError) as err:
        f.fetch(hostile + "/drip")
    assert err.value.reason == "private_address"


def test_socket_sanity() -> None:
    # the hostile server really is on loopback (so the guard test above means something)
    assert ipaddress.ip_address(socket.gethostbyname("127.0.0.1")).is_loopback
