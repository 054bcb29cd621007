"""The measured figures of docs/reliability.md, recorded by the tests that produce them.

Each hardening test calls :func:`record` with what it did (inputs fuzzed, faults
injected and survived, requests served …).  The values land in
``artifacts/reliability/<name>.json``; ``scripts/reliability_report.py`` gathers them
into ``docs/reliability.md``.  Counting happens inside the test bodies, so a figure
is what actually ran, not what was configured.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "artifacts" / "reliability"


def examples(n: int) -> int:
    """``n`` hypothesis examples, times ``MARSAD_FUZZ_SCALE`` (default 1; the figures in
    docs/reliability.md come from a run with a larger scale)."""
    return max(1, int(n * float(os.environ.get("MARSAD_FUZZ_SCALE", "1"))))


def record(name: str, **values: Any) -> None:
    """Store the figures of one check under ``name`` (merged with earlier values)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"{name}.json"
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            data = {}
    data.update(values)
    data["recorded_at"] = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True), encoding="utf-8")


class Counter:
    """Counts examples per key inside hypothesis tests; :meth:`save` records them."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.refused = 0  # inputs refused with a reason (where a test counts them)
        self.notes: dict[str, int] = {}  # other tallies, not examples (not in the total)

    def __call__(self, key: str, n: int = 1) -> None:
        self.counts[key] = self.counts.get(key, 0) + n

    def save(self, name: str, **extra: Any) -> None:
        record(
            name,
            examples=dict(sorted(self.counts.items())),
            total=sum(self.counts.values()),
            refused_with_reason=self.refused,
            notes=dict(sorted(self.notes.items())),
            scale=float(os.environ.get("MARSAD_FUZZ_SCALE", "1")),
            **extra,
        )
