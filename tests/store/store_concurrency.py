"""Helper run in worker processes (must be importable by spawned children)."""

from __future__ import annotations


def open_and_count(url: str) -> int:
    from marsad.store import open_store

    with open_store(url) as store:
        return store.counts()["articles"]
