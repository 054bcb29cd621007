"""The library's front door: read articles, extract their events.

``marsad extract`` calls :func:`extract`; everything the CLI does is
scriptable from here.  The stages are wired here and only here: extraction
(``marsad.extract``) is handed a place resolver from ``marsad.geo`` rather than
importing it, so data flows one way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from marsad.models import Article, ArticleEvents

if TYPE_CHECKING:
    from marsad.executors import Executor

__all__ = ["extract_article", "extract", "extract_chunk", "classify_article", "dump_line"]


@lru_cache(maxsize=1)
def _extractor():
    from marsad.extract.extractor import Extractor
    from marsad.extract.model import load_model
    from marsad.geo import PlaceResolver, gazetteer_version

    return Extractor(
        place_resolver=PlaceResolver(),
        gazetteer_version=gazetteer_version(),
        model=load_model("events"),
        actors=load_model("actors"),
    )


@lru_cache(maxsize=1)
def rules_extractor():
    """The rules alone, without the learned decision (to fit and measure that decision)."""
    from marsad.extract.extractor import Extractor
    from marsad.geo import PlaceResolver, gazetteer_version

    return Extractor(place_resolver=PlaceResolver(), gazetteer_version=gazetteer_version(), model=None)


def extract_article(article: Article, *, explain: bool = False) -> ArticleEvents:
    """Events of one article (SPEC §2)."""
    return _extractor().extract(article, explain=explain)


def extract(
    articles: Iterable[Article],
    *,
    explain: bool = False,
    executor: str | Executor | None = None,
    workers: int | None = None,
    scheduler: str | None = None,
    chunk_size: int = 64,
) -> Iterator[ArticleEvents]:
    """Events of each article, in input order.

    ``executor`` (``serial``, ``processes``, ``dask`` or an open executor), ``workers`` and
    ``scheduler`` spread the work (:func:`marsad.executors.make_executor`;
    ``workers`` > 1 alone: that many processes), ``chunk_size`` articles per job;
    the results and their order are the same.  For files of any size on a
    cluster, :func:`marsad.scale.extract_distributed` also reads in the workers."""
    from marsad.executors import Executor, chunks, executor_for, resolve_kind

    kind = executor.kind if isinstance(executor, Executor) else resolve_kind(executor, workers, scheduler)
    if kind == "serial":
        ex = _extractor()
        for article in articles:
            yield ex.extract(article, explain=explain)
        return
    with executor_for(executor, workers, scheduler, warm_up=True, key_prefix="marsad-extract") as pool:
        for _chunk, results in pool.imap(extract_chunk, chunks(articles, chunk_size), lambda c: (c, explain)):
            yield from results


def extract_chunk(articles: list[Article], explain: bool = False) -> list[ArticleEvents]:
    """Events of each of a chunk of articles (the job :func:`extract` sends to workers)."""
    ex = _extractor()
    return [ex.extract(article, explain=explain) for article in articles]


def classify_article(article: Article) -> list[str]:
    """Event types the article reports as having happened, anywhere (no gazetteer)."""
    from marsad.extract.classify import classify

    return classify(article)


def dump_line(result: ArticleEvents) -> str:
    """The JSONL line written for one article (shared by serial and distributed runs)."""
    import json

    return json.dumps(result.to_dict(), ensure_ascii=False) + "\n"
