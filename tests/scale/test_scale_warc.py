"""The cluster's WARC reader (``marsad.scale._warc``) against the serial one
(``marsad.ingest.warc``) on archives cut short at many bytes: a record the file ends
inside — in its body, its headers or its gzip member — is a ``truncated`` skip in both,
never a partial article and never silently dropped (issue 13)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.errors import InputError
from marsad.ingest.warc import iter_warc
from marsad.scale._warc import read_range, read_warc, warc_articles, warc_ranges

TEXT = "قتل ثلاثة مدنيين جراء قصف مدفعي لقوات النظام على مدينة سراقب في ريف إدلب الشرقي صباح اليوم. " * 6


def _archive(n: int, gz: bool) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for i in range(n):
        html = f"<html><body><article><h1>خبر {i}</h1><p>{TEXT}</p></article></body></html>".encode()
        writer.write_record(
            writer.create_warc_record(
                f"https://example.org/{i}",
                "response",
                payload=io.BytesIO(html),
                http_headers=StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"),
            )
        )
    return buf.getvalue()


def _serial(path: str) -> tuple[list[str | None], list[str]]:
    pages = list(iter_warc(path, max_bytes=10_000_000))
    return [p.url for p in pages if p.error is None], sorted(p.error.reason for p in pages if p.error is not None)


def _cluster_reader(path: str) -> tuple[list[str | None], list[str]]:
    skips: list = []
    urls = [a.url for a in read_warc(path, on_skip=skips.append)]
    return urls, sorted(s.reason for s in skips)


def _partitioned(path: str) -> tuple[list[str | None], list[str]]:
    """What the workers read: one range per record, each read on its own."""
    urls, reasons = [], []
    for rng in warc_ranges(path, 1):
        for _, item in warc_articles(read_range(rng), source=path, first_record=rng.first_record):
            if isinstance(item, InputError):
                reasons.append(item.reason)
            else:
                urls.append(item.url)
    return urls, sorted(reasons)


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_cut_archives_read_alike_by_serial_and_cluster_readers(tmp_path: Path, gz: bool) -> None:
    data = _archive(3, gz)
    path = str(tmp_path / ("cut.warc.gz" if gz else "cut.warc"))
    truncated = 0
    for cut in range(len(data) // 3, len(data), 13):
        Path(path).write_bytes(data[:cut])
        serial = _serial(path)
        assert _cluster_reader(path) == serial, cut
        assert _partitioned(path) == serial, cut
        truncated += serial[1].count("truncated")
    assert truncated > 0


def test_truncated_tail_and_cut_headers_are_truncated_skips(tmp_path: Path) -> None:
    data = _archive(2, gz=False)
    second = data.index(b"WARC/1.0", 10)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: second + 120])  # inside the WARC headers of the second record
    assert _cluster_reader(str(path)) == (["https://example.org/0"], ["truncated"])
    assert _partitioned(str(path)) == (["https://example.org/0"], ["truncated"])
    gz = _archive(2, gz=True)
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(gz[: len(gz) - 40])  # inside the last gzip member
    assert _cluster_reader(str(path)) == (["https://example.org/0"], ["truncated"])
    path.write_bytes(gz + b"WARC/1.0\r\nWARC-Type: resp")  # stray bytes after the last record
    assert _cluster_reader(str(path)) == (["https://example.org/0", "https://example.org/1"], ["truncated"])
