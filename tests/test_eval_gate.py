"""Regression gate: the dev-set figures may not fall below tests/eval_floors.yaml.

The gold set lives in ../shared/eval (third-party text, never copied here); the
gate is skipped where that folder is absent.
"""

from pathlib import Path

import pytest
import yaml

from marsad.evaluate import run_eval
from marsad.evaluate.geo_recall import geo_recall

DEV = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "dev.jsonl"
FLOORS = yaml.safe_load((Path(__file__).parent / "eval_floors.yaml").read_text(encoding="utf-8"))


@pytest.mark.skipif(not DEV.is_file(), reason="../shared/eval/dev.jsonl not present")
def test_dev_figures_do_not_regress():
    s = run_eval(str(DEV))
    got = {
        "event_f1": s.event.f1,
        "strategic_f1": s.strategic.f1,
        "sub_type_accuracy": s.sub_type_accuracy,
        "actor_accuracy": s.actor_accuracy,
        "fatality_accuracy": s.fatality_accuracy,
        "article_detection_f1": s.detection.f1,
    }
    low = {k: (round(v, 3), FLOORS[k]) for k, v in got.items() if v < FLOORS[k]}
    assert not low, f"below the floor (got, floor): {low}"
    assert s.location_error_p90_km <= FLOORS["location_error_p90_km"]


@pytest.mark.skipif(not DEV.is_file(), reason="../shared/eval/dev.jsonl not present")
def test_dev_geo_recall_does_not_regress():
    r = geo_recall(DEV)
    assert r.recall >= FLOORS["geo_recall"], f"geo recall {r.hit}/{r.total}; misses:\n" + "\n".join(r.misses)
