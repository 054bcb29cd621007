"""A short run of bench/load_test.py: 10 clients for 5 s against `marsad serve` while
`marsad process` writes — no error, no half-written event, no record lost.
(The 50-client, 60-second run quoted in docs/reliability.md is the same script
with its defaults.)"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_short_load_while_writing() -> None:
    out = ROOT / "artifacts" / "reliability" / "load_short.json"
    res = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load_test.py"), "--clients", "10", "--seconds", "5", "--json", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert res.returncode == 0, res.stdout + res.stderr
    body = json.loads(out.read_text(encoding="utf-8"))
    assert body["requests"] > 50 and body["errors"] == 0
    assert body["half_written_events_seen"] == 0 and body["records_lost"] == 0
    assert body["writer_rounds"] >= 1 and body["events_checked"] > 0
