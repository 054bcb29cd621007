"""Page extraction (trafilatura + MinHash) of local archives, a chunk at a time,
for the worker processes of ``marsad ingest`` (:mod:`marsad.executors`).

Only pure functions run in workers; every database write stays in the main
process, in input order, one transaction per article — so the executor changes
speed, never results, and kill-safety is the same.
"""

from __future__ import annotations

from typing import Any

from marsad.errors import InputError

__all__ = ["CHUNK", "page_job", "page_jobs"]

CHUNK = 16  # pages per job sent to a worker: big enough to amortise IPC, small enough to keep memory flat


def page_job(args: tuple[bytes, str | None, str, Any, str | None] | None) -> tuple[Any, ...] | None:
    """("page", Page, MinHash bytes or None) of one HTML page, or ("skip", reason,
    message).  (Exceptions with keyword-only attributes do not survive pickling, so a
    skip travels as a tuple.)  None in, None out: items that are not pages."""
    if args is None:
        return None
    from marsad.ingest.neardup import signature, to_bytes
    from marsad.ingest.web import extract_page

    content, url, key, published, title = args
    try:
        page = extract_page(content, url=url, id=url or key, published=published, title=title)
    except InputError as exc:
        return ("skip", exc.reason, str(exc))
    mh = signature(page.article.text)
    return ("page", page, to_bytes(mh) if mh is not None else None)


def page_jobs(chunk: list[tuple[bytes, str | None, str, Any, str | None] | None]) -> list[tuple[Any, ...] | None]:
    """:func:`page_job` of each item of a chunk."""
    return [page_job(args) for args in chunk]
