"""Golden files: each bundled sample article against the events an analyst codes from it.

On a mismatch the failure shows a unified diff of expected and actual events.
"""

import difflib
import json
from pathlib import Path

import pytest
import yaml

from marsad.ingest.readers import read_inputs
from marsad.pipeline import extract
from marsad.resources import data_path

EXPECTED = yaml.safe_load((Path(__file__).parent / "golden" / "samples.expected.yaml").read_text(encoding="utf-8"))
ARTICLES = {a.id: a for a in read_inputs([str(data_path("samples", "articles.jsonl"))])}


def project(event: dict) -> list:
    loc = event["location"]
    return [
        event["event_type"],
        event["sub_event_type"],
        event["event_date"],
        event["date_precision"],
        event["actor1"],
        event["actor2"],
        loc["place_id"],
        loc["geo_precision"],
        event["fatalities"],
        event["injured"],
    ]


def as_lines(rows: list) -> list[str]:
    return sorted(json.dumps(r, ensure_ascii=False) for r in rows)


def test_every_sample_has_a_golden_entry():
    assert set(EXPECTED) == set(ARTICLES)


@pytest.mark.parametrize("article_id", sorted(EXPECTED))
def test_golden(article_id):
    result = next(extract([ARTICLES[article_id]])).to_dict()
    expected = as_lines(EXPECTED[article_id] or [])
    actual = as_lines([project(e) for e in result["events"]])
    if expected != actual:
        diff = "\n".join(difflib.unified_diff(expected, actual, "expected", "actual", lineterm=""))
        pytest.fail(f"{article_id}: events differ\n{diff}")


@pytest.mark.parametrize("article_id", sorted(EXPECTED))
def test_evidence_is_verbatim_and_summary_in_english(article_id):
    article = ARTICLES[article_id]
    for event in next(extract([article])).to_dict()["events"]:
        assert event["evidence"] and event["evidence"] in article.text
        assert event["summary_en"].isascii() or all(ord(c) < 0x600 or ord(c) > 0x6FF for c in event["summary_en"])
        assert event["versions"]["lexicon"] and event["versions"]["gazetteer"]
