"""Marsad (مرصد): Arabic news about Syria in, geolocated ACLED-style events out.

The public API, one function per CLI command::

    import marsad
    for result in marsad.extract(marsad.read_inputs(["articles.jsonl"])):
        print(result.to_dict())

Names are imported lazily so that ``import marsad`` stays fast.
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS: dict[str, str] = {
    "Article": "marsad.models",
    "Event": "marsad.models",
    "Location": "marsad.models",
    "ArticleEvents": "marsad.models",
    "MarsadError": "marsad.errors",
    "extract": "marsad.pipeline",
    "extract_article": "marsad.pipeline",
    "classify_article": "marsad.pipeline",
    "read_inputs": "marsad.ingest.readers",
    "run_eval": "marsad.evaluate",
    "lookup_places": "marsad.geo",
    "ingest": "marsad.runs",
    "process": "marsad.runs",
    "watch": "marsad.runs",
    "open_store": "marsad.store",
    "export_events": "marsad.store",
    "create_app": "marsad.api",
    "serve": "marsad.api",
    "extract_distributed": "marsad.scale",
    "make_executor": "marsad.executors",
}

__all__ = sorted(_EXPORTS) + ["__version__"]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'marsad' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
