"""`marsad watch` killed with SIGKILL mid-run and restarted: nothing lost, nothing twice.

A real subprocess watches a feed of generated Arabic articles served from
127.0.0.1 (each page answers slowly so the kill lands mid-ingest), is killed,
restarted, killed again once processing has begun, and restarted to the end.
The result must equal an uninterrupted run on a fresh database.
"""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from ingest_site import Route, Site

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
from templates import generate, to_html  # noqa: E402

N = 40


def _serve_feed(site: Site) -> str:
    arts = generate(N, seed=11)
    items = []
    for i, a in enumerate(arts):
        path = f"/w/{i}"
        site.routes[path] = Route(to_html(a), delay=0.06)
        items.append(
            f"<item><title>{a.title}</title><link>{site.base}{path}</link><pubDate>{a.published.isoformat()}</pubDate></item>"
        )
    site.routes["/w/feed.xml"] = Route(
        (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>w</title>'
            + "".join(items)
            + "</channel></rss>"
        ).encode(),
        content_type="application/rss+xml",
        etag='"w1"',
    )
    return site.base + "/w/feed.xml"


def _env() -> dict[str, str]:
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "MARSAD_ALLOW_PRIVATE_ADDRESSES": "1",
        "MARSAD_FETCH_RATE": "0",
        "MARSAD_FETCH_TIMEOUT": "5",
    }


def _count(db: Path, sql: str) -> int:
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return con.execute(sql).fetchone()[0]
        finally:
            con.close()
    except sqlite3.Error:
        return 0


def _start(url: str, db: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "marsad", "watch", url, "--db", str(db), "--every", "1s", "-q", *extra],
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_when(proc: subprocess.Popen, cond, timeout: float = 60) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            return False
        if cond():
            proc.send_signal(signal.SIGKILL)
            proc.wait(10)
            return True
        time.sleep(0.02)
    proc.kill()
    raise AssertionError("condition not reached: " + (proc.stderr.read() if proc.stderr else ""))


def _snapshot(db: str) -> tuple[list[str], list[tuple]]:
    from marsad.store import open_store

    with open_store(db) as store:
        urls = sorted(a.url for _, a in store.pending_articles(reprocess=True))
        events = sorted(
            (
                e.event.sub_event_type,
                str(e.event.event_date),
                e.event.location.name_ar,
                e.event.fatalities,
                tuple(sorted(s.url for s in e.sources)),
            )
            for e in store.iter_events()
        )
        assert store.count_pending() == 0
    return urls, events


@pytest.mark.slow
def test_watch_survives_sigkill(site: Site, tmp_path: Path) -> None:
    url = _serve_feed(site)
    db = tmp_path / "watch.db"
    articles = "SELECT count(*) FROM articles"
    processed = "SELECT count(*) FROM articles WHERE processed_at IS NOT NULL"

    killed_mid_ingest = _kill_when(_start(url, db), lambda: _count(db, articles) >= 8)
    assert killed_mid_ingest and _count(db, articles) < N
    killed_mid_process = _kill_when(_start(url, db), lambda: _count(db, processed) >= 3)
    final = _start(url, db, "--rounds", "1")
    out, err = final.communicate(timeout=180)
    assert final.returncode == 0, err
    assert "round 1" in err

    # The same feed through an uninterrupted run on a fresh database.
    from marsad.runs import ingest, process

    ref = str(tmp_path / "ref.db")
    ingest([url], db=ref, quiet=True)
    process(db=ref, quiet=True)
    got_urls, got_events = _snapshot(str(db))
    ref_urls, ref_events = _snapshot(ref)
    assert len(got_urls) == N and got_urls == ref_urls  # zero lost, zero duplicated articles
    assert got_events == ref_events  # zero lost, zero duplicated events
    assert killed_mid_process or _count(db, processed) == N


def test_watch_rounds_and_status_line(site: Site, tmp_path: Path) -> None:
    from marsad.runs import watch
    from marsad.runs import parse_interval

    lines: list[str] = []
    sleeps: list[float] = []
    n = watch(
        [site.base + "/atom.xml"],
        every="15m",
        db=str(tmp_path / "w.db"),
        rounds=2,
        quiet=True,
        status=lines.append,
        sleep=sleeps.append,
    )
    assert n == 2 and len(lines) == 2 and len(sleeps) == 1 and 800 < sleeps[0] <= 900
    assert "round 1: +1 articles" in lines[0] and "next in" in lines[0]
    assert "round 2: +0 articles" in lines[1] and "1 unchanged" in lines[1] and "next in" not in lines[1]
    assert parse_interval("30s") == 30 and parse_interval("2h") == 7200 and parse_interval(90) == 90
    with pytest.raises(Exception):
        parse_interval("soon")
