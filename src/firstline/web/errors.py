"""Every error the web app answers, mapped in one place to ``{"error": "<what is wrong>"}``.

* ``ApiError``                 raised by routes and dependencies; carries status and message
  + ``BodyTooLarge``           the request body exceeds the byte limit (413)
* ``RequestValidationError``   invalid JSON (400), missing or wrong fields (422)
* ``HTTPException``            unknown route (404), wrong method (405), unreadable body (400)
* ``firstline.errors``         NotFound → 404, InvalidInput → 422, PolicyDenied → 403,
                               ProviderUnavailable → 503
* a busy database              503 with ``Retry-After`` (SQLite "database is locked"); retry
                               with the same ``message_id``
* anything else                500 ``{"error": "internal server error"}`` (logged)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import structlog
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from sqlalchemy.exc import OperationalError
from starlette.exceptions import HTTPException as StarletteHTTPException

from firstline.errors import InvalidInput, NotFound, PolicyDenied, ProviderUnavailable

log = structlog.get_logger()


class ErrorBody(BaseModel):
    """What every 4xx and 5xx answer looks like."""

    error: str = Field(description="What is wrong, in one sentence.")
    details: list[dict[str, Any]] | None = Field(
        default=None, description="For validation errors: every problem found (field, type, message)."
    )


class ApiError(StarletteHTTPException):
    """An error answer with a status code and a message for the client."""

    def __init__(self, status_code: int, message: str, *, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(status_code=status_code, detail=message, headers=dict(headers) if headers else None)


class BodyTooLarge(ApiError):
    """The request body is larger than the app accepts."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body is larger than {limit} bytes")


def error_response(status_code: int, message: str, **extra: Any) -> JSONResponse:
    """The one shape of every error answer."""
    headers = extra.pop("headers", None)
    body = ErrorBody(error=message, **extra).model_dump(exclude_none=True)
    return JSONResponse(body, status_code=status_code, headers=headers)


_HTTP_MESSAGES = {
    400: "bad request",
    404: "not found",
    405: "method not allowed",
}


def _field(loc: Sequence[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "path", "query", "header")]
    return ".".join(parts)


def _describe(error: Mapping[str, Any]) -> str:
    kind = error.get("type", "")
    field = _field(error.get("loc", ()))
    if kind == "missing":
        return f"{field or 'request body'} is required"
    if kind in ("model_attributes_type", "dict_type") and not field:
        return "the request body must be a JSON object (Content-Type: application/json)"
    if kind == "extra_forbidden":
        return f"unknown field '{field}'"
    message = str(error.get("msg", "is invalid"))
    message = message.removeprefix("Value error, ")
    return f"{field}: {message}" if field else message


def validation_message(errors: Sequence[Mapping[str, Any]]) -> str:
    """One sentence naming the first problem (and how many more there are)."""
    if not errors:
        return "invalid request"
    first = _describe(errors[0])
    more = len(errors) - 1
    return first if not more else f"{first} (and {more} more problem{'s' if more > 1 else ''})"


def _details(errors: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    return [
        {"field": _field(e.get("loc", ())), "type": str(e.get("type", "")), "message": str(e.get("msg", ""))}
        for e in errors
    ]


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in errors):
        return error_response(400, "the request body is not valid JSON")
    return error_response(422, validation_message(errors), details=_details(errors))


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    if isinstance(exc, ApiError):
        message = str(exc.detail)
    elif exc.status_code == 400 and exc.__cause__ is not None:
        message = "the request body cannot be read (send UTF-8 encoded JSON)"
    else:
        message = _HTTP_MESSAGES.get(exc.status_code) or str(exc.detail).lower()
    return error_response(exc.status_code, message, headers=exc.headers)


async def _firstline_error(_request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, NotFound):
        return error_response(404, str(exc) or "not found")
    if isinstance(exc, InvalidInput):
        return error_response(422, str(exc) or "invalid input")
    if isinstance(exc, PolicyDenied):
        return error_response(403, exc.reason)
    if isinstance(exc, ProviderUnavailable):
        return error_response(
            503, "a service the agent needs is unavailable; try again shortly", headers={"Retry-After": "30"}
        )
    return await _unexpected(_request, exc)


async def _database_busy(request: Request, exc: Exception) -> JSONResponse:
    log.warning("web.database_busy", path=request.url.path, error=str(exc).splitlines()[0])
    return error_response(503, "the service is busy; try again in a moment", headers={"Retry-After": "1"})


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("web.unhandled_error", path=request.url.path, error=repr(exc))
    return error_response(500, "internal server error")


def install_error_handlers(app: FastAPI) -> None:
    """Route every error through the ``{"error": …}`` contract."""
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for error in (NotFound, InvalidInput, PolicyDenied, ProviderUnavailable):
        app.add_exception_handler(error, _firstline_error)
    app.add_exception_handler(OperationalError, _database_busy)
    app.add_exception_handler(Exception, _unexpected)


ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorBody, "description": "The body is not valid JSON or cannot be read."},
    404: {"model": ErrorBody, "description": "No conversation with this id."},
    413: {"model": ErrorBody, "description": "The text or the request body is too long."},
    422: {"model": ErrorBody, "description": "A field is missing, has the wrong type or an invalid value."},
    429: {"model": ErrorBody, "description": "Too many requests from this client; see Retry-After."},
    503: {"model": ErrorBody, "description": "Busy (the database is locked); retry after Retry-After seconds."},
}


def error_responses(*statuses: int, json_only: bool = False) -> dict[int | str, dict[str, Any]]:
    """The documented error answers of a route; ``json_only`` for routes whose success is not JSON."""
    if not json_only:
        return {status: ERROR_RESPONSES[status] for status in statuses}
    schema = {"$ref": "#/components/schemas/ErrorBody"}
    return {
        status: {
            "description": ERROR_RESPONSES[status]["description"],
            "content": {"application/json": {"schema": schema}},
        }
        for status in statuses
    }
