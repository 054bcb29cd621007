"""SPEC §5 scoring, rule by rule, on hand-built gold/prediction pairs."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from pathlib import Path

import pytest

from marsad.errors import MalformedInput
from marsad.evaluate import evaluate, format_table, haversine_km, match_events, run_eval

ROOT = Path(__file__).resolve().parents[2]

# Kafranbel (Idlib, Maarrat An Nu'man district)
LAT, LON = 35.5283, 36.5600
KM_PER_DEG_LAT = haversine_km(0.0, 0.0, 1.0, 0.0)


def north(km: float) -> float:
    """Latitude ``km`` north of Kafranbel (meridian distance, exact for haversine)."""
    return LAT + km / KM_PER_DEG_LAT


def ev(
    event_type: str = "Explosions/Remote violence",
    sub: str = "Shelling/artillery/missile attack",
    date: str | None = "2020-01-06",
    lat: float | None = LAT,
    lon: float | None = LON,
    admin2: str | None = "Maarrat An Nu'man",
    precision: int = 1,
    actor1: str | None = "SYR_GOV_ASSAD",
    actor2: str | None = "CIVILIANS",
    fatalities: int = 2,
    name: str = "كفرنبل",
) -> dict:
    return {
        "event_type": event_type,
        "sub_event_type": sub,
        "event_date": date,
        "date_precision": 1,
        "actor1": actor1,
        "actor2": actor2,
        "location": {
            "name_ar": name,
            "name_en": None,
            "place_id": None,
            "lat": lat,
            "lon": lon,
            "admin1": "Idlib",
            "admin2": admin2,
            "geo_precision": precision,
        },
        "fatalities": fatalities,
        "injured": None,
        "evidence": "",
        "summary_en": "",
    }


def score(gold_events, pred_events):
    return evaluate([{"id": "a1", "text": "نص", "events": gold_events}], [{"article_id": "a1", "events": pred_events}])


def test_identical_sets_score_one():
    events = [
        ev(),
        ev("Battles", "Armed clash", actor1="HTS", actor2="SYR_GOV_ASSAD"),
        ev("Strategic developments", "Arrests"),
    ]
    s = score(events, events)
    assert (s.event.f1, s.strategic.f1, s.detection.f1) == (1.0, 1.0, 1.0)
    assert s.sub_type_accuracy == s.actor_accuracy == s.fatality_accuracy == s.article_fatality_accuracy == 1.0
    assert s.location_error_median_km == 0.0 and s.location_error_p90_km == 0.0


def test_type_mismatch_does_not_match():
    s = score([ev()], [ev("Battles", "Armed clash")])
    assert s.matched == 0
    assert (s.event.precision, s.event.recall, s.event.f1) == (0.0, 0.0, 0.0)
    assert s.per_type["Battles"].n_pred == 1 and s.per_type["Explosions/Remote violence"].n_gold == 1
    assert s.sub_type_accuracy is None  # no pair to measure on


@pytest.mark.parametrize(
    ("gold_date", "pred_date", "matches"),
    [
        ("2020-01-06", "2020-01-06", True),
        ("2020-01-06", "2020-01-07", True),
        ("2020-01-06", "2020-01-05", True),
        ("2020-01-06", "2020-01-08", False),  # two days off
        ("2020-01-06", "2020-01-04", False),
        (None, None, True),
        (None, "2020-01-06", False),  # null vs a date never matches
        ("2020-01-06", None, False),
        ("2019-12-31", "2020-01-01", True),  # across a year boundary
    ],
)
def test_date_rule(gold_date, pred_date, matches):
    assert score([ev(date=gold_date)], [ev(date=pred_date)]).matched == int(matches)


def test_distance_is_great_circle_km():
    assert haversine_km(LAT, LON, north(24), LON) == pytest.approx(24.0, abs=1e-6)
    # Damascus – Aleppo is about 310 km
    assert haversine_km(33.5138, 36.2765, 36.2021, 37.1343) == pytest.approx(310, abs=10)


@pytest.mark.parametrize(("km", "matches"), [(0.0, True), (24.0, True), (24.99, True), (25.01, False), (26.0, False)])
def test_25_km_rule(km, matches):
    assert score([ev()], [ev(lat=north(km), admin2="Elsewhere")]).matched == int(matches)


def test_admin2_rule_with_precision_3_on_either_side():
    far = dict(lat=north(60), admin2="Maarrat An Nu'man")
    # gold precise, prediction only knows the governorate/district centre
    assert score([ev()], [ev(precision=3, **far)]).matched == 1
    # or the other way round
    assert score([ev(precision=3, **far)], [ev()]).matched == 1
    # precision 2 on both: the admin2 rule does not apply
    assert score([ev(precision=2)], [ev(precision=2, **far)]).matched == 0
    # precision 3 but another district
    assert score([ev()], [ev(precision=3, lat=north(60), admin2="Ariha")]).matched == 0
    # admin2 compared trimmed and case-folded
    assert score([ev()], [ev(precision=3, lat=north(60), admin2=" maarrat an nu'man ")]).matched == 1
    # no admin2 on either side never satisfies the rule
    assert score([ev(admin2=None)], [ev(precision=3, lat=north(60), admin2=None)]).matched == 0


def test_null_coordinates():
    # no coordinates, no admin2 rule: no match
    assert score([ev()], [ev(lat=None, lon=None)]).matched == 0
    assert score([ev(lat=None, lon=None)], [ev(lat=None, lon=None)]).matched == 0
    # no coordinates but precision 3 and same admin2: match, and no location error counted
    s = score([ev()], [ev(lat=None, lon=None, precision=3)])
    assert s.matched == 1 and s.location_pairs == 0 and s.location_error_median_km is None


def test_greedy_takes_smallest_distance_first():
    gold = [ev(lat=north(0), fatalities=1), ev(lat=north(20), fatalities=7)]
    # p0 is 12 km from g0 and 8 km from g1: greedy pairs p0–g1 first (8 km),
    # then p1 (3 km from g0) with g0.
    pred = [ev(lat=north(12), fatalities=7), ev(lat=north(3), fatalities=1)]
    pairs = {(g, p) for g, p, _ in match_events(gold, pred)}
    assert pairs == {(1, 0), (0, 1)}
    s = score(gold, pred)
    assert s.matched == 2 and s.fatality_accuracy == 1.0
    assert s.location_error_median_km == pytest.approx(5.5, abs=1e-6)  # median of 8 and 3


def test_greedy_is_not_maximum_matching():
    """SPEC says greedy: the closest pair is taken even when another assignment would
    match more events."""
    gold = [ev(lat=north(0)), ev(lat=north(24))]
    pred = [ev(lat=north(1)), ev(lat=north(-20))]  # p0: 1 km / 23 km; p1: 20 km / 44 km
    assert [(g, p) for g, p, _ in match_events(gold, pred)] == [(0, 0)]


def test_matching_is_one_to_one():
    s = score([ev()], [ev(), ev(lat=north(1))])
    assert s.matched == 1
    assert s.event.precision == 0.5 and s.event.recall == 1.0
    assert s.event.f1 == pytest.approx(2 / 3)


def test_ties_go_to_the_pair_that_agrees():
    """Two events at the same village and day: equal distances must not cross-match them."""
    gold = [
        ev(sub="Shelling/artillery/missile attack", actor1="SYR_GOV_ASSAD"),
        ev(sub="Air/drone strike", actor1="RUSSIA"),
    ]
    pred = list(reversed(gold))
    s = score(gold, pred)
    assert s.matched == 2 and s.sub_type_accuracy == 1.0 and s.actor_accuracy == 1.0


def test_actors_compare_as_sets():
    assert score([ev(actor1="HTS", actor2=None)], [ev(actor1=None, actor2="HTS")]).actor_accuracy == 1.0
    assert score([ev(actor1="HTS", actor2="SYR_GOV_ASSAD")], [ev(actor1="SYR_GOV_ASSAD", actor2="HTS")]).actor_accuracy == 1.0
    assert score([ev(actor1="HTS", actor2=None)], [ev(actor1="HTS", actor2="SNA")]).actor_accuracy == 0.0
    assert score([ev(actor1=None, actor2=None)], [ev(actor1="UNIDENTIFIED", actor2=None)]).actor_accuracy == 0.0


def test_sub_type_and_fatality_accuracy_over_all_matched_pairs():
    gold = [ev(), ev("Strategic developments", "Arrests", fatalities=0, lat=north(100))]
    pred = [
        ev(sub="Air/drone strike", fatalities=3),
        ev("Strategic developments", "Other", fatalities=0, lat=north(100)),
    ]
    s = score(gold, pred)
    assert s.matched == 2
    assert s.sub_type_accuracy == 0.0
    assert s.fatality_accuracy == 0.5


def test_article_fatality_sums():
    gold = [
        {"id": "a", "events": [ev(fatalities=3), ev("Battles", "Armed clash", fatalities=2)]},
        {"id": "b", "events": [ev(fatalities=4)]},
        {"id": "c", "events": []},
        {"id": "d", "events": [ev(fatalities=1)]},
    ]
    pred = [
        # same total (5) split differently and one event unmatched: still right for the article
        {"article_id": "a", "events": [ev(fatalities=5)]},
        {"article_id": "b", "events": [ev(fatalities=2)]},
        {"article_id": "c", "events": []},
        # "d" has no prediction at all
    ]
    s = evaluate(gold, pred)
    assert s.article_fatality_accuracy == 0.5  # a and c right, b and d wrong


def test_detection_f1():
    gold = [
        {"id": "a", "events": [ev()]},
        {"id": "b", "events": [ev()]},
        {"id": "c", "events": []},
        {"id": "d", "events": []},
    ]
    pred = [
        {"article_id": "a", "events": [ev(date="2019-01-01")]},  # detected even though the event does not match
        {"article_id": "c", "events": [ev("Strategic developments", "Other")]},  # false alarm
        {"article_id": "zz", "events": [ev()]},  # not in gold: ignored
    ]
    s = evaluate(gold, pred)
    assert (s.detection.tp, s.detection.n_pred, s.detection.n_gold) == (1, 2, 2)
    assert s.detection.f1 == 0.5
    assert s.extra_pred_articles == 1
    assert s.matched == 0


def test_strategic_developments_are_scored_apart():
    gold = [ev(), ev("Strategic developments", "Arrests", lat=north(50))]
    pred = [ev("Strategic developments", "Arrests", lat=north(50))]
    s = score(gold, pred)
    assert (s.strategic.precision, s.strategic.recall) == (1.0, 1.0)
    assert (s.event.n_pred, s.event.n_gold, s.event.recall) == (0, 1, 0.0)


def test_location_error_percentiles():
    kms = [0.0, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]
    gold = [ev(lat=north(50 * i), date=f"2020-01-{i + 1:02d}") for i in range(len(kms))]
    pred = [ev(lat=north(50 * i + k), date=f"2020-01-{i + 1:02d}") for i, k in enumerate(kms)]
    s = score(gold, pred)
    assert s.location_pairs == 11
    assert s.location_error_median_km == pytest.approx(5.0, abs=1e-6)
    assert s.location_error_p90_km == pytest.approx(9.0, abs=1e-6)


def test_unknown_event_type_never_matches():
    s = score([ev()], [ev("Bombing", "Air/drone strike")])
    assert s.matched == 0 and s.invalid_pred_events == 1 and s.event.n_pred == 0


def test_empty_sets_are_perfect_not_undefined():
    s = evaluate([{"id": "a", "events": []}], [{"article_id": "a", "events": []}])
    assert (s.event.f1, s.strategic.f1, s.detection.f1, s.article_fatality_accuracy) == (1.0, 1.0, 1.0, 1.0)
    assert "n/a" in format_table(s)


def test_table_lists_every_figure():
    table = format_table(score([ev()], [ev()]))
    for label in (
        "event",
        "strategic",
        "article detection",
        "sub-type accuracy",
        "actor accuracy",
        "fatality accuracy",
        "article fatality accuracy",
        "location error",
        "Riots",
    ):
        assert label in table


# --------------------------------------------------------------------------- files and CLI


def _write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


def _gold_file(tmp_path: Path) -> Path:
    return _write_jsonl(
        tmp_path / "gold.jsonl",
        [
            {
                "id": "a1",
                "url": None,
                "outlet": None,
                "published": "2020-01-07",
                "title": None,
                "text": "قصفت قوات النظام بلدة كفرنبل أمس ما أدى إلى مقتل مدنيين اثنين.",
                "events": [ev(), ev("Battles", "Armed clash", actor1="HTS", actor2="SYR_GOV_ASSAD", fatalities=0)],
            },
            {
                "id": "a2",
                "url": None,
                "outlet": None,
                "published": "2020-01-07",
                "title": None,
                "text": "ارتفعت أسعار الخبز في دمشق خلال الشهر الماضي.",
                "events": [],
            },
        ],
    )


def test_run_eval_files(tmp_path):
    gold = _gold_file(tmp_path)
    pred = _write_jsonl(tmp_path / "pred.jsonl", [{"article_id": "a1", "events": [ev()]}, {"article_id": "a2", "events": []}])
    s = run_eval(gold, pred)
    assert (s.event.tp, s.event.n_pred, s.event.n_gold) == (1, 1, 2)
    assert run_eval(gold, gold).event.f1 == 1.0


def test_run_eval_refuses_bad_pred_line(tmp_path):
    gold = _gold_file(tmp_path)
    pred = tmp_path / "pred.jsonl"
    pred.write_text('{"article_id": "a1", "events": []}\n{oops\n', encoding="utf-8")
    with pytest.raises(MalformedInput, match=":2:"):
        run_eval(gold, pred)


def _marsad(*args: str, **env_extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", **env_extra}
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_cli_eval_json(tmp_path):
    gold = _gold_file(tmp_path)
    pred = _write_jsonl(tmp_path / "pred.jsonl", [{"article_id": "a1", "events": [ev(), ev("Riots", "Mob violence")]}])
    proc = _marsad("eval", str(gold), str(pred), "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    assert out["event"]["tp"] == 1 and out["event"]["n_pred"] == 2 and out["event"]["n_gold"] == 2
    assert math.isclose(out["event"]["f1"], 0.5)
    assert out["detection"]["f1"] == 1.0
    assert out["per_type"]["Riots"]["n_pred"] == 1


def test_cli_eval_table_and_errors(tmp_path):
    gold = _gold_file(tmp_path)
    proc = _marsad("eval", str(gold), str(gold))
    assert proc.returncode == 0, proc.stderr
    assert "article detection" in proc.stdout and "Traceback" not in proc.stderr
    bad = _marsad("eval", str(tmp_path / "missing.jsonl"), str(gold))
    assert bad.returncode == 2 and "Traceback" not in bad.stderr and "missing.jsonl" in bad.stderr
