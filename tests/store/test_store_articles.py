"""Articles, fetch records and runs: the same behaviour on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from store_factories import article

from marsad.models import Article
from marsad.store import open_store
from marsad.store.db import current_revision, resolve_url


def test_open_creates_and_reopens(db_url: str) -> None:
    with open_store(db_url) as store:
        assert store.counts()["articles"] == 0
    with open_store(db_url) as store:  # migrations are idempotent
        assert current_revision(store.engine) == "0004"


def test_same_url_stored_once_same_text_elsewhere_linked(db_url: str) -> None:
    with open_store(db_url) as store:
        first = store.add_article(article(1))
        assert first.status == "stored"
        again = store.add_article(article(1))
        assert again.status == "duplicate_url" and again.article_id == first.article_id
        # Same text at another URL, with tashkeel and a different alef: same normalised
        # text, another article, linked to the first (issue 13).
        text = "قُتِلَ ثلاثة مدنيين في قصف على أريحا"
        a = store.add_article(article(2, text))
        b = store.add_article(article(3, "قتل ثلاثة مدنيين في  قصف على اريحا"))
        assert a.status == "stored" and b.status == "identical_text" and b.is_new
        assert b.duplicate_of == a.article_id and b.article_id != a.article_id
        # No URL and no other outlet or date (unknown ones tell nothing apart): stored once.
        plain = store.add_article(Article(id="w", text=text))
        assert plain.status == "duplicate_text" and plain.article_id == a.article_id
        c = store.add_article(Article(id="x", text=text, outlet="other.example"))
        d = store.add_article(Article(id="y", text=text, outlet="other.example"))
        assert c.status == "identical_text" and d.status == "duplicate_text" and d.article_id == c.article_id
        assert store.counts()["articles"] == 4


def test_near_duplicate_stored_whole_and_linked(db_url: str) -> None:
    """A near-duplicate is a link: its text is kept and it is processed like any article."""
    with open_store(db_url) as store:
        a = store.add_article(article(1))
        b = store.add_article(article(2, "نسخة أخرى من الخبر"), near_duplicate_of=a.article_id, similarity=0.9)
        assert b.status == "near_duplicate" and b.is_new and b.duplicate_of == a.article_id
        counts = store.counts()
        assert counts["articles"] == 2 and counts["near_duplicates"] == 1
        assert [i for i, _ in store.pending_articles()] == [a.article_id, b.article_id]
        assert store.get_article(b.article_id).text == "نسخة أخرى من الخبر"


def test_fetch_records_upsert_and_keep_validators(db_url: str) -> None:
    with open_store(db_url) as store:
        url = "http://127.0.0.1:1/feed.xml"
        store.record_fetch(url, status="ok", http_status=200, etag='"v1"', last_modified="Wed, 08 Jan 2020 10:00:00 GMT")
        store.record_fetch(url, status="not_modified", http_status=304)
        state = store.fetch_state(url)
        assert state is not None and state.etag == '"v1"' and state.status == "not_modified"
        store.record_fetch("file.jsonl#3", status="skipped", reason="malformed")
        assert store.fetch_state("file.jsonl#3").reason == "malformed"
        assert store.counts()["skipped"] == 1 and store.counts()["fetches"] == 2


def test_pending_articles_in_batches(db_url: str) -> None:
    with open_store(db_url) as store:
        ids = [store.add_article(article(i, f"مقال {i} عن حلب")).article_id for i in range(7)]
        got = [i for i, _ in store.pending_articles(batch=3)]
        assert got == ids
        store.save_events(ids[0], [], {"lexicon": "x"})
        assert [i for i, _ in store.pending_articles(batch=2)] == ids[1:]
        assert len(list(store.pending_articles(reprocess=True))) == 7
        assert store.count_pending() == 6


def test_article_round_trip(db_url: str) -> None:
    with open_store(db_url) as store:
        art = Article(
            id="x1",
            text="نص\nبسطرين",
            url="https://enabbaladi.net/archives/1?x=ب",
            outlet=None,
            published=dt.date(2020, 1, 8),
            title="عنوان",
        )
        res = store.add_article(art)
        got = store.get_article(res.article_id)
        assert got == Article(
            id="x1", text=art.text, url=art.url, outlet="enabbaladi.net", published=art.published, title="عنوان"
        )


def test_runs_recorded(db_url: str) -> None:
    with open_store(db_url) as store:
        run = store.start_run("ingest", {"sources": ["a"]})
        store.finish_run(run, {"stored": 3})
        (last,) = store.runs(1)
        assert last["status"] == "done" and last["counts"] == {"stored": 3}


arabic = st.text(
    alphabet=st.characters(min_codepoint=0x0600, max_codepoint=0x06FF) | st.sampled_from(" \n.،0123456789"),
    min_size=1,
    max_size=200,
).filter(lambda s: s.strip())


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=arabic)
def test_arabic_text_survives_round_trip(tmp_path_factory, text: str) -> None:
    path = tmp_path_factory.mktemp("rt") / "m.db"
    with open_store(str(path)) as store:
        res = store.add_article(Article(id="p", text=text))
        assert store.get_article(res.article_id).text == text


def test_resolve_url() -> None:
    assert resolve_url("postgresql://u@h/db") == "postgresql+psycopg://u@h/db"
    assert resolve_url("x.db").startswith("sqlite:////")


def test_near_duplicates_listed_as_sources(db_url: str) -> None:
    from store_factories import event

    with open_store(db_url) as store:
        a = store.add_article(article(1))
        store.add_article(article(2, "نسخة معدلة من الخبر", outlet="copy.net"), near_duplicate_of=a.article_id, similarity=0.85)
        (event_id,) = store.save_events(a.article_id, [event("saraqib")], {})
        sources = store.get_event(event_id).sources
        assert [(s.outlet, s.near_duplicate) for s in sources] == [("example.org", False), ("copy.net", True)]


def test_concurrent_first_open(db_url: str) -> None:
    """Several processes opening a new database at once: all succeed, one schema."""
    import multiprocessing as mp
    import os
    import sys

    here = os.path.dirname(__file__)
    ctx = mp.get_context("spawn")
    old = os.environ.get("PYTHONPATH", "")
    os.environ["PYTHONPATH"] = os.pathsep.join([here, os.path.dirname(os.path.dirname(here)), old])
    try:
        from store_concurrency import open_and_count

        with ctx.Pool(3) as pool:
            assert pool.map(open_and_count, [db_url] * 3) == [0, 0, 0]
    finally:
        os.environ["PYTHONPATH"] = old
    assert sys.modules["store_concurrency"]


def test_a_dead_running_run_becomes_interrupted(db_url: str) -> None:
    import subprocess
    import sys

    from sqlalchemy import update

    from marsad.store.schema import Run

    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    with open_store(db_url) as store:
        killed = store.start_run("process")
        other_host = store.start_run("process")
        with store.session() as s:  # as if its process had been SIGKILLed / lived elsewhere
            s.execute(update(Run).where(Run.id == killed).values(pid=gone.pid))
            s.execute(update(Run).where(Run.id == other_host).values(host="another-machine", pid=gone.pid))
        live = store.start_run("ingest")
        status = {r["id"]: r["status"] for r in store.runs()}
        assert status[killed] == "interrupted"
        assert status[other_host] == "running"  # cannot be checked from here
        assert status[live] == "running"
        store.finish_run(live, {})
        assert {r["id"]: r["status"] for r in store.runs()}[live] == "done"
