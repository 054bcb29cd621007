"""Every CSV Marsad writes is safe to open in a spreadsheet: a text cell that starts
like a formula (= + - @) is written with a leading apostrophe, in ``marsad export``
(csv and hxl) and in the API's /api/events.csv alike (one rule: marsad.store.export.csv_safe)."""

from __future__ import annotations

import csv
import io
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import cli
from marsad.store import open_store
from marsad.store.export import csv_safe

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "store"))
import store_factories as f  # noqa: E402

FORMULA = '=HYPERLINK("https://evil.example/","click")'
EVIDENCE = "@SUM(1+1) قصفت قوات النظام البلدة"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("formulas") / "events.db")
    with open_store(path) as store:
        aid = store.add_article(f.article(1)).article_id
        store.save_events(aid, [f.event(summary=FORMULA, evidence=EVIDENCE)])
    return path


def test_the_rule():
    assert csv_safe(FORMULA) == "'" + FORMULA
    assert csv_safe("-2+3") == "'-2+3" and csv_safe("+963") == "'+963" and csv_safe("\tx") == "'\tx"
    assert csv_safe("قصف") == "قصف" and csv_safe(3) == 3 and csv_safe(-35.5) == -35.5 and csv_safe("") == ""


@pytest.mark.parametrize("fmt", ["csv", "hxl"])
def test_cli_export_defuses_formulas(db: str, fmt: str):
    res = CliRunner().invoke(cli, ["export", "--db", db, "--format", fmt])
    assert res.exit_code == 0, res.output
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    data = rows[1:] if fmt == "hxl" else rows  # hxl: the hashtag row first
    assert len(data) == 1
    assert data[0]["notes"] == "'" + FORMULA
    assert data[0]["latitude"] == "35.8623"  # numbers are written as they are


def test_api_csv_defuses_formulas(db: str):
    from fastapi.testclient import TestClient

    from marsad.api import create_app

    with TestClient(create_app(db)) as client:
        r = client.get("/api/events.csv")
    assert r.status_code == 200
    rows = list(csv.DictReader(io.StringIO(r.content.decode("utf-8-sig"))))
    assert len(rows) == 1
    assert rows[0]["summary_en"] == "'" + FORMULA
    assert rows[0]["evidence"] == "'" + EVIDENCE
    assert rows[0]["name_en"] == "Saraqib"
