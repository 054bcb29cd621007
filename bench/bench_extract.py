"""Benchmark: serial ``marsad extract`` on one core — articles/s, start-up time, peak memory.

Targets (the core issue): ≥ 300 articles/s on one core for dev-size (~1,000
characters) articles, start-up ≤ 2 s, peak memory ≤ 500 MB.

* start-up: wall time of ``marsad extract`` on a one-article file (interpreter
  start, imports, lexicon and gazetteer loading, one article) — the best of 3;
* throughput: ``marsad extract`` on N generated articles; reported end to end
  (N / wall time) and net of start-up (N / (wall time − start-up));
* peak memory: maximum resident set size of the process (``wait4`` rusage).

Every run is pinned to one CPU (``taskset``-style affinity), in a fresh process.

    python bench/bench_extract.py                 # 5,000 articles
    python bench/bench_extract.py -n 20000 --write-docs
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
OUT = HERE / "out"
sys.path.insert(0, str(HERE))

import bench_scale
from bench_scale import describe_machine, machine_line, write_docs_section

TARGET_RATE, TARGET_STARTUP, TARGET_RSS_MB = 300.0, 2.0, 500.0


def _pinned() -> None:
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def run_extract(inputs: list[str], out: Path) -> tuple[float, int]:
    """(wall seconds, peak RSS bytes) of one pinned ``marsad extract`` process."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(bench_scale.CODE) + os.pathsep + env.get("PYTHONPATH", "")
    cmd = [sys.executable, "-m", "marsad", "extract", *inputs, "-o", str(out)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=bench_scale.CODE, env=env, stderr=subprocess.PIPE, preexec_fn=_pinned)  # noqa: PLW1509 - no threads here
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):
        raise SystemExit(f"marsad extract failed ({code}):\n{proc.stderr.read().decode()[-3000:]}")
    return wall, usage.ru_maxrss * 1024


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Serial articles/s, start-up time and peak memory of marsad extract.")
    p.add_argument("-n", "--articles", type=int, default=5000)
    p.add_argument("--corpus", type=Path, help="use this JSONL instead of generating one")
    p.add_argument("--write-docs", action="store_true", help="put the numbers into docs/performance.md")
    p.add_argument("--no-snapshot", action="store_true", help="measure the working tree, not a frozen copy of it")
    args = p.parse_args(argv)

    OUT.mkdir(exist_ok=True)
    if not args.no_snapshot:
        print(f"measuring a frozen copy of the code: {bench_scale.snapshot()}", file=sys.stderr)
    corpus = args.corpus or OUT / f"corpus-{args.articles}.jsonl"
    if args.corpus is None and not corpus.exists():
        subprocess.run([sys.executable, str(HERE / "corpus.py"), "-n", str(args.articles), "-o", str(corpus)], check=True)
    with open(corpus, "rb") as fh:
        lines = [line for line in fh if line.strip()]
    n = len(lines)
    mean_chars = sum(len(json.loads(line)["text"]) for line in lines) / max(n, 1)
    one = OUT / "one-article.jsonl"
    one.write_bytes(lines[0])

    startup = min(run_extract([str(one)], OUT / "one-out.jsonl")[0] for _ in range(3))
    wall, rss = run_extract([str(corpus)], OUT / "extract-out.jsonl")
    with open(OUT / "extract-out.jsonl", "rb") as fh:
        events = sum(len(json.loads(line)["events"]) for line in fh)
    rate = n / wall
    net_rate = n / max(wall - startup, 1e-9)
    result = {
        "articles": n,
        "mean_chars": mean_chars,
        "events": events,
        "startup_seconds": startup,
        "wall_seconds": wall,
        "articles_per_second": rate,
        "articles_per_second_net": net_rate,
        "peak_rss": rss,
        "machine": describe_machine(),
        "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
    }
    (OUT / "extract.json").write_text(json.dumps(result, indent=2))

    def verdict(ok: bool) -> str:
        return "ok" if ok else "BELOW TARGET"

    rows = [
        ("articles/s, end to end (one core)", f"{rate:.0f}", f"≥ {TARGET_RATE:.0f}", verdict(rate >= TARGET_RATE)),
        ("articles/s, net of start-up", f"{net_rate:.0f}", f"≥ {TARGET_RATE:.0f}", verdict(net_rate >= TARGET_RATE)),
        ("start-up (s)", f"{startup:.2f}", f"≤ {TARGET_STARTUP:.0f}", verdict(startup <= TARGET_STARTUP)),
        ("peak memory (MB)", f"{rss / 2**20:.0f}", f"≤ {TARGET_RSS_MB:.0f}", verdict(rss / 2**20 <= TARGET_RSS_MB)),
    ]
    table = "\n".join(
        ["| measure | value | target | |", "|---|---:|---:|---|"] + [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    )
    section = (
        f"Measured {result['date']} on: {machine_line(result['machine'])}; pinned to one core.\n\n"
        f"Corpus: {n:,} generated articles of {mean_chars:,.0f} characters on average "
        f"({events:,} events extracted).\n\n{table}"
    )
    print(section)
    if args.write_docs:
        write_docs_section("extract", section)
    return 0


if __name__ == "__main__":
    sys.exit(main())
