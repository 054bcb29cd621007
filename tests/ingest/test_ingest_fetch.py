"""The polite client: SSRF guard, redirects, size and time limits, retries, robots."""

from __future__ import annotations

import pytest
from ingest_site import Route, Site

from marsad.errors import FetchError
from marsad.ingest.fetch import Fetcher, check_url


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1/",
        "http://localhost:8000/x",
        "http://10.1.2.3/",
        "http://192.168.0.1/",
        "http://169.254.169.254/latest",
        "http://[::1]/",
        "http://0.0.0.0/",
        "http://[::ffff:127.0.0.1]/",
    ],
)
def test_private_addresses_refused_by_default(url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MARSAD_ALLOW_PRIVATE_ADDRESSES", "0")
    with pytest.raises(FetchError) as err:
        check_url(url)
    assert err.value.reason == "private_address"


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.org/", "gopher://x/"])
def test_only_http_and_https(url: str) -> None:
    with pytest.raises(FetchError) as err:
        check_url(url)
    assert err.value.reason == "bad_scheme"


def test_redirect_to_private_address_refused(site: Site, monkeypatch: pytest.MonkeyPatch) -> None:
    """A public page redirecting inward must be stopped at the redirect: the guard
    runs on every hop.  Simulated by allowing the first hop only."""
    site.routes["/jump"] = Route(b"", status=302, location="http://10.0.0.1/admin")
    calls: list[str] = []
    import marsad.ingest.fetch as fetch_mod

    real = fetch_mod.check_url

    def guard(url: str, *, allow_private=None) -> None:  # first hop (the test server) allowed
        calls.append(url)
        real(url, allow_private=len(calls) == 1 or url.startswith(site.base))

    monkeypatch.setattr(fetch_mod, "check_url", guard)
    with Fetcher(obey_robots=False) as f, pytest.raises(FetchError) as err:
        f.fetch(site.base + "/jump")
    assert err.value.reason == "private_address" and calls[-1] == "http://10.0.0.1/admin"


def test_redirects_followed_and_limited(site: Site) -> None:
    for i in range(8):
        site.routes[f"/r{i}"] = Route(b"", status=302, location=f"/r{i + 1}")
    site.routes["/r8"] = Route(b"<html>end</html>")
    with Fetcher(max_redirects=10) as f:
        res = f.fetch(site.base + "/r5")
        assert res.status == 200 and res.url.endswith("/r8")
    with Fetcher(max_redirects=3) as f, pytest.raises(FetchError) as err:
        f.fetch(site.base + "/r0")
    assert err.value.reason == "too_many_redirects"


def test_response_size_limited(site: Site) -> None:
    site.routes["/big"] = Route(b"x" * 50_000)
    with Fetcher(max_bytes=10_000) as f, pytest.raises(FetchError) as err:
        f.fetch(site.base + "/big")
    assert err.value.reason == "too_large"


def test_retries_with_backoff_on_503(site: Site) -> None:
    state = {"n": 0}

    def flaky() -> bytes:
        state["n"] += 1
        return b"ok"

    site.routes["/flaky"] = Route(flaky, status=503, headers={"Retry-After": "0"})
    sleeps: list[float] = []
    with Fetcher(retries=2, sleep=sleeps.append) as f, pytest.raises(FetchError) as err:
        f.fetch(site.base + "/flaky")
    assert err.value.reason == "http_503" and state["n"] == 3 and sleeps == [0.0, 0.0]
    site.routes["/flaky"].status = 200
    with Fetcher(retries=2, sleep=sleeps.append) as f:
        assert f.fetch(site.base + "/flaky").content == b"ok"


def test_backoff_grows_exponentially(site: Site) -> None:
    site.routes["/down"] = Route(b"", status=502)
    sleeps: list[float] = []
    with Fetcher(retries=3, timeout=5, sleep=sleeps.append) as f, pytest.raises(FetchError):
        f.fetch(site.base + "/down")
    assert sleeps == [0.5, 1.0, 2.0]


def test_rate_limit_per_host(site: Site) -> None:
    site.routes["/a"] = Route(b"a")
    sleeps: list[float] = []
    with Fetcher(rate=5.0, obey_robots=False, sleep=sleeps.append) as f:
        f.fetch(site.base + "/a")
        f.fetch(site.base + "/a")
    assert len(sleeps) == 1 and 4.0 < sleeps[0] <= 5.0


def test_robots_5xx_disallows(site: Site) -> None:
    site.routes["/robots.txt"] = Route(b"", status=500)
    site.routes["/a"] = Route(b"a")
    with Fetcher(retries=0) as f, pytest.raises(FetchError) as err:
        f.fetch(site.base + "/a")
    assert err.value.reason == "robots"
