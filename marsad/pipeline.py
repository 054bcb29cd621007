"""The library's front door: read articles, extract their events.

``marsad extract`` calls :func:`extract`; everything the CLI does is
scriptable from here.  The stages are wired here and only here: extraction
(``marsad.extract``) is handed a place resolver from ``marsad.geo`` rather than
importing it, so data flows one way.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import lru_cache

from marsad.models import Article, ArticleEvents

__all__ = ["extract_article", "extract", "classify_article", "dump_line"]


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


def extract(articles: Iterable[Article], *, explain: bool = False) -> Iterator[ArticleEvents]:
    """Events of each article, in input order."""
    ex = _extractor()
    for article in articles:
        yield ex.extract(article, explain=explain)


def classify_article(article: Article) -> list[str]:
    """Event types the article reports as having happened, anywhere (no gazetteer)."""
    from marsad.extract.classify import classify

    return classify(article)


def dump_line(result: ArticleEvents) -> str:
    """The JSONL line written for one article (shared by serial and distributed runs)."""
    import json

    return json.dumps(result.to_dict(), ensure_ascii=False) + "\n"
