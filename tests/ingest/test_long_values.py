"""Values longer than their columns, and characters PostgreSQL refuses (issue 13,
defect 3).  On PostgreSQL a URL over 2,048 characters, an outlet over 255 or an ETag
over 512 used to abort the whole batch (StringDataRightTruncation, exit 2, run
"failed").  Now each is bounded or refused at the store's boundary, on both backends:
the one bad input is a skip with its reason and the rest of the batch is stored."""

from __future__ import annotations

import json
from pathlib import Path

from ingest_site import STORIES, Route, Server, Site, page, rss

from marsad.runs import ingest
from marsad.store import open_store

LONG_URL = "https://example.org/" + "a" * 3000


def _line(key: str, story: str, **over) -> str:  # type: ignore[no-untyped-def]
    title, text = STORIES[story]
    row = {
        "id": key,
        "url": f"https://example.org/{key}",
        "outlet": "example.org",
        "published": "2020-01-08",
        "title": title,
        "text": text,
    }
    row.update(over)
    return json.dumps(row, ensure_ascii=False)


def test_long_and_nul_values_in_files_do_not_abort_the_batch(db_url: str, tmp_path: Path) -> None:
    lines = [
        _line("first", "saraqib"),
        _line("long-url", "mayadin", url=LONG_URL),
        _line("long-outlet", "daraa", outlet="x" * 300 + ".org"),
        _line("long-id-title", "bab", id="i" * 1000, title="عنوان " * 20_000, url="https://example.org/t"),
        _line("nul", "saraqib", title="عنوان\u0000مخفي", url="https://example.org/nul", text=STORIES["saraqib"][1] + " نسخة"),
        _line("last", "daraa", url="https://example.org/last", text=STORIES["daraa"][1] + " تحديث"),
    ]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    skips: list[tuple[str, str, str]] = []
    report = ingest([str(src)], db=db_url, quiet=True, on_skip=lambda *a: skips.append(a))
    assert [(key.rsplit("#", 1)[-1], reason) for key, reason, _ in skips] == [("long-url", "bad_url")]
    assert "2,048" in skips[0][2]
    assert report.stored == 5
    with open_store(db_url) as store:
        assert store.runs(1)[0]["status"] == "done"
        arts = {a.url: a for _, a in store.pending_articles()}
        assert set(arts) == {
            "https://example.org/first",
            "https://example.org/long-outlet",
            "https://example.org/t",
            "https://example.org/nul",
            "https://example.org/last",
        }
        assert len(arts["https://example.org/long-outlet"].outlet) <= 255
        assert arts["https://example.org/nul"].title is None  # the reader drops a value holding NUL
        assert arts["https://example.org/t"].title.startswith("عنوان عنوان")


def test_hostile_server_headers_and_links_do_not_abort_the_batch(db_url: str) -> None:
    site = Site()
    with Server(site):
        b = site.base
        for key, (title, text) in STORIES.items():
            site.routes[f"/news/{key}"] = Route(page(title, text))
        site.routes["/feed.xml"] = Route(
            rss(
                b,
                [
                    ("/news/saraqib", "قصف", "2020-01-08"),
                    ("/" + "l" * 3000, "رابط طويل", "2020-01-08"),
                    ("/news/bab", "انفجار", "2020-01-08"),
                ],
            ),
            content_type="application/rss+xml; charset=utf-8",
            etag='"' + "e" * 600 + '"',
            last_modified="Wed, 08 Jan 2020 10:00:00 GMT" + " " * 10 + "x" * 200,
        )
        site.routes["/news/daraa"] = Route(page(*STORIES["daraa"]), etag='"' + "d" * 700 + '"')
        skips: list[tuple[str, str, str]] = []
        report = ingest([b + "/feed.xml", b + "/news/daraa"], db=db_url, quiet=True, on_skip=lambda *a: skips.append(a))
        assert [(len(key) > 2048, reason) for key, reason, _ in skips] == [(True, "bad_url")]
        assert report.stored == 3
        with open_store(db_url) as store:
            assert store.runs(1)[0]["status"] == "done"
            assert {a.url.rsplit("/", 1)[-1] for _, a in store.pending_articles()} == {"saraqib", "bab", "daraa"}
            state = store.fetch_state(b + "/feed.xml")
            assert state.status == "ok" and state.etag is None  # too long to keep: no conditional GET, no crash
        # A second round works the same (the long key is found again, not inserted twice).
        again = ingest([b + "/feed.xml"], db=db_url, quiet=True)
        assert again.stored == 0


def test_store_bounds_values_from_any_caller(db_url: str) -> None:
    """The store itself bounds what it is given (the write API and library callers too)."""
    import pytest

    from marsad.errors import InputError
    from marsad.models import Article
    from marsad.store.database import fetch_key

    text = STORIES["bab"][1]
    with open_store(db_url) as store:
        res = store.add_article(
            Article(
                id="x\x00" * 300,
                text=text + "\x00",
                url="https://example.org/x\x00",
                outlet="o" * 400,
                title="عنوان\x00",
                published=None,
            ),
            section="قسم\x00" * 100,
        )
        art = store.get_article(res.article_id)
        assert art.url == "https://example.org/x" and art.title == "عنوان" and "\x00" not in art.text
        assert len(art.outlet) <= 255 and len(art.id) <= 255
        with pytest.raises(InputError) as err:
            store.add_article(Article(id="y", text=text + " ب", url=LONG_URL))
        assert err.value.reason == "bad_url"
        # Two long keys sharing their first 2,048 characters stay two fetch records.
        a, b = LONG_URL + "/1", LONG_URL + "/2"
        store.record_fetch(a, status="skipped", reason="bad_url", source=a, etag="e" * 1000)
        store.record_fetch(b, status="skipped", reason="bad_url", source=b, last_modified="m" * 1000)
        assert fetch_key(a) != fetch_key(b) and len(fetch_key(a)) <= 2048
        assert store.fetch_state(a).reason == "bad_url" and store.fetch_state(b).etag is None
        assert store.counts()["fetches"] == 2
