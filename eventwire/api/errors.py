"""Structured errors: every 4xx/5xx answer is {"error": {"code", "message", ...}}.

``code`` is a stable machine word (not_found, unauthorized, validation_error, ...); ``message`` is for people;
``input`` names what was wrong (a field, a URL, an id) where there is one.
"""
from __future__ import annotations

import logging
from typing import Any, Optional

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from eventwire.errors import EventwireError, IngestError, StoreError, UnsafeURLError

log = logging.getLogger("eventwire.api")

# HTTP status → the default error code when the raiser gave none.
STATUS_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
                405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 411: "length_required",
                413: "payload_too_large", 415: "unsupported_media_type", 422: "validation_error",
                429: "too_many_requests", 500: "internal_error", 503: "unavailable"}


class ApiError(StarletteHTTPException):
    """An HTTP error with a stable code and, optionally, the input it is about."""

    def __init__(self, status: int, code: str, message: str, input: Any = None,
                 headers: Optional[dict[str, str]] = None, **extra: Any):
        super().__init__(status_code=status, detail=message, headers=headers)
        self.code = code
        self.input = input
        self.extra = extra


def error_body(code: str, message: str, input: Any = None, **extra: Any) -> dict:
    error: dict[str, Any] = {"code": code, "message": message}
    if input is not None:
        error["input"] = input
    error.update(extra)
    return {"error": error}


def error_response(status: int, code: str, message: str, input: Any = None,
                   headers: Optional[dict[str, str]] = None, **extra: Any) -> JSONResponse:
    return JSONResponse(error_body(code, message, input, **extra), status_code=status, headers=headers)


def _location(loc) -> str:
    return ".".join(str(part) for part in loc)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    if isinstance(exc, ApiError):
        return error_response(exc.status_code, exc.code, str(exc.detail), exc.input, exc.headers, **exc.extra)
    code = STATUS_CODES.get(exc.status_code, "error")
    message = exc.detail if isinstance(exc.detail, str) else code.replace("_", " ")
    return error_response(exc.status_code, code, message, request.url.path if exc.status_code == 404 else None,
                          getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    # Each problem keeps pydantic's location ("query.limit", "body.url") so a client can point at the field.
    details = [{"input": _location(e.get("loc", ())), "message": e.get("msg", "invalid"), "type": e.get("type")}
               for e in exc.errors()]
    first = details[0] if details else {"input": None, "message": "invalid request"}
    return error_response(422, "validation_error", f"{first['input']}: {first['message']}", first["input"],
                          details=details)


async def _pipeline_error(request: Request, exc: EventwireError) -> JSONResponse:
    # The API validates every filter before the store sees it, so a store error is the server's problem.
    if isinstance(exc, StoreError):
        log.error("store error on %s %s: %s", request.method, request.url.path, exc)
        return error_response(500, "store_error", f"the store failed: {exc.reason}")
    # A document the pipeline refused is the client's input problem, named with its cause.
    if isinstance(exc, UnsafeURLError):
        code = "unsafe_url"
    elif isinstance(exc, IngestError):
        code = "ingest_failed"
    else:
        code = f"{exc.stage}_failed"
    return error_response(422, code, exc.reason, exc.source, stage=exc.stage)


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unhandled error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", f"{type(exc).__name__} while serving {request.url.path}")


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(EventwireError, _pipeline_error)
    app.add_exception_handler(Exception, _unexpected_error)
