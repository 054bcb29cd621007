"""Connecting to Dask: a local cluster of N processes, or an existing scheduler.

Also the windowed, ordered map that keeps memory bounded: at most ``window``
partitions are in flight or waiting to be written at any time, and results are
handed back in submission order.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from marsad.errors import ConfigError, MarsadError

__all__ = ["ClusterError", "dask_client", "default_window", "ordered_map", "total_threads", "warm_up"]


#: Dask settings for the workers Marsad starts.  The statistical profiler samples the
#: computing thread's stack every 10 ms under the GIL: worth nothing for a pure-Python
#: extractor, so it is off (set the same on workers you start yourself, docs/scaling.md).
WORKER_CONFIG = {"distributed.worker.profile.enabled": False}


class ClusterError(MarsadError):
    """The Dask cluster could not be started, reached, or used."""


@contextmanager
def dask_client(workers: int | None = None, scheduler: str | None = None, *, memory_limit: str | None = None):
    """A ``distributed.Client``: on ``scheduler`` if given, else a LocalCluster of ``workers`` processes.

    The local cluster runs one single-threaded worker process per core asked for
    (the extractor is pure Python, so threads would only contend for the GIL).
    """
    if workers is not None and scheduler:
        raise ConfigError("give either --workers (a local cluster) or --scheduler (an existing one), not both")
    if workers is not None and workers < 1:
        raise ConfigError(f"--workers must be at least 1, got {workers}")
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - a declared dependency
        raise ConfigError("the distributed run needs dask[distributed]: pip install 'dask[distributed]'") from exc

    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise ClusterError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from exc
        try:
            yield client
        finally:
            client.close()
        return

    import dask

    n = workers or len(os.sched_getaffinity(0)) or 1
    with dask.config.set(WORKER_CONFIG):  # the nanny hands this config to the worker processes
        cluster = LocalCluster(
            n_workers=n,
            threads_per_worker=1,
            processes=True,
            # The scheduler always serves HTTP (health, metrics); ":0" picks a free port
            # instead of 8787, which another cluster on the machine may hold.
            dashboard_address=":0",
            silence_logs=logging.ERROR,
            memory_limit=memory_limit or "auto",
        )
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def warm_up(client) -> dict:
    """Build the extractor (lexicons + gazetteer) in every worker now, once.

    A broken data file fails the run here, before any input is read; a worker
    that cannot import Marsad gets a message saying what to install."""
    from marsad.scale import _tasks

    try:
        return client.run(_tasks.warm_up)
    except ImportError as exc:
        raise ClusterError(
            f"a Dask worker cannot import Marsad ({exc}): install the same Marsad version on every worker (see docs/scaling.md)"
        ) from exc


def total_threads(client) -> int:
    return max(1, sum(client.nthreads().values()))


def default_window(client) -> int:
    """Partitions kept in flight: enough to keep every worker thread busy, no more."""
    return 2 * total_threads(client) + 2


def ordered_map(
    client,
    func: Callable[..., Any],
    items: Iterable[Any],
    args_of: Callable[[Any], tuple],
    *,
    window: int,
    key_prefix: str = "marsad",
) -> Iterator[tuple[Any, Any]]:
    """``(item, func(*args_of(item)))`` for each item, in input order, computed on the cluster.

    At most ``window`` items are submitted but not yet yielded; a new one is
    submitted only when the oldest has been handed back, so neither the client
    nor the cluster ever holds more than ``window`` partitions.  A task that
    fails cancels the rest and re-raises its exception here.
    """
    from distributed import as_completed

    run = uuid.uuid4().hex[:8]
    source = iter(items)
    waiting: dict[int, tuple[Any, Any]] = {}  # seq -> (item, future)
    seq_of: dict[str, int] = {}  # future key -> seq
    results: dict[int, Any] = {}
    ac = as_completed()
    next_submit = next_yield = 0
    exhausted = False

    def fill() -> None:
        nonlocal next_submit, exhausted
        while not exhausted and next_submit < next_yield + window:
            try:
                item = next(source)
            except StopIteration:
                exhausted = True
                return
            fut = client.submit(func, *args_of(item), key=f"{key_prefix}-{run}-{next_submit}", pure=False)
            seq_of[fut.key] = next_submit
            waiting[next_submit] = (item, fut)
            ac.add(fut)
            next_submit += 1

    try:
        fill()
        while next_yield < next_submit:
            while next_yield not in results:
                fut = next(ac)
                seq = seq_of.pop(fut.key)
                results[seq] = fut.result()  # re-raises a worker's exception
                fut.release()
            item, _ = waiting.pop(next_yield)
            value = results.pop(next_yield)
            next_yield += 1
            yield item, value
            fill()
    finally:
        for _item, fut in waiting.values():
            fut.cancel()
