"""Getting articles in: feeds, web pages, WARC archives and local files → the store.

Public names (imported lazily, so ``import marsad.ingest`` stays cheap)::

    ingest(sources, *, db=None, ...) -> IngestReport     marsad ingest
    process(*, db=None, reprocess=False, ...) -> ProcessReport   marsad process
    watch(sources, *, every="15m", db=None, ...) -> int  marsad watch
    read_inputs(paths, *, on_skip=None)                  JSONL/.txt/.html readers
    Fetcher                                              the polite HTTP client

See docs/ingest.md.
"""

from __future__ import annotations

import importlib
from typing import Any

_EXPORTS = {
    "ingest": "marsad.ingest.run",
    "process": "marsad.ingest.run",
    "watch": "marsad.ingest.run",
    "IngestReport": "marsad.ingest.run",
    "ProcessReport": "marsad.ingest.run",
    "Fetcher": "marsad.ingest.fetch",
    "read_inputs": "marsad.ingest.readers",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'marsad.ingest' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
