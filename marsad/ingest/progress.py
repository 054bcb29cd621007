"""How many items an ingest will see, where that can be known before reading them,
so the progress bar shows a total and an ETA instead of a bare count.

Counted: JSONL lines, ``.txt``/``.html`` files (one each, folders walked as the
readers walk them), the HTML records of a WARC file, the items of a saved feed.
A fetched feed's items are added when the feed arrives (see ``marsad.runs``).
Standard input and files larger than :data:`MAX_COUNT_BYTES` are not counted (a
second pass over them would cost too much): the bar then shows a count only.
"""

from __future__ import annotations

import gzip
import os
from collections.abc import Sequence

from marsad.ingest.sources import kind_of

__all__ = ["local_total", "MAX_COUNT_BYTES"]

MAX_COUNT_BYTES = 256 * 1024 * 1024


def _warc_pages(path: str) -> int:
    from warcio.archiveiterator import ArchiveIterator

    from marsad.ingest.warc import _HTML_TYPES, _content_type

    n = 0
    with open(path, "rb") as fh:
        for record in ArchiveIterator(fh):
            if record.rec_type in ("response", "resource") and _content_type(record) in _HTML_TYPES:
                n += 1
    return n


def _jsonl_lines(path: str) -> int:
    opener = gzip.open if path.lower().endswith(".gz") else open
    with opener(path, "rb") as fh:  # type: ignore[operator]
        return sum(1 for line in fh if line.strip())


def _count(source: str, max_bytes: int) -> int | None:
    from marsad.ingest.readers import _expand, _kind

    kind = kind_of(source)
    if kind == "url":
        return 0  # added as each feed or page arrives
    if kind == "bad_url":
        return 1
    if source == "-":
        return None
    if kind == "warc":
        return _warc_pages(source) if os.path.getsize(source) <= MAX_COUNT_BYTES else None
    if kind == "feed_file":
        from marsad.ingest.feeds import parse_feed

        with open(source, "rb") as fh:
            return max(1, len(parse_feed(fh.read(max_bytes + 1))))
    total = 0
    for path in _expand([source]):
        if not os.path.isfile(path):
            total += 1  # a skip
        elif _kind(path) == "jsonl":
            if os.path.getsize(path) > MAX_COUNT_BYTES:
                return None
            total += _jsonl_lines(path)
        else:
            total += 1
    return total


def local_total(sources: Sequence[str], *, max_bytes: int) -> int | None:
    """Items the sources will yield, counting a URL as none yet; None when unknowable.

    Never raises: a source that cannot be read here is read (and skipped with its
    reason) by the ingest itself; the bar then has no total."""
    total = 0
    for source in sources:
        try:
            n = _count(source, max_bytes)
        except Exception:  # noqa: BLE001 - a count is a nicety; the ingest reports the real problem
            return None
        if n is None:
            return None
        total += n
    return total
