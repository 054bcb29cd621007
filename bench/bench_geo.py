"""Speed of the PLACES stage: gazetteer load and resolution per article.

    .venv/bin/python bench/bench_geo.py [ARTICLES.jsonl] [--rounds N]

Prints numbers; it asserts nothing (targets: load <= 0.5 s, <= 1 ms per
~1,000-character article).  Without a file it times the dev set's texts,
read at run time only.  The load is timed in fresh processes: with an empty
cache (the packaged index, ``marsad/data/gazetteer/index.bin``), built from the
CSVs, and from the user cache.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.jsonl"
_LOAD = (
    "import time; t=time.perf_counter(); from marsad.geo import load_gazetteer, PlaceResolver; "
    "load_gazetteer(); PlaceResolver(); print(time.perf_counter()-t)"
)


def _load_seconds(env: dict[str, str]) -> float:
    out = subprocess.run([sys.executable, "-c", _LOAD], env=env, capture_output=True, text=True, check=True)
    return float(out.stdout.strip())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("articles", nargs="?", default=str(DEFAULT))
    ap.add_argument("--rounds", type=int, default=10)
    args = ap.parse_args(argv)

    env = dict(os.environ)
    env["PYTHONPATH"] = str(Path(__file__).resolve().parents[1]) + os.pathsep + env.get("PYTHONPATH", "")
    with tempfile.TemporaryDirectory() as cache:
        env["XDG_CACHE_HOME"] = cache
        cold = [_load_seconds(env) for _ in range(3)]  # empty cache: the packaged index
        build_env = dict(env, MARSAD_NO_INDEX="1", MARSAD_NO_CACHE="1")
        build = [_load_seconds(build_env) for _ in range(3)]  # parse the CSVs
        cache_env = dict(env, MARSAD_NO_INDEX="1")
        _load_seconds(cache_env)  # writes the user cache
        warm = [_load_seconds(cache_env) for _ in range(3)]
    print(f"gazetteer load, no cache (packaged index): {min(cold):.3f} s (best of 3; import of marsad.geo included)")
    print(f"gazetteer load, built from the CSVs:       {min(build):.3f} s (MARSAD_NO_INDEX=1 MARSAD_NO_CACHE=1)")
    print(f"gazetteer load, user cache:                {min(warm):.3f} s (MARSAD_NO_INDEX=1)")

    from marsad.geo import PlaceResolver

    resolver = PlaceResolver()
    with open(args.articles, encoding="utf-8") as fh:
        arts = [json.loads(line) for line in fh if line.strip()]
    for a in arts:  # warm the per-word caches
        resolver.find(a.get("text") or "", context=a.get("title"))
    chars = sum(len(a.get("text") or "") for a in arts)
    per_round: list[float] = []
    cpu_round: list[float] = []
    mentions = 0
    for _ in range(args.rounds):
        t, c = time.perf_counter(), time.process_time()
        mentions = sum(len(resolver.find(a.get("text") or "", context=a.get("title"))) for a in arts)
        per_round.append((time.perf_counter() - t) * 1000 / len(arts))
        cpu_round.append((time.process_time() - c) * 1000 / len(arts))
    print(f"articles: {len(arts)}, mean length {chars / len(arts):.0f} chars, {mentions / len(arts):.1f} mentions each")
    print(
        f"resolution, wall: {min(per_round):.3f} ms/article best, {statistics.median(per_round):.3f} ms median of {args.rounds} rounds"
    )
    print(f"resolution, CPU:  {min(cpu_round):.3f} ms/article best, {statistics.median(cpu_round):.3f} ms median")
    print(f"                  {min(cpu_round) * 1000 / (chars / len(arts)):.3f} CPU ms per 1,000 characters (best)")
    print(f"machine load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs (wall times suffer above 1 per CPU)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
