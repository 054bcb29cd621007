"""`marsad export` checks its filters exactly as the API does and selects the same events;
`marsad actors` lists the catalogue the actor filter accepts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.api.filters import FILTER_PARAMS
from marsad.cli import cli
from marsad.store.filters import FILTER_NAMES

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
import marsad_sample_events as samples  # noqa: E402

# API parameter -> CLI option: the same name (EventFilter's field), dashed
OPTION = {name: "--" + name.replace("_", "-") for name in FILTER_PARAMS}


def _cli_args(params: dict) -> list[str]:  # type: ignore[type-arg]
    args: list[str] = []
    for key, value in params.items():
        for v in value if isinstance(value, list) else [value]:
            args += [OPTION[key], str(v)]
    return args


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return samples.make_db(tmp_path_factory.mktemp("cli") / "events.db")


@pytest.fixture(scope="module")
def api(db: str):  # type: ignore[no-untyped-def]
    from fastapi.testclient import TestClient

    from marsad.api import create_app

    with TestClient(create_app(db)) as c:
        yield c


def _export(db: str, params: dict):  # type: ignore[no-untyped-def,type-arg]
    return CliRunner().invoke(cli, ["export", "--db", db, "--format", "jsonl", *_cli_args(params)])


BAD = [
    {"event_type": "Battle"},
    {"event_type": ["Battles", "Riot"]},
    {"sub_event_type": "Shelling"},
    {"event_type": "Battles", "sub_event_type": "Air/drone strike"},
    {"actor": "Turkish"},
    {"start": "2020-02-30"},
    {"start": "yesterday"},
    {"start": "2020-03-01", "end": "2020-01-01"},
    {"bbox": "40,30,35,36"},
    {"bbox": "1,2,3"},
    {"q": "x" * 201},
    {"admin1": "x" * 129},
    {"start": "x", "bbox": "y", "event_type": "z"},
    {"min_fatalities": -1},
    {"min_fatalities": "many"},
    {"min_fatalities": 1_000_001},
]


@pytest.mark.parametrize("params", BAD, ids=lambda p: ",".join(p))
def test_bad_filters_fail_with_the_api_messages(db, api, params):  # type: ignore[no-untyped-def]
    r = api.get("/api/events", params=params)
    assert r.status_code == 422
    expected = [f"marsad: error: {d['param']}: {d['message']}" for d in r.json()["error"]["details"]]
    res = _export(db, params)
    assert res.exit_code == 2
    assert res.stderr.strip().splitlines() == expected
    assert res.stdout == ""  # no header, no partial output


GOOD = [
    {},
    {"event_type": "Battles"},
    {"event_type": ["Explosions/Remote violence", "Protests"]},
    {"event_type": "Explosions/Remote violence", "min_fatalities": 2},
    {"sub_event_type": "Air/drone strike"},
    {"actor": "Turkish forces"},  # a label: no such event, an empty answer, not an error
    {"actor": "Russian forces"},
    {"actor": "RUSSIA"},
    {"actor": "قسد"},
    {"admin1": "Idlib"},
    {"admin1": "Aleppo", "admin2": "Manbij"},
    {"start": "2020-01-10", "end": "2020-01-16"},
    {"bbox": "36,35,37.5,37"},
    {"q": "ادلب"},
    {"q": "Raqqa"},
]


@pytest.mark.parametrize("params", GOOD, ids=lambda p: ",".join(p) or "none")
def test_good_filters_select_what_the_api_selects(db, api, params):  # type: ignore[no-untyped-def]
    r = api.get("/api/events", params={**params, "page_size": 1000})
    assert r.status_code == 200, r.text
    res = _export(db, params)
    assert res.exit_code == 0, res.output
    got = [json.loads(line)["id"] for line in res.stdout.splitlines()]
    assert sorted(got) == sorted(e["id"] for e in r.json()["items"])  # the export is in id order


def test_labels_select_what_ids_do(db):  # type: ignore[no-untyped-def]
    ids = lambda actor: [json.loads(x)["id"] for x in _export(db, {"actor": actor}).stdout.splitlines()]  # noqa: E731
    assert ids("RUSSIA") and ids("Russian forces") == ids("RUSSIA") == ids("القوات الروسية")


def test_csv_export_carries_source_urls(db):  # type: ignore[no-untyped-def]
    import csv
    import io

    res = CliRunner().invoke(cli, ["export", "--db", db, "--format", "csv", "--admin1", "Idlib"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert {r["source_urls"] for r in rows} == {"https://example.org/news/kafranbel", "https://example.org/news/saraqab"}


def test_actors_command_lists_the_catalogue(api):  # type: ignore[no-untyped-def]
    res = CliRunner().invoke(cli, ["actors", "--json"])
    assert res.exit_code == 0
    listed = [json.loads(line) for line in res.stdout.splitlines()]
    assert listed == api.get("/api/actors").json()["items"]
    turkey = next(a for a in listed if a["id"] == "TURKEY")
    assert turkey["label"] == "Turkish forces" and turkey["aliases"]
    table = CliRunner().invoke(cli, ["actors"]).stdout
    assert any(
        line.startswith("TURKEY ") and "Turkish forces" in line and "القوات التركية" in line for line in table.splitlines()
    )


def test_one_set_of_names():  # type: ignore[no-untyped-def]
    # every API filter parameter is an EventFilter field and a `marsad export` option
    assert set(FILTER_PARAMS) <= set(FILTER_NAMES)
    options = {o for p in cli.commands["export"].params for o in p.opts}
    assert {OPTION[name] for name in FILTER_PARAMS} <= options


def test_older_option_spellings_still_work(db):  # type: ignore[no-untyped-def]
    def ids(*args: str) -> list[int]:
        res = CliRunner().invoke(cli, ["export", "--db", db, "--format", "jsonl", *args])
        assert res.exit_code == 0, res.output
        return [json.loads(x)["id"] for x in res.stdout.splitlines()]

    new = ids("--start", "2020-01-10", "--end", "2020-01-16", "--q", "ادلب")
    assert new == ids("--from", "2020-01-10", "--to", "2020-01-16", "--text", "ادلب")


@pytest.mark.parametrize("params", [{}, {"admin1": "Idlib"}, {"event_type": "Explosions/Remote violence", "min_fatalities": 1}])
def test_geojson_of_the_api_is_the_export(db, api, params):  # type: ignore[no-untyped-def]
    r = api.get("/api/events.geojson", params={**params, "order": "id"})
    assert r.status_code == 200, r.text
    res = CliRunner().invoke(cli, ["export", "--db", db, "--format", "geojson", *_cli_args(params)])
    assert res.exit_code == 0, res.output
    exported, answered = json.loads(res.stdout), r.json()
    assert exported["features"] and exported["features"] == answered["features"]  # one feature shape
    assert answered["total"] == len(exported["features"])
