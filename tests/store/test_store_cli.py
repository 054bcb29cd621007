"""The store's CLI commands, each a thin call of one library function."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from store_factories import article, event

from marsad.cli import cli
from marsad.store import open_store


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


def test_commands_are_registered(runner: CliRunner) -> None:
    for cmd in (["ingest"], ["process"], ["watch"], ["export"], ["db", "upgrade"], ["db", "runs"]):
        res = runner.invoke(cli, [*cmd, "--help"])
        assert res.exit_code == 0 and "--db" in res.output


def test_db_upgrade_uses_marsad_db(runner: CliRunner, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    res = runner.invoke(cli, ["db", "upgrade"])
    assert res.exit_code == 0 and (tmp_path / "marsad.db").exists()  # the default
    monkeypatch.setenv("MARSAD_DB", str(tmp_path / "env.db"))
    assert runner.invoke(cli, ["db", "upgrade"]).exit_code == 0 and (tmp_path / "env.db").exists()
    assert runner.invoke(cli, ["db", "upgrade", "--db", str(tmp_path / "arg.db")]).exit_code == 0
    assert (tmp_path / "arg.db").exists()


def test_ingest_process_export(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps(
            {"id": "a1", "published": "2020-01-08", "text": "قتل ثلاثة مدنيين في قصف مدفعي لقوات النظام على مدينة سراقب اليوم."},
            ensure_ascii=False,
        )
        + "\n{bad\n",
        encoding="utf-8",
    )
    res = runner.invoke(cli, ["ingest", str(src), "--db", db, "-q"])
    assert res.exit_code == 1, res.output  # an input was skipped (the article is stored all the same)
    assert "1 stored" in res.output and "1 skipped" in res.output
    res = runner.invoke(cli, ["process", "--db", db, "-q"])
    assert res.exit_code == 0, res.output
    out = tmp_path / "e.csv"
    res = runner.invoke(cli, ["export", "--db", db, "--format", "csv", "-o", str(out)])
    assert res.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    with open_store(db) as store:
        assert len(rows) == store.counts()["events"]


def test_export_filters_and_stdout(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    with open_store(db) as store:
        aid = store.add_article(article(1)).article_id
        store.save_events(aid, [event("saraqib", date="2020-01-08"), event("daraa", date="2020-03-01")], {})
    res = runner.invoke(cli, ["export", "--db", db, "--format", "jsonl", "--from", "2020-02-01"])
    assert res.exit_code == 0
    lines = res.output.strip().splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["location"]["name_en"] == "Daraa"
    res = runner.invoke(cli, ["export", "--db", db, "--format", "geojson", "--admin1", "Idlib"])
    assert json.loads(res.output)["features"][0]["properties"]["admin1"] == "Idlib"
    assert runner.invoke(cli, ["export", "--db", db, "--from", "yesterday"]).exit_code != 0


def test_db_runs_lists_runs_newest_first(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "m.db")
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"id": "r1", "text": "قصفت المدفعية بلدة كفرنبل بريف إدلب الجنوبي صباح اليوم"}, ensure_ascii=False) + "\n",
        encoding="utf-8",
    )
    assert runner.invoke(cli, ["ingest", str(src), "--db", db, "-q"]).exit_code == 0
    assert runner.invoke(cli, ["process", "--db", db, "-q"]).exit_code == 0
    res = runner.invoke(cli, ["db", "runs", "--db", db, "--json"])
    assert res.exit_code == 0, res.output
    runs = [json.loads(line) for line in res.output.splitlines() if line.startswith("{")]
    assert [(r["kind"], r["status"]) for r in runs] == [("process", "done"), ("ingest", "done")]
    assert runs[1]["counts"]["stored"] == 1
    text = runner.invoke(cli, ["db", "runs", "--db", db, "-n", "1"]).output
    assert "process" in text and "done" in text and "ingest" not in text
