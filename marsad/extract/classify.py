"""`marsad classify`: which event types an Arabic text reports, in any country.

Per sentence, fitted models (``assault``, ``protest``; trained on the Arabic
event gold standard) decide whether it reports a violent incident or a protest;
the extractor's event words name the type.  No gazetteer: a cheap filter for
any Arabic news stream.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.extract.extractor import Extractor
from marsad.extract.model import load_model
from marsad.models import Article

__all__ = ["classify"]


@lru_cache(maxsize=1)
def _extractor() -> Extractor:
    report = {name: m for name in ("assault", "protest") if (m := load_model(name)) is not None}
    return Extractor(place_resolver=None, report=report)


def classify(article: Article) -> list[str]:
    """Event types (SPEC §3 spelling, taxonomy order) the article reports."""
    return _extractor().classify(article)
