"""Every CSV Marsad writes is safe to open in a spreadsheet: a text cell that starts
like a formula (= + - @, a tab or a carriage return) is written with a leading
apostrophe, in ``marsad export`` (csv and hxl) and in the API's /api/events.csv and
/api/events.hxl alike: one writer (marsad.store.export.csv_text), one rule (csv_safe)."""

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
PLUS = "+963 قتلى في قصف"
MINUS = "-2+3 Government forces shelled the town."
AT = "@SUM(1+1) قصفت قوات النظام البلدة"
# (actor1, summary_en -> notes, evidence) of the two stored events
EVENTS = [(FORMULA, MINUS, AT), ("SYR_GOV_ASSAD", AT, PLUS)]
DANGEROUS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("formulas") / "events.db")
    with open_store(path) as store:
        for n, (actor1, summary, evidence) in enumerate(EVENTS):
            aid = store.add_article(f.article(n)).article_id
            store.save_events(aid, [f.event(actor1=actor1, summary=summary, evidence=evidence, date=f"2020-01-0{n + 1}")])
    return path


def test_the_rule():
    assert csv_safe(FORMULA) == "'" + FORMULA
    assert csv_safe("-2+3") == "'-2+3" and csv_safe("+963") == "'+963" and csv_safe("\tx") == "'\tx"
    assert csv_safe("\rx") == "'\rx" and csv_safe("@x") == "'@x"
    assert csv_safe("قصف") == "قصف" and csv_safe(3) == 3 and csv_safe(-35.5) == -35.5 and csv_safe("") == ""


def _check(text: str, hxl: bool) -> None:
    rows = list(csv.DictReader(io.StringIO(text)))
    data = rows[1:] if hxl else rows  # hxl: the hashtag row first
    assert len(data) == 2
    by_date = {r["event_date"]: r for r in data}
    first, second = by_date["2020-01-01"], by_date["2020-01-02"]
    assert first["actor1"] == "'" + FORMULA and first["notes"] == "'" + MINUS and first["evidence"] == "'" + AT
    assert second["notes"] == "'" + AT and second["evidence"] == "'" + PLUS
    assert first["latitude"] == "35.8623"  # numbers are written as they are
    for row in data:
        assert not [v for v in row.values() if v.startswith(DANGEROUS)], row


@pytest.mark.parametrize("fmt", ["csv", "hxl"])
def test_cli_export_defuses_formulas(db: str, fmt: str):
    res = CliRunner().invoke(cli, ["export", "--db", db, "--format", fmt])
    assert res.exit_code == 0, res.output
    _check(res.stdout, fmt == "hxl")


@pytest.mark.parametrize("fmt", ["csv", "hxl"])
def test_api_csv_defuses_formulas_and_is_the_export(db: str, fmt: str):
    from fastapi.testclient import TestClient

    from marsad.api import create_app

    with TestClient(create_app(db)) as client:
        r = client.get(f"/api/events.{fmt}", params={"order": "id"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert r.content.startswith("\ufeff".encode())  # for spreadsheets; the file export has none
    text = r.content.decode("utf-8-sig")
    _check(text, fmt == "hxl")
    # the same writer: the download is the file `marsad export` writes, byte for byte
    res = CliRunner().invoke(cli, ["export", "--db", db, "--format", fmt])
    assert text == res.stdout
