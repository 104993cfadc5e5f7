"""Idempotency-Key on every POST: a retry gets the first answer, marked Idempotent-Replayed.

create_app gives every POST route the `Idempotent` dependency (`cover_every_post`). It claims the key
(or replays the stored answer, or refuses: 409 while the first is still running, 422 for a different
request); the middleware stores the answer before its last byte leaves, using the request's own session.
"""

import hashlib
import json
import logging
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Header, Request
from fastapi.responses import Response
from fastapi.routing import APIRoute
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.api.deps import SessionDep
from service.api.problems import handle
from service.api.security import Actor
from service.domain.access import idempotency
from service.domain.access.idempotency import StoredResponse

CLAIM = "lsp.idempotency_claim"
FORMS = ("multipart/form-data", "application/x-www-form-urlencoded")
log = logging.getLogger("service.idempotency")

KeyHeader = Annotated[str | None, Header(
    alias="Idempotency-Key", min_length=1, max_length=200, pattern=r"^[\x20-\x7e]+$",
    description="Any unique string (a UUID, say) of 1-200 printable characters. A retry with the same "
                "key and request gets the first response again (header Idempotent-Replayed: true) "
                "instead of doing the work twice; the key is kept for 24 hours.")]


@dataclass(frozen=True)
class _Claim:
    session: Session
    record_id: uuid.UUID
    secrets: tuple[str, ...] = ()  # fields of the answer kept as null: a replay never shows them


def keep_without(request: Request, *fields: str) -> None:
    """The route's answer holds secrets (a new API key): keep it for a replay without them, so that a
    secret is shown once and never stored."""
    claim: _Claim | None = request.scope.get(CLAIM)
    if claim is not None:
        request.scope[CLAIM] = replace(claim, secrets=fields)


class IdempotentReplay(Exception):
    def __init__(self, stored: StoredResponse) -> None:
        self.stored = stored


async def claim_key(request: Request, session: SessionDep, actor: Actor, key: KeyHeader = None) -> None:
    if key is None:
        return
    # The path as sent, still percent-encoded: decoded, it may hold characters no database stores.
    path = request.scope.get("raw_path", b"").decode("latin-1") or request.url.path
    found = await run_in_threadpool(idempotency.claim, session, actor, key, method=request.method,
                                    path=path, request_hash=await _digest(request))
    if isinstance(found, StoredResponse):
        raise IdempotentReplay(found)
    request.scope[CLAIM] = _Claim(session, found)


Idempotent = Depends(claim_key)
"""First in every POST route's `dependencies` (before any rate limit, so a replay is never throttled)."""


def cover_every_post(router: APIRouter) -> APIRouter:
    """Give every POST route in `router` (and the routers it includes) the Idempotent dependency. Done
    before the router is included: including it builds each route from its dependencies."""
    for route in _api_routes(router.routes):
        if "POST" in (route.methods or ()) and not any(d.dependency is claim_key for d in route.dependencies):
            route.dependencies.insert(0, Idempotent)
    return router


def _api_routes(routes: Sequence[BaseRoute]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (included := getattr(route, "original_router", None)) is not None:  # FastAPI's include_router
            yield from _api_routes(included.routes)


async def _digest(request: Request) -> str:
    """What makes two requests the same: the query and the body (a form's fields and files)."""
    digest = hashlib.sha256(request.url.query.encode() + b"\n")
    if request.headers.get("content-type", "").lower().startswith(FORMS):
        for name, value in (await request.form()).multi_items():
            digest.update(name.encode() + b"\0")
            if isinstance(value, UploadFile):
                digest.update((value.filename or "").encode() + b"\0" + await value.read())
                await value.seek(0)
            else:
                digest.update(value.encode())
            digest.update(b"\0")
    else:
        digest.update(await request.body())
    return digest.hexdigest()


class ResponseKeeper:
    """Stores the answer to a claimed key before the client can see all of it, so a retry finds it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST":
            await self.app(scope, receive, send)
            return
        status, headers, body = 0, {}, bytearray()

        async def keeping_send(message: Message) -> None:
            nonlocal status, headers
            claim: _Claim | None = scope.get(CLAIM)
            if claim is not None and message["type"] == "http.response.start":
                status = message["status"]
                headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in message.get("headers", [])}
            elif claim is not None and message["type"] == "http.response.body":
                body.extend(message.get("body", b""))
                if not message.get("more_body", False):
                    del scope[CLAIM]
                    await _keep(claim, status, headers, bytes(body))
            await send(message)

        try:
            await self.app(scope, receive, keeping_send)
        finally:
            unanswered: _Claim | None = scope.pop(CLAIM, None)
            if unanswered is not None:
                await run_in_threadpool(idempotency.release, unanswered.session, unanswered.record_id)


async def _keep(claim: _Claim, status: int, headers: dict[str, str], body: bytes) -> None:
    text = body.decode("utf-8", "replace")
    if claim.secrets:
        text = json.dumps({**json.loads(text), **dict.fromkeys(claim.secrets)}, separators=(",", ":"))
        headers = {k: v for k, v in headers.items() if k.lower() != "content-length"}
    try:
        await run_in_threadpool(idempotency.complete, claim.session, claim.record_id, status, headers, text)
    except Exception:  # the answer still goes out; a retry sees 409 until the key expires
        log.exception("could not store the response to an Idempotency-Key")


async def _replay(request: Request, exc: IdempotentReplay) -> Response:
    stored = exc.stored
    return Response(stored.body.encode(), status_code=stored.status,
                    headers={**stored.headers, "Idempotent-Replayed": "true"})


def install(app: FastAPI) -> None:
    app.add_middleware(ResponseKeeper)
    handle(app, IdempotentReplay, _replay)
