"""``marsad settings``: every setting, its value and where the value came from."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from marsad import settings

ROOT = Path(__file__).resolve().parents[2]


def _marsad(*args: str, **env_extra: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONIOENCODING": "utf-8", **env_extra}
    env = {k: v for k, v in env.items() if not (k.startswith("MARSAD_") and k not in env_extra)}
    return subprocess.run([sys.executable, "-m", "marsad", *args], capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


def test_cli_settings_lists_every_setting():
    proc = _marsad("settings", "--json")
    assert proc.returncode == 0, proc.stderr
    rows = json.loads(proc.stdout)
    assert [r["name"] for r in rows] == list(settings.SETTINGS)
    assert all(r["origin"] in {"default", "environment", "file"} and r["help"] for r in rows)
    plain = _marsad("settings")
    assert all(name in plain.stdout for name in settings.SETTINGS)


def test_cli_settings_shows_origin_and_invalid_values():
    proc = _marsad("settings", "--json", MARSAD_MAX_LINE_BYTES="1234", MARSAD_PORT="not-a-port")
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    rows = {r["name"]: r for r in json.loads(proc.stdout)}
    assert (rows["max_line_bytes"]["value"], rows["max_line_bytes"]["origin"]) == (1234, "environment")
    assert rows["port"]["origin"] == "invalid" and "not-a-port" in rows["port"]["value"]
