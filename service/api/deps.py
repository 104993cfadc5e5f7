"""Typed dependencies shared by the routes."""

import re
import uuid
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Header, Path, Query, Request, Response
from pydantic import BaseModel
from sqlalchemy import Engine
from sqlmodel import Session
from starlette.concurrency import run_in_threadpool

from service.domain.common import db
from service.domain.common.db import open_session
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID
from service.domain.common.errors import MalformedHeader
from service.domain.jobs import JobEngine
from service.settings import get_settings

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


# Dependencies that do no I/O are `async def`: FastAPI then runs them on the event loop instead of
# sending each to a worker thread and back (db.get_engine itself, a plain function, would cost one).
async def get_engine() -> Engine:
    """The database engine (made once). Tests point the app at their own database by overriding this."""
    return db.get_engine()


EngineDep = Annotated[Engine, Depends(get_engine)]


async def get_job_engine(request: Request) -> JobEngine:
    """The job engine the application started (app.py's lifespan)."""
    engine: JobEngine = request.app.state.jobs
    return engine


JobEngineDep = Annotated[JobEngine, Depends(get_job_engine)]


async def get_session(request: Request, engine: EngineDep) -> AsyncIterator[Session]:
    """The request's session: reads take no write lock, every other method takes it when it begins.
    Opening one does no I/O (its connection comes with the first query, on the route's thread); closing
    one that holds a connection may, so it happens on a worker thread. A read route that renders its answer
    with `rendered_read` has closed it already, on its own thread, and then nothing is left to wait for."""
    session = open_session(engine, writes=request.method not in SAFE_METHODS)
    try:
        yield session
    finally:
        if session.in_transaction():
            await run_in_threadpool(session.close)
        else:
            session.close()  # no transaction, so no connection to give back: no I/O


SessionDep = Annotated[Session, Depends(get_session)]
PartnershipId = Annotated[uuid.UUID, Path(
    description="The partnership (tenant)",
    openapi_examples={"demo": {"summary": "The demo partnership (illustrative data)",
                               "value": str(DEMO_PARTNERSHIP_ID)}})]
Cursor = Annotated[str | None, Query(pattern=r"^[A-Za-z0-9_-]{22}$",
                                     description="next_cursor of the previous page")]

_ENTITY_TAG = r'(?:W/)?"[\x21\x23-\x7e]*"'  # RFC 9110: an opaque tag may itself hold commas
_TAG_LIST = re.compile(rf"^ *{_ENTITY_TAG}( *, *{_ENTITY_TAG})* *$")
_OUR_ETAG = re.compile(r'(?:W/)?"v(\d+)"')
IF_MATCH_HELP = ('The ETag of your last read, in double quotes as the ETag header gives it: "v3". '
                 "A stale one gets 412 with the current ETag; * matches any version.")


async def page_size(
    page_size: Annotated[int | None, Query(
        ge=1, le=get_settings().max_page_size, examples=[50],
        description=f"How many items a page holds, at most {get_settings().max_page_size} "
                    f"(default {get_settings().default_page_size})")] = None,
) -> int:
    return page_size or get_settings().default_page_size


PageSize = Annotated[int, Depends(page_size)]


def versions(header: str | None) -> set[int] | None:
    """The versions an If-Match header accepts, None for any (`*`), or MalformedHeader."""
    if header is None or header.strip() == "*":
        return None
    if not _TAG_LIST.match(header):
        raise MalformedHeader(f"If-Match: {header[:60]!r} is not a list of entity tags. {IF_MATCH_HELP}",
                              extra={"header": "If-Match"})
    return {int(match[1]) for tag in re.findall(_ENTITY_TAG, header) if (match := _OUR_ETAG.fullmatch(tag))}


IF_MATCH_SCHEMA = {"pattern": rf"^(\*|{_TAG_LIST.pattern[1:-1]})$"}


async def if_match(if_match: Annotated[str | None, Header(
        description=IF_MATCH_HELP, json_schema_extra=IF_MATCH_SCHEMA)] = None) -> set[int] | None:
    return versions(if_match)


async def required_if_match(if_match: Annotated[str, Header(
        description=IF_MATCH_HELP + " Without it the answer is 428.", json_schema_extra=IF_MATCH_SCHEMA,
        openapi_examples={"first version": {"summary": "A resource not changed since it was created",
                                            "value": '"v1"'}})]) -> set[int] | None:
    """PATCH and DELETE must say which version they change: no silent overwrite. A missing header is a
    428 (the validation handler turns FastAPI's 'missing' into PreconditionRequired)."""
    return versions(if_match)


IfMatch = Annotated[set[int] | None, Depends(if_match)]
RequiredIfMatch = Annotated[set[int] | None, Depends(required_if_match)]


def json_body(model: BaseModel, *, status_code: int = 200, headers: dict[str, str] | None = None) -> Response:
    """`model` as the response, serialised once: returned from a route, FastAPI sends it as it is instead of
    validating the model again against the route's response_model (which still documents it)."""
    return Response(model.model_dump_json(), status_code=status_code, headers=headers, media_type="application/json")


def rendered_read(session: Session, model: BaseModel, *, headers: dict[str, str] | None = None) -> Response:
    """A read route's answer (json_body), with the request's session closed here, on the route's worker
    thread: once the answer is rendered nothing needs the session, and giving its connection back now
    spares the request a second trip to a worker thread to do it (get_session)."""
    response = json_body(model, headers=headers)
    session.close()
    return response
