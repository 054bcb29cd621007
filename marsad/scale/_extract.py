"""``extract_distributed``: the serial ``marsad extract`` on a Dask cluster.

Data flow::

    client: inputs ─► partitions of raw lines/records ─► submit (≤ window in flight)
    worker: parse ─► extract_article ─► serialise ─► one string per partition
    client: ◄─ results in input order ─► output file / shards / stdout

The output is byte-for-byte what the serial command writes, in the same order.
"""

from __future__ import annotations

import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import IO

from marsad.ingest.readers import SkippedInput
from marsad.scale import _tasks
from marsad.scale._sources import expand_inputs, iter_partitions

__all__ = ["ExtractReport", "extract_distributed"]

#: Articles per output shard when ``output`` is a folder.
DEFAULT_SHARD_ARTICLES = 100_000


@dataclass
class ExtractReport:
    """What a distributed run did."""

    articles: int = 0
    skipped: int = 0
    skip_reasons: Counter = field(default_factory=Counter)
    partitions: int = 0
    workers: int = 0  # worker threads on the cluster
    seconds: float = 0.0
    outputs: list[str] = field(default_factory=list)
    worker_peak_rss: dict[str, int] = field(default_factory=dict)  # worker address -> bytes
    worker_cpu_seconds: dict[str, float] = field(default_factory=dict)  # worker address -> CPU s (since start)

    @property
    def articles_per_second(self) -> float:
        return self.articles / self.seconds if self.seconds else 0.0


class _Writer:
    """Writes output lines in order to stdout, one file, or numbered shards in a folder."""

    def __init__(self, output: str | None, shard_articles: int) -> None:
        self.output = output
        self.shard_articles = shard_articles
        self.paths: list[str] = []
        self._fh: IO[bytes] | None = None
        self._tmp: str | None = None
        self._in_shard = 0
        self.sharded = bool(output) and (output.endswith(os.sep) or os.path.isdir(output))
        if self.sharded:
            os.makedirs(output, exist_ok=True)
        elif output in (None, "-"):
            sys.stdout.flush()  # anything written as text before goes first
            self._fh = sys.stdout.buffer
        else:
            self._open(output)

    def _open(self, path: str) -> None:
        self._tmp = path + ".partial"
        self._fh = open(self._tmp, "wb")  # noqa: SIM115 - closed by close(), across writes
        self.paths.append(path)

    def _close_current(self) -> None:
        if self._fh is not None and self._tmp is not None:
            self._fh.close()
            os.replace(self._tmp, self.paths[-1])
            self._fh, self._tmp = None, None

    def write(self, text: str, n_articles: int) -> None:
        if self.sharded:
            if self._fh is None:
                self._open(os.path.join(self.output, f"part-{len(self.paths):05d}.jsonl"))
            self._in_shard += n_articles
        self._fh.write(text.encode("utf-8"))
        if self.sharded and self._in_shard >= self.shard_articles:
            self._close_current()
            self._in_shard = 0

    def close(self, ok: bool) -> None:
        if self._tmp is None:
            if self._fh is not None:
                self._fh.flush()
            return
        if ok:
            self._close_current()
        else:  # leave no half-written file under the final name
            self._fh.close()
            os.unlink(self._tmp)
            self.paths.pop()


def _progress(enabled: bool):
    """A tqdm bar on standard error (none when it is not a terminal, as in the serial commands)."""
    from tqdm import tqdm

    return tqdm(
        total=None,
        unit=" articles",
        disable=not enabled or not sys.stderr.isatty(),
        file=sys.stderr,
        smoothing=0.05,
        mininterval=0.5,
        leave=False,
    )


def extract_distributed(
    inputs: Sequence[str],
    output: str | None,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    partition_size: int = 500,
    on_skip: Callable[[SkippedInput], None] | None = None,
    progress: bool = True,
    window: int | None = None,
    shard_articles: int = DEFAULT_SHARD_ARTICLES,
    explain: bool = False,
    executor: str = "dask",
) -> ExtractReport:
    """Run ``marsad extract`` over ``inputs`` on a Dask cluster (or, with ``executor``
    ``processes`` / ``serial``, on a local process pool / in this process: the
    reading in partitions, the output and the order are the same).

    ``inputs``: JSONL files (also ``.gz``), WARC shards (``.warc[.gz]``), ``.txt``
    or ``.html`` files, folders, glob patterns, or ``-`` for standard input.
    ``output``: a file, a folder (numbered JSONL shards whose concatenation is
    the serial output), or ``None``/``-`` for standard output.
    ``workers``: start a local cluster (pool) of that many single-threaded processes;
    ``scheduler``: use an existing cluster (``tcp://host:8786``).  Neither: one
    process per core (see :func:`marsad.executors.make_executor`).  ``on_skip`` is called, in input
    order, with a :class:`~marsad.ingest.readers.SkippedInput` for every
    unreadable input line, record or file.
    """
    if partition_size < 1:
        from marsad.errors import ConfigError

        raise ConfigError(f"partition_size must be at least 1, got {partition_size}")
    report = ExtractReport()

    def skip(s: SkippedInput) -> None:
        report.skipped += 1
        report.skip_reasons[s.reason] += 1
        if on_skip is not None:
            on_skip(s)

    paths = expand_inputs(inputs, on_skip=skip)
    started = time.perf_counter()
    from marsad.executors import make_executor

    with make_executor(executor, workers, scheduler, window=window, warm_up=True, key_prefix="marsad-extract") as ex:
        report.workers = ex.workers
        writer = _Writer(output, shard_articles)
        ok = False
        bar = _progress(progress)
        try:
            parts = iter_partitions(paths, partition_size)
            args = lambda p: (p.kind, p.source, p.first, p.payload, explain)
            for part, (text, skips, n) in ex.imap(_tasks.run_partition, parts, args):
                for s in (*skips, *part.skips_after):
                    skip(s)
                writer.write(text, n)
                report.articles += n
                report.partitions += 1
                bar.update(n)
            ok = True
        finally:
            bar.close()
            writer.close(ok)
        report.seconds = time.perf_counter() - started
        report.outputs = list(writer.paths)
        try:
            info = ex.run_on_workers(_tasks.worker_info)
        except Exception:  # noqa: BLE001 - a statistic, never worth failing the run for
            info = {}
        report.worker_peak_rss = {k: v["peak_rss"] for k, v in info.items()}
        report.worker_cpu_seconds = {k: v["cpu_seconds"] for k, v in info.items()}
    return report
