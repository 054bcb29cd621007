"""`marsad serve` wiring, the API's indexes, and the public names of marsad.api."""

from __future__ import annotations

import sqlite3

from click.testing import CliRunner

import marsad.api
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


def test_the_filters_indexes_come_with_the_schema(tmp_path):  # type: ignore[no-untyped-def]
    """The API's filter indexes are the store's (migration 0003), there before the app starts."""
    import marsad_sample_events as samples

    db = samples.make_db(tmp_path / "ix.db")
    names = {r[0] for r in sqlite3.connect(db).execute("SELECT name FROM sqlite_master WHERE type = 'index'")}
    assert {
        "ix_events_type_date",
        "ix_events_actor1_date",
        "ix_events_actor2_date",
        "ix_events_lon_lat",
        "ix_events_search_text",
    } <= names
    plan = " ".join(
        str(r)
        for r in sqlite3.connect(db).execute(
            "EXPLAIN QUERY PLAN SELECT event_date, count(*) FROM events WHERE event_type = 'Battles' GROUP BY event_date"
        )
    )
    assert "ix_events_type_date" in plan, plan
