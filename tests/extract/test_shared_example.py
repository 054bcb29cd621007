"""The article Marsad exists for (../shared/examples): every event its README explains, and not the other story's.

The article's text stays in ../shared (it is third-party news); the test reads it
there and is skipped where that folder is absent.
"""

import json
from pathlib import Path

import pytest

from marsad.evaluate import evaluate
from marsad.ingest.readers import read_inputs
from marsad.pipeline import extract

EXAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "examples"
pytestmark = pytest.mark.skipif(not (EXAMPLES / "gold.json").is_file(), reason="../shared/examples not present")


@pytest.fixture(scope="module")
def result():
    article = next(read_inputs([str(EXAMPLES / "article.jsonl")]))
    return next(extract([article])).to_dict()


def test_every_gold_event_is_found(result):
    gold = json.loads((EXAMPLES / "gold.json").read_text(encoding="utf-8"))
    scores = evaluate([gold], [result])
    assert scores.event.recall == 1.0
    assert scores.strategic.recall == 1.0
    assert scores.article_fatality_accuracy == 1.0


def test_subaykhan_attack_is_coded_as_the_gold_reads_it(result):
    attack = [e for e in result["events"] if e["location"]["place_id"] == "C5211"]
    assert len(attack) == 1
    e = attack[0]
    assert (e["event_type"], e["event_date"], e["actor1"], e["actor2"], e["fatalities"]) == (
        "Battles",
        "2020-01-06",
        "UNIDENTIFIED",
        "IRAN",
        39,
    )


def test_no_execution_from_the_other_storys_headline(result):
    assert not any(e["event_type"] == "Violence against civilians" and "يعدم" in e["evidence"] for e in result["events"])
    assert all("يعدم" not in e["evidence"] for e in result["events"])
