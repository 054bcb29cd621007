"""`marsad places` and the lookup behind it."""

from __future__ import annotations

import json

from click.testing import CliRunner

from marsad.cli.geo_cmds import places_cmd
from marsad.geo import lookup_places


def test_lookup_lists_same_name_places():
    ids = {c.id for c in lookup_places("ذيبان")}
    assert {"C5202", "C5832"} <= ids


def test_lookup_by_english_and_id():
    assert lookup_places("Sbeikhan")[0].id == "C5211"
    assert lookup_places("C5202")[0].id == "C5202"


def test_lookup_fuzzy_spelling():
    assert "C4110" in {c.id for c in lookup_places("كفرسجة", limit=10)}


def test_cli_text_and_json():
    runner = CliRunner()
    out = runner.invoke(places_cmd, ["ذيبان", "--limit", "3"])
    assert out.exit_code == 0 and "C5202" in out.output and "Deir ez-Zor" in out.output
    out = runner.invoke(places_cmd, ["ذيبان", "--json", "--limit", "2"])
    rows = [json.loads(line) for line in out.output.splitlines()]
    assert len(rows) == 2 and {"id", "lat", "lon", "hierarchy"} <= set(rows[0])


def test_cli_no_match():
    out = CliRunner().invoke(places_cmd, ["xqzxqz"])
    assert out.exit_code == 1
