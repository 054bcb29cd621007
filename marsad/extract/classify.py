"""`marsad classify`: which event types an Arabic text reports, in any country.

Uses the extractor's event words and cancel cues but no gazetteer, so it
works as a cheap filter for any Arabic news stream.
"""

from __future__ import annotations

from functools import lru_cache

from marsad.extract.core import Extractor
from marsad.models import Article

__all__ = ["classify"]


@lru_cache(maxsize=1)
def _extractor() -> Extractor:
    return Extractor(place_resolver=None)


def classify(article: Article) -> list[str]:
    """Event types (SPEC §3 spelling, taxonomy order) the article reports."""
    return _extractor().classify(article)
