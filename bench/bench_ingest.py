"""Benchmark: `marsad ingest` + `marsad process` of a local WARC into SQLite.

Generates a WARC of N Arabic articles from the project's own templates
(bench/templates.py; no real article text), then runs the two CLI commands as
subprocesses on a fresh SQLite database and prints articles/s end to end (both
commands, wall clock, start-up included), the CPU seconds they used (a figure
independent of other load on the machine: compare ``articles_per_cpu_second``
when the load average is high) and the peak resident memory of each command
(summed over its worker processes).

    python bench/bench_ingest.py [-n 5000] [--out bench/out] [--keep]

Targets (issue "From feeds to a database"): >= 100 articles/s, peak RSS <= 1 GB.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from templates import generate, to_html  # noqa: E402


def write_warc(path: Path, n: int, seed: int) -> int:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    arts = generate(n, seed)
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for a in arts:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(a.url, "response", payload=io.BytesIO(to_html(a)), http_headers=headers)
            )
    return len(arts)


def run(cmd: list[str], env: dict[str, str]) -> tuple[float, float, int, str]:
    """(wall seconds, CPU seconds, peak RSS in bytes, stderr) of one command.

    CPU time is user + system of the command and its worker processes (sampled with
    psutil every 50 ms, and at least what wait4 reports), a figure that does not
    depend on what else the machine runs.  Peak RSS is the
    largest *sum* over the command's process tree, sampled every 50 ms (the main
    process alone would hide the workers)."""
    import threading

    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    peak = [0]
    cpu: dict[int, float] = {}  # last CPU seconds seen per process of the tree
    done = threading.Event()

    def sample() -> None:
        try:
            root = psutil.Process(proc.pid)
            while not done.is_set():
                total = 0
                for p in [root, *root.children(recursive=True)]:
                    try:
                        total += p.memory_info().rss
                        t = p.cpu_times()
                        cpu[p.pid] = t.user + t.system
                    except psutil.Error:
                        pass
                peak[0] = max(peak[0], total)
                done.wait(0.05)
        except psutil.Error:
            pass

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    err = proc.stderr.read() if proc.stderr else ""
    _pid, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"{' '.join(cmd)} failed:\n{err}")
    peak_rss = max(peak[0], usage.ru_maxrss * 1024)
    cpu_total = max(usage.ru_utime + usage.ru_stime, sum(cpu.values()))
    return seconds, cpu_total, peak_rss, err


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=5000, help="articles in the WARC (default 5000)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--out", default=str(HERE / "out"), help="folder for the WARC and the database")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--workers", type=int, default=2, help="--workers for both commands (default 2)")
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    warc, db = out / f"ingest-bench-{args.n}.warc.gz", out / "ingest-bench.db"
    if not warc.exists():
        write_warc(warc, args.n, args.seed)
    for p in out.glob("ingest-bench.db*"):
        p.unlink()
    env = {**os.environ, "PYTHONPATH": str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", "")}
    py = [sys.executable, "-m", "marsad"]
    w = ["--workers", str(args.workers)]
    load_before = os.getloadavg()[0]
    t_ing, cpu_ing, rss_ing, err_ing = run(py + ["ingest", str(warc), "--db", str(db), "-q", *w], env)
    t_proc, cpu_proc, rss_proc, err_proc = run(py + ["process", "--db", str(db), "-q", *w], env)

    sys.path.insert(0, str(ROOT))
    from marsad.store import open_store

    with open_store(str(db)) as store:
        counts = store.counts()
    total = t_ing + t_proc
    figures = {
        "articles_in_warc": args.n,
        "articles_stored": counts["articles"],
        "near_duplicates": counts["near_duplicates"],
        "events": counts["events"],
        "event_reports": counts["event_sources"],
        "ingest_seconds": round(t_ing, 2),
        "process_seconds": round(t_proc, 2),
        "articles_per_second": round(args.n / total, 1),
        "cpu_seconds": round(cpu_ing + cpu_proc, 2),
        "articles_per_cpu_second": round(args.n / (cpu_ing + cpu_proc), 1),
        "load_average_before": round(load_before, 2),
        "peak_rss_mb_ingest": round(rss_ing / 2**20),
        "peak_rss_mb_process": round(rss_proc / 2**20),
        "cpus": os.cpu_count(),
        "workers": args.workers,
    }
    if args.json:
        print(json.dumps(figures))
    else:
        for k, v in figures.items():
            print(f"{k:>22}: {v}")
        print(err_ing.strip().splitlines()[-1] if err_ing.strip() else "")
        print(err_proc.strip().splitlines()[-1] if err_proc.strip() else "")


if __name__ == "__main__":
    main()
