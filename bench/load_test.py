"""Load while writing: `marsad serve` answers many clients while `marsad process` writes.

What it does, all on 127.0.0.1:

1. makes a database (a fresh SQLite file, or ``--db URL`` for PostgreSQL) and
   ingests + processes a first batch of generated Arabic articles
   (``bench/templates.py``), so there is something to read;
2. starts ``marsad serve`` on it in a subprocess (a free port on 127.0.0.1);
3. a writer thread runs, over and over until the time is up: ``marsad ingest``
   of a new batch, ``marsad process``, and every third round ``marsad process
   --reprocess`` (which replaces every article's events: the heaviest rewrite);
   each is a real subprocess;
4. ``--clients`` concurrent HTTP clients (asyncio, one keep-alive connection each:
   a minimal HTTP/1.1 client by default, httpx with ``--http httpx``,
   closed loop: a client sends its next request when the last one is answered, so
   the load is bounded by the number of clients) hit a mix of endpoints with
   filters as the map panel sets them (``--mix random``: any combination) for ``--seconds``;
5. every answer is checked: status 200, and no half-written event — every event
   listed has every SPEC §2 field, a valid type and sub-type, at least one source
   with an article id, and a total that is never below the items on the page;
6. after the writer's last round: every input article is in the database once
   (records lost = input articles missing), none is left unprocessed.

Prints requests, errors (by kind), throughput, p50/p95/p99 latency, writer rounds,
consistency violations and records lost; writes the same as JSON with ``--json``
(default ``artifacts/reliability/load.json``).  Exit status 1 when anything failed.

    python bench/load_test.py                         # 50 clients, 60 s, SQLite
    python bench/load_test.py --clients 10 --seconds 5
    python bench/load_test.py --db postgresql+psycopg://postgres@127.0.0.1:54329/load
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from marsad.models import EVENT_TYPES, SUB_EVENT_TYPES

BATCH = 60  # articles per writer round
FIRST_BATCH = 120
REQUEST_TIMEOUT = 30.0  # seconds; a slower answer counts as an error
EVENT_FIELDS = (
    "id",
    "event_type",
    "sub_event_type",
    "event_date",
    "date_precision",
    "actor1",
    "actor2",
    "location",
    "fatalities",
    "injured",
    "evidence",
    "summary_en",
    "sources",
    "versions",
)
ADMIN1 = ["Idlib", "Aleppo", "Damascus", "Rural Damascus", "Dar'a", "Deir-ez-Zor", "Homs", "Hama", "Ar-Raqqa"]
WORDS = ["قصف", "ادلب", "غارة", "اشتباكات", "مقتل", "حلب", "درعا", "airstrike", "killed"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(ROOT), "MARSAD_CONFIG": os.devnull}


def _marsad(*args: str, check: bool = True, nice: int = 0) -> subprocess.CompletedProcess[str]:
    res = subprocess.run(
        [sys.executable, "-m", "marsad", *args],
        env=_env(),
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        preexec_fn=(lambda: os.nice(nice)) if nice else None,
    )
    if check and res.returncode != 0:
        raise RuntimeError(f"marsad {' '.join(args)} failed ({res.returncode}): {res.stderr[-2000:]}")
    return res


INPUTS: list[tuple[str, str]] = []  # (url, content hash) of every article written


def _write_batch(path: Path, start: int, n: int) -> int:
    """n generated articles (distinct seed per batch) as JSONL; returns n."""
    from templates import generate

    from marsad.store.database import content_hash

    arts = generate(n, seed=1000 + start)
    with open(path, "w", encoding="utf-8") as fh:
        for k, a in enumerate(arts):
            INPUTS.append((f"https://load.example/{start + k}", content_hash(a.text)))
            fh.write(
                json.dumps(
                    {
                        "id": f"load-{start + k}",
                        "url": f"https://load.example/{start + k}",
                        "outlet": a.outlet,
                        "published": a.published.isoformat(),
                        "title": a.title,
                        "text": a.text,
                    },
                    ensure_ascii=False,
                )
                + "\n"
            )
    return n


# --------------------------------------------------------------------------- writer


class Writer(threading.Thread):
    """ingest + process (and sometimes process --reprocess) in a loop, as subprocesses."""

    def __init__(self, db: str, workdir: Path, stop: threading.Event, nice: int = 0) -> None:
        super().__init__(daemon=True)
        self.db, self.workdir, self.stop, self.nice = db, workdir, stop, nice
        self.rounds = 0
        self.reprocess_rounds = 0
        self.written = FIRST_BATCH
        self.error: str | None = None

    def run(self) -> None:
        try:
            while not self.stop.is_set():
                batch = self.workdir / f"batch{self.rounds}.jsonl"
                self.written += _write_batch(batch, self.written, BATCH)
                _marsad("ingest", str(batch), "--db", self.db, "-q", check=False, nice=self.nice)
                _marsad("process", "--db", self.db, "-q", nice=self.nice)
                self.rounds += 1
                if self.rounds % 3 == 0 and not self.stop.is_set():
                    _marsad("process", "--reprocess", "--db", self.db, "-q", nice=self.nice)
                    self.reprocess_rounds += 1
        except Exception as exc:  # noqa: BLE001 - reported in the summary
            self.error = f"{type(exc).__name__}: {exc}"


# --------------------------------------------------------------------------- clients


class Stats:
    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors: dict[str, int] = {}
        self.violations: list[str] = []
        self.events_checked = 0
        self.by_path: dict[str, int] = {}
        self.latency_by_path: dict[str, list[float]] = {}
        self.cache: dict[str, int] = {}  # answers by X-Cache header (hit / miss)

    def error(self, kind: str) -> None:
        self.errors[kind] = self.errors.get(kind, 0) + 1

    def violation(self, text: str) -> None:
        if len(self.violations) < 50:
            self.violations.append(text)
        else:
            self.violations.append("…")
            del self.violations[50:-1]


def check_event(e: dict[str, Any], stats: Stats, where: str) -> None:
    """An event must be whole: all fields, a real type, at least one source."""
    stats.events_checked += 1
    missing = [f for f in EVENT_FIELDS if f not in e]
    if missing:
        stats.violation(f"{where}: event {e.get('id')} lacks {missing}")
        return
    if e["event_type"] not in EVENT_TYPES or e["sub_event_type"] not in SUB_EVENT_TYPES.get(e["event_type"], ()):
        stats.violation(f"{where}: event {e['id']} has type {e['event_type']!r}/{e['sub_event_type']!r}")
    if not e["evidence"] or not e["summary_en"] or not (e["location"] or {}).get("name_ar"):
        stats.violation(f"{where}: event {e['id']} has an empty evidence, summary or place")
    if not e["sources"] or any(not s.get("article_id") for s in e["sources"]):
        stats.violation(f"{where}: event {e['id']} has no source")
    if not isinstance(e["fatalities"], int) or e["fatalities"] < 0:
        stats.violation(f"{where}: event {e['id']} has fatalities {e['fatalities']!r}")


def _panel_params(rnd: random.Random) -> dict[str, Any]:
    """Filters as the map's panel sets them: most visitors look at everything, the rest
    pick one governorate, one event type, a year or a search word (or a type within a
    governorate)."""
    roll = rnd.random()
    if roll < 0.4:
        return {}
    if roll < 0.6:
        return {"admin1": rnd.choice(ADMIN1)}
    if roll < 0.75:
        return {"event_type": rnd.choice(EVENT_TYPES)}
    if roll < 0.85:
        return {"start": "2020-01-01", "end": "2020-12-31"}
    if roll < 0.95:
        return {"q": rnd.choice(WORDS)}
    return {"admin1": rnd.choice(ADMIN1), "event_type": rnd.choice(EVENT_TYPES)}


def _panel_paging(rnd: random.Random) -> dict[str, Any]:
    """Mostly the first page of the page's size, sometimes the next ones or a bigger page."""
    return {
        "page": rnd.choices([1, 2, 3], [0.7, 0.2, 0.1])[0],
        "page_size": rnd.choices([50, 200], [0.8, 0.2])[0],
        "order": rnd.choices(["date_desc", "fatalities_desc", "id"], [0.8, 0.1, 0.1])[0],
    }


def _random_paging(rnd: random.Random) -> dict[str, Any]:
    return {
        "page": rnd.randint(1, 3),
        "page_size": rnd.choice([10, 50, 200]),
        "order": rnd.choice(["date_desc", "id", "fatalities_desc"]),
    }


def _params(rnd: random.Random) -> dict[str, Any]:
    """Any combination of filters (the ``random`` mix: few requests repeat)."""
    p: dict[str, Any] = {}
    if rnd.random() < 0.3:
        p["admin1"] = rnd.choice(ADMIN1)
    if rnd.random() < 0.3:
        t = rnd.choice(EVENT_TYPES)
        p["event_type"] = t
    if rnd.random() < 0.2:
        p["q"] = rnd.choice(WORDS)
    if rnd.random() < 0.2:
        p["start"], p["end"] = "2020-01-01", "2020-12-31"
    if rnd.random() < 0.1:
        p["min_fatalities"] = rnd.randint(1, 5)
    return p


try:
    import orjson

    _loads = orjson.loads
except ImportError:  # pragma: no cover
    _loads = json.loads


class Answer:
    def __init__(self, status_code: int, headers: dict[str, str], content: bytes) -> None:
        self.status_code, self.headers, self.content = status_code, headers, content

    def json(self) -> Any:
        return _loads(self.content)


class RawConnection:
    """One keep-alive HTTP/1.1 connection, GET only: a tenth of httpx's CPU per request.
    On a small machine the clients share the cores with the server they measure, and
    httpx's own work (about 2 ms a request) was as much as the server's."""

    def __init__(self, base: str) -> None:
        host, port = base.removeprefix("http://").rsplit(":", 1)
        self.host, self.port = host, int(port)
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def _request(self, target: str) -> Answer:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\nAccept: */*\r\n\r\n".encode())
        head = (await self.reader.readuntil(b"\r\n\r\n")).decode("latin-1").split("\r\n")
        status = int(head[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in head[1:] if ":" in line)}
        if "content-length" in headers:
            body = await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            parts = []
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                parts.append(await self.reader.readexactly(size + 2))
                if size == 0:
                    break
            body = b"".join(p[:-2] for p in parts)
        else:
            body = await self.reader.read()
            headers["connection"] = "close"
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return Answer(status, headers, body)

    async def get(self, path: str, params: dict[str, Any]) -> Answer:
        from urllib.parse import urlencode

        target = path + ("?" + urlencode(params) if params else "")
        try:
            return await asyncio.wait_for(self._request(target), REQUEST_TIMEOUT)
        except BaseException:
            await self.close()  # a half-read answer: start over on a new connection
            raise

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = self.reader = None


async def client(
    n: int, base: str, deadline: float, stats: Stats, known_ids: list[int], mix: str = "panel", http: str = "raw"
) -> None:
    import httpx

    rnd = random.Random(n)
    filters, paging = (_panel_params, _panel_paging) if mix == "panel" else (_params, _random_paging)
    raw = RawConnection(base) if http == "raw" else None
    async with httpx.AsyncClient(base_url=base, timeout=REQUEST_TIMEOUT, limits=httpx.Limits(max_connections=1)) as c:
        while time.monotonic() < deadline:
            roll = rnd.random()
            params = filters(rnd)
            if roll < 0.35:
                path = "/api/events"
                params.update(paging(rnd))
            elif roll < 0.45:
                path = "/api/events.geojson"
                params.update(page_size=50)
            elif roll < 0.6:
                path = "/api/points"
            elif roll < 0.7:
                path = "/api/timeline"
            elif roll < 0.78:
                path, params = "/api/facets", {}
            elif roll < 0.93 and known_ids:
                path, params = f"/api/events/{rnd.choice(known_ids)}", {}
            elif roll < 0.97:
                path, params = "/api/health", {}
            else:
                path, params = "/", {}
            t0 = time.perf_counter()
            try:
                r = await (raw.get(path, params) if raw is not None else c.get(path, params=params))
            except (httpx.TimeoutException, asyncio.TimeoutError):
                stats.error("timeout")
                continue
            except (httpx.HTTPError, OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
                stats.error(type(exc).__name__)
                continue
            took = time.perf_counter() - t0
            stats.latencies.append(took)
            cache = r.headers.get("x-cache")
            if cache:
                stats.cache[cache] = stats.cache.get(cache, 0) + 1
            key = path if not path.startswith("/api/events/") else "/api/events/{id}"
            stats.by_path[key] = stats.by_path.get(key, 0) + 1
            stats.latency_by_path.setdefault(key, []).append(took)
            if r.status_code == 404 and key == "/api/events/{id}":
                continue  # a reprocess may remove an event a client saw before: an honest 404
            if r.status_code != 200:
                stats.error(f"http_{r.status_code}")
                continue
            try:
                body = r.json() if path != "/" else None
            except ValueError:
                stats.violation(f"{path}: answer is not JSON")
                continue
            if path == "/api/events":
                for e in body["items"]:
                    check_event(e, stats, path)
                    if len(known_ids) < 5000:
                        known_ids.append(e["id"])
                if body["total"] < len(body["items"]):
                    stats.violation(f"{path}: total {body['total']} < {len(body['items'])} items")
            elif path == "/api/events.geojson":
                for f in body["features"]:
                    props = dict(f["properties"])
                    props["location"] = {"name_ar": props.get("name_ar")}
                    check_event(props, stats, path)
            elif key == "/api/events/{id}":
                check_event(body, stats, key)
            elif path == "/api/points":
                width = len(body["fields"])
                if any(len(row) != width for row in body["rows"]):
                    stats.violation(f"{path}: a row of the wrong width")


async def run_clients(n: int, base: str, seconds: float, stats: Stats, mix: str = "panel", http: str = "raw") -> None:
    known: list[int] = []
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(client(i, base, deadline, stats, known, mix, http) for i in range(n)))


# --------------------------------------------------------------------------- main


def _server_errors(log: Path, keep: int = 40) -> list[str]:
    """The server log's last lines from its first traceback on (what made requests fail)."""
    lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    first = next((k for k, line in enumerate(lines) if line.startswith("Traceback")), None)
    return lines[first : first + keep] if first is not None else lines[-keep:]


def _wait_up(base: str, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError("marsad serve exited at start")
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError("marsad serve did not start")


def _cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) used so far by process ``pid`` and its child processes
    (the server's workers) (Linux /proc; None elsewhere)."""

    def stat(p: str) -> list[str]:
        return Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()

    try:
        total = 0
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                fields = stat(entry)
            except OSError:
                continue
            if entry == str(pid) or fields[1] == str(pid):
                total += int(fields[11]) + int(fields[12])
        return total / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


def _final_counts(db: str) -> dict[str, int]:
    from marsad.store import open_store

    with open_store(db) as store:
        c = store.counts()
        with store.session() as s:
            from sqlalchemy import text

            c["distinct_urls"] = int(s.execute(text("SELECT count(DISTINCT url) FROM articles")).scalar() or 0)
            c["rows"] = int(s.execute(text("SELECT count(*) FROM articles")).scalar() or 0)
            urls = {r[0] for r in s.execute(text("SELECT url FROM articles"))}
            # an input is kept when its URL is stored (an exact repeat of another
            # article's text under its own URL is stored too, linked: identical_text)
            c["lost"] = sum(1 for url, _h in INPUTS if url not in urls)
            c["events_without_source"] = int(
                s.execute(
                    text("SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM event_sources s WHERE s.event_id = e.id)")
                ).scalar()
                or 0
            )
    return c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--db", help="database URL (default: a fresh SQLite file in a temporary folder)")
    ap.add_argument("--workers", type=int, default=1, help="marsad serve --workers (server processes)")
    ap.add_argument(
        "--mix",
        choices=("panel", "random"),
        default="panel",
        help="filters of the requests: as the map panel sets them (default), or any combination (few repeat)",
    )
    ap.add_argument(
        "--http",
        choices=("raw", "httpx"),
        default="raw",
        help="the clients' HTTP: a minimal keep-alive HTTP/1.1 client (default; little CPU) or httpx",
    )
    ap.add_argument(
        "--writer-nice",
        type=int,
        default=0,
        help="run the writer's commands at this niceness (e.g. 10: the server's reads first, as a deployment could)",
    )
    ap.add_argument(
        "--json", default=str(ROOT / "artifacts" / "reliability" / "load.json"), help="where to write the figures ('' = nowhere)"
    )
    args = ap.parse_args(argv)
    if args.clients < 1 or args.clients > 500 or args.seconds <= 0 or args.seconds > 3600:
        ap.error("need 1 <= clients <= 500 and 0 < seconds <= 3600")

    with tempfile.TemporaryDirectory(prefix="marsad-load-") as tmp:
        work = Path(tmp)
        db = args.db or str(work / "load.db")
        first = work / "first.jsonl"
        _write_batch(first, 0, FIRST_BATCH)
        _marsad("ingest", str(first), "--db", db, "-q", check=False)
        _marsad("process", "--db", db, "-q")

        port = _free_port()
        base = f"http://127.0.0.1:{port}"
        server_log = (work / "serve.log").open("wb")  # its tracebacks, shown when a request failed
        server = subprocess.Popen(
            [sys.executable, "-m", "marsad", "serve", "--db", db, "--port", str(port), "--workers", str(args.workers)],
            env={**_env(), "MARSAD_HOST": "127.0.0.1"},
            stdout=subprocess.DEVNULL,
            stderr=server_log,
        )
        stop = threading.Event()
        writer = Writer(db, work, stop, nice=args.writer_nice)
        stats = Stats()
        try:
            _wait_up(base, server)
            writer.start()
            t0 = time.monotonic()
            cpu0, own0 = _cpu_seconds(server.pid), time.process_time()
            asyncio.run(run_clients(args.clients, base, args.seconds, stats, args.mix, args.http))
            elapsed = time.monotonic() - t0
            cpu1, own1 = _cpu_seconds(server.pid), time.process_time()
            server_cpu = None if cpu0 is None or cpu1 is None else round(cpu1 - cpu0, 2)
            client_cpu = round(own1 - own0, 2)
            load_avg = round(os.getloadavg()[0], 2)
            stop.set()
            writer.join(timeout=600)
            server_alive = server.poll() is None
        finally:
            stop.set()
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
            server_log.close()
        server_errors = _server_errors(work / "serve.log") if stats.errors else []
        final = _final_counts(db)

    lat = sorted(stats.latencies)

    def pct(p: float, values: list[float] | None = None) -> float:
        vals = lat if values is None else values
        return round(1000 * vals[min(len(vals) - 1, int(p * len(vals)))], 1) if vals else 0.0

    per_path = {k: sorted(v) for k, v in sorted(stats.latency_by_path.items())}

    requests = len(lat) + sum(stats.errors.values())
    lost = final["lost"]
    result = {
        "clients": args.clients,
        "server_workers": args.workers,
        "writer_nice": args.writer_nice,
        "mix": args.mix,
        "http_client": args.http,
        "cache": stats.cache,
        "seconds": round(elapsed, 1),
        "backend": "postgresql" if "://" in db else "sqlite",
        "requests": requests,
        "errors": sum(stats.errors.values()),
        "errors_by_kind": stats.errors,
        "requests_per_second": round(requests / elapsed, 1),
        "latency_ms": {
            "p50": pct(0.50),
            "p95": pct(0.95),
            "p99": pct(0.99),
            "mean": round(1000 * statistics.fmean(lat), 1) if lat else 0.0,
        },
        "by_path": dict(sorted(stats.by_path.items())),
        "latency_ms_by_path": {
            k: {"p50": pct(0.5, v), "p95": pct(0.95, v), "p99": pct(0.99, v), "max": pct(1.0, v)} for k, v in per_path.items()
        },
        "events_checked": stats.events_checked,
        "half_written_events_seen": len(stats.violations),
        "violations": stats.violations,
        "writer_rounds": writer.rounds,
        "writer_reprocess_rounds": writer.reprocess_rounds,
        "writer_error": writer.error,
        "articles_written": writer.written,
        "articles_in_db": final["rows"],
        "records_lost": lost,
        "duplicate_urls": final["rows"] - final["distinct_urls"],
        "pending_after": final["pending"],
        "events_after": final["events"],
        "events_without_source_after": final["events_without_source"],
        "server_alive_at_end": server_alive,
        "server_errors": server_errors,
        "server_cpu_seconds": server_cpu,
        "client_cpu_seconds": client_cpu,
        "cpus": os.cpu_count(),
        "load_average_at_end": load_avg,
    }
    ok = (
        result["errors"] == 0
        and not stats.violations
        and lost == 0
        and result["duplicate_urls"] == 0
        and final["pending"] == 0
        and final["events_without_source"] == 0
        and writer.error is None
        and server_alive
        and writer.rounds > 0
    )
    result["ok"] = ok
    print(
        f"load: {args.clients} clients for {elapsed:.0f} s on {result['backend']} while marsad process wrote "
        f"({writer.rounds} rounds, {writer.reprocess_rounds} full reprocesses)"
    )
    print(f"  requests {requests}  errors {result['errors']} {stats.errors or ''}  {result['requests_per_second']} req/s")
    print(
        f"  mix {args.mix}, {args.http} HTTP client, writer nice {args.writer_nice}, server workers {args.workers}, answer cache {stats.cache or 'off'}"
    )
    print(
        f"  latency p50 {result['latency_ms']['p50']} ms  p95 {result['latency_ms']['p95']} ms  "
        f"p99 {result['latency_ms']['p99']} ms"
    )
    for k, v in result["latency_ms_by_path"].items():
        print(f"    {k:<22} n={stats.by_path.get(k, 0):<6} p50 {v['p50']} ms  p95 {v['p95']} ms  max {v['max']} ms")
    if server_cpu is not None:
        print(
            f"  server CPU {server_cpu} s ({1000 * server_cpu / max(1, requests):.1f} ms/request), clients' CPU "
            f"{client_cpu} s, on {os.cpu_count()} CPUs with load average {load_avg} at the end"
        )
    print(f"  events checked {stats.events_checked}  half-written seen {len(stats.violations)}")
    print(
        f"  articles written {writer.written}  in database {final['rows']}  lost {lost}  "
        f"duplicated {result['duplicate_urls']}  unprocessed {final['pending']}"
    )
    if writer.error:
        print(f"  writer failed: {writer.error}")
    for v in stats.violations[:10]:
        print(f"  violation: {v}")
    for line in server_errors:
        print(f"  server: {line}")
    print("  OK" if ok else "  FAILED")
    if args.json:
        out = Path(args.json)
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
