"""Event deduplication across reports, on both backends, with the project's corpus."""

from __future__ import annotations

import datetime as dt

import pytest
from dedup_corpus import CORPUS
from store_factories import article, event

from marsad.models import Article
from marsad.store import open_store
from marsad.store.dedup import haversine_km, match_score, reconcile

V1 = {"lexicon": "2026.11.1", "gazetteer": "2026.11.1"}


def _load(store, corpus=CORPUS, versions=V1):
    ids = {}
    for n, (story, key, outlet, published, text, ev) in enumerate(corpus):
        art = Article(
            id=key,
            text=text,
            url=f"https://{outlet}/{key}",
            outlet=outlet,
            published=dt.date.fromisoformat(published) if published else None,
        )
        aid = store.add_article(art).article_id
        kw = dict(ev)
        store.save_events(aid, [event(kw.pop("place"), **kw)], versions)
        ids[key] = aid
    return ids


def _story_of(store):
    """event id -> set of stories of its sources."""
    keys = {key: story for story, key, *_ in CORPUS}
    out = {}
    for item in store.iter_events():
        out[item.id] = {keys[s.url.rsplit("/", 1)[-1]] for s in item.sources}
    return out


def test_corpus_merges_same_incidents_only(db_url: str) -> None:
    with open_store(db_url) as store:
        _load(store)
        stories = _story_of(store)
        # Every event holds one story, every story but H-vs-G is one event.
        assert all(len(s) == 1 for s in stories.values())
        by_story = {}
        for event_id, s in stories.items():
            by_story.setdefault(next(iter(s)), []).append(event_id)
        assert {k: len(v) for k, v in by_story.items()} == {
            "A": 1,
            "B": 1,
            "C": 1,
            "D": 1,
            "E": 1,
            "F": 1,
            "G": 1,
            "H": 1,
            "I": 1,
        }
        a = store.get_event(by_story["A"][0])
        assert [s.outlet for s in a.sources] == ["enabbaladi.net", "smartnews-agency.com", "orient-news.net"]
        assert a.event.fatalities == 3  # most conservative of 3 and 4 (the report without a toll is ignored)
        assert a.event.injured == 5
        assert a.event.location.name_en == "Saraqib"  # lead report: most precise place, earliest
        b = store.get_event(by_story["B"][0])
        assert b.event.fatalities == 4 and b.event.actor1 == "COALITION" and b.event.actor2 == "IRAN"
        g = store.get_event(by_story["G"][0])
        assert g.event.fatalities == 2 and g.event.injured == 3 and len(g.sources) == 2
        assert store.counts()["events"] == 9 and store.counts()["event_sources"] == len(CORPUS)


def test_arrival_order_does_not_change_the_result(db_url: str) -> None:
    with open_store(db_url) as store:
        _load(store, list(reversed(CORPUS)))
        events = list(store.iter_events())
        assert len(events) == 9
        a = next(e for e in events if len(e.sources) == 3)
        assert a.event.fatalities == 3 and a.event.location.name_en == "Saraqib"


def test_reprocessing_replaces_without_duplicates(db_url: str) -> None:
    with open_store(db_url) as store:
        ids = _load(store)
        before = {e.id: (e.event.fatalities, len(e.sources)) for e in store.iter_events()}
        v2 = {"lexicon": "2026.12.1", "gazetteer": "2026.11.1"}
        _reload = [(s, k, o, p, t, e) for s, k, o, p, t, e in CORPUS]
        for story, key, outlet, published, text, ev in _reload:
            kw = dict(ev)
            store.save_events(ids[key], [event(kw.pop("place"), **kw)], v2)
        after = {e.id: (e.event.fatalities, len(e.sources)) for e in store.iter_events()}
        assert after == before
        assert {e.event.versions["lexicon"] for e in store.iter_events()} == {"2026.12.1"}
        assert store.counts()["event_sources"] == len(CORPUS)
        # A new lexicon that no longer sees the 4-dead report: the toll goes back to a1's 3,
        # and removing every report of an event deletes it.
        store.save_events(ids["a1"], [], v2)
        a = next(e for e in store.iter_events() if "smartnews-agency.com/a2" in (e.sources[0].url or ""))
        assert a.event.fatalities == 4 and len(a.sources) == 2
        store.save_events(ids["c1"], [], v2)
        assert store.counts()["events"] == 8


def test_one_article_never_merges_with_itself(db_url: str) -> None:
    with open_store(db_url) as store:
        aid = store.add_article(article(1)).article_id
        ids = store.save_events(aid, [event("saraqib"), event("afis")], V1)
        assert len(set(ids)) == 2


def test_match_rules() -> None:
    base = dict(
        sub_event_type="Armed clash", event_date="2020-01-08", lat=35.0, lon=40.0, name_ar="x", actor1="ISIS", actor2="SDF"
    )
    assert match_score(base, dict(base)) == 0.0
    assert match_score(base, dict(base, event_date="2020-01-10")) is None
    assert match_score(base, dict(base, actor2=None)) is not None
    assert match_score(base, dict(base, actor1="HTS")) is None
    assert match_score(base, dict(base, lat=35.2)) is None  # ~22 km
    assert match_score(base, dict(base, event_date=None)) is None
    no_coords = dict(base, lat=None, lon=None)
    assert match_score(no_coords, dict(no_coords, name_ar="X")) is not None  # same normalised name
    assert 3.5 < haversine_km(35.8623, 36.8052, 35.8895, 36.8330) < 4.5


def test_reconcile_fatalities_rule() -> None:
    ev = lambda f, inj=None: event(fatalities=f, injured=inj).to_dict()  # noqa: E731
    assert reconcile([ev(0), ev(7), ev(5)])["fatalities"] == 5
    assert reconcile([ev(0), ev(0)])["fatalities"] == 0
    assert reconcile([ev(3, None), ev(3, 4), ev(3, 2)])["injured"] == 2
    assert reconcile([ev(3)])["injured"] is None
    with pytest.raises(ValueError):
        reconcile([])
