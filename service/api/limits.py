"""Bounds on what one request may consume: its body's size (the run burst limit is in runs.start).

The body limit is our own pure ASGI middleware rather than Starlette's RequestBodyLimitMiddleware
because that one answers a declared oversize body in plain text, and every error here is
problem+json.
"""

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.problems import handle, problem
from service.settings import get_settings

UPLOAD_TYPES = ("multipart/form-data", "text/csv")
MULTIPART_ALLOWANCE = 64 * 1024  # boundaries and part headers around a file of max_upload_bytes


class BodyTooLarge(HTTPException):
    def __init__(self, limit: int, setting: str) -> None:
        super().__init__(413, f"The request body exceeds this service's limit of {limit:,} bytes ({setting}).")
        self.limit, self.setting = limit, setting


def _limit(scope: Scope) -> tuple[int, str]:
    settings = get_settings()
    content_type = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"content-type"), "")
    if content_type.lower().startswith(UPLOAD_TYPES):
        return settings.max_upload_bytes + MULTIPART_ALLOWANCE, "max_upload_bytes"
    return settings.max_body_bytes, "max_body_bytes"


def _declared_length(scope: Scope) -> int | None:
    for name, value in scope["headers"]:
        if name == b"content-length":
            return int(value) if value.isdigit() else None
    return None


class BodySizeLimit:
    """Refuse a body over the limit: at once when Content-Length says so, else as the bytes arrive."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit, setting = _limit(scope)
        declared = _declared_length(scope)
        if declared is not None and declared > limit:
            response = await _too_large(Request(scope), BodyTooLarge(limit, setting))
            await response(scope, receive, send)
            return
        received = 0

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            received += len(message.get("body", b""))
            if received > limit:
                raise BodyTooLarge(limit, setting)  # the route's exception handling renders it
            return message

        await self.app(scope, counting_receive, send)


async def _too_large(request: Request, exc: BodyTooLarge) -> JSONResponse:
    return problem(request, 413, "Content too large", str(exc.detail), "content-too-large",
                   limit=exc.setting, max_bytes=exc.limit)


def install(app: FastAPI) -> None:
    app.add_middleware(BodySizeLimit)
    handle(app, BodyTooLarge, _too_large)
