"""Pages built to stall a parser (issue 13, defect 2): markup that made the old
title/date regexes quadratic (256 KB of "<h1" took 98 s; a 2.5 MB page in a
3.4 KB .warc.gz ran for over 300 s).  Metadata is now read by lxml from a bounded
prefix of the page, so these take well under a second each.  They run in a child
process with a time limit so that a regression fails instead of hanging the suite."""

from __future__ import annotations

import gzip
import subprocess
import sys
import textwrap
from pathlib import Path

from ingest_site import STORIES, page
from test_ingest_warc_files import write_warc

from marsad.runs import ingest
from marsad.store import open_store

ROOT = Path(__file__).resolve().parents[2]
LIMIT_S = 60  # for all of them together, on a loaded 2-core machine; the old code needed hours

#: (name, markup repeated, times): each ~250 KB to 2.5 MB
PATHOLOGICAL = [
    ("h1", "<h1", 85_000),
    ("title", "<title", 42_000),
    ("time", "<time ", 42_000),
    ("meta", "<meta ", 42_000),
    ("jsonld", '"datePublished":"', 15_000),
    ("open-tags", "<", 250_000),
    ("h1-2.5MB", "<h1", 850_000),
]
UNTITLED = [("untitled-h1", "<h1", 85_000), ("untitled-time", "<time ", 42_000)]


def _hostile(markup: str, times: int, *, titled: bool = True) -> bytes:
    """A real article page followed by ``markup * times``; without its <title>,
    <h1> and date (``titled=False``) the old regexes searched the whole page."""
    title, text = STORIES["saraqib"]
    html = page(title, text)
    if not titled:
        html = html.replace(f"<title>{title}</title>".encode(), b"").replace(f"<h1>{title}</h1>".encode(), b"")
    return html[: -len(b"</body></html>")] + (markup * times).encode() + b"</body></html>"


def test_pathological_markup_is_read_in_bounded_time() -> None:
    code = textwrap.dedent(f"""
        import sys, time
        sys.path.insert(0, {str(Path(__file__).parent)!r})
        from test_hostile_pages import PATHOLOGICAL, UNTITLED, _hostile
        from marsad.ingest.web import extract_page
        for name, markup, times in PATHOLOGICAL + UNTITLED:
            html = _hostile(markup, times, titled=name not in dict((n, 1) for n, _, _ in UNTITLED))
            t = time.monotonic()
            page = extract_page(html, url="https://example.org/" + name)
            assert "سراقب" in page.article.text, name
            print(name, len(html), round(time.monotonic() - t, 3), flush=True)
    """)
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=LIMIT_S)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len(proc.stdout.splitlines()) == len(PATHOLOGICAL) + len(UNTITLED)


def test_small_warc_holding_a_huge_hostile_page(tmp_path: Path) -> None:
    """A few KB of .warc.gz that expands to a 2.5 MB page of "<h1": ingested (or
    skipped) promptly through the real command, and the intact page beside it stored."""
    warc = tmp_path / "bomb.warc.gz"
    title, text = STORIES["bab"]
    write_warc(
        warc,
        [
            ("https://example.org/bomb", _hostile("<h1", 850_000, titled=False), "200 OK"),
            ("https://example.org/bab", page(title, text), "200 OK"),
        ],
    )
    assert warc.stat().st_size < 20_000
    db = tmp_path / "m.db"
    proc = subprocess.run(
        [sys.executable, "-m", "marsad", "ingest", str(warc), "--db", str(db), "-q"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=LIMIT_S,
    )
    assert proc.returncode in (0, 1), proc.stderr[-2000:]
    with open_store(str(db)) as store:
        urls = {a.url for _, a in store.pending_articles()}
    assert "https://example.org/bab" in urls


def test_gzip_body_of_a_hostile_page_is_bounded(tmp_path: Path) -> None:
    """The same page as a gzipped .html file through ingest: bounded too."""
    p = tmp_path / "page.html.gz"
    p.write_bytes(gzip.compress(_hostile("<title", 400_000, titled=False)))
    report = ingest([str(p)], db=str(tmp_path / "m.db"), quiet=True)
    assert report.stored + report.skipped == 1
