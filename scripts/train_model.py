"""Fit the models Marsad ships with (marsad/data/model/):

* ``actors.json`` — which of an event's actor options are its sides (extract), fitted on
  the gold articles dev.jsonl + dev2.jsonl;
* ``assault.json``, ``protest.json`` — does a sentence report a violent incident / a
  protest (classify), fitted on the Arabic event gold standard (dev half) and, for
  assaults, the sentences of the gold articles, whose wording is the Syrian war's.

    python scripts/train_model.py [--eval ../shared/eval] [--out marsad/data/model]

Deterministic: the same data gives the same files byte for byte (fixed solver,
sorted features, rounded weights).  The version written into each model is
MODEL_VERSION below: bump it whenever the data, the features or the fitting change,
so versions.extractor says which model coded an event.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from marsad.evaluate import read_records  # noqa: E402
from marsad.evaluate.fit import collect, fit_actor_sets  # noqa: E402
from marsad.evaluate.fit_classify import ARTICLE_SENTENCES_FOR, article_sentences, fit_report  # noqa: E402

MODEL_VERSION = "2026.12.34"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"), help="folder of dev.jsonl, dev2.jsonl and gsr/")
    ap.add_argument("--out", default=str(ROOT / "marsad" / "data" / "model"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    articles = [r for name in ("dev.jsonl", "dev2.jsonl") for r in read_records(Path(args.eval) / name)]
    actors = fit_actor_sets(collect(articles), version=MODEL_VERSION)
    write(actors, out / "actors.json", "Marsad's development gold articles (dev.jsonl, dev2.jsonl)")
    for group in ("assault", "protest"):
        src = Path(args.eval) / "gsr" / f"{group}_dev.jsonl"
        extra = article_sentences(articles, group) if group in ARTICLE_SENTENCES_FOR else None
        source = f"Open Event Data Alliance arabic_event_gsr, {group}_gsr.csv (development half), MIT"
        if extra is not None:
            source += "; sentences of Marsad's development gold articles (dev.jsonl, dev2.jsonl)"
        write(fit_report(read_records(src), group, version=MODEL_VERSION, extra=extra), out / f"{group}.json", source)
    return 0


def write(model, path: Path, source: str) -> None:
    data = model.to_json()
    data["meta"]["source"] = source
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n", encoding="utf-8")
    print(
        f"{path}: {len(model.weights)} features, {path.stat().st_size / 1024:.0f} KiB, meta "
        + json.dumps({k: v for k, v in model.meta.items() if k != "sub_for"}, ensure_ascii=False)
    )


if __name__ == "__main__":
    raise SystemExit(main())
