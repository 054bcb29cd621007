"""Hardening tests: fuzzing, crash safety, injection, load (see docs/reliability.md)."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
for p in (HERE, HERE.parents[1], HERE.parents[1] / "tests" / "api", HERE.parents[1] / "bench"):
    if str(p) not in sys.path:
        sys.path.insert(0, str(p))
