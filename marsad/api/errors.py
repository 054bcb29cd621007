"""One error shape for every error answer of the API::

    {"error": {"status": 422, "code": "invalid_parameter",
               "message": "start: expected a date YYYY-MM-DD, got '2020-13-01'",
               "details": [{"param": "start", "message": "..."}]}}

``code`` is short and stable (``invalid_parameter``, ``not_found``,
``method_not_allowed``, ``unauthorized``, ``forbidden``, ``store_error`` …);
``details`` is present only where there is something to list.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from marsad.api.filters import ParamError
from marsad.errors import MarsadError

__all__ = ["error_response", "install_error_handlers", "ApiError"]

_CODES = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    406: "not_acceptable",
    413: "too_large",
    415: "unsupported_media_type",
    422: "invalid_parameter",
    429: "too_many_requests",
}


class ApiError(Exception):
    """Raised by endpoints for a 4xx with a chosen code and message."""

    def __init__(
        self,
        status: int,
        message: str,
        *,
        code: str | None = None,
        details: list[dict[str, str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code or _CODES.get(status, "error")
        self.details = details
        self.headers = headers


def error_response(
    status: int,
    message: str,
    *,
    code: str | None = None,
    details: list[dict[str, str]] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, Any] = {"status": status, "code": code or _CODES.get(status, "error"), "message": message}
    if details:
        body["details"] = details
    return JSONResponse({"error": body}, status_code=status, headers=headers)


def _validation_details(exc: RequestValidationError) -> list[dict[str, str]]:
    out = []
    for err in exc.errors():
        loc = [str(p) for p in err.get("loc", ()) if p not in ("query", "path", "body")]
        out.append({"param": ".".join(loc) or "request", "message": str(err.get("msg", "invalid value"))})
    return out


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ParamError)
    async def _param(_req: Request, exc: ParamError) -> JSONResponse:
        return error_response(422, str(exc), details=exc.details)

    @app.exception_handler(RequestValidationError)
    async def _validation(_req: Request, exc: RequestValidationError) -> JSONResponse:
        details = _validation_details(exc)
        return error_response(422, "; ".join(f"{d['param']}: {d['message']}" for d in details), details=details)

    @app.exception_handler(ApiError)
    async def _api(_req: Request, exc: ApiError) -> JSONResponse:
        return error_response(exc.status, str(exc), code=exc.code, details=exc.details, headers=exc.headers)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_req: Request, exc: StarletteHTTPException) -> JSONResponse:
        message = exc.detail if isinstance(exc.detail, str) else "error"
        return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))

    @app.exception_handler(MarsadError)
    async def _marsad(_req: Request, exc: MarsadError) -> JSONResponse:
        return error_response(500, "the database could not answer; see the server log", code="store_error")
