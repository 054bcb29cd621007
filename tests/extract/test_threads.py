"""One extractor shared by many threads gives exactly the serial output.

The extractor keeps no per-article state on itself (each call reads its own
Document); with a tiny switch interval the threads interleave inside every
article, so shared state would show up as a difference here.
"""

import json
import sys
from concurrent.futures import ThreadPoolExecutor

from marsad.ingest.readers import read_inputs
from marsad.pipeline import classify_article, extract_article
from marsad.resources import data_path

from pathlib import Path

# The bundled samples, and the real dev articles where ../shared is beside the checkout
# (as in CI): short samples rarely touch the state that used to leak between articles
# (19 of 576 dev results differed under the old shared-state extractor, 0 of the samples).
_DEV = Path(__file__).resolve().parents[2].parent / "shared" / "eval" / "dev.jsonl"
ARTICLES = list(read_inputs([str(data_path("samples", "articles.jsonl"))] + ([str(_DEV)] if _DEV.is_file() else [])))


def _rotations(n: int) -> list[list]:
    return [ARTICLES[7 * k % len(ARTICLES) :] + ARTICLES[: 7 * k % len(ARTICLES)] for k in range(n)]


def _dump(result) -> str:
    return json.dumps(result.to_dict(), ensure_ascii=False, sort_keys=True)


def test_eight_threads_match_serial():
    serial = {a.id: _dump(extract_article(a)) for a in ARTICLES}
    assert sum(len(json.loads(v)["events"]) for v in serial.values()) >= 10  # the samples do report events
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            runs = list(pool.map(lambda arts: {a.id: _dump(extract_article(a)) for a in arts}, _rotations(8)))
    finally:
        sys.setswitchinterval(old)
    for run in runs:
        diff = [k for k in serial if run[k] != serial[k]]
        assert not diff, f"articles whose events differ from the serial run: {diff}"


def test_classify_threads_match_serial():
    serial = {a.id: classify_article(a) for a in ARTICLES}
    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        with ThreadPoolExecutor(max_workers=8) as pool:
            runs = list(pool.map(lambda arts: {a.id: classify_article(a) for a in arts}, _rotations(8)))
    finally:
        sys.setswitchinterval(old)
    assert all(run == serial for run in runs)
