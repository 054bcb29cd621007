"""The one write endpoint, mounted only by ``create_app(allow_writes=True)``.

``POST /api/articles`` stores an article (SPEC §1) and the events extracted
from it (SPEC §2) in one call, so a remote extractor can feed a server.  It
needs ``Authorization: Bearer <api_token>`` (setting ``api_token``); the token
is compared in constant time.
"""

from __future__ import annotations

import datetime as dt
import hmac
from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Request

from marsad.api.errors import ApiError
from marsad.models import Article, Event, SUB_EVENT_TYPES

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


def _article(d: Any) -> Article:
    if not isinstance(d, dict) or not isinstance(d.get("text"), str) or not d["text"].strip():
        raise ApiError(422, "article: an object with a non-empty text is needed")
    published = d.get("published")
    try:
        day = dt.date.fromisoformat(published) if published else None
    except (TypeError, ValueError):
        raise ApiError(422, f"article.published: expected YYYY-MM-DD, got {published!r}") from None
    return Article(id=str(d.get("id") or ""), text=d["text"], url=d.get("url"), outlet=d.get("outlet"),
                   published=day, title=d.get("title"))


def _events(items: Any) -> list[Event]:
    if not isinstance(items, list) or len(items) > MAX_EVENTS_PER_ARTICLE:
        raise ApiError(422, f"events: a list of at most {MAX_EVENTS_PER_ARTICLE} events is needed")
    out = []
    for i, d in enumerate(items):
        try:
            e = Event.from_dict(d)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ApiError(422, f"events[{i}]: not a SPEC §2 event ({exc})") from None
        if e.sub_event_type not in SUB_EVENT_TYPES.get(e.event_type, ()):
            raise ApiError(422, f"events[{i}]: unknown event_type/sub_event_type")
        out.append(e)
    return out


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
    added = store.add_article(article, source="api")
    ids = store.save_events(added.article_id, events) if added.status == "stored" else []
    return {"article_id": added.article_id, "status": added.status, "event_ids": ids}
