"""How fast the API answers filtered queries over 100,000 events in SQLite.

Synthesises N events (default 100,000) at real gazetteer places, each with its
Arabic evidence, English summary and one source article, straight into a fresh
SQLite store (bulk insert through the store's schema: the same tables and
indexes ``marsad process`` fills), serves the app with uvicorn on 127.0.0.1 and
times a mix of filtered requests over HTTP.  Prints p50/p95/max per kind of
query and overall; the target is p95 <= 100 ms.  Not a test: it prints numbers.
The "CPU ms" column is the CPU time this process (server and client) spent per
request: on a busy machine wall-clock times include waiting for a CPU, this
does not.

    python bench/bench_api.py                  # 100,000 events, 40 requests per kind
    python bench/bench_api.py -n 20000 --runs 20 --db /tmp/b.db --keep
"""

from __future__ import annotations

import argparse
import csv
import os
import datetime as dt
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.models import SUB_EVENT_TYPES  # noqa: E402
from marsad.resources import data_path  # noqa: E402
from marsad.text.normalize import normalize  # noqa: E402

TARGET_P95_MS = 100.0
FIRST_DAY = dt.date(2019, 1, 1)
DAYS = 730

# (event_type, sub_event_type, weight, Arabic sentence, English summary); {place}, {n}, {a1}
KINDS = [
    (
        "Explosions/Remote violence",
        "Shelling/artillery/missile attack",
        25,
        "قُتل {n} مدنيين جراء قصف مدفعي لـ{a1} على بلدة {place} في ريف {gov}.",
        "{a1en} shelled {place_en} ({gov_en}), killing {n}.",
    ),
    (
        "Explosions/Remote violence",
        "Air/drone strike",
        18,
        "شنت طائرات {a1} غارات جوية على {place} ما أدى لمقتل {n} أشخاص.",
        "{a1en} aircraft struck {place_en} ({gov_en}), killing {n}.",
    ),
    (
        "Explosions/Remote violence",
        "Remote explosive/landmine/IED",
        8,
        "انفجرت عبوة ناسفة في مدينة {place} ما أسفر عن مقتل {n} وإصابة آخرين.",
        "An IED exploded in {place_en} ({gov_en}), killing {n}.",
    ),
    (
        "Battles",
        "Armed clash",
        20,
        "اندلعت اشتباكات عنيفة بين {a1} و{a2} في محيط {place}، وقتل {n} عناصر.",
        "{a1en} clashed with {a2en} near {place_en} ({gov_en}); {n} killed.",
    ),
    (
        "Violence against civilians",
        "Attack",
        8,
        "قتل مسلحون مجهولون {n} مدنيين في بلدة {place} بريف {gov}.",
        "Unidentified gunmen killed {n} civilians in {place_en} ({gov_en}).",
    ),
    (
        "Violence against civilians",
        "Abduction/forced disappearance",
        4,
        "اختطف مسلحون شاباً من أبناء بلدة {place} واقتادوه إلى جهة مجهولة.",
        "Gunmen abducted a young man from {place_en} ({gov_en}).",
    ),
    (
        "Protests",
        "Peaceful protest",
        8,
        "تظاهر العشرات من أهالي {place} احتجاجاً على تردي الأوضاع المعيشية.",
        "Dozens of residents protested in {place_en} ({gov_en}).",
    ),
    (
        "Riots",
        "Violent demonstration",
        2,
        "أحرق محتجون إطارات وقطعوا الطرقات في {place} احتجاجاً على الاعتقالات.",
        "Protesters burned tyres and blocked roads in {place_en} ({gov_en}).",
    ),
    (
        "Strategic developments",
        "Arrests",
        7,
        "اعتقلت {a1} عدداً من الشبان في حملة دهم بمدينة {place}.",
        "{a1en} arrested several young men in a raid in {place_en} ({gov_en}).",
    ),
]
ACTORS = [
    ("SYR_GOV_ASSAD", "قوات النظام", "Government forces"),
    ("RUSSIA", "القوات الروسية", "Russian forces"),
    ("SDF", "قسد", "The SDF"),
    ("ISIS", "تنظيم الدولة", "ISIS"),
    ("SNA", "الجيش الوطني", "The SNA"),
    ("HTS", "هيئة تحرير الشام", "HTS"),
    ("TURKEY", "القوات التركية", "Turkish forces"),
    ("IRAN", "الميليشيات الإيرانية", "Iran-backed militias"),
]
assert all(sub in SUB_EVENT_TYPES[t] for t, sub, *_ in KINDS)


def load_places(limit: int | None = None) -> list[dict[str, str]]:
    with open(data_path("gazetteer", "places.csv"), encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["kind"] in ("city", "town", "village") and r["admin2_en"]]
    return rows[:limit] if limit else rows


def synthesise(n: int, seed: int = 7) -> tuple[list[dict], list[dict], list[dict]]:
    """(articles, events, event_sources) rows for the store's tables.

    Ids follow the dates, as in a monitor that ingests the news as it comes."""
    rnd = random.Random(seed)
    places = load_places()
    weights = [k[2] for k in KINDS]
    now = dt.datetime(2021, 1, 1, tzinfo=dt.timezone.utc)
    articles, events, sources = [], [], []
    days = sorted(FIRST_DAY + dt.timedelta(days=int(rnd.triangular(0, DAYS, DAYS * 0.8))) for _ in range(n))
    for i, day in enumerate(days, start=1):
        etype, sub, _, ar, en = rnd.choices(KINDS, weights)[0]
        p = rnd.choice(places)
        a1, a2 = rnd.sample(ACTORS, 2)
        dead = rnd.choice([0, 0, 0, 1, 1, 2, 3, 4, 5, 7, 10, 12])
        prec = rnd.choices([1, 2, 3], [70, 22, 8])[0]
        evidence = ar.format(place=p["name_ar"], n=dead, a1=a1[1], a2=a2[1], gov=p["admin1_ar"])
        summary = f"On {day.isoformat()}, " + en.format(
            place_en=p["name_en"], n=dead, a1en=a1[2], a2en=a2[2], gov_en=p["admin1_en"]
        )
        lat, lon = float(p["lat"]), float(p["lon"])
        articles.append(
            {
                "id": i,
                "external_id": f"b{i}",
                "url": f"https://bench.example/{i}",
                "published": day,
                "title": evidence[:60],
                "text": evidence,
                "content_hash": f"{i:032x}",
                "status": "ok",
                "fetched_at": now,
                "processed_at": now,
            }
        )
        events.append(
            {
                "id": i,
                "event_type": etype,
                "sub_event_type": sub,
                "event_date": day,
                "date_precision": 1,
                "actor1": a1[0],
                "actor2": a2[0] if etype == "Battles" else "CIVILIANS",
                "name_ar": p["name_ar"],
                "name_en": p["name_en"],
                "place_id": p["id"],
                "lat": lat,
                "lon": lon,
                "admin1": p["admin1_en"],
                "admin2": None if prec == 3 else p["admin2_en"],
                "geo_precision": prec,
                "fatalities": dead,
                "injured": None,
                "evidence": evidence,
                "summary_en": summary,
                "versions": {"lexicon": "bench"},
                "n_sources": 1,
                "search_text": normalize(evidence + " \n " + summary),
                "created_at": now,
                "updated_at": now,
            }
        )
        sources.append({"id": i, "event_id": i, "article_id": i, "ordinal": 0, "fatalities": dead, "report": {"bench": True}})
    return articles, events, sources


def build_db(path: Path, n: int, seed: int = 7) -> None:
    from marsad.store import open_store
    from marsad.store.schema import ArticleRow, EventRow, EventSource

    articles, events, sources = synthesise(n, seed)
    with open_store(str(path)) as store, store.engine.begin() as conn:
        for table, rows in ((ArticleRow.__table__, articles), (EventRow.__table__, events), (EventSource.__table__, sources)):
            for k in range(0, len(rows), 5000):
                conn.execute(table.insert(), rows[k : k + 5000])


class Server:
    def __init__(self, app) -> None:  # type: ignore[no-untyped-def]
        import uvicorn

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning"))
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> "Server":
        self.thread.start()
        while not self.server.started:
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def query_mix(rnd: random.Random) -> dict[str, callable]:  # type: ignore[valid-type]
    govs = ["Idlib", "Aleppo", "Deir ez-Zor", "Daraa", "Rif Dimashq", "Homs", "Al-Hasakah", "Raqqa"]
    words = ["قصف", "بالقصف", "غارات", "اشتباكات", "عبوة", "اعتقلت", "مدنيين", "ادلب", "shelled", "IED"]

    def window(days: int) -> dict[str, str]:
        start = FIRST_DAY + dt.timedelta(days=rnd.randrange(DAYS - days))
        return {"start": start.isoformat(), "end": (start + dt.timedelta(days=days)).isoformat()}

    def sub() -> str:
        return rnd.choice(KINDS)[1]

    return {
        "date 30d + type": lambda: ("events", {**window(30), "event_type": rnd.choice(KINDS)[0]}),
        "governorate + min fatalities": lambda: ("events", {"admin1": rnd.choice(govs), "min_fatalities": 3}),
        "text + date 90d": lambda: ("events", {**window(90), "q": rnd.choice(words)}),
        "text only": lambda: ("events", {"q": rnd.choice(words)}),
        "bbox + actor": lambda: ("events", {"bbox": "36.3,35.5,37.2,36.5", "actor": rnd.choice(ACTORS)[0]}),
        "sub-type, page 5": lambda: ("events", {"sub_event_type": sub(), "page": 5}),
        "no filter, page 1": lambda: ("events", {}),
        "geojson, district": lambda: ("events.geojson", {"admin1": "Idlib", "admin2": "Idlib"}),
        "map points 30d": lambda: ("points", window(30)),
        "timeline, type": lambda: ("timeline", {"event_type": rnd.choice(KINDS)[0]}),
    }


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--events", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=40, help="requests per kind of query")
    ap.add_argument("--db", type=Path, help="database file (default: a temporary one)")
    ap.add_argument("--keep", action="store_true", help="reuse --db if it exists; keep it afterwards")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)

    import httpx

    from marsad.api import create_app

    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "bench.db"
    if not (args.keep and db.exists()):
        db.unlink(missing_ok=True)
        t0 = time.perf_counter()
        build_db(db, args.events, args.seed)
        print(f"built {args.events:,} events in {time.perf_counter() - t0:.1f} s ({db.stat().st_size / 1e6:.0f} MB)")
    rnd = random.Random(args.seed)
    mix = query_mix(rnd)
    all_ms: list[float] = []
    by_path: dict[str, list[float]] = {}
    with Server(create_app(str(db))) as srv, httpx.Client(base_url=srv.url, timeout=30) as http:
        for make in mix.values():  # warm up caches and connections
            path, params = make()
            http.get(f"/api/{path}", params=params).raise_for_status()
        print(f"{'query':32} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} {'matches (median)':>17} {'CPU ms p50/p95':>15}")
        cpu_all: list[float] = []
        for name, make in mix.items():
            times, totals, cpu = [], [], []
            for _ in range(args.runs):
                path, params = make()
                c0 = time.process_time()
                t0 = time.perf_counter()
                r = http.get(f"/api/{path}", params=params)
                times.append((time.perf_counter() - t0) * 1000)
                cpu.append((time.process_time() - c0) * 1000)
                r.raise_for_status()
                body = r.json()
                totals.append(body.get("total", len(body.get("days", []))))
            all_ms += times
            cpu_all += cpu
            by_path.setdefault("list" if path.startswith("events") else "feed", []).extend(times)
            print(
                f"{name:32} {statistics.median(times):8.1f} {pct(times, 95):8.1f} {max(times):8.1f} "
                f"{int(statistics.median(totals)):>17,} {statistics.median(cpu):7.1f}/{pct(cpu, 95):<7.1f}"
            )
    for key, label in (("list", "/api/events + .geojson"), ("feed", "/api/points + /timeline")):
        ms = by_path.get(key, [])
        if ms:
            print(f"{label:32} {statistics.median(ms):8.1f} {pct(ms, 95):8.1f} {max(ms):8.1f}")
    p95 = pct(all_ms, 95)
    print(
        f"{'ALL':32} {statistics.median(all_ms):8.1f} {p95:8.1f} {max(all_ms):8.1f} {'':17} "
        f"{statistics.median(cpu_all):7.1f}/{pct(cpu_all, 95):<7.1f}"
    )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(
        f"p95 over {len(all_ms)} filtered requests on {args.events:,} events: {p95:.1f} ms "
        f"(target <= {TARGET_P95_MS:.0f} ms: {'met' if p95 <= TARGET_P95_MS else 'NOT met'}); "
        f"load average {load:.1f} on {os.cpu_count()} CPUs"
    )
    if args.keep:
        print(f"database kept at {db}")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
