"""`marsad export` checks its filters exactly as the API does and selects the same events;
`marsad actors` lists the catalogue the actor filter accepts."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import cli

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
import marsad_sample_events as samples  # noqa: E402

# API parameter -> CLI option
OPTION = {
    "start": "--from",
    "end": "--to",
    "event_type": "--event-type",
    "sub_event_type": "--sub-event-type",
    "actor": "--actor",
    "admin1": "--admin1",
    "admin2": "--admin2",
    "bbox": "--bbox",
    "min_fatalities": "--min-fatalities",
    "q": "--text",
}


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
