"""Who may call what, and how much they may send.

Writes need the X-API-Key (compared in constant time); with no key configured they are refused unless the
operator opened them explicitly. Reads are open unless ``read_key_required``. Bodies are capped by a middleware
that checks Content-Length and counts the streamed bytes (a client may lie about, or omit, the length).
"""
from __future__ import annotations

import hmac
import json
from typing import Optional

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from eventwire.api.errors import ApiError, error_body
from eventwire.api.settings import Settings

API_KEY_HEADER = "X-API-Key"
api_key_header = APIKeyHeader(name=API_KEY_HEADER, auto_error=False,
                              description="The key given to `eventwire serve --api-key` or EVENTWIRE_API_KEY.")


def _key_matches(given: Optional[str], expected: str) -> bool:
    if given is None:
        return False
    # Header values arrive decoded as Latin-1: back to the bytes sent, so a UTF-8 key typed in curl matches.
    return hmac.compare_digest(given.encode("latin-1", "replace"), expected.encode("utf-8"))


def _check_key(given: Optional[str], settings: Settings) -> None:
    if given is None:
        raise ApiError(401, "unauthorized", f"missing {API_KEY_HEADER} header", API_KEY_HEADER,
                       headers={"WWW-Authenticate": "ApiKey"})
    if not _key_matches(given, settings.api_key or ""):
        raise ApiError(401, "unauthorized", f"invalid {API_KEY_HEADER}", API_KEY_HEADER,
                       headers={"WWW-Authenticate": "ApiKey"})


def require_write_key(request: Request, key: Optional[str] = Depends(api_key_header)) -> None:
    settings: Settings = request.app.state.settings
    if settings.api_key is None:
        if settings.open_writes:
            return
        raise ApiError(403, "writes_disabled",
                       "writes are disabled: start the server with an API key (--api-key or EVENTWIRE_API_KEY)")
    _check_key(key, settings)


def require_read_key(request: Request, key: Optional[str] = Depends(api_key_header)) -> None:
    settings: Settings = request.app.state.settings
    if settings.read_key_required:
        _check_key(key, settings)


class BodySizeLimit:
    """ASGI middleware: 413 when Content-Length or the bytes actually streamed exceed ``max_bytes``.

    The body is read here (at most ``max_bytes``) and replayed to the app, so an oversized body is refused
    before any endpoint parses it.
    """

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] in ("GET", "HEAD", "OPTIONS"):
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                declared_length = int(declared)
            except ValueError:
                await self._refuse(send, 400, "bad_request", "Content-Length is not a number")
                return
            if declared_length > self.max_bytes:
                await self._refuse_too_large(send)
                return
        chunks, total = [], 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            body = message.get("body", b"")
            total += len(body)
            if total > self.max_bytes:
                await self._refuse_too_large(send)
                return
            chunks.append(body)
            if not message.get("more_body", False):
                break
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": b"".join(chunks), "more_body": False}
            return await receive()

        await self.app(scope, replay, send)

    async def _refuse_too_large(self, send: Send) -> None:
        await self._refuse(send, 413, "payload_too_large", f"request body over {self.max_bytes} bytes")

    async def _refuse(self, send: Send, status: int, code: str, message: str) -> None:
        payload = json.dumps(error_body(code, message)).encode()
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(payload)).encode()),
                                (b"connection", b"close")]})
        await send({"type": "http.response.body", "body": payload})
