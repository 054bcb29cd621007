"""Storage: SQLite (embedded default) or PostgreSQL, through SQLAlchemy 2 + Alembic.

Public names::

    open_store(url=None) -> Store          open/create/upgrade a database
    Store.add_article / save_events / pending_articles / query_events / ...
    export_events(store_or_url, fmt, out, **filters) -> int
    EventPage, StoredEvent, SourceRef       what query_events returns

See docs/storage.md for the schema and the deduplication rule.
"""

from __future__ import annotations

from typing import Any

from marsad.store.database import AddResult, FetchState, Store, content_hash, open_store
from marsad.store.query import EventPage, SourceRef, StoredEvent

__all__ = [
    "open_store",
    "Store",
    "AddResult",
    "FetchState",
    "EventPage",
    "StoredEvent",
    "SourceRef",
    "content_hash",
    "export_events",
    "EXPORT_FORMATS",
]


def __getattr__(name: str) -> Any:
    if name in ("export_events", "EXPORT_FORMATS"):
        from marsad.store import export

        return getattr(export, name)
    raise AttributeError(f"module 'marsad.store' has no attribute {name!r}")
