"""Feeds and pages from a real HTTP server on 127.0.0.1, end to end into the store."""

from __future__ import annotations

import datetime as dt

import pytest
from ingest_site import Route, Site

from marsad.runs import ingest
from marsad.ingest.feeds import parse_feed, parse_feed_date
from marsad.store import open_store

JAN8 = dt.date(2020, 1, 8)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("الأربعاء، 8 يناير 2020", JAN8),
        ("٨ كانون الثاني ٢٠٢٠ - 10:30", JAN8),
        ("الأربعاء 08 كانون الثاني 2020", JAN8),
        ("15 آب 2019", dt.date(2019, 8, 15)),
        ("1 تشرين الأول 2019", dt.date(2019, 10, 1)),
        ("3 أبريل 2021 م", dt.date(2021, 4, 3)),
        ("12 جويلية 2021", dt.date(2021, 7, 12)),  # Maghrebi month names (dates.yaml: maghrebi_months)
        ("5 من شهر أوت 2022", dt.date(2022, 8, 5)),
        ("Wed, 08 Jan 2020 10:00:00 +0300", JAN8),
        ("2020-01-08T12:00:00Z", JAN8),
        ("08/01/2020", JAN8),
        ("31 فبراير 2020", None),
        ("قبل ساعة", None),
        ("", None),
    ],
)
def test_parse_feed_date(text: str, expected: dt.date | None) -> None:
    assert parse_feed_date(text) == expected


def test_feed_items_with_arabic_dates(site: Site) -> None:
    import httpx

    items = parse_feed(httpx.get(site.base + "/feed.xml").content)
    assert [i.published for i in items[:4]] == [JAN8] * 4
    assert items[0].title == "قصف مدفعي على سراقب" and items[0].section == "سوريا"


def test_ingest_feed_end_to_end(site: Site, tmp_path) -> None:
    db = str(tmp_path / "m.db")
    skips: list[tuple[str, str, str]] = []
    report = ingest([site.base + "/feed.xml"], db=db, quiet=True, on_skip=lambda *a: skips.append(a))
    reasons = {key.rsplit("/", 1)[-1]: reason for key, reason, _ in skips}
    assert reasons == {"english": "not_arabic", "missing": "http_404", "page": "robots"}
    assert report.stored == 5 and report.near_duplicates == 1 and report.skipped == 3
    with open_store(db) as store:
        counts = store.counts()
        assert counts["articles"] == 5 and counts["near_duplicates"] == 1 and counts["skipped"] == 3
        arts = {a.url.rsplit("/", 1)[-1]: a for _, a in store.pending_articles() if "/copy/" not in a.url}
        # The redirected item is stored under the feed's link, with the page's own data.
        assert set(arts) == {"saraqib", "mayadin", "daraa", "bab"}  # and the linked copy, text kept:
        copy = next(a for _, a in store.pending_articles() if "/copy/" in a.url)
        assert "ستة آخرين" in copy.text
        assert arts["saraqib"].title == "قصف مدفعي على سراقب" and arts["saraqib"].published == JAN8
        assert arts["saraqib"].outlet == "127.0.0.1"
        assert "أخبار متعلقة" not in arts["saraqib"].text and "الحقوق" not in arts["saraqib"].text
        assert store.fetch_state(site.base + "/news/missing").http_status == 404
    # Every request names Marsad.
    assert all("Marsad" in headers.get("user-agent", "") for _, headers in site.log)
    assert site.hits("/robots.txt") == 1 and site.hits("/private/page") == 0


def test_ingest_is_idempotent_and_uses_conditional_get(site: Site, tmp_path) -> None:
    db = str(tmp_path / "m.db")
    ingest([site.base + "/feed.xml", site.base + "/atom.xml"], db=db, quiet=True)
    pages_before = site.hits("/news/saraqib")
    again = ingest([site.base + "/feed.xml", site.base + "/atom.xml"], db=db, quiet=True)
    assert again.stored == 0 and again.not_modified == 2
    feed_requests = [h for p, h in site.log if p == "/feed.xml"]
    assert feed_requests[-1].get("if-none-match") == '"feed-v1"'
    atom_requests = [h for p, h in site.log if p == "/atom.xml"]
    assert atom_requests[-1].get("if-modified-since") == "Wed, 08 Jan 2020 10:00:00 GMT"
    assert site.hits("/news/saraqib") == pages_before
    # A changed feed (new ETag) is read again, but known items are not fetched again.
    site.routes["/feed.xml"].etag = '"feed-v2"'
    third = ingest([site.base + "/feed.xml"], db=db, quiet=True)
    assert third.stored == 0 and third.duplicates >= 4 and site.hits("/news/saraqib") == pages_before
    assert site.hits("/news/missing") == 1  # a 404 is not asked again
    with open_store(db) as store:
        assert store.counts()["articles"] == 5


def test_broken_feed_and_page_url_sources(site: Site, tmp_path) -> None:
    db = str(tmp_path / "m.db")
    report = ingest(
        [site.base + "/broken.xml", site.base + "/news/bab", site.base + "/nothing-here", "ftp://example.org/x"],
        db=db,
        quiet=True,
    )
    assert report.stored == 1
    assert [r for _, r, _ in report.skips] == ["malformed", "http_404", "bad_scheme"]


def test_slow_page_times_out_and_the_batch_goes_on(site: Site, tmp_path) -> None:
    site.routes["/slowfeed.xml"] = Route(
        f"""<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>
<item><title>a</title><link>{site.base}/news/slow</link></item>
<item><title>b</title><link>{site.base}/news/daraa</link></item></channel></rss>""".encode(),
        content_type="application/rss+xml",
    )
    report = ingest([site.base + "/slowfeed.xml"], db=str(tmp_path / "m.db"), quiet=True)
    assert report.stored == 1
    assert [r for _, r, _ in report.skips] == ["timeout"]
