"""`marsad serve` wiring, the API's indexes, and the public names of marsad.api."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

import marsad.api
from marsad.api.indexes import API_INDEXES, SQLITE_INDEXES
from marsad.cli import cli


def test_public_names():
    assert marsad.api.__all__ == ["create_app", "serve"]
    assert callable(marsad.api.create_app) and callable(marsad.api.serve)


def test_serve_passes_its_options_to_the_library(monkeypatch):  # type: ignore[no-untyped-def]
    seen = {}
    monkeypatch.setattr(marsad.api, "serve", lambda *a, **k: seen.update(args=a, kwargs=k))
    result = CliRunner().invoke(cli, ["serve", "--db", "x.db", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert seen["args"] == ("x.db", "127.0.0.1", 8123) and seen["kwargs"] == {"allow_writes": False}


def test_serve_warns_when_not_on_loopback(monkeypatch):  # type: ignore[no-untyped-def]
    monkeypatch.setattr(marsad.api, "serve", lambda *a, **k: None)
    result = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert result.exit_code == 0 and "reachable from other machines" in result.output


def test_serve_on_a_missing_database_is_an_error(tmp_path):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "no database" in result.output


def test_indexes_are_added_once(tmp_path):  # type: ignore[no-untyped-def]
    import marsad_sample_events as samples

    db = samples.make_db(tmp_path / "ix.db")
    marsad.api.create_app(db)
    marsad.api.create_app(db)  # a second start finds them there
    names = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert set(API_INDEXES) | set(SQLITE_INDEXES) <= names
    plain = samples.make_db(tmp_path / "plain.db")
    marsad.api.create_app(plain, create_indexes=False)
    names = {r[0] for r in sqlite3.connect(plain).execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert not set(API_INDEXES) & names
