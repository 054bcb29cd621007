"""Geo recall on a gold set: for every gold event with a place_id, do the places
resolved in its evidence sentence include that id?

    .venv/bin/python bench/geo_recall.py [../shared/eval/dev.jsonl] [--misses] [--mode article|evidence]

``--mode article`` (default) runs :meth:`PlaceResolver.find` on the whole article,
as the extractor does, and keeps the mentions inside the evidence; ``evidence``
runs it on the evidence alone with the article as context.  The gold file is
read at run time only; nothing of it is stored.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from marsad.geo import PlaceResolver, mentions_in

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "eval" / "dev.jsonl"


def _mentions_in_evidence(resolver: PlaceResolver, article: dict, evidence: str, mode: str, fallback: bool):
    text = article.get("text") or ""
    if mode == "evidence":
        return resolver.find(evidence, context=(article.get("title") or "") + "\n" + text)
    mentions = resolver.find(text, context=article.get("title"))
    start = text.find(evidence)
    if start < 0:  # evidence from the title, or not verbatim: fall back
        return resolver.find(evidence, context=text)
    return mentions_in(mentions, start, start + len(evidence), fallback=fallback)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(DEFAULT))
    ap.add_argument("--misses", action="store_true", help="print every miss")
    ap.add_argument("--mode", choices=("article", "evidence"), default="article")
    ap.add_argument(
        "--fallback",
        action="store_true",
        help="when the evidence names no place, use the article's closest earlier mention (marsad.geo.mentions_in)",
    )
    args = ap.parse_args(argv)
    resolver = PlaceResolver()
    total = hit = 0
    misses: list[str] = []
    with open(args.gold, encoding="utf-8") as fh:
        for line in fh:
            article = json.loads(line)
            for ev in article.get("events") or ():
                gold = (ev.get("location") or {}).get("place_id")
                if not gold:
                    continue
                total += 1
                mentions = _mentions_in_evidence(resolver, article, ev.get("evidence") or "", args.mode, args.fallback)
                ids = [m.location.place_id for m in mentions if m.location]
                if gold in ids:
                    hit += 1
                else:
                    got = ", ".join(f"{m.name_ar}→{m.location.place_id if m.location else 'foreign'}" for m in mentions)
                    misses.append(f"{article['id']}: gold {ev['location'].get('name_ar')} {gold}; got [{got}]")
    pct = 100.0 * hit / total if total else 0.0
    how = args.mode + (", fallback" if args.fallback else "")
    print(f"geo recall ({how}): {hit}/{total} = {pct:.1f}%")
    if args.misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    sys.exit(main())
