"""Benchmark on real text: extraction against merely normalising and tokenising.

The dev articles (``../shared/eval/dev.jsonl`` and ``dev2.jsonl``, read in place,
never copied) are repeated to N articles.  In one process pinned to one core:

* the cost of reading each article into tokens (page-noise cleaning, sentence
  split, normalisation, clitic-aware tokenising: ``Document.read``);
* the cost of full extraction (``marsad.extract_article``);
* the cost of merely normalising and tokenising each article's text;
* the ratio of extraction to that (target ≤ 30×), and articles/s of extraction
  (target ≥ 300), with the first pass over the distinct articles beside it;
* start-up of ``marsad extract`` on one article in a fresh process (target ≤ 2 s);
* peak resident memory of this process (target ≤ 500 MB).

    python bench/bench_extract_real.py [-n 3000] [--eval ../shared/eval]
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("-n", "--articles", type=int, default=3000)
    p.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    p.add_argument("--rounds", type=int, default=3, help="best of this many timed passes")
    args = p.parse_args(argv)
    os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    from marsad.ingest.readers import read_inputs
    from marsad.pipeline import extract_article
    from marsad.text.document import Document
    from marsad.text.normalize import normalize
    from marsad.text.tokens import tokenize

    files = [str(args.eval / name) for name in ("dev.jsonl", "dev2.jsonl")]
    base = list(read_inputs(files))
    articles = (base * (args.articles // len(base) + 1))[: args.articles]
    chars = sum(len(a.text) for a in articles) / len(articles)
    extract_article(base[0])  # load lexicon, gazetteer, models
    t = time.perf_counter()
    for a in base[1:]:
        extract_article(a)  # each distinct article once: word caches still cold
    cold_rate = (len(base) - 1) / (time.perf_counter() - t)

    def timed(fn) -> float:
        best = float("inf")
        for _ in range(args.rounds):
            t = time.perf_counter()
            for a in articles:
                fn(a)
            best = min(best, time.perf_counter() - t)
        return best

    t_norm = timed(lambda a: (normalize(a.text), tokenize(a.text)))
    t_read = timed(lambda a: Document.read(a.id, a.text, a.title, a.published))
    t_extract = timed(extract_article)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    with tempfile.TemporaryDirectory() as tmp:
        one = Path(tmp, "one.jsonl")
        with open(files[0], encoding="utf-8") as fh:
            one.write_text(fh.readline(), encoding="utf-8")
        starts = []
        for _ in range(3):
            t = time.perf_counter()
            subprocess.run(
                [sys.executable, "-m", "marsad", "extract", str(one), "-o", str(Path(tmp, "o.jsonl"))],
                cwd=ROOT,
                check=True,
                stderr=subprocess.DEVNULL,
            )
            starts.append(time.perf_counter() - t)

    rate = len(articles) / t_extract
    ratio = t_extract / t_norm
    rows = [
        ("extraction, articles/s (one core)", f"{rate:.0f}", "≥ 300"),
        ("  first pass over the distinct articles (cold caches)", f"{cold_rate:.0f}", ""),
        ("extraction ÷ (normalise + tokenise the text)", f"{ratio:.1f}×", "≤ 30×"),
        ("extraction ÷ (clean + split + normalise + tokenise)", f"{t_extract / t_read:.1f}×", ""),
        ("reading alone, articles/s", f"{len(articles) / t_read:.0f}", ""),
        ("start-up of `marsad extract` on one article (s)", f"{min(starts):.2f}", "≤ 2"),
        ("peak memory of this process (MB)", f"{rss:.0f}", "≤ 500"),
    ]
    print(f"{len(articles):,} real articles ({len(base)} distinct, {chars:,.0f} characters on average), best of {args.rounds}")
    for name, value, target in rows:
        print(f"  {name:<54} {value:>9}   {target}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
