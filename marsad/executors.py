"""One way to spread work over processes: serial, a local process pool, or Dask.

Every bulk path (``marsad.process``, ``marsad.ingest``'s archive pages,
``marsad.extract`` over many articles, ``marsad.scale.extract_distributed``) and
the CLI's ``--executor serial|processes|dask --workers N --scheduler ADDR``
go through :func:`make_executor`, so the library and the command line spread
work the same way::

    with make_executor("processes", workers=4) as ex:
        for chunk, result in ex.imap(job, chunks(items, 64)):
            ...

An executor maps a pure, module-level function over *chunks* (lists of items) and
hands the results back **in input order**, keeping at most a window of chunks in
flight, so memory stays flat on inputs of any size and the caller can write each
result as it comes (every database write stays in the caller's process unless
the job writes itself).  Which executor changes speed, never results.

* ``serial``: in this process, one chunk after another;
* ``processes``: a ``multiprocessing`` pool of ``workers`` processes
  (``forkserver``: workers do not inherit open database connections);
* ``dask``: a ``dask.distributed`` cluster: a local one of ``workers``
  single-threaded processes, or an existing one at ``scheduler``
  (see docs/scaling.md).
"""

from __future__ import annotations

import multiprocessing as mp
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager, ExitStack, nullcontext
from itertools import islice
from typing import Any, TypeVar

from marsad.errors import ConfigError

__all__ = ["EXECUTORS", "Executor", "make_executor", "executor_for", "resolve_kind", "chunks"]

EXECUTORS = ("serial", "processes", "dask")

T = TypeVar("T")


def chunks(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """``items`` in lists of ``size`` (the last one shorter)."""
    if size < 1:
        raise ConfigError(f"chunk size must be at least 1, got {size}")
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def resolve_kind(kind: str | None, workers: int | None = None, scheduler: str | None = None) -> str:
    """The executor meant by ``kind``, ``workers`` and ``scheduler`` (refusing what contradicts).

    Without ``kind``: ``dask`` when a scheduler is given, ``processes`` for more
    than one worker, else ``serial``."""
    if kind is not None and kind not in EXECUTORS:
        raise ConfigError(f"unknown executor {kind!r}; one of {', '.join(EXECUTORS)}")
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}")
    if kind is None:
        kind = "dask" if scheduler else "processes" if (workers or 1) > 1 else "serial"
    if scheduler and kind != "dask":
        raise ConfigError(f"--scheduler is a Dask cluster's address: it needs --executor dask, not {kind}")
    if scheduler and workers is not None:
        raise ConfigError("give either --workers (a local cluster) or --scheduler (an existing one), not both")
    if kind == "serial" and (workers or 1) > 1:
        raise ConfigError(f"--executor serial runs in one process: --workers {workers} needs processes or dask")
    return kind


class Executor:
    """Maps a function over chunks, results in input order.  Use as a context manager
    (or call :meth:`close`)."""

    kind = "serial"

    def __init__(self, workers: int = 1, window: int | None = None) -> None:
        self.workers = workers
        self.window = window or 2 * workers + 2

    def imap(
        self, fn: Callable[..., Any], items: Iterable[T], args_of: Callable[[T], tuple] | None = None
    ) -> Iterator[tuple[T, Any]]:
        """``(item, fn(*args_of(item)))`` for each item, in input order (``args_of``
        defaults to ``(item,)``).  A job's exception is raised here."""
        args = args_of or (lambda item: (item,))
        for item in items:
            yield item, fn(*args(item))

    def map(self, fn: Callable[..., Any], items: Iterable[Any]) -> list[Any]:
        """``[fn(item) for item in items]``, spread over the workers."""
        return [result for _item, result in self.imap(fn, items)]

    def run_on_workers(self, fn: Callable[[], Any]) -> dict[str, Any]:
        """``fn()`` in every worker that can be reached, by worker name ({} when they cannot)."""
        return {"local": fn()}

    def close(self) -> None:
        """Stop the workers (nothing to stop here)."""

    def __enter__(self) -> Executor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class ProcessExecutor(Executor):
    """A local ``multiprocessing`` pool (``forkserver``)."""

    kind = "processes"

    def __init__(self, workers: int, window: int | None = None, warm_up: Callable[[], Any] | None = None) -> None:
        super().__init__(workers, window)
        self.pool = mp.get_context("forkserver").Pool(workers, initializer=warm_up)

    def imap(
        self, fn: Callable[..., Any], items: Iterable[T], args_of: Callable[[T], tuple] | None = None
    ) -> Iterator[tuple[T, Any]]:
        args = args_of or (lambda item: (item,))
        pending: deque[tuple[T, Any]] = deque()
        for item in items:
            pending.append((item, self.pool.apply_async(fn, args(item))))
            if len(pending) >= self.window:
                first, job = pending.popleft()
                yield first, job.get()
        while pending:
            first, job = pending.popleft()
            yield first, job.get()

    def run_on_workers(self, fn: Callable[[], Any]) -> dict[str, Any]:
        return {}  # a pool's task can land on any worker: no per-worker answer

    def close(self) -> None:
        self.pool.terminate()
        self.pool.join()


class DaskExecutor(Executor):
    """A ``dask.distributed`` client: a LocalCluster of ``workers`` processes, or ``scheduler``."""

    kind = "dask"

    def __init__(
        self,
        workers: int | None = None,
        scheduler: str | None = None,
        window: int | None = None,
        warm_up: bool = False,
        key_prefix: str = "marsad",
    ) -> None:
        os.environ.setdefault("DASK_LOGGING__DISTRIBUTED", "error")  # before distributed is imported
        from marsad.scale._cluster import dask_client, default_window, total_threads
        from marsad.scale._cluster import warm_up as warm_cluster

        self._stack = ExitStack()
        self.client = self._stack.enter_context(dask_client(workers, scheduler))
        try:
            super().__init__(total_threads(self.client), window or default_window(self.client))
            if warm_up:
                warm_cluster(self.client)
        except BaseException:
            self._stack.close()
            raise
        self.key_prefix = key_prefix

    def imap(
        self, fn: Callable[..., Any], items: Iterable[T], args_of: Callable[[T], tuple] | None = None
    ) -> Iterator[tuple[T, Any]]:
        from marsad.scale._cluster import ordered_map

        args = args_of or (lambda item: (item,))
        return ordered_map(self.client, fn, items, args, window=self.window, key_prefix=self.key_prefix)

    def run_on_workers(self, fn: Callable[[], Any]) -> dict[str, Any]:
        return self.client.run(fn)

    def close(self) -> None:
        self._stack.close()


def _warm_extractor() -> None:
    """Build the extractor (lexicons, gazetteer, models) in a pool process, once.

    A failure is left for the first job to meet and report: a pool whose
    initializer raises starts new workers forever instead of failing."""
    try:
        from marsad.scale._tasks import warm_up

        warm_up()
    except Exception:  # noqa: BLE001, S110 - the job that needs the extractor raises it again
        pass


def make_executor(
    kind: str | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    *,
    window: int | None = None,
    warm_up: bool = False,
    key_prefix: str = "marsad",
) -> Executor:
    """The executor ``kind`` (``serial``, ``processes`` or ``dask``; None: chosen by
    :func:`resolve_kind`).  ``workers``: processes (a local Dask cluster: its worker
    processes; default one per core); ``scheduler``: an existing Dask cluster.
    ``window``: chunks in flight at most (default twice the workers, plus two).
    ``warm_up``: build the extractor in every worker before the first chunk, so a
    broken data file fails the run at once (and every worker starts ready)."""
    kind = resolve_kind(kind, workers, scheduler)
    if kind == "serial":
        return Executor(1, window)
    if kind == "processes":
        n = workers or len(os.sched_getaffinity(0)) or 1
        return ProcessExecutor(n, window, _warm_extractor if warm_up else None)
    return DaskExecutor(workers, scheduler, window, warm_up, key_prefix)


def executor_for(
    executor: str | Executor | None, workers: int | None = None, scheduler: str | None = None, **options: Any
) -> AbstractContextManager[Executor]:
    """A context giving ``executor`` itself when it is an open :class:`Executor` (left
    open: its owner closes it), else a new one from :func:`make_executor` (closed at the end)."""
    if isinstance(executor, Executor):
        return nullcontext(executor)
    return make_executor(executor, workers, scheduler, **options)
