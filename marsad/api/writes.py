"""The one write endpoint, mounted only by ``create_app(allow_writes=True)``.

``POST /api/articles`` stores an article (SPEC §1) and the events extracted
from it (SPEC §2) in one call, so a remote extractor can feed a server.  It
needs ``Authorization: Bearer <api_token>`` (setting ``api_token``); the token
is compared in constant time.
"""

from __future__ import annotations

import datetime as dt
import hmac
import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Request

from marsad.api.errors import ApiError
from marsad.api.snapshot import WRITING
from marsad.errors import InputError
from marsad.ingest.readers import check_text, is_encodable
from marsad.models import SUB_EVENT_TYPES, Article, Event

__all__ = ["router", "MAX_EVENTS_PER_ARTICLE"]

router = APIRouter(prefix="/api")
MAX_EVENTS_PER_ARTICLE = 200


def _check_token(request: Request, authorization: str | None) -> None:
    token = request.app.state.api_token
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not authorization or not authorization.startswith("Bearer "):
        raise ApiError(401, "this endpoint needs Authorization: Bearer <token>", headers={"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(given.encode(), token.encode()):
        raise ApiError(403, "wrong token")


_MAX_COUNT = 1_000_000  # largest toll accepted (the API's min_fatalities bound too)
_MAX_FIELD = 2_000  # characters in a url, title, outlet, id, place name …
_MAX_EVIDENCE = 20_000  # characters in an event's evidence or summary
_ACTOR_ID = re.compile(r"^[A-Z][A-Z0-9_]{1,63}$")


def _opt_text(where: str, value: Any, limit: int = _MAX_FIELD) -> str | None:
    """None, or a printable string of at most ``limit`` characters (else a 422)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise ApiError(422, f"{where}: a string or null is needed, got {type(value).__name__}")
    if len(value) > limit or "\x00" in value or not is_encodable(value):
        raise ApiError(422, f"{where}: at most {limit} characters, no NUL, valid Unicode")
    return value


def _int(where: str, value: Any, *, nullable: bool = False, low: int = 0, high: int = _MAX_COUNT) -> int | None:
    if value is None and nullable:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        raise ApiError(422, f"{where}: an integer from {low} to {high} is needed, got {value!r:.40}")
    return value


def _coord(where: str, value: Any, bound: float) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not -bound <= value <= bound:
        raise ApiError(422, f"{where}: a number from {-bound:g} to {bound:g} or null is needed")
    return float(value)


def _article(d: Any) -> Article:
    """SPEC §1, checked like any other input (``check_text``: not empty, no NUL,
    not above ``max_article_bytes``, mostly Arabic); a refusal names its reason code."""
    if not isinstance(d, dict) or not isinstance(d.get("text"), str):
        raise ApiError(422, "article: an object with a text is needed")
    try:
        check_text(d["text"])
    except InputError as exc:
        raise ApiError(422, f"article.text: {exc.reason}: {exc}") from None
    published = d.get("published")
    try:
        day = dt.date.fromisoformat(published) if published else None
    except (TypeError, ValueError):
        raise ApiError(422, f"article.published: expected YYYY-MM-DD, got {published!r:.40}") from None
    raw_id = d.get("id")
    if raw_id is not None and (isinstance(raw_id, bool) or not isinstance(raw_id, str | int)):
        raise ApiError(422, "article.id: a string or number is needed")
    url = _opt_text("article.url", d.get("url"))
    if url is not None and not url.startswith(("http://", "https://")):
        raise ApiError(422, "article.url: an http(s) URL is needed")
    return Article(
        id=_opt_text("article.id", str(raw_id) if raw_id is not None else "") or "",
        text=d["text"],
        url=url,
        outlet=_opt_text("article.outlet", d.get("outlet")),
        published=day,
        title=_opt_text("article.title", d.get("title")),
    )


def _event(i: int, d: Any) -> Event:
    """A SPEC §2 event with every field checked (type, range, length) before it is stored."""
    w = f"events[{i}]"
    if not isinstance(d, dict) or not isinstance(d.get("location"), dict):
        raise ApiError(422, f"{w}: an object with a location object is needed")
    etype, sub = d.get("event_type"), d.get("sub_event_type")
    if not isinstance(etype, str) or not isinstance(sub, str) or sub not in SUB_EVENT_TYPES.get(etype, ()):
        raise ApiError(422, f"{w}: unknown event_type/sub_event_type")
    for side in ("actor1", "actor2"):
        actor = d.get(side)
        if actor is not None and (not isinstance(actor, str) or not _ACTOR_ID.match(actor)):
            raise ApiError(422, f"{w}.{side}: an actor id (e.g. SYR_GOV_ASSAD) or null is needed")
    loc = d["location"]
    name_ar = _opt_text(f"{w}.location.name_ar", loc.get("name_ar"))
    if not name_ar or not name_ar.strip():
        raise ApiError(422, f"{w}.location.name_ar: a place name is needed")
    for key in ("name_en", "place_id", "admin1", "admin2"):
        _opt_text(f"{w}.location.{key}", loc.get(key))
    _coord(f"{w}.location.lat", loc.get("lat"), 90)
    _coord(f"{w}.location.lon", loc.get("lon"), 180)
    _int(f"{w}.location.geo_precision", loc.get("geo_precision", 1), low=1, high=3)
    _int(f"{w}.date_precision", d.get("date_precision", 1), low=1, high=3)
    _int(f"{w}.fatalities", d.get("fatalities", 0))
    _int(f"{w}.injured", d.get("injured"), nullable=True)
    for key in ("evidence", "summary_en"):
        _opt_text(f"{w}.{key}", d.get(key), _MAX_EVIDENCE)
    versions = d.get("versions") or {}
    if (
        not isinstance(versions, dict)
        or len(versions) > 10
        or not all(isinstance(k, str) and isinstance(v, str) and len(k) + len(v) < 200 for k, v in versions.items())
    ):
        raise ApiError(422, f"{w}.versions: a small object of strings is needed")
    try:
        return Event.from_dict(d)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise ApiError(422, f"{w}: not a SPEC §2 event ({exc})") from None


def _events(items: Any) -> list[Event]:
    if not isinstance(items, list) or len(items) > MAX_EVENTS_PER_ARTICLE:
        raise ApiError(422, f"events: a list of at most {MAX_EVENTS_PER_ARTICLE} events is needed")
    return [_event(i, d) for i, d in enumerate(items)]


@router.post("/articles", status_code=201, summary="Store an article and its events (needs the API token)")
def post_article(
    request: Request,
    payload: Annotated[dict[str, Any], Body(examples=[{"article": {"id": "a1", "text": "…"}, "events": []}])],
    authorization: Annotated[str | None, Header()] = None,
) -> dict[str, Any]:
    _check_token(request, authorization)
    article = _article(payload.get("article"))
    events = _events(payload.get("events", []))
    store = request.app.state.store
    mark = WRITING.set(True)  # write transactions take SQLite's write lock up front
    try:
        added = store.add_article(article, source="api")
        ids = store.save_events(added.article_id, events) if added.is_new else []
    finally:
        WRITING.reset(mark)
    return {"article_id": added.article_id, "status": added.status, "event_ids": ids}
