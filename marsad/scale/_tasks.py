"""Worker side: the functions Dask runs.  Kept small and importable by name.

Each worker process imports this module once; the extractor behind
:func:`marsad.pipeline.extract_article` is cached per process, so lexicons and
gazetteer are loaded once per worker (:func:`warm_up` does it eagerly when the
cluster starts) and never per article or per partition.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator

from marsad.errors import InputError
from marsad.ingest.readers import SkippedInput as Skip
from marsad.ingest.readers import parse_jsonl_line
from marsad.models import Article
from marsad.scale._warc import warc_articles

__all__ = ["iter_articles", "run_partition", "warm_up", "worker_info"]


def iter_articles(kind: str, source: str, first: int, payload) -> Iterator[Article | Skip]:
    """Articles of one partition, in order, with a :class:`Skip` where one is unreadable."""
    if kind == "jsonl":
        lineno = first
        pieces = payload.split(b"\n")
        # Give each line back its \n, as the serial reader passes it; only a file's
        # last line may lack one.
        lines = [p + b"\n" for p in pieces[:-1]]
        if pieces[-1]:
            lines.append(pieces[-1])
        for line in lines:
            if line.strip():
                try:
                    yield parse_jsonl_line(line, source=source, lineno=lineno)
                except InputError as exc:
                    yield Skip(source, lineno, exc.reason, str(exc))
            lineno += 1
    elif kind == "warc":
        for ordinal, item in warc_articles(payload, source=source, first_record=first):
            if isinstance(item, InputError):
                yield Skip(source, ordinal, item.reason, str(item))
            else:
                yield item
    elif kind == "files":
        for path, file_kind, data, skip in payload:
            if skip is not None:
                yield skip
                continue
            try:
                yield _file_article(path, file_kind, data)
            except InputError as exc:
                yield Skip(path, None, exc.reason, str(exc))
    elif kind == "articles":
        yield from payload
    else:  # pragma: no cover - a programming error, not an input error
        raise ValueError(f"unknown partition kind {kind!r}")


def _file_article(path: str, kind: str, data: bytes) -> Article:
    """A .txt/.html file's bytes → Article, as ``readers.read_txt`` / ``read_html`` do."""
    from marsad.ingest import readers

    stem = readers._file_stem(path)
    if kind == "txt":
        return readers.article_from_txt(readers.decode_bytes(data), id=stem)
    return readers.article_from_html(data, id=stem)


def run_partition(kind: str, source: str, first: int, payload, explain: bool = False) -> tuple[str, list[Skip], int]:
    """Parse, extract and serialise one partition.

    Returns the partition's output lines joined into one string (cheap to send
    back), its skips, and the number of articles written.
    """
    from marsad.pipeline import dump_line, extract_article

    out: list[str] = []
    skips: list[Skip] = []
    for item in iter_articles(kind, source, first, payload):
        if isinstance(item, Skip):
            skips.append(item)
        else:
            out.append(dump_line(extract_article(item, explain=explain)))
    return "".join(out), skips, len(out)


def warm_up() -> dict:
    """Load lexicons and gazetteer in this worker now (and report what it is)."""
    from marsad import pipeline

    loader = getattr(pipeline, "_extractor", None)
    if callable(loader):
        loader()
    # Everything loaded so far (Dask, the extractor's tables) lives as long as the
    # worker: move it out of the garbage collector's sight, so that the collections
    # the extractor's short-lived objects trigger do not rescan it every time.
    gc.collect()
    gc.freeze()
    return worker_info()


def worker_info() -> dict:
    """pid, peak resident memory (bytes) and CPU seconds used so far by this worker process."""
    import resource

    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "pid": os.getpid(),
        "peak_rss": usage.ru_maxrss * 1024,  # ru_maxrss is KiB on Linux
        "cpu_seconds": usage.ru_utime + usage.ru_stime,
    }
