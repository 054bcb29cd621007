"""WARC archives → pages: every ``response`` or ``resource`` record with an HTML body.

Requests, metadata, revisits and non-HTML payloads are passed over silently (they
are not articles); an HTML record whose body is empty, or that is not a 200, is
reported as skipped with a reason code; a corrupt archive stops that file with
reason ``malformed`` after the records read so far.  A record cut short (a download
or copy that stopped midway: fewer bytes than its ``Content-Length``, or bytes left
after the last record that do not make one) is skipped with reason ``truncated``:
stored, it would pass for a complete article and its URL would then block the intact
copy.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from dataclasses import dataclass

from marsad.errors import InputError, MalformedInput

__all__ = ["WarcPage", "iter_warc", "is_warc", "record_cut_short", "unread_tail"]

_HTML_TYPES = ("text/html", "application/xhtml+xml")


def is_warc(path: str) -> bool:
    return path.lower().endswith((".warc", ".warc.gz"))


@dataclass(slots=True)
class WarcPage:
    """One archived HTML page, or the reason it cannot be one (``error``)."""

    key: str  # path#record-number, stable across runs
    url: str | None
    content: bytes
    date: dt.date | None
    error: InputError | None = None


def _content_type(record) -> str:  # type: ignore[no-untyped-def]
    if record.rec_type == "response" and record.http_headers is not None:
        ctype = record.http_headers.get_header("Content-Type") or ""
    else:
        ctype = record.rec_headers.get_header("Content-Type") or ""
    return ctype.split(";")[0].strip().lower()


def iter_warc(path: str, *, max_bytes: int) -> Iterator[WarcPage]:
    """HTML pages of the WARC file ``path`` (gzipped or not), in archive order.

    Never raises for a damaged archive: warcio fails on corrupt input with assorted
    exceptions (ArchiveLoadFailed, ValueError, zlib.error, even AttributeError on a
    record without a target URI), so any error while reading ends the file with one
    ``malformed`` page after the records read so far."""
    from warcio.archiveiterator import ArchiveIterator

    n = 0
    size = os.path.getsize(path)
    with open(path, "rb") as fh:
        archive = ArchiveIterator(fh)
        records = iter(archive)
        while True:
            try:
                record = next(records)
                if record.rec_type in ("response", "resource") and _content_type(record) in _HTML_TYPES:
                    n += 1
                    page = _page(record, f"{path}#{n}", max_bytes)
                elif record_cut_short(record):
                    # Not known to be a page: its headers (Content-Type included) may be what was cut.
                    n += 1
                    page = WarcPage(
                        f"{path}#{n}",
                        record.rec_headers.get_header("WARC-Target-URI"),
                        b"",
                        None,
                        InputError(f"WARC record after page {n - 1} is truncated (the file ends inside it)", reason="truncated"),
                    )
                else:
                    continue
            except StopIteration:
                cut = unread_tail(fh, archive.offset, size)
                if cut:
                    yield WarcPage(
                        f"{path}#{n + 1}",
                        None,
                        b"",
                        None,
                        InputError(
                            f"WARC ends with {cut:,} bytes that are not a complete record (after record {n}): "
                            "the file is truncated",
                            reason="truncated",
                        ),
                    )
                return
            except Exception as exc:  # noqa: BLE001 - see docstring: corrupt archives raise anything
                yield WarcPage(
                    f"{path}#{n + 1}",
                    None,
                    b"",
                    None,
                    MalformedInput(f"corrupt WARC after record {n}: {type(exc).__name__}: {exc}"),
                )
                return
            yield page


def _page(record, key: str, max_bytes: int) -> WarcPage:  # type: ignore[no-untyped-def]
    url = record.rec_headers.get_header("WARC-Target-URI")
    raw_date = record.rec_headers.get_header("WARC-Date") or ""
    try:
        date = dt.date.fromisoformat(raw_date[:10]) if raw_date else None
    except ValueError:
        date = None
    if record.rec_type == "response" and record.http_headers is not None:
        code = (record.http_headers.get_statuscode() or "").strip()
        if code != "200":
            reason = f"http_{code}" if code.isdigit() else "malformed"
            return WarcPage(key, url, b"", date, InputError(f"archived HTTP status {code!r}", reason=reason))
    body = record.content_stream().read(max_bytes + 1)
    if len(body) > max_bytes:
        return WarcPage(key, url, b"", date, InputError("record above max_response_bytes", reason="too_large"))
    missing = getattr(record.raw_stream, "limit", 0) or 0
    if missing > 0:
        return WarcPage(
            key,
            url,
            b"",
            date,
            InputError(f"record truncated: {missing:,} of its {record.length:,} bytes are missing", reason="truncated"),
        )
    return WarcPage(key, url, body, date)


def record_cut_short(record) -> bool:  # type: ignore[no-untyped-def]
    """Whether ``record`` ends before its declared length, or its header block was cut
    (no WARC-Type or Content-Length).  Reads the record to its end, as warcio would.
    Shared with the cluster's reader (:mod:`marsad.scale._warc`)."""
    headers = record.rec_headers
    if not headers.get_header("WARC-Type") or not (headers.get_header("Content-Length") or "").strip().isdigit():
        return True
    while record.raw_stream.read(1 << 16):
        pass
    return (getattr(record.raw_stream, "limit", 0) or 0) > 0


def unread_tail(fh, offset: int, size: int) -> int:  # type: ignore[no-untyped-def]
    """How many bytes after ``offset`` (where warcio stopped) are more than padding:
    warcio ends silently on a record cut inside its gzip member or its headers.
    Shared with the cluster's reader (:mod:`marsad.scale._warc`)."""
    if offset >= size:
        return 0
    fh.seek(offset)
    tail = fh.read(65536)
    return 0 if not tail.strip(b"\r\n\t \x00") else size - offset
