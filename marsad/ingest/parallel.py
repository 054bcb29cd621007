"""Worker processes for the CPU-heavy steps: page extraction (trafilatura + MinHash)
during ingest, event extraction during process (its job, which calls the pipeline,
is :func:`marsad.runs.extract_job`).

Only pure functions run in workers; every database write stays in the main
process, in input order, one transaction per article — so ``--workers`` changes
speed, never results, and kill-safety is the same.  Work goes out in windows of
:data:`WINDOW` items so memory stays flat on archives of any size, and the next
window is computed while the main process stores the previous one.
"""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Callable, Iterable, Iterator
from itertools import islice
from typing import Any, TypeVar

from marsad.errors import InputError

__all__ = ["WINDOW", "windows", "make_pool", "page_job", "pipelined"]

WINDOW = 256  # items per window: big enough to amortise IPC, small enough to keep memory flat
CHUNK = 16  # items per task sent to a worker

T = TypeVar("T")
R = TypeVar("R")


def windows(items: Iterable[T], size: int = WINDOW) -> Iterator[list[T]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def make_pool(workers: int):  # type: ignore[no-untyped-def]
    """A process pool; ``forkserver`` so workers do not inherit open database connections."""
    ctx = mp.get_context("forkserver")
    return ctx.Pool(workers)


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


def pipelined(
    pool,
    fn: Callable[[Any], R],
    batches: Iterable[list[T]],  # type: ignore[no-untyped-def]
    prepare: Callable[[T], Any] = lambda x: x,
) -> Iterator[tuple[list[T], list[R]]]:
    """(batch, [fn(prepare(item)) …]) for each batch, the next batch computing in the
    pool while the caller works on this one."""
    pending = None
    for batch in batches:
        job = pool.map_async(fn, [prepare(x) for x in batch], chunksize=CHUNK)
        if pending is not None:
            yield pending[0], pending[1].get()
        pending = (batch, job)
    if pending is not None:
        yield pending[0], pending[1].get()
