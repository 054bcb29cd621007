"""The read endpoints under ``/api/`` (see docs/api.md)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from marsad.api.cache import json_bytes
from marsad.api.errors import ApiError
from marsad.api.filters import FILTER_PARAMS, ORDERS, EventFilter, ParamError, check_unknown, event_filter
from marsad.api.highlight import highlight_spans
from marsad.api.labels import actor_catalogue, labels, place_labels_json
from marsad.resources import data_path
from marsad.store import Store
from marsad.store.export import CSV_COLUMNS, chunked, csv_text, feature, geojson_text
from marsad.store.overview import MAX_POINTS, MAX_SKIPS

__all__ = ["router", "MAX_EXPORT", "CSV_COLUMNS", "GEOJSON_CAP", "feature"]

router = APIRouter(prefix="/api")

MAX_EXPORT = 100_000  # rows at most in one CSV export
_EXPORT_BATCH = 2_000
DEFAULT_PAGE_SIZE = 50


def _store(request: Request) -> Store:
    return request.app.state.store


def _known(*extra: str):  # type: ignore[no-untyped-def]
    allowed = FILTER_PARAMS + extra

    def check(request: Request) -> None:
        check_unknown(request, allowed)

    return Depends(check)


def _known_only(*allowed: str):  # type: ignore[no-untyped-def]
    def check(request: Request) -> None:
        check_unknown(request, allowed)

    return Depends(check)


def _no_params(request: Request) -> None:
    check_unknown(request, ())


_NO_PARAMS = Depends(_no_params)


class Paging:
    def __init__(self, page: int, page_size: int, order: str) -> None:
        self.page, self.page_size, self.order = page, page_size, order

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


def paging(
    request: Request,
    page: Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")] = 1,
    page_size: Annotated[
        int, Query(ge=1, description="Events per page (at most the `max_page_size` setting, default 1000).")
    ] = DEFAULT_PAGE_SIZE,
    order: Annotated[str, Query(description="date_desc (default), date_asc, fatalities_desc or id.")] = "date_desc",
) -> Paging:
    errors = []
    limit = request.app.state.max_page_size
    if page_size > limit:
        errors.append({"param": "page_size", "message": f"at most {limit}"})
    if order not in ORDERS:
        errors.append({"param": "order", "message": f"one of {', '.join(ORDERS)}"})
    if errors:
        raise ParamError(errors)
    return Paging(page, page_size, order)


def _page(store: Store, f: EventFilter, p: Paging, with_sources: bool = True):  # type: ignore[no-untyped-def]
    return store.query_events(f, limit=p.page_size, offset=p.offset, order=p.order, with_sources=with_sources)


def _paging_meta(total: int, p: Paging) -> dict[str, Any]:
    return {"total": total, "page": p.page, "page_size": p.page_size, "pages": (total + p.page_size - 1) // p.page_size}


@router.get("/events", dependencies=[_known("page", "page_size", "order")], summary="Events, one page")
def list_events(request: Request, f: EventFilter = Depends(event_filter), p: Paging = Depends(paging)) -> Response:
    """Events matching every filter given, newest first by default, with their sources."""
    page = _page(_store(request), f, p)
    return _json({**_paging_meta(page.total, p), "items": [e.to_dict() for e in page.items]})


def _json(body: Any, media_type: str = "application/json") -> Response:
    # The bytes directly: FastAPI's own path (jsonable_encoder over every value, then
    # json.dumps) took as long as the query for a page of 200 events.
    return Response(json_bytes(body), media_type=media_type)


GEOJSON_CAP = 5_000  # features at most in one GeoJSON answer (ACLED's API pages at 5,000 too)


def geojson_paging(
    request: Request,
    page: Annotated[int, Query(ge=1, le=1_000_000, description="Page number, from 1.")] = 1,
    page_size: Annotated[
        int, Query(ge=1, le=GEOJSON_CAP, description=f"Features per page (default and maximum {GEOJSON_CAP}).")
    ] = GEOJSON_CAP,
    order: Annotated[str, Query(description="date_desc (default), date_asc, fatalities_desc or id.")] = "date_desc",
) -> Paging:
    if order not in ORDERS:
        raise ParamError([{"param": "order", "message": f"one of {', '.join(ORDERS)}"}])
    return Paging(page, page_size, order)


@router.get("/events.geojson", dependencies=[_known("page", "page_size", "order")], summary="Events as GeoJSON")
def events_geojson(request: Request, f: EventFilter = Depends(event_filter), p: Paging = Depends(geojson_paging)) -> Response:
    """Every matching event, up to 5,000 per answer, as a GeoJSON FeatureCollection (the
    location fields are flattened into each feature's properties; an event without
    coordinates has a null geometry).  ``total``, ``page``, ``pages``, ``truncated`` and
    ``next`` (the URL of the next page, or null) say whether there is more."""
    page = _page(_store(request), f, p)
    meta = _paging_meta(page.total, p)
    more = p.page < meta["pages"]
    nxt = str(request.url.include_query_params(page=p.page + 1)) if more else None
    body = "".join(geojson_text(page.items, {**meta, "truncated": more, "next": nxt}))
    return Response(body, media_type="application/geo+json")


def _csv(request: Request, f: EventFilter, order: str, limit: int, hxl: bool) -> StreamingResponse:
    if order not in ORDERS:
        raise ParamError([{"param": "order", "message": f"one of {', '.join(ORDERS)}"}])
    items = _store(request).iter_events(f, order=order, limit=limit, batch=_EXPORT_BATCH)
    name = "marsad-events.hxl.csv" if hxl else "marsad-events.csv"
    return StreamingResponse(
        chunked(csv_text(items, hxl=hxl, bom=True)),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )


_ORDER = Query(description="date_desc (default), date_asc, fatalities_desc or id.")
_LIMIT = Query(ge=1, le=MAX_EXPORT, description=f"Rows at most (default and maximum {MAX_EXPORT}).")


@router.get("/events.csv", dependencies=[_known("order", "limit")], summary="Events as CSV")
def events_csv(
    request: Request,
    f: EventFilter = Depends(event_filter),
    order: Annotated[str, _ORDER] = "date_desc",
    limit: Annotated[int, _LIMIT] = MAX_EXPORT,
) -> StreamingResponse:
    """Every matching event (up to ``limit``) as UTF-8 CSV with a byte-order mark, one
    row per event: the columns of ``marsad export --format csv`` (ACLED's, then
    ``source_urls`` and ``evidence``), written by the same code."""
    return _csv(request, f, order, limit, hxl=False)


@router.get("/events.hxl", dependencies=[_known("order", "limit")], summary="Events as HXL-tagged CSV")
def events_hxl(
    request: Request,
    f: EventFilter = Depends(event_filter),
    order: Annotated[str, _ORDER] = "date_desc",
    limit: Annotated[int, _LIMIT] = MAX_EXPORT,
) -> StreamingResponse:
    """The CSV of ``/api/events.csv`` with the HXL hashtag row under the header
    (``marsad export --format hxl``)."""
    return _csv(request, f, order, limit, hxl=True)


@router.get("/events/{event_id}", dependencies=[_NO_PARAMS], summary="One event")
def get_event(request: Request, event_id: Annotated[int, Path(ge=1, le=2**62)]) -> Response:
    """One event with its sources and the spans of its evidence to highlight
    (``highlights``: ``start``/``end`` in UTF-16 code units, ``kind`` place, actor or event)."""
    e = _store(request).get_event(event_id)
    if e is None:
        raise ApiError(404, f"no event {event_id}")
    d = e.to_dict()
    loc = e.event.location
    d["highlights"] = highlight_spans(
        e.event.evidence,
        sub_event_type=e.event.sub_event_type,
        actors=(e.event.actor1, e.event.actor2),
        place_names=(loc.name_ar,),
    )
    return _json(d)


@router.get("/points", dependencies=[_known("limit")], summary="Every matching event, map columns only")
def points(
    request: Request,
    f: EventFilter = Depends(event_filter),
    limit: Annotated[
        int, Query(ge=1, le=MAX_POINTS, description=f"Events at most (default and maximum {MAX_POINTS}).")
    ] = MAX_POINTS,
) -> Response:
    """The map's feed: every matching event, newest first, as
    ``{"fields": [...], "rows": [[...]], "total": n, "truncated": bool}``."""
    return _json(_store(request).points(f, limit))


@router.get("/timeline", dependencies=[_known()], summary="Events per day")
def timeline(request: Request, f: EventFilter = Depends(event_filter)) -> Response:
    """Events per day for the filters given (``days``: ``[{date, events}]``), and how many
    matching events have no date (``undated``)."""
    return _json(_store(request).timeline(f))


@router.get("/actors", dependencies=[_NO_PARAMS], summary="The actor catalogue")
def actors() -> dict[str, Any]:
    """Every actor an event can name: ``{"items": [{id, label, label_ar, aliases}]}``
    (the ``actor`` filter takes the id or either label)."""
    return {"items": actor_catalogue()}


@router.get("/facets", dependencies=[_NO_PARAMS], summary="Values for the filter panel")
def facets(request: Request) -> Response:
    """The event types, actors, governorates and districts present, with counts,
    the date range, and display labels (English and Arabic) for all of them."""
    body = _store(request).facets()
    body["labels"] = labels()
    return _json(body)


_OUTLINES = {"admin1": "admin1.geojson", "admin2": "admin2.geojson"}


@router.get("/outlines/{level}.geojson", dependencies=[_NO_PARAMS], summary="Governorate or district outlines")
def outlines(level: str) -> Response:
    """The gazetteer's governorate (``admin1``) or district (``admin2``) polygons, the offline base map."""
    if level not in _OUTLINES:
        raise ApiError(404, f"no outlines {level!r}; use admin1 or admin2")
    body = data_path("gazetteer", _OUTLINES[level]).read_bytes()
    return Response(body, media_type="application/geo+json", headers={"Cache-Control": "public, max-age=86400"})


@router.get("/places/labels.json", dependencies=[_NO_PARAMS], summary="Place names for the offline map")
def map_labels(request: Request) -> Response:
    """Names of governorates, cities, towns and villages from the packaged gazetteer,
    each with the zoom from which the map draws it: ``{"fields": [...], "rows": [...]}``
    (gzipped when the client accepts it: 10,000 names)."""
    plain, packed = place_labels_json()
    headers = {"Cache-Control": "public, max-age=86400", "Vary": "Accept-Encoding"}
    if "gzip" in request.headers.get("accept-encoding", ""):
        return Response(packed, media_type="application/json", headers={**headers, "Content-Encoding": "gzip"})
    return Response(plain, media_type="application/json", headers=headers)


@router.get("/skips", dependencies=[_known_only("reason", "limit")], summary="Inputs that were skipped, and why")
def skips(
    request: Request,
    reason: Annotated[
        str | None,
        Query(max_length=64, pattern=r"^[a-z0-9_]+$", description="Only this reason code (e.g. not_arabic, http_404)."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_SKIPS, description=f"Newest skips listed (at most {MAX_SKIPS}).")] = 100,
) -> dict[str, Any]:
    """Every input ingest did not store, counted by reason code, and the newest of
    them: ``{"reasons": {code: n}, "total": n, "items": [{key, source, status,
    reason, http_status, at}]}`` (``status`` ``skipped``: a bad input; ``failed``:
    a fetch that did not succeed)."""
    return _store(request).skips(reason, limit)


@router.get("/health", dependencies=[_NO_PARAMS], summary="Is the server up")
def health(request: Request) -> JSONResponse:
    """``{"status": "ok", "events": n, "writable": bool}``."""
    n = _store(request).event_count()
    return JSONResponse({"status": "ok", "events": n, "writable": bool(request.app.state.allow_writes)})
