"""Geo recall (issue #3): for every gold event with a ``place_id``, do the places
resolved in its evidence sentence include that id?

``mode="article"`` resolves the whole article, as the extractor does, and keeps
the mentions inside the evidence; ``fallback`` adds the article's closest
earlier place when the evidence names none (:func:`marsad.geo.mentions_in`, what
the extractor uses).  ``mode="evidence"`` resolves the evidence alone with the
article as context.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from marsad.evaluate import read_records
from marsad.extract.places import ORIGIN_PREPOSITIONS, governing_preposition
from marsad.geo import PlaceResolver, mentions_in
from marsad.text.tokens import tokenize

__all__ = ["GeoRecall", "geo_recall"]


@dataclass(slots=True)
class GeoRecall:
    hit: int = 0
    total: int = 0
    misses: list[str] = field(default_factory=list)  # "article id: gold name id; got [...]"

    @property
    def recall(self) -> float:
        return self.hit / self.total if self.total else 0.0


def _mentions(resolver: PlaceResolver, article: dict[str, Any], evidence: str, mode: str, fallback: bool, cache: dict):
    text = article.get("text") or ""
    if mode == "evidence":
        return resolver.find(evidence, context=(article.get("title") or "") + "\n" + text)
    key = id(article)
    if key not in cache:
        cache[key] = resolver.find(text, context=article.get("title"))
    start = text.find(evidence)
    if start < 0:  # evidence from the title, or not verbatim
        return resolver.find(evidence, context=text)
    found = mentions_in(cache[key], start, start + len(evidence), fallback=fallback)
    if fallback and found and all(_is_origin(m, text, cache[key]) for m in found):
        # "قصف الأحياء … انطلاقا من حي الحمدانية": where the fire came from is not
        # where the event was; as the extractor does, take the article's place instead
        earlier = mentions_in(
            [m for m in cache[key] if not (start <= m.start < start + len(evidence))], start, start + len(evidence)
        )
        return earlier or found
    return found


def _is_origin(mention, text: str, mentions) -> bool:
    lo = text.rfind("\n", 0, mention.start) + 1
    tokens = tokenize(text[lo : mention.end + 1], lo)
    return governing_preposition(mention, tokens, mentions) in ORIGIN_PREPOSITIONS


def geo_recall(
    gold: str | Path, *, mode: str = "article", fallback: bool = True, resolver: PlaceResolver | None = None
) -> GeoRecall:
    """Geo recall over a gold JSONL file (SPEC §1 records with ``events``)."""
    if mode not in ("article", "evidence"):
        raise ValueError(f"mode must be 'article' or 'evidence', not {mode!r}")
    resolver = resolver or PlaceResolver()
    out = GeoRecall()
    for article in read_records(gold):
        cache: dict = {}
        for ev in article.get("events") or ():
            want = (ev.get("location") or {}).get("place_id")
            if not want:
                continue
            out.total += 1
            found = _mentions(resolver, article, ev.get("evidence") or "", mode, fallback, cache)
            if want in [m.location.place_id for m in found if m.location]:
                out.hit += 1
            else:
                got = ", ".join(f"{m.name_ar}→{m.location.place_id if m.location else 'foreign'}" for m in found)
                out.misses.append(f"{article.get('id')}: gold {ev['location'].get('name_ar')} {want}; got [{got}]")
    return out
