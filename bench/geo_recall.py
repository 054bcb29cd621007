"""Geo recall on a gold set: for every gold event with a place_id, do the places
resolved in its evidence sentence include that id?  (marsad.evaluate.geo_recall)

    .venv/bin/python bench/geo_recall.py [../shared/eval/dev.jsonl] [--misses] [--mode article|evidence] [--no-fallback]

The gold file is read at run time only; nothing of it is stored.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from marsad.evaluate.geo_recall import geo_recall

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.jsonl"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(DEFAULT))
    ap.add_argument("--misses", action="store_true", help="print every miss")
    ap.add_argument("--mode", choices=("article", "evidence"), default="article")
    ap.add_argument("--no-fallback", action="store_true", help="only mentions inside the evidence (no article fallback)")
    args = ap.parse_args(argv)
    r = geo_recall(args.gold, mode=args.mode, fallback=not args.no_fallback)
    how = args.mode + ("" if args.no_fallback else ", fallback")
    print(f"geo recall ({how}): {r.hit}/{r.total} = {100 * r.recall:.1f}%")
    if args.misses:
        print("\n".join(r.misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
