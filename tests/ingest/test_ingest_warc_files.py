"""WARC archives (written with warcio here) and local files (via marsad.ingest.readers)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from ingest_site import STORIES, page
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from marsad.runs import ingest
from marsad.store import open_store


def write_warc(path: Path, pages: list[tuple[str, bytes, str]], *, requests: bool = True) -> None:
    """pages: (url, body, HTTP status line); each response followed by its request record."""
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=path.suffix == ".gz")
        for url, body, status in pages:
            headers = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
            rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(rec)
            if not requests:
                continue
            req = writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            writer.write_record(req)


def test_warc_ingest(tmp_path: Path) -> None:
    warc = tmp_path / "crawl.warc.gz"
    pages = [(f"https://example.org/{k}", page(t, x), "200 OK") for k, (t, x) in STORIES.items()]
    pages.append(("https://example.org/gone", b"", "404 Not Found"))
    pages.append(("https://example.org/empty", b"<html><body></body></html>", "200 OK"))
    write_warc(warc, pages)
    db = str(tmp_path / "m.db")
    report = ingest([str(warc)], db=db, quiet=True)
    assert report.stored == 4
    assert sorted(r for _, r, _ in report.skips) == ["empty", "http_404"]
    again = ingest([str(warc)], db=db, quiet=True)
    assert again.stored == 0 and again.duplicates == 4
    with open_store(db) as store:
        arts = [a for _, a in store.pending_articles()]
        assert {a.url for a in arts} == {f"https://example.org/{k}" for k in STORIES}
        assert all(a.title and a.published for a in arts)


def test_corrupt_warc_is_a_skip(tmp_path: Path) -> None:
    bad = tmp_path / "bad.warc.gz"
    bad.write_bytes(b"\x1f\x8b\x08\x00garbage" * 10)
    report = ingest([str(bad)], db=str(tmp_path / "m.db"), quiet=True)
    assert report.stored == 0 and [r for _, r, _ in report.skips] == ["malformed"]


def test_jsonl_and_text_files(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "id": "j1",
                "url": None,
                "outlet": "sana.sy",
                "published": "2020-01-08",
                "title": "خبر",
                "text": STORIES["daraa"][1],
            },
            ensure_ascii=False,
        ),
        "{not json",
        json.dumps({"id": "j2", "text": STORIES["daraa"][1]}, ensure_ascii=False),  # same text: stored once
        json.dumps({"id": "j3", "text": STORIES["bab"][1]}, ensure_ascii=False),
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    txt = tmp_path / "note.txt"
    txt.write_text("عنوان الخبر\n" + STORIES["mayadin"][1], encoding="utf-8")
    db = str(tmp_path / "m.db")
    report = ingest([str(src), str(txt), str(tmp_path / "missing.jsonl")], db=db, quiet=True)
    assert report.stored == 3 and report.duplicates == 1
    assert sorted(r for _, r, _ in report.skips) == ["malformed", "missing"]
    with open_store(db) as store:
        assert store.fetch_state(f"{src}#2").reason == "malformed"
        ids = sorted(a.id for _, a in store.pending_articles())
        assert ids == ["j1", "j3", "note"]


def test_workers_change_speed_not_results(tmp_path: Path) -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from templates import generate, to_html

    from marsad.runs import process

    arts = generate(120, seed=3)
    warc = tmp_path / "g.warc.gz"
    write_warc(warc, [(a.url, to_html(a), "200 OK") for a in arts])

    def run(workers: int) -> tuple[dict, list]:
        db = str(tmp_path / f"w{workers}.db")
        ingest([str(warc)], db=db, quiet=True, workers=workers)
        process(db=db, quiet=True, workers=workers)
        with open_store(db) as store:
            events = [
                (e.event.sub_event_type, e.event.location.name_ar, e.event.fatalities, len(e.sources))
                for e in store.iter_events()
            ]
            return store.counts(), events

    assert run(1) == run(2)


def test_ingest_and_process_on_both_backends(db_url: str, tmp_path: Path) -> None:
    """The whole path (WARC → articles → events) gives the same store on SQLite and
    PostgreSQL, and a second run adds nothing."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
    from templates import generate, to_html

    from marsad.runs import process

    arts = generate(60, seed=5)
    warc = tmp_path / "b.warc.gz"
    write_warc(warc, [(a.url, to_html(a), "200 OK") for a in arts])

    def run(db: str) -> tuple[dict, list]:
        ingest([str(warc)], db=db, quiet=True)
        process(db=db, quiet=True)
        with open_store(db) as store:
            events = sorted(
                (
                    e.event.sub_event_type,
                    str(e.event.event_date),
                    e.event.location.name_ar,
                    e.event.fatalities,
                    tuple(sorted(s.url for s in e.sources)),
                )
                for e in store.iter_events()
            )
            return store.counts(), events

    got = run(db_url)
    assert got == run(str(tmp_path / "ref.db"))
    assert ingest([str(warc)], db=db_url, quiet=True).stored == 0
    assert process(db=db_url, quiet=True).articles == 0
    assert run(db_url) == got


def test_truncated_record_is_skipped_and_the_intact_copy_stored(tmp_path: Path) -> None:
    """A download cut inside the last record (issue 13, defect 4): that record is a
    ``truncated`` skip, not a half article whose URL would then block the intact copy."""
    items = list(STORIES.items())[:2]
    pages = [(f"https://example.org/{k}", page(t, x), "200 OK") for k, (t, x) in items]
    whole = tmp_path / "whole.warc.gz"
    write_warc(whole, pages, requests=False)
    data = whole.read_bytes()
    db = str(tmp_path / "m.db")
    last_url = pages[-1][0]
    for n, cut in enumerate((len(data) - 300, len(data) - 700)):  # inside the last response's body
        cut_file = tmp_path / f"cut{n}.warc.gz"
        cut_file.write_bytes(data[:cut])
        report = ingest([str(cut_file)], db=db, quiet=True)
        assert [r for _, r, _ in report.skips] == ["truncated"], report.skips
        assert "truncated" in report.skips[0][2]
        with open_store(db) as store:
            assert last_url not in {a.url for _, a in store.pending_articles()}
            assert store.fetch_state(report.skips[0][0]).reason == "truncated"
    report = ingest([str(whole)], db=db, quiet=True)
    assert report.stored == 1 and report.skipped == 0
    with open_store(db) as store:
        arts = {a.url: a for _, a in store.pending_articles()}
        assert arts[last_url].text.rstrip(".").endswith(STORIES[items[-1][0]][1].strip().rstrip(".").split(".")[-1].strip())


def test_plain_warc_cut_inside_headers_is_truncated(tmp_path: Path) -> None:
    pages = [(f"https://example.org/{k}", page(t, x), "200 OK") for k, (t, x) in list(STORIES.items())[:2]]
    whole = tmp_path / "whole.warc"
    write_warc(whole, pages, requests=False)
    data = whole.read_bytes()
    second = data.index(b"WARC/1.0", 10)
    cut = tmp_path / "cut.warc"
    cut.write_bytes(data[: second + 120])  # inside the WARC headers of a later record
    report = ingest([str(cut)], db=str(tmp_path / "m.db"), quiet=True)
    assert report.stored == 1 and [r for _, r, _ in report.skips] == ["truncated"]
