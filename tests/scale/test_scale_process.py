"""`marsad process` on two Dask workers: every article processed once, every event
stored once, reports of one incident merged into one event — on the real
PostgreSQL server (workers write concurrently) and on SQLite (the client writes).

The corpus is built to provoke the race: each incident is reported by several
articles (copies of one generated article with different page noise), and the
copies are interleaved so that two workers save reports of the same incident
at the same moment.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
from collections import Counter
from pathlib import Path

import pytest

distributed = pytest.importorskip("distributed")

from marsad.models import Article
from marsad.pipeline import extract_article
from marsad.scale import process_distributed
from marsad.store import open_store

ROOT = Path(__file__).resolve().parents[2]
GROUPS, COPIES = 12, 4
NOISE = ["شارك هذا المقال", "أخبار متعلقة", "الأكثر قراءة", "تابعونا على فيسبوك", "جميع الحقوق محفوظة"]


def _generator():
    spec = importlib.util.spec_from_file_location("marsad_bench_corpus_p", ROOT / "bench" / "corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod.Generator(mod.load_templates(), seed=23)


def _articles() -> list[Article]:
    """COPIES reports of each of GROUPS incidents, ordered so that consecutive partitions
    (processed at once by the two workers) hold copies of the same incidents in the same
    order; groups a week apart so that no two groups can be the same incident."""
    gen = _generator()
    bases = []
    number = 0
    while len(bases) < GROUPS:
        a = gen.article(number)
        number += 1
        if a["bench_kind"] == "none":
            continue
        a["published"] = (dt.date(2021, 1, 1) + dt.timedelta(days=7 * len(bases))).isoformat()
        bases.append(a)
    out = []
    half = GROUPS // 2  # = partition size: partitions k and k+1 hold the same incidents in the same order
    for h in range(0, GROUPS, half):
        for c in range(COPIES):
            for g in range(h, h + half):
                a = bases[g]
                out.append(
                    Article(
                        id=f"g{g}-c{c}",
                        text=a["text"] + "\n" + NOISE[c],
                        url=f"https://example.org/{g}/{c}",
                        outlet="example.org",
                        published=dt.date.fromisoformat(a["published"]),
                        title=a["title"],
                    )
                )
    return out


@pytest.fixture(scope="module")
def cluster():
    cluster = distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0", silence_logs=40)
    yield cluster
    cluster.close()


def _incident_key(report: dict) -> tuple:
    loc = report["location"]
    return (
        report["sub_event_type"],
        report["event_date"],
        loc.get("place_id") or loc.get("name_ar"),
        frozenset(x for x in (report["actor1"], report["actor2"]) if x),
    )


def _check(url: str, articles: list[Article], report) -> None:
    from sqlalchemy import func, select

    from marsad.store.schema import ArticleRow, EventRow, EventSource

    expected = {a.id: [e.to_dict() for e in extract_article(a).events] for a in articles}
    n_reports = sum(map(len, expected.values()))
    incidents = {_incident_key(r) for reports in expected.values() for r in reports if r["event_date"]}
    undated = sum(1 for reports in expected.values() for r in reports if not r["event_date"])

    store = open_store(url)
    try:
        with store.session() as s:
            unprocessed = s.scalar(select(func.count()).select_from(ArticleRow).where(ArticleRow.processed_at.is_(None)))
            sources = s.execute(
                select(ArticleRow.external_id, EventSource.ordinal).join(EventSource, EventSource.article_id == ArticleRow.id)
            ).all()
            n_events = s.scalar(select(func.count()).select_from(EventRow))
    finally:
        store.close()

    assert report.articles == len(articles)
    assert unprocessed == 0  # no lost article
    assert report.events == n_reports
    assert len(sources) == n_reports  # no lost, no doubled report
    assert not [k for k, n in Counter(sources).items() if n > 1]
    assert Counter(ext for ext, _ in sources) == Counter({k: len(v) for k, v in expected.items() if v})
    if n_reports:
        # reports of one incident (same sub-type, day, place, actors) share one event row
        assert n_events == len(incidents) + undated


def _store_articles(url: str, articles: list[Article]) -> None:
    store = open_store(url)
    try:
        for a in articles:
            assert store.add_article(a).is_new
    finally:
        store.close()


@pytest.mark.postgres
def test_two_workers_write_to_postgresql_without_duplicates_or_losses(postgres_url, cluster):
    articles = _articles()
    _store_articles(postgres_url, articles)
    report = process_distributed(
        postgres_url, scheduler=cluster.scheduler_address, partition_size=GROUPS // 2, window=4, progress=False
    )
    assert report.writer == "workers"
    _check(postgres_url, articles, report)

    again = process_distributed(
        postgres_url, scheduler=cluster.scheduler_address, reprocess=True, partition_size=GROUPS // 2, window=4, progress=False
    )
    assert again.articles == len(articles)
    _check(postgres_url, articles, again)  # reprocessing replaces, never doubles


def test_sqlite_is_written_by_the_client(tmp_path, cluster):
    url = str(tmp_path / "marsad.db")
    articles = _articles()[: GROUPS * 2]
    _store_articles(url, articles)
    report = process_distributed(url, scheduler=cluster.scheduler_address, partition_size=5, progress=False)
    assert report.writer == "client"
    _check(url, articles, report)
    again = process_distributed(url, scheduler=cluster.scheduler_address, partition_size=5, progress=False)
    assert again.articles == 0  # nothing pending


@pytest.mark.postgres
def test_a_process_pool_writes_to_postgresql_the_same_way(postgres_url):
    """The local process pool is the same executor interface: on PostgreSQL its workers
    save, under the same locks, and nothing is lost or doubled."""
    from marsad.runs import process

    articles = _articles()
    _store_articles(postgres_url, articles)
    report = process(db=postgres_url, executor="processes", workers=2, partition_size=GROUPS // 2, window=4, quiet=True)
    assert (report.executor, report.writer, report.workers) == ("processes", "workers", 2)
    _check(postgres_url, articles, report)
