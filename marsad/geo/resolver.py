"""The PLACES stage's front: :class:`PlaceResolver` and what it returns."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from marsad.geo.choose import Choice, Resolver, to_location
from marsad.geo.gazetteer import Gazetteer, load_gazetteer
from marsad.geo.lexicon import Lexicon, compile_lexicon
from marsad.geo.lookup import Candidate, lookup
from marsad.geo.raw import Raw, fast_tokenize, normalize_readable
from marsad.geo.scanner import Scanner
from marsad.models import Location

__all__ = ["PlaceMention", "PlaceResolver", "mentions_in"]


@dataclass(slots=True)
class PlaceMention:
    """One place named in a text."""

    start: int  # offsets of the whole mention in the text, qualifiers included ("ريف إدلب الجنوبي")
    end: int
    name_ar: str  # as the text names it, without clitics: "ذيبان" for "بذيبان"
    location: Location | None  # None for places abroad
    kind: str  # governorate|district|subdistrict|city|town|village|neighbourhood|site|camp|area|foreign
    foreign: bool
    explanation: str  # one line: why this place


def mentions_in(mentions: list[PlaceMention], start: int, end: int, *, fallback: bool = True) -> list[PlaceMention]:
    """The mentions inside ``text[start:end]`` (an evidence sentence).

    With ``fallback``, when the span names no Syrian place, the closest Syrian
    mention before it (else after it) in the same text: the place the article
    is about ("وأضاف أن القصف طال الأحياء ..." after "مدينة حلب").
    """
    inside = [m for m in mentions if m.start >= start and m.end <= end]
    if inside or not fallback:
        return inside
    syrian = [m for m in mentions if not m.foreign and m.location is not None]
    before = [m for m in syrian if m.end <= start]
    if before:
        return [before[-1]]
    after = [m for m in syrian if m.start >= end]
    return after[:1]


def _span(text: str, r: Raw, c: Choice) -> tuple[int, int, str]:
    """Offsets and readable name of a mention: areas keep their qualifiers
    ("ريف إدلب الجنوبي"), a neighbourhood the gazetteer lacks its type word."""
    if r.area in ("countryside", "desert", "direction"):
        start, end = min(r.span_start, r.start), max(r.span_end, r.end)
        return start, end, normalize_readable(text[start:end])
    if c.place is None and r.family == "neighbourhood" and not r.unknown and r.type_start >= 0:
        return r.type_start, r.end, normalize_readable(text[r.type_start : r.end])
    return r.start, r.end, r.name


@lru_cache(maxsize=4)
def _compiled(gazetteer: Gazetteer) -> tuple[Lexicon, Scanner, Resolver]:
    lex = compile_lexicon(gazetteer.lexicon)
    return lex, Scanner(gazetteer, lex), Resolver(gazetteer, lex)


class PlaceResolver:
    """Finds Syrian places in Arabic text and resolves each to a gazetteer row."""

    def __init__(self, gazetteer: Gazetteer | None = None) -> None:
        self.gazetteer = gazetteer if gazetteer is not None else load_gazetteer()
        self.lexicon, self._scanner, self._resolver = _compiled(self.gazetteer)

    @property
    def version(self) -> str:
        return self.gazetteer.version

    def _raws(self, text: str) -> list[Raw]:
        tokens = fast_tokenize(text)
        raws = [r for r in self._scanner.scan(text, tokens) if self._resolver.keep(r)]
        return self._scanner.complete(raws, tokens, text)

    def find(self, text: str, *, context: str | None = None) -> list[PlaceMention]:
        """All place mentions in ``text``, in text order (offsets into ``text``).

        Disambiguation uses the whole text; ``context`` (e.g. the title) only
        adds evidence and yields no mentions.
        """
        if not text:
            return []
        raws = self._raws(text)
        ctx = self._raws(context) if context else []
        choices = self._resolver.resolve(text, raws, ctx)
        out: list[PlaceMention] = []
        for r, c in zip(raws, choices):
            if c is None:
                continue
            if c.kind == "foreign":
                out.append(PlaceMention(r.start, r.end, r.name, None, "foreign", True, c.why))
                continue
            start, end, name = _span(text, r, c)
            loc = to_location(name, c)
            if loc is not None:
                out.append(PlaceMention(start, end, name, loc, c.kind, False, c.why))
        return out

    def lookup(self, query: str, limit: int = 20) -> list[Candidate]:
        """Gazetteer rows whose name matches ``query`` (for ``marsad places``)."""
        return lookup(self.gazetteer, query, limit=limit)
