"""Getting articles in: feeds, web pages, WARC archives and local files, fetched and read.

This stage reads; it imports no later stage.  Storing what it reads, and the runs of
``marsad ingest`` / ``process`` / ``watch``, are :mod:`marsad.runs`, above the stages.

Public names (imported lazily, so ``import marsad.ingest`` stays cheap)::

    read_inputs(paths, *, on_skip=None)                  JSONL/.txt/.html readers
    Fetcher                                              the polite HTTP client

See docs/ingest.md.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "Fetcher": "marsad.ingest.fetch",
    "read_inputs": "marsad.ingest.readers",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'marsad.ingest' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
