"""Fixtures for ingest tests: a real HTTP server on 127.0.0.1 and polite-but-fast settings."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from ingest_site import Server, Site, standard_site


@pytest.fixture(autouse=True)
def _fast_local_fetching(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests fetch from 127.0.0.1 (so the SSRF guard must allow private addresses),
    without the 1 s per-host delay, with a short timeout for the slow-page test."""
    monkeypatch.setenv("MARSAD_ALLOW_PRIVATE_ADDRESSES", "1")
    monkeypatch.setenv("MARSAD_FETCH_RATE", "0")
    monkeypatch.setenv("MARSAD_FETCH_TIMEOUT", "1")
    monkeypatch.setenv("MARSAD_FETCH_RETRIES", "1")


@pytest.fixture
def site() -> Iterator[Site]:
    s = Site()
    with Server(s):
        standard_site(s)
        yield s
