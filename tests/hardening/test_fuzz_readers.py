"""Fuzzing every article reader through the real parsing functions.

* JSONL / text / HTML files: :func:`marsad.ingest.readers.read_inputs` on random and
  mutated bytes, in every suffix, plain and gzipped.
* Encodings: Arabic text written as UTF-8 (with and without BOM), UTF-16 LE/BE with
  BOM and Windows-1256 is read back exactly; bytes in any other encoding are refused
  with reason ``encoding`` and a message saying why.
* Feeds: :func:`marsad.ingest.feeds.parse_feed` / ``parse_feed_date`` /
  ``looks_like_feed`` on generated RSS/Atom with hostile fields, and on mutated
  feeds; a saved feed through :func:`marsad.ingest.sources.iter_local`.
* WARC: generated archives (warcio), then truncated, bit-flipped or spliced, through
  :func:`marsad.ingest.warc.iter_warc` and ``iter_local``.
* HTML pages: :func:`marsad.ingest.web.extract_page` and ``page_metadata`` (the
  fetch path) and :func:`marsad.ingest.readers.article_from_html` (the file path).
* Ingest: fuzzed files through :func:`marsad.runs.ingest` into a real store —
  every skip carries a known reason code and is stored in ``fetches``.

Nothing may raise except :class:`~marsad.errors.InputError` subclasses, and those
only where the API says so.  Counts go to docs/reliability.md.
"""

from __future__ import annotations

import gzip
import io
import random
import sqlite3
from pathlib import Path

import pytest
from figures import Counter, examples
from fuzz_strategies import any_text, arabic_texts
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from marsad.errors import EncodingError, InputError
from marsad.ingest.feeds import looks_like_feed, parse_feed, parse_feed_date
from marsad.ingest.readers import (
    SkippedInput,
    article_from_html,
    decode_bytes,
    read_inputs,
)
from marsad.ingest.sources import iter_local
from marsad.ingest.warc import iter_warc
from marsad.ingest.web import extract_page, page_metadata

EXAMPLES = examples(250)
FUZZ = settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
COUNT = Counter()

#: Every reason code a reader, feed, archive or fetch may give (docs/ingest.md "Skips").
REASONS = {"empty", "encoding", "too_large", "not_arabic", "malformed", "missing", "truncated"}
HTTP_REASON = "http_"


def known_reason(reason: str) -> bool:
    return reason in REASONS or (reason.startswith(HTTP_REASON) and reason[5:].isdigit())


@pytest.fixture(scope="module", autouse=True)
def _save_counts():  # type: ignore[no-untyped-def]
    yield
    COUNT.save("fuzz_readers", max_examples_per_test=EXAMPLES)


def mutate(data: bytes, rnd: random.Random, n: int) -> bytes:
    """Flip, drop, duplicate and truncate bytes: the damage of a bad disk or a cut download."""
    buf = bytearray(data)
    for _ in range(n):
        if not buf:
            break
        op = rnd.randrange(5)
        i = rnd.randrange(len(buf))
        if op == 0:
            buf[i] ^= 1 << rnd.randrange(8)
        elif op == 1:
            del buf[i : i + rnd.randrange(1, 64)]
        elif op == 2:
            buf[i:i] = buf[i : i + rnd.randrange(1, 64)]
        elif op == 3:
            del buf[i:]
        else:
            buf[i:i] = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 16)))
    return bytes(buf)


# --------------------------------------------------------------------------- files


def html_page(title: str, body: str, date: str = "") -> str:
    return (
        f"<!DOCTYPE html><html lang='ar' dir='rtl'><head><meta charset='utf-8'><title>{title}</title>"
        f"<meta property='article:published_time' content='{date}'><meta property='og:url' "
        f"content='https://example.org/a'></head><body><nav>الرئيسية أخبار</nav><article><h1>{title}</h1>"
        f"<p>{body}</p><p onclick='alert(1)'>{body[:200]}</p><script>alert(1)</script></article></body></html>"
    )


file_bytes = st.one_of(
    st.binary(max_size=4000),
    arabic_texts(80).map(lambda s: s.encode("utf-8")),
    st.tuples(arabic_texts(10), arabic_texts(80)).map(lambda t: html_page(*t).encode("utf-8")),
    st.lists(
        st.fixed_dictionaries(
            {
                "id": st.one_of(st.text(max_size=8), st.integers()),
                "text": st.one_of(arabic_texts(40), st.none(), st.integers()),
                "published": st.one_of(st.none(), st.text(max_size=12), st.just("2020-02-30")),
            }
        ),
        max_size=6,
    ).map(lambda ds: b"\n".join(__import__("json").dumps(d).encode() for d in ds)),
)


@FUZZ
@given(
    data=file_bytes,
    suffix=st.sampled_from([".jsonl", ".txt", ".html", ".jsonl.gz", ".txt.gz", ".html.gz", ".bin"]),
    seed=st.integers(0, 2**32 - 1),
    damage=st.integers(0, 6),
)
def test_file_readers_never_raise(tmp_path: Path, data: bytes, suffix: str, seed: int, damage: int) -> None:
    COUNT("files (jsonl/txt/html, plain and gzip)")
    data = mutate(data, random.Random(seed), damage)
    p = tmp_path / f"f{seed}{suffix}"
    p.write_bytes(gzip.compress(data) if suffix.endswith(".gz") and seed % 3 else data)
    skips: list[SkippedInput] = []
    for a in read_inputs([str(p)], on_skip=skips.append):
        assert a.text.strip() and isinstance(a.id, str)
        a.text.encode("utf-8")
    for s in skips:
        assert known_reason(s.reason), s
        assert s.message


# --------------------------------------------------------------------------- encodings

cp1256_text = arabic_texts(40).map(lambda s: "".join(ch for ch in s if _cp1256_ok(ch)))


def _cp1256_ok(ch: str) -> bool:
    try:
        ch.encode("cp1256")
    except UnicodeEncodeError:
        return False
    return ch != "\x00"


@FUZZ
@given(
    text=cp1256_text,
    codec=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le+bom", "utf-16-be+bom", "utf-32", "cp1256"]),
)
def test_supported_encodings_read_back_exactly(text: str, codec: str) -> None:
    from marsad.ingest.readers import MAX_GARBLED_SHARE, _garbled_share, arabic_share

    assume(text.strip() and "\ufeff" not in text)
    if codec == "cp1256":  # what a cp1256 reader can tell from garble: mostly Arabic, few àâçè…
        assume(arabic_share(text) >= 0.5 and _garbled_share(text) <= MAX_GARBLED_SHARE)
    COUNT(f"encoding {codec}")
    if codec.endswith("+bom"):
        base = codec.removesuffix("+bom")
        data = ("\ufeff" + text).encode(base)
    else:
        data = text.encode(codec)
    out = decode_bytes(data)
    if codec == "utf-8-sig":
        out = out.lstrip("\ufeff")
    assert out == text


def test_iso_8859_6_and_mac_arabic_are_refused_not_garbled() -> None:
    import json

    from marsad.resources import data_path

    texts = [
        json.loads(line)["text"]
        for line in data_path("samples", "articles.jsonl").read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]
    for codec in ("iso-8859-6", "mac-arabic", "cp720", "cp864"):
        for t in texts:
            data = "".join(ch for ch in t if ch.encode(codec, "ignore")).encode(codec)
            with pytest.raises(EncodingError):
                decode_bytes(data)
        COUNT(f"sample articles refused: {codec}", len(texts))
    for t in texts:  # and the same articles in Windows-1256 are read
        assert decode_bytes(t.encode("cp1256", "ignore")) == t.encode("cp1256", "ignore").decode("cp1256")


@FUZZ
@given(text=arabic_texts(30), codec=st.sampled_from(["iso-8859-6", "cp720", "mac-arabic", "utf-16-le", "utf-32-le"]))
def test_other_encodings_are_refused_with_the_reason(text: str, codec: str) -> None:
    try:
        data = text.encode(codec)
    except UnicodeEncodeError:
        assume(False)
    COUNT(f"other encoding {codec}")
    try:
        out = decode_bytes(data)
    except EncodingError as exc:
        assert exc.reason == "encoding" and str(exc)
        COUNT.refused += 1
        return
    # Some byte strings are valid in two encodings (pure ASCII; a few Arabic words whose
    # bytes also read as plausible cp1256): they decode to text, never to NULs or a crash.
    assert isinstance(out, str) and "\x00" not in out
    if not data.isascii():
        key = f"ambiguous bytes read as another encoding: {codec}"
        COUNT.notes[key] = COUNT.notes.get(key, 0) + 1


# --------------------------------------------------------------------------- feeds

feed_field = st.one_of(
    any_text(),
    st.sampled_from(
        [
            "<![CDATA[<script>alert(1)</script>]]>",
            "&lt;b&gt;",
            "&bogus;",
            "javascript:alert(1)",
            "file:///etc/passwd",
            "http://169.254.169.254/latest/meta-data/",
            "الأربعاء، 8 يناير 2020",
            "٨ كانون الثاني ٢٠٢٠",
            "31/02/2020",
            "Wed, 08 Jan 2020 10:00:00 +0300",
            "2020-13-45T99:99:99Z",
            "9999-12-31",
            "",
        ]
    ),
)


def _xml(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace("\x00", "")


def rss(items: list[tuple[str, str, str]], atom: bool) -> bytes:
    if atom:
        body = "".join(
            f'<entry><title>{_xml(t)}</title><link href="{_xml(l)}"/><updated>{_xml(d)}</updated></entry>' for t, l, d in items
        )
        doc = f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>x</title>{body}</feed>'
    else:
        body = "".join(
            f"<item><title>{_xml(t)}</title><link>{_xml(l)}</link><pubDate>{_xml(d)}</pubDate>"
            f"<category>{_xml(t[:10])}</category></item>"
            for t, l, d in items
        )
        doc = f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>x</title>{body}</channel></rss>'
    return doc.encode("utf-8", "surrogatepass")


@FUZZ
@given(
    items=st.lists(st.tuples(feed_field, st.one_of(feed_field, st.just("https://example.org/a")), feed_field), max_size=8),
    atom=st.booleans(),
    seed=st.integers(0, 2**32 - 1),
    damage=st.integers(0, 8),
)
def test_feeds_never_raise(tmp_path: Path, items, atom: bool, seed: int, damage: int) -> None:  # type: ignore[no-untyped-def]
    COUNT("feeds (RSS/Atom, parse_feed)")
    content = mutate(rss(items, atom), random.Random(seed), damage)
    looks_like_feed(content, "")
    looks_like_feed(content, "application/rss+xml")
    try:
        parsed = parse_feed(content, base_url="https://example.org/feed")
    except InputError as exc:
        assert exc.reason == "malformed"
        parsed = []
    for it in parsed:
        assert isinstance(it.url, str) and it.url
    for _t, _l, d in items:
        parse_feed_date(d)
    # the same bytes as a feed saved to disk
    p = tmp_path / f"feed{seed}.xml"
    p.write_bytes(content)
    for item in iter_local(str(p), max_bytes=1_000_000):
        assert item.error is None or known_reason(item.error.reason)


@FUZZ
@given(value=st.one_of(feed_field, st.text(max_size=60)))
def test_feed_dates_never_raise(value: str) -> None:
    COUNT("feed dates")
    d = parse_feed_date(value)
    assert d is None or 1900 <= d.year <= 9999


# --------------------------------------------------------------------------- WARC


def warc_bytes(pages: list[tuple[str, bytes, str, str]], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for url, body, status, ctype in pages:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))
        writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    return out.getvalue()


warc_pages = st.lists(
    st.tuples(
        st.sampled_from(["https://example.org/a", "http://x/<script>", "not a url", "https://example.org/" + "a" * 500]),
        st.one_of(st.tuples(arabic_texts(10), arabic_texts(60)).map(lambda t: html_page(*t).encode()), st.binary(max_size=500)),
        st.sampled_from(["200 OK", "404 Not Found", "301 Moved", "500 Oops", "200 OK"]),
        st.sampled_from(["text/html; charset=utf-8", "application/xhtml+xml", "image/png", "text/html"]),
    ),
    max_size=4,
)


@FUZZ
@given(pages=warc_pages, gz=st.booleans(), seed=st.integers(0, 2**32 - 1), damage=st.integers(0, 5))
def test_warc_never_raises(tmp_path: Path, pages, gz: bool, seed: int, damage: int) -> None:  # type: ignore[no-untyped-def]
    COUNT("WARC archives (iter_warc + page extraction)")
    data = mutate(warc_bytes(pages, gz), random.Random(seed), damage)
    p = tmp_path / (f"a{seed}.warc.gz" if gz else f"a{seed}.warc")
    p.write_bytes(data)
    for page in iter_warc(str(p), max_bytes=100_000):
        if page.error is not None:
            assert known_reason(page.error.reason), page.error.reason
            continue
        try:
            extract_page(page.content, url=page.url, id=page.key)
        except InputError as exc:
            assert known_reason(exc.reason), exc.reason
    for item in iter_local(str(p), max_bytes=100_000):
        assert item.error is None or known_reason(item.error.reason)


# --------------------------------------------------------------------------- HTML

tags = st.sampled_from(
    [
        "<p>",
        "</p>",
        "<div>",
        "</div>",
        "<article>",
        "</article>",
        "<h1>",
        "</h1>",
        "<title>",
        "</title>",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "<a href='javascript:alert(1)'>",
        "</a>",
        "<meta property='article:published_time' content='2020-01-0'>",
        "<time datetime='٢٠٢٠-١-١'>",
        "<!--",
        "-->",
        "<![CDATA[",
        "]]>",
        "<svg><foreignObject>",
        "<table><tr><td>",
        "<iframe src=//evil>",
        "<meta charset='windows-1256'>",
        "<base href='javascript:'>",
        "&#0;",
        "&#x110000;",
        "&nbsp;",
        "<",
        '<script type="application/ld+json">{"datePublished": "2020-02-30", "articleSection": "<b>"}</script>',
    ]
)
html_docs = st.lists(st.one_of(tags, arabic_texts(6)), max_size=60).map("".join)


@FUZZ
@given(
    html=st.one_of(html_docs, st.tuples(arabic_texts(8), arabic_texts(60)).map(lambda t: html_page(*t))),
    seed=st.integers(0, 2**32 - 1),
    damage=st.integers(0, 6),
    as_bytes=st.booleans(),
)
def test_html_pages_never_raise(html: str, seed: int, damage: int, as_bytes: bool) -> None:
    COUNT("HTML pages (extract_page, article_from_html, page_metadata)")
    raw = mutate(html.encode("utf-8", "surrogatepass"), random.Random(seed), damage)
    content: bytes | str = raw
    if not as_bytes:
        content = raw.decode("utf-8", "replace")
    for fn in (lambda: extract_page(content, url="https://example.org/x"), lambda: article_from_html(content, id="x")):
        try:
            art = fn()
        except InputError as exc:
            assert known_reason(exc.reason), exc.reason
            continue
        art = getattr(art, "article", art)
        assert art.text.strip()
        art.text.encode("utf-8")
    title, _date, _section = page_metadata(raw.decode("utf-8", "replace"))
    assert title is None or isinstance(title, str)


# --------------------------------------------------------------------------- ingest: reasons stored


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    from marsad.store import open_store

    path = tmp_path_factory.mktemp("ingest") / "fuzz.db"
    with open_store(str(path)) as store:
        yield store, path


@settings(
    max_examples=examples(60), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
@given(
    data=file_bytes,
    suffix=st.sampled_from([".jsonl", ".txt", ".html", ".warc", ".xml"]),
    seed=st.integers(0, 2**32 - 1),
    damage=st.integers(0, 4),
)
def test_ingest_stores_every_skip_with_its_reason(
    fuzz_store,
    tmp_path: Path,
    data: bytes,
    suffix: str,  # type: ignore[no-untyped-def]
    seed: int,
    damage: int,
) -> None:
    from marsad.runs import ingest

    store, path = fuzz_store
    COUNT("ingest runs on fuzzed files")
    if suffix == ".warc":
        data = warc_bytes([("https://example.org/w", data, "200 OK", "text/html")], False)
    data = mutate(data, random.Random(seed), damage)
    p = tmp_path / f"in{seed}{suffix}"
    p.write_bytes(data)
    seen: list[tuple[str, str, str]] = []
    report = ingest([str(p)], store=store, quiet=True, on_skip=lambda *a: seen.append(a))
    assert report.skipped == len(seen)
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        for key, reason, message in seen:
            assert known_reason(reason) or reason in {
                "bad_scheme",
                "dns",
                "connect",
                "timeout",
                "robots",
                "private_address",
                "bad_url",
            }, reason
            assert message
            row = con.execute("SELECT status, reason FROM fetches WHERE key = ?", (key,)).fetchone()
            assert row is not None and row[1] == reason, (key, reason, row)
    finally:
        con.close()
