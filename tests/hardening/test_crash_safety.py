"""SIGKILL during ``marsad ingest``, ``process`` and ``watch``, then restart: nothing lost,
nothing duplicated — on SQLite and on PostgreSQL, with real subprocesses.

Each scenario runs the real command on a fresh database and kills it with SIGKILL
several times: once at a random moment soon after start (start-up, schema
migration, first writes), then each time the database has moved a random number
of rows further (articles stored, articles processed).  Then the command is run to
the end and the database is compared with an uninterrupted in-process run of the
same input: the same articles (by URL, each once), the same skip records, the same
events with the same sources, nothing left unprocessed.

The input is a JSONL file of articles generated from the project's own Arabic
templates (``bench/templates.py``), with a few bad lines whose skips must also be
recorded exactly once.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from figures import record
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

ROOT = Path(__file__).resolve().parents[2]
N_ARTICLES = 160
# Kills per command: 1 at a random time, the others at random progress points.  CI runs 2;
# MARSAD_CRASH_KILLS=10 gives the longer run quoted in docs/reliability.md.
KILLS = int(os.environ.get("MARSAD_CRASH_KILLS", "2"))
SEED = int(os.environ.get("MARSAD_CRASH_SEED", "20261124"))
BAD_LINES = ['{"id": "bad1", "text": 5}', "{not json", '{"id": "bad3", "text": "English only, no Arabic here."}']

ARTICLES_SQL = "SELECT count(*) FROM articles"
PROCESSED_SQL = "SELECT count(*) FROM articles WHERE processed_at IS NOT NULL"

_results: dict[str, dict[str, int]] = {}


def _write_input(path: Path) -> None:
    sys.path.insert(0, str(ROOT / "bench"))
    from templates import generate

    lines = [
        json.dumps(
            {
                "id": a.id,
                "url": a.url,
                "outlet": a.outlet,
                "published": a.published.isoformat(),
                "title": a.title,
                "text": a.text,
            },
            ensure_ascii=False,
        )
        for a in generate(N_ARTICLES, seed=3)
    ]
    for i, bad in enumerate(BAD_LINES):
        lines.insert(10 + 40 * i, bad)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def _env(tmp: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "MARSAD_CONFIG": str(tmp / "none.toml")}


class Counter:
    """Row counts of a database that may not exist yet (0 until it does)."""

    def __init__(self, url: str) -> None:
        from marsad.store.db import resolve_url

        self.engine = create_engine(resolve_url(url), poolclass=NullPool)

    def __call__(self, sql: str) -> int:
        try:
            with self.engine.connect() as con:
                return int(con.execute(text(sql)).scalar() or 0)
        except Exception:  # noqa: BLE001 - no table yet, database locked or being created
            return 0


def _run_and_kill(
    cmd: list[str],
    env: dict[str, str],
    cond,
    rnd: random.Random,  # type: ignore[no-untyped-def]
    at: float | None,
) -> bool:
    """Start ``cmd``; SIGKILL it after ``at`` seconds or when ``cond()`` holds.
    True when it was killed, False when it finished first (then it must have succeeded)."""
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    started = time.monotonic()
    try:
        while proc.poll() is None:
            if (at is not None and time.monotonic() - started >= at) or (at is None and cond()):
                proc.send_signal(signal.SIGKILL)
                proc.wait(10)
                return True
            if time.monotonic() - started > 120:
                raise AssertionError(f"{cmd[3]} did not finish in 120 s")
            time.sleep(0.005)
        err = proc.stderr.read() if proc.stderr else ""
        assert proc.returncode in (0, 1), err  # 1: some inputs skipped (the bad lines)
        return False
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait(10)
        if proc.stderr:
            proc.stderr.close()


def _snapshot(url: str) -> dict[str, object]:
    from marsad.store import open_store

    with open_store(url) as store:
        counts = store.counts()
        with store.session() as s:
            urls = [r[0] for r in s.execute(text("SELECT url FROM articles ORDER BY url"))]
            skips = sorted(
                (r[0].rsplit("#", 1)[-1], r[1], r[2])
                for r in s.execute(text("SELECT key, status, reason FROM fetches WHERE status <> 'ok'"))
            )
            dup_reports = s.execute(
                text(
                    "SELECT count(*) FROM (SELECT article_id, ordinal FROM event_sources "
                    "GROUP BY article_id, ordinal HAVING count(*) > 1) d"
                )
            ).scalar()
        events = sorted(
            (
                e.event.sub_event_type,
                str(e.event.event_date),
                e.event.location.name_ar,
                e.event.fatalities,
                e.event.actor1 or "",
                e.event.actor2 or "",
                tuple(sorted(s.url or "" for s in e.sources)),
            )
            for e in store.iter_events()
        )
    return {"counts": counts, "urls": urls, "skips": skips, "events": events, "dup_reports": dup_reports}


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, object]]:
    from marsad.runs import ingest, process

    tmp = tmp_path_factory.mktemp("crash-ref")
    src = tmp / "articles.jsonl"
    _write_input(src)
    db = str(tmp / "ref.db")
    ingest([str(src)], db=db, quiet=True)
    process(db=db, quiet=True)
    return src, _snapshot(db)


@pytest.fixture(scope="module", autouse=True)
def _save_figures():  # type: ignore[no-untyped-def]
    yield
    if _results:
        record(
            "crash_safety",
            scenarios=_results,
            kills=sum(r["kills"] for r in _results.values()),
            survived=sum(r["kills"] for r in _results.values() if r["ok"]),
            articles_lost=sum(r["lost"] for r in _results.values()),
            articles_duplicated=sum(r["duplicated"] for r in _results.values()),
            articles_per_run=N_ARTICLES,
            seed=SEED,
            kills_per_command=KILLS,
        )


@pytest.mark.slow
@pytest.mark.parametrize("mode", ["ingest+process", "watch"])
def test_sigkill_then_restart_loses_and_doubles_nothing(db_url: str, reference, tmp_path: Path, mode: str) -> None:  # type: ignore[no-untyped-def]
    src, expected = reference
    backend = "postgresql" if "://" in db_url else "sqlite"
    rnd = random.Random(f"{SEED}-{mode}-{backend}")
    env = _env(tmp_path)
    count = Counter(db_url)
    base = [sys.executable, "-m", "marsad"]
    kills = 0
    points: list[tuple[str, int]] = []  # (command, rows done when it was killed)

    def chaos(cmd: list[str], progress_sql: str, total: int) -> None:
        nonlocal kills
        # 1: at a random moment of the first second or so (start-up, migrations, first rows)
        if _run_and_kill(cmd, env, None, rnd, at=rnd.uniform(0.2, 0.9)):
            kills += 1
            points.append((cmd[3] + (" (processing)" if progress_sql is PROCESSED_SQL else ""), count(progress_sql)))
        # then: whenever the database has moved a random number of rows further
        for _ in range(KILLS - 1):
            now = count(progress_sql)
            if now >= total - 2:
                break
            target = rnd.randint(now + 1, max(now + 1, min(total - 1, now + total // 3)))
            if _run_and_kill(cmd, env, lambda t=target: count(progress_sql) >= t, rnd, at=None):
                kills += 1
                points.append((cmd[3] + (" (processing)" if progress_sql is PROCESSED_SQL else ""), count(progress_sql)))

    if mode == "ingest+process":
        chaos([*base, "ingest", str(src), "--db", db_url, "-q"], ARTICLES_SQL, N_ARTICLES)
        done = subprocess.run(
            [*base, "ingest", str(src), "--db", db_url, "-q"], env=env, capture_output=True, text=True, timeout=180, check=False
        )
        assert done.returncode in (0, 1), done.stderr
        chaos([*base, "process", "--db", db_url, "-q"], PROCESSED_SQL, N_ARTICLES)
        done = subprocess.run(
            [*base, "process", "--db", db_url, "-q"], env=env, capture_output=True, text=True, timeout=180, check=False
        )
        assert done.returncode == 0, done.stderr
    else:
        watch = [*base, "watch", str(src), "--db", db_url, "--every", "1s", "-q"]
        chaos(watch, ARTICLES_SQL, N_ARTICLES)
        chaos(watch, PROCESSED_SQL, N_ARTICLES)
        done = subprocess.run([*watch, "--rounds", "1"], env=env, capture_output=True, text=True, timeout=180, check=False)
        assert done.returncode == 0, done.stderr

    got = _snapshot(db_url)
    lost = len(set(expected["urls"]) - set(got["urls"]))  # type: ignore[arg-type]
    duplicated = len(got["urls"]) - len(set(got["urls"]))  # type: ignore[arg-type]
    ok = (
        got["urls"] == expected["urls"]
        and got["skips"] == expected["skips"]
        and got["events"] == expected["events"]
        and got["dup_reports"] == 0
        and got["counts"]["pending"] == 0
    )  # type: ignore[index]
    _results[f"{mode} on {backend}"] = {
        "kills": kills,
        "ok": int(ok),
        "lost": lost,
        "duplicated": duplicated,
        "articles": len(got["urls"]),
        "events": len(got["events"]),
        "killed_at_rows": points,
    }  # type: ignore[arg-type]
    assert kills >= KILLS, "the kills should land mid-run"
    assert lost == 0 and duplicated == 0
    assert got["urls"] == expected["urls"]
    assert got["skips"] == expected["skips"]  # each bad line recorded once, with its reason
    assert got["dup_reports"] == 0
    assert got["counts"]["pending"] == 0  # type: ignore[index]
    assert got["counts"] == expected["counts"]
    assert got["events"] == expected["events"]
    # every killed run is marked interrupted once a later run starts; none stays "running"
    from marsad.store import open_store

    with open_store(db_url) as store:
        statuses = [r["status"] for r in store.runs(1000)]
    assert "running" not in statuses and "failed" not in statuses, statuses
    # each of the two chaos phases starts with a kill at a random moment of start-up, which may
    # come before the run row is written; every later kill waited for rows to move, so its run
    # exists.  A kill that lands after the run wrote its last row may also land after it closed
    # the run ("done"; seen with 10 kills per command on a loaded machine): interrupted or done.
    assert statuses.count("interrupted") >= 1 and len(statuses) >= kills - 2, statuses
