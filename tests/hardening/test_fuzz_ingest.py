"""Fuzzing that can find the defects of issue 13: hostile pages under a deadline,
truncated archives, and hostile values through ``ingest`` on both database backends.

* Pages: markup that stalls regex-based parsers (runs of ``<h1``, ``<title``,
  ``<time``, ``<meta``, open brackets, JSON-LD keys …; runs from a few bytes up to
  2.5 MB, one to four per page) mixed with Arabic text, through
  :func:`marsad.ingest.web.extract_page`; each
  example must finish within the hypothesis deadline (the old code needed minutes
  to hours).
* Archives: WARC files (gzipped or not) written with warcio, then cut at any byte:
  :func:`marsad.ingest.warc.iter_warc` may only yield a page whose body is the
  record's whole body; a cut record is a ``truncated`` (or ``malformed``) skip.
* Ingest: JSONL lines with hostile ids, URLs (up to 5,000 characters), outlets,
  titles and sections through :func:`marsad.runs.ingest` into SQLite and a real
  PostgreSQL: the run ends ``done``, every line is stored or skipped with a known
  reason, and what was stored reads back.

Counts go to ``artifacts/reliability/fuzz_ingest.json`` (docs/reliability.md).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from figures import Counter, examples
from fuzz_strategies import arabic_texts
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from marsad.errors import InputError
from marsad.ingest.warc import iter_warc
from marsad.ingest.web import extract_page

COUNT = Counter()
PAGE_DEADLINE = dt.timedelta(seconds=20)  # a 2.5 MB page parses in < 1 s; the old regexes took minutes
REASONS = {"empty", "encoding", "too_large", "not_arabic", "malformed", "missing", "truncated", "bad_url"}
ARTICLE = (
    "قتل ثلاثة مدنيين وأصيب خمسة آخرون جراء قصف مدفعي لقوات النظام على مدينة سراقب في ريف إدلب "
    "الشرقي صباح اليوم، بحسب الدفاع المدني السوري الذي انتشل الضحايا من تحت الأنقاض."
)


@pytest.fixture(scope="module", autouse=True)
def _save_counts():  # type: ignore[no-untyped-def]
    yield
    COUNT.save(
        "fuzz_ingest",
        max_examples_per_test={"pages": examples(30), "archives": examples(150), "ingest per backend": examples(25)},
        page_deadline_s=PAGE_DEADLINE.total_seconds(),
    )


# --------------------------------------------------------------------------- hostile pages

STALLERS = [
    "<h1",
    "<title",
    "<time ",
    "<meta ",
    "<",
    "<a href='",
    '"datePublished":"',
    "<script>",
    "<!--",
    "<h1 class='",
    '<time datetime="',
    "&#",
    "<meta property='article:section' content='",
    " \t",
]
# Sizes drawn from the small to the limit (2.5 MB, as the 3.4 KB .warc.gz of the report expanded to).
stall_runs = st.tuples(
    st.sampled_from(STALLERS), st.one_of(st.integers(1, 5_000), st.sampled_from([60_000, 250_000, 2_500_000]))
).map(lambda t: t[0] * max(1, t[1] // len(t[0])))


@settings(
    max_examples=examples(30),
    deadline=PAGE_DEADLINE,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example],
)
@given(
    run=stall_runs,
    others=st.lists(st.one_of(stall_runs, arabic_texts(20), st.just(f"<article><p>{ARTICLE}</p></article>")), max_size=3),
    at=st.integers(0, 3),
    titled=st.booleans(),
)
def test_hostile_pages_parse_within_the_deadline(run: str, others: list[str], at: int, titled: bool) -> None:
    parts = list(others)
    parts.insert(min(at, len(parts)), run)
    html = "<html><head>" + ("<title>عنوان الخبر</title>" if titled else "") + "</head><body>" + "".join(parts)
    COUNT("hostile pages (up to 2.5 MB, deadline %gs)" % PAGE_DEADLINE.total_seconds())
    COUNT.notes["largest page bytes"] = max(COUNT.notes.get("largest page bytes", 0), len(html.encode()))
    try:
        page = extract_page(html.encode("utf-8", "surrogatepass"), url="https://example.org/x")
    except InputError as exc:
        assert exc.reason in REASONS, exc.reason
        return
    assert page.article.text.strip()
    assert page.article.title is None or len(page.article.title) <= 1000


# --------------------------------------------------------------------------- truncated archives


def _warc(bodies: list[bytes], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for n, body in enumerate(bodies):
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(f"https://example.org/{n}", "response", payload=io.BytesIO(body), http_headers=headers)
        )
        if n % 2:
            writer.write_record(
                writer.create_warc_record(f"https://example.org/{n}", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            )
    return out.getvalue()


@settings(
    max_examples=examples(150),
    deadline=dt.timedelta(seconds=10),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(texts=st.lists(arabic_texts(60), min_size=1, max_size=4), gz=st.booleans(), cut=st.floats(0.0, 1.0))
def test_truncated_archives_never_yield_a_partial_page(tmp_path: Path, texts: list[str], gz: bool, cut: float) -> None:
    bodies = [f"<html><body><article><h1>خبر {n}</h1><p>{t}</p></article></body></html>".encode() for n, t in enumerate(texts)]
    data = _warc(bodies, gz)
    keep = int(len(data) * cut)
    path = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    path.write_bytes(data[:keep])
    COUNT("truncated WARC archives (cut at any byte)")
    whole = {f"https://example.org/{n}": b for n, b in enumerate(bodies)}
    pages = list(iter_warc(str(path), max_bytes=1_000_000))
    for page in pages:
        if page.error is not None:
            assert page.error.reason in ("truncated", "malformed"), page.error.reason
            continue
        assert page.content == whole[page.url], "a cut record passed for a whole page"
    ok = sum(1 for p in pages if p.error is None)
    if keep == 0:
        COUNT.notes["empty archives (cut at byte 0)"] = COUNT.notes.get("empty archives (cut at byte 0)", 0) + 1
    elif ok < len(bodies):
        COUNT.notes["archives with a record cut"] = COUNT.notes.get("archives with a record cut", 0) + 1
        # What was cut is said, unless the cut fell exactly between records or in the last
        # record's trailing bytes (gzip trailer, the blank lines after a record): then the
        # archive read is a complete, shorter archive.
        if not any(p.error for p in pages):
            COUNT.notes["cuts at a record boundary (undetectable)"] = (
                COUNT.notes.get("cuts at a record boundary (undetectable)", 0) + 1
            )


# --------------------------------------------------------------------------- ingest, both backends

hostile_str = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=200, max_size=600),
    st.sampled_from(["\x00", "a\x00b", "\x1b[31m", "\u202e", "'; DROP TABLE articles; --", "%_\\"]),
    st.integers(1, 6000).map(lambda n: "x" * n),
)
hostile_url = st.one_of(
    st.integers(1, 5000).map(lambda n: "https://example.org/" + "p" * n),
    st.sampled_from(["javascript:alert(1)", "https://example.org/\x00", "not a url", "https://" + "h" * 300 + ".org/"]),
    hostile_str,
    st.none(),
)


@pytest.fixture(scope="module")
def pg_db(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    """One fresh PostgreSQL database for the module (examples accumulate in it, as a real store would)."""
    import uuid

    import psycopg

    server = request.getfixturevalue("postgres_server")
    name = "fuzz_" + uuid.uuid4().hex[:10]
    conninfo = server.replace("postgresql+psycopg://", "postgresql://") + "/postgres"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    yield f"{server}/{name}"
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def fuzz_db(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    if request.param == "sqlite":
        return str(tmp_path_factory.mktemp("fuzzdb") / "fuzz.db")
    return request.getfixturevalue("pg_db")


@settings(
    max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {
                "id": hostile_str,
                "url": hostile_url,
                "outlet": st.one_of(hostile_str, st.none()),
                "title": st.one_of(hostile_str, st.none()),
                "published": st.one_of(st.none(), hostile_str, st.just("2020-02-30")),
                "text": st.one_of(st.just(ARTICLE), arabic_texts(40), hostile_str),
            }
        ),
        min_size=1,
        max_size=4,
    ),
    salt=st.integers(0, 10**9),
)
def test_hostile_values_ingest_on_both_backends(fuzz_db: str, tmp_path: Path, rows: list[dict], salt: int) -> None:
    from marsad.runs import ingest
    from marsad.store import open_store

    backend = "postgresql" if "://" in fuzz_db else "sqlite"
    COUNT(f"ingest runs of hostile JSONL values ({backend})")
    lines = []
    for n, row in enumerate(rows):
        row = dict(row)
        if row["text"] == ARTICLE:
            row["text"] = f"{ARTICLE} رقم {salt}-{n}"  # a new text each time: not a duplicate of an earlier example
        lines.append(json.dumps(row, ensure_ascii=False))
    src = tmp_path / f"in{salt}.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8", errors="surrogatepass")
    seen: list[tuple[str, str, str]] = []
    report = ingest([str(src)], db=fuzz_db, quiet=True, on_skip=lambda *a: seen.append(a))
    assert report.stored + report.duplicates + report.skipped == len(rows), report
    assert all(reason in REASONS for _, reason, _ in seen), seen
    with open_store(fuzz_db) as store:
        run = store.runs(1)[0]
        assert run["kind"] == "ingest" and run["status"] == "done"
        for key, reason, _ in seen:
            state = store.fetch_state(key)
            assert state is not None and state.reason == reason
