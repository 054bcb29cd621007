"""WARC shards: cut a file into partitions at record boundaries, and read one.

The client walks a WARC file once with warcio to learn each record's byte
offset, then ships each partition as the raw bytes of a run of whole records
(for ``.warc.gz`` every record is its own gzip member, so any run of records is
itself a valid ``.warc.gz``).  Workers therefore need no shared file system.
Only ``response`` and ``resource`` records carrying HTML become articles (through
the serial reader's :func:`~marsad.ingest.readers.article_from_html`; id = the
record's WARC-Record-ID uuid, url = WARC-Target-URI); requests, metadata and
non-HTML payloads are passed over without a skip report.  A skip's line number
is the HTML record's ordinal in its file (1-based).
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

from marsad import settings
from marsad.errors import InputError, MalformedInput, TooLarge
from marsad.ingest.readers import article_from_html
from marsad.models import Article

__all__ = ["WarcRange", "is_warc", "read_warc", "warc_articles", "warc_ranges"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: str) -> bool:
    low = path.lower()
    return low.endswith((".warc", ".warc.gz", ".arc", ".arc.gz"))


@dataclass(frozen=True, slots=True)
class WarcRange:
    """Records ``first_record`` … of ``path`` between bytes ``start`` and ``end``."""

    path: str
    start: int
    end: int
    first_record: int  # ordinal (1-based) of the first HTML record in the range
    n_html: int


def _is_html_record(record) -> bool:
    if record.rec_type not in ("response", "resource"):
        return False
    if record.rec_type == "response" and record.http_headers is not None:
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    return ctype.split(";")[0].strip().lower() in _HTML_TYPES


def warc_ranges(path: str, partition_size: int) -> Iterator[WarcRange]:
    """Byte ranges of ``path`` holding about ``partition_size`` HTML records each."""
    from warcio.archiveiterator import ArchiveIterator

    start = 0
    n_html = 0
    seen_html = 0
    with open(path, "rb") as fh:
        it = ArchiveIterator(fh)
        try:
            for record in it:
                offset = it.get_record_offset()
                if n_html >= partition_size:
                    yield WarcRange(path, start, offset, seen_html - n_html + 1, n_html)
                    start, n_html = offset, 0
                if _is_html_record(record):
                    n_html += 1
                    seen_html += 1
        except Exception:  # noqa: BLE001 - a damaged record: the last range runs to the end of the
            pass  # file, and its worker reports it (truncated / malformed) as the serial reader does
        fh.seek(0, io.SEEK_END)
        end = fh.tell()
    if n_html or end > start:
        yield WarcRange(path, start, end, seen_html - n_html + 1, n_html)


def read_range(rng: WarcRange) -> bytes:
    with open(rng.path, "rb") as fh:
        fh.seek(rng.start)
        return fh.read(rng.end - rng.start)


def _record_article(record, art_id: str, url: str | None) -> Article:
    """One HTML record → Article, with the checks ``marsad ingest`` applies to WARC pages
    (:mod:`marsad.ingest.warc`): an archived non-200 is skipped as ``http_<code>``, a body
    above ``max_response_bytes`` as ``too_large``, a record cut short as ``truncated``."""
    if record.rec_type == "response" and record.http_headers is not None:
        code = record.http_headers.get_statuscode()
        if code != "200":
            raise InputError(f"archived HTTP {code}", reason=f"http_{code}")
    limit = settings.get("max_response_bytes")
    body = record.content_stream().read(limit + 1)
    if len(body) > limit:
        raise TooLarge(f"record above max_response_bytes ({limit})")
    missing = getattr(record.raw_stream, "limit", 0) or 0
    if missing > 0:  # the file ends inside this record: not a whole article
        raise InputError(f"record truncated: {missing} of its {record.length} bytes are missing", reason="truncated")
    return article_from_html(body, id=art_id, url=url)


def warc_articles(raw: bytes | IO[bytes], *, source: str, first_record: int) -> Iterator[tuple[int, Article | InputError]]:
    """(ordinal, Article or the InputError that skips it) for each HTML record of ``raw``
    (the bytes of whole records, or a binary stream).  A record the data ends inside,
    or bytes after the last record that do not make one, are a ``truncated`` skip, with
    the helpers of the serial reader (:mod:`marsad.ingest.warc`)."""
    from warcio.archiveiterator import ArchiveIterator

    from marsad.ingest.warc import record_cut_short, unread_tail

    stream = io.BytesIO(raw) if isinstance(raw, (bytes, bytearray)) else raw
    start = stream.tell()
    size = stream.seek(0, io.SEEK_END)
    stream.seek(start)
    ordinal = first_record
    try:
        archive = ArchiveIterator(stream)
        for record in archive:
            if not _is_html_record(record):
                if record_cut_short(record):  # maybe a page whose headers were cut: not known, so reported
                    yield (
                        ordinal,
                        InputError(
                            f"WARC record after page {ordinal - 1} is truncated (the file ends inside it)", reason="truncated"
                        ),
                    )
                    ordinal += 1
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            rec_id = (record.rec_headers.get_header("WARC-Record-ID") or "").strip("<>")
            art_id = rec_id.removeprefix("urn:uuid:") or f"{source}#{ordinal}"
            try:
                yield ordinal, _record_article(record, art_id, url)
            except InputError as exc:
                yield ordinal, exc
            ordinal += 1
        cut = unread_tail(stream, start + archive.offset, size)
        if cut:
            yield (
                ordinal,
                InputError(
                    f"WARC ends with {cut:,} bytes that are not a complete record (after page {ordinal - 1}): the file is truncated",
                    reason="truncated",
                ),
            )
    except Exception as exc:  # noqa: BLE001 - warcio raises plain exceptions on a corrupt archive
        yield ordinal, MalformedInput(f"unreadable WARC record ({exc})")


def read_warc(path: str, *, on_skip=None) -> Iterator[Article]:
    """Articles of one WARC file, read serially in this process (same ids, same skips as
    the distributed run).  For ``marsad extract`` without a cluster."""
    from marsad.ingest.readers import SkippedInput

    skip = on_skip or (lambda _s: None)
    try:
        fh = open(path, "rb")  # noqa: SIM115 - the with below closes it
    except OSError as exc:
        skip(SkippedInput(path, None, "missing", f"cannot open: {exc.strerror or exc}"))
        return
    with fh:
        for ordinal, item in warc_articles(fh, source=path, first_record=1):
            if isinstance(item, InputError):
                skip(SkippedInput(path, ordinal, item.reason, str(item)))
            else:
                yield item
