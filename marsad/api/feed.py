"""``/api/events.atom`` and ``/api/events.rss``: the newest matching events as a feed.

An analyst subscribes to "Idlib, Explosions, at least 1 killed" in any feed reader:
the feeds take exactly the filters of ``/api/events`` (the page offers the link for
its current filters).  Each entry is one event: its English type, place and toll as
the title, the English summary and the Arabic evidence as text, a link to the event
on the map and one link per source.  Everything is written with ElementTree, so the
article text is always escaped, never markup.
"""

from __future__ import annotations

import datetime as dt
import html
from email.utils import format_datetime
from typing import Annotated
from xml.etree import ElementTree as ET

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import Response

from marsad import __version__
from marsad.api.filters import FILTER_PARAMS, EventFilter, check_unknown, event_filter
from marsad.api.labels import labels
from marsad.store import StoredEvent

__all__ = ["router", "FEED_DEFAULT", "FEED_MAX"]

router = APIRouter(prefix="/api")

FEED_DEFAULT = 50  # entries in a feed unless `limit` says otherwise
FEED_MAX = 500
ATOM = "http://www.w3.org/2005/Atom"
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.timezone.utc)


def _known(request: Request) -> None:
    check_unknown(request, (*FILTER_PARAMS, "limit"))


def _utc(value: dt.datetime | None) -> dt.datetime:
    if value is None:
        return _EPOCH
    return value if value.tzinfo else value.replace(tzinfo=dt.timezone.utc)


def feed_title(f: EventFilter) -> str:
    """The feed's title, naming its filters: "Marsad: Idlib · Explosions/Remote violence · at least 1 killed"."""
    actors = labels()["actor"]
    parts: list[str] = []
    parts += [x for x in (f.admin2, f.admin1) if x]
    parts += list(f.event_type) + list(f.sub_event_type)
    if f.actor:
        parts.append((actors.get(f.actor) or {}).get("en", f.actor))
    if f.min_fatalities:
        parts.append(f"at least {f.min_fatalities} killed")
    if f.start or f.end:
        parts.append(f"{f.start or '…'} to {f.end or '…'}")
    if f.q:
        parts.append(f"“{f.q}”")
    if f.bbox:
        parts.append("map area " + ",".join(f"{v:g}" for v in f.bbox))
    return "Marsad: " + (" · ".join(parts) if parts else "all events")


def entry_title(e: StoredEvent) -> str:
    ev, loc = e.event, e.event.location
    place = loc.name_en or loc.name_ar
    where = place + (f" ({loc.admin1})" if loc.admin1 and loc.admin1 != place else "")
    dead = f", {ev.fatalities} killed" if ev.fatalities else ""
    return f"{ev.sub_event_type} in {where}{dead}"


def entry_text(e: StoredEvent) -> str:
    ev = e.event
    return f"{ev.summary_en}\n\nArabic evidence: {ev.evidence}"


def _events(request: Request, f: EventFilter, limit: int) -> list[StoredEvent]:
    store = request.app.state.store
    return store.query_events(f, limit=limit, offset=0, order="date_desc").items


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, attrs)
    if text is not None:
        node.text = text
    return node


def _links(request: Request) -> tuple[str, str, str]:
    """The feed's own URL, the map's URL for the same filters, and the site root."""
    base = str(request.base_url).rstrip("/")
    query = request.url.query
    return (str(request.url), f"{base}/" + (f"?{query}" if query else ""), base)


def _a(tag: str) -> str:
    """An Atom element's qualified name."""
    return f"{{{ATOM}}}{tag}"


def atom(request: Request, f: EventFilter, limit: int) -> bytes:
    """The Atom 1.0 document of the newest ``limit`` events matching ``f``."""
    items = _events(request, f, limit)
    self_url, map_url, base = _links(request)
    ET.register_namespace("", ATOM)
    root = ET.Element(_a("feed"))
    a = _a
    _sub(root, a("title"), feed_title(f))
    _sub(root, a("id"), self_url)
    _sub(root, a("updated"), max((_utc(e.updated_at or e.created_at) for e in items), default=_EPOCH).isoformat())
    _sub(root, a("link"), rel="self", href=self_url, type="application/atom+xml")
    _sub(root, a("link"), rel="alternate", href=map_url, type="text/html")
    _sub(root, a("generator"), "Marsad", version=__version__)
    _sub(_sub(root, a("author")), a("name"), "Marsad")
    for e in items:
        entry = _sub(root, a("entry"))
        _sub(entry, a("title"), entry_title(e))
        _sub(entry, a("id"), f"{base}/api/events/{e.id}")
        _sub(entry, a("updated"), _utc(e.updated_at or e.created_at).isoformat())
        if e.event.event_date:
            _sub(entry, a("published"), dt.datetime.combine(e.event.event_date, dt.time(), dt.timezone.utc).isoformat())
        _sub(entry, a("link"), rel="alternate", href=f"{base}/?ev={e.id}", type="text/html")
        for s in e.sources:
            if s.url and s.url.startswith(("http://", "https://")):
                _sub(entry, a("link"), rel="related", href=s.url, title=s.title or s.outlet or s.url)
        _sub(entry, a("category"), term=e.event.event_type)
        _sub(entry, a("category"), term=e.event.sub_event_type)
        _sub(entry, a("summary"), entry_text(e), type="text")
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def rss(request: Request, f: EventFilter, limit: int) -> bytes:
    """The RSS 2.0 document of the newest ``limit`` events matching ``f``."""
    items = _events(request, f, limit)
    self_url, map_url, base = _links(request)
    root = ET.Element("rss", version="2.0")
    ET.register_namespace("atom", ATOM)
    channel = _sub(root, "channel")
    _sub(channel, "title", feed_title(f))
    _sub(channel, "link", map_url)
    _sub(channel, "description", "Events read from Arabic news about Syria by Marsad, newest first.")
    _sub(channel, f"{{{ATOM}}}link", rel="self", href=self_url, type="application/rss+xml")
    _sub(channel, "generator", f"Marsad {__version__}")
    for e in items:
        item = _sub(channel, "item")
        _sub(item, "title", entry_title(e))
        _sub(item, "link", f"{base}/?ev={e.id}")
        _sub(item, "guid", f"{base}/api/events/{e.id}", isPermaLink="false")
        _sub(item, "pubDate", format_datetime(_utc(e.updated_at or e.created_at)))
        _sub(item, "category", e.event.event_type)
        # RSS readers take the description as HTML: escape the text once more so it stays text.
        _sub(item, "description", html.escape(entry_text(e)).replace("\n", "<br>"))
        first = next((s for s in e.sources if s.url and s.url.startswith(("http://", "https://"))), None)
        if first is not None:
            _sub(item, "source", first.outlet or first.url, url=first.url)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


_LIMIT = Annotated[int, Query(ge=1, le=FEED_MAX, description=f"Entries at most, newest first (default {FEED_DEFAULT}).")]


@router.get("/events.atom", dependencies=[Depends(_known)], summary="Events as an Atom feed")
def events_atom(request: Request, f: EventFilter = Depends(event_filter), limit: _LIMIT = FEED_DEFAULT) -> Response:
    """The newest matching events (same filters as /api/events) as an Atom 1.0 feed."""
    return Response(atom(request, f, limit), media_type="application/atom+xml; charset=utf-8")


@router.get("/events.rss", dependencies=[Depends(_known)], summary="Events as an RSS feed")
def events_rss(request: Request, f: EventFilter = Depends(event_filter), limit: _LIMIT = FEED_DEFAULT) -> Response:
    """The newest matching events (same filters as /api/events) as an RSS 2.0 feed."""
    return Response(rss(request, f, limit), media_type="application/rss+xml; charset=utf-8")
