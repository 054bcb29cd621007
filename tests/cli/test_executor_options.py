"""`--executor`, `--workers`, `--scheduler` (marsad/cli/options.py) are the same options
on `marsad extract`, `ingest` and `process`, and mean what the library's keywords mean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from marsad.cli import cli

SAMPLES = str(Path(__file__).resolve().parents[2] / "marsad" / "data" / "samples" / "articles.jsonl")


def _run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(cli, list(args))


def test_every_bulk_command_has_the_same_options():
    for name in ("extract", "ingest", "process"):
        opts = {o for p in cli.commands[name].params for o in p.opts}
        assert {"--executor", "--workers", "--scheduler"} <= opts, name


def test_extract_with_processes_writes_the_serial_output():
    serial = _run("extract", SAMPLES)
    assert serial.exit_code == 0, serial.output
    pooled = _run("extract", SAMPLES, "--executor", "processes", "--workers", "2")
    assert pooled.exit_code == 0, pooled.output
    assert pooled.stdout == serial.stdout and len(serial.stdout.splitlines()) == 10


def test_ingest_and_process_with_processes_store_what_serial_stores(tmp_path: Path):
    dbs = {}
    for kind in ("serial", "processes"):
        db = str(tmp_path / f"{kind}.db")
        extra = ["--workers", "2"] if kind == "processes" else []
        assert _run("ingest", SAMPLES, "--db", db, "-q", "--executor", kind, *extra).exit_code == 0
        res = _run("process", "--db", db, "-q", "--executor", kind, *extra)
        assert res.exit_code == 0, res.output
        out = _run("export", "--db", db, "--format", "jsonl").stdout
        dbs[kind] = [{k: v for k, v in json.loads(x).items() if k not in ("created_at", "updated_at")} for x in out.splitlines()]
    assert dbs["serial"] and dbs["processes"] == dbs["serial"]


@pytest.mark.parametrize(
    "args",
    [
        ["--executor", "serial", "--workers", "2"],
        ["--executor", "processes", "--scheduler", "tcp://127.0.0.1:1"],
        ["--workers", "2", "--scheduler", "tcp://127.0.0.1:1"],
    ],
)
def test_contradictions_are_refused(tmp_path: Path, args: list[str]):
    res = _run("process", "--db", str(tmp_path / "x.db"), "-q", *args)
    assert res.exit_code == 2 and "marsad: error:" in res.stderr
