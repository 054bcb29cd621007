"""/api/events.atom and /api/events.rss: valid feeds, the API's filters, text kept as text."""

from __future__ import annotations

import feedparser
import pytest

from marsad_sample_events import N_EVENTS

FILTER_SETS = [
    {},
    {"admin1": "Idlib"},
    {"event_type": "Explosions/Remote violence", "min_fatalities": 1},
    {"event_type": ["Battles", "Protests"]},
    {"actor": "Russian forces"},  # a label, as the API takes it
    {"actor": "SDF"},
    {"q": "ادلب"},
    {"start": "2020-01-10", "end": "2020-01-16"},
    {"bbox": "36,35,37.5,37"},
]


def _api_ids(client, params) -> list[int]:  # type: ignore[no-untyped-def]
    r = client.get("/api/events", params={**params, "page_size": 1000})
    assert r.status_code == 200, r.text
    return [e["id"] for e in r.json()["items"]]


def _entry_id(entry) -> int:  # type: ignore[no-untyped-def]
    return int(entry.id.rsplit("/", 1)[1])


@pytest.mark.parametrize("params", FILTER_SETS, ids=lambda p: ",".join(p) or "none")
def test_atom_feed_is_valid_and_holds_what_the_api_answers(client, params):  # type: ignore[no-untyped-def]
    r = client.get("/api/events.atom", params=params)
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(r.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [_entry_id(e) for e in feed.entries] == _api_ids(client, params)  # same events, same order
    assert feed.feed.title.startswith("Marsad: ")
    for entry in feed.entries:
        assert entry.link.endswith(f"/?ev={_entry_id(entry)}")  # the event on the map
        assert entry.summary and entry.title


def test_filters_show_in_the_feed_title_and_links(client):  # type: ignore[no-untyped-def]
    params = {"admin1": "Idlib", "event_type": "Explosions/Remote violence", "min_fatalities": 1}
    feed = feedparser.parse(client.get("/api/events.atom", params=params).content)
    assert feed.feed.title == "Marsad: Idlib · Explosions/Remote violence · at least 1 killed"
    alternate = [link.href for link in feed.feed.links if link.rel == "alternate"][0]
    assert "admin1=Idlib" in alternate and "min_fatalities=1" in alternate  # the map with the same filters
    assert len(feed.entries) == 2
    sources = {link.href for e in feed.entries for link in e.links if link.rel == "related"}
    assert sources == {"https://example.org/news/kafranbel", "https://example.org/news/saraqab"}


def test_feed_text_is_escaped_never_markup(client):  # type: ignore[no-untyped-def]
    raw = client.get("/api/events.atom").text
    assert "<script>" not in raw and "<img" not in raw and "&lt;script&gt;" in raw
    feed = feedparser.parse(raw.encode())
    hostile = [e for e in feed.entries if "Duma" in e.title][0]
    assert hostile.summary_detail.type == "text/plain"
    assert "<script>window.__pwned=6</script>" in hostile.summary  # shown as the text it is
    assert not [link for link in hostile.links if "javascript" in link.href]  # the javascript: source is no link
    rss = client.get("/api/events.rss").text
    # RSS descriptions are HTML to a reader: the text is escaped twice so it stays text
    assert "<script>" not in rss and "&amp;lt;script&amp;gt;" in rss


def test_rss_feed_is_valid_and_filtered(client):  # type: ignore[no-untyped-def]
    feed = feedparser.parse(client.get("/api/events.rss").content)
    assert not feed.bozo and feed.version == "rss20" and len(feed.entries) == N_EVENTS
    params = {"admin1": "Idlib"}
    feed = feedparser.parse(client.get("/api/events.rss", params=params).content)
    assert [_entry_id(e) for e in feed.entries] == _api_ids(client, params)


def test_feed_limit_and_bad_filters(client):  # type: ignore[no-untyped-def]
    feed = feedparser.parse(client.get("/api/events.atom", params={"limit": 3}).content)
    assert [_entry_id(e) for e in feed.entries] == _api_ids(client, {})[:3]
    for params, param in [
        ({"event_type": "Battle"}, "event_type"),
        ({"actor": "Turkish"}, "actor"),
        ({"limit": 0}, "limit"),
        ({"page": 2}, "page"),
    ]:
        r = client.get("/api/events.atom", params=params)
        assert r.status_code == 422 and param in [d["param"] for d in r.json()["error"]["details"]]
