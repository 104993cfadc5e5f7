"""The FastAPI application."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import Depends, FastAPI

from service.api import contract, conventions, docs, idempotency, limits, observability, problems
from service.api.admission import Admission
from service.api.routes import (
    access,
    actuals,
    analyses,
    calendar,
    health,
    observations,
    partnerships,
    progress,
    proposals,
    register,
    reports,
    runs,
    scrutiny,
    spreadsheets,
)
from service.api.security import authorize
from service.domain import jobs
from service.domain.common.db import get_engine
from service.settings import get_settings

DESCRIPTION = """
Maps a Local Strategic Partnership's resources (each partner's funding streams, what they may be
spent on), the Sustainable Community Strategy's goals (Local Area Agreement targets such as NI 112)
and the interventions that move them, so that mainstream money can be steered towards the goals.

Money is exact: amounts go out as decimal strings with two places. Errors are RFC 9457
`application/problem+json`. Every resource carries a version: reads return an `ETag`, and PATCH
and DELETE must send it back in `If-Match` (428 without it, 412 when it is stale).

**Where to start.** Press **Authorize** and paste your API key (`make run` prints a development key);
it is kept until you log out, across page refreshes. The sections follow the year's work: the register
(partnerships, partners, themes, funding streams, goals, interventions), the resource map, scenarios
and runs, proposals, scrutiny; then analyses, access and health. The demo partnership (illustrative
data) has the id used in every example, and each example's ids exist in it, so "Try it out" works as
it stands. Where an answer's id goes next is under its **Links**. Free-text examples in angle brackets
are placeholders: write your own words.
"""


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    # Enough threads for every admitted request plus the routes that wait on something else (admission.py).
    settings = get_settings()
    anyio.to_thread.current_default_thread_limiter().total_tokens = settings.worker_threads
    conventions.prepare(app)
    app.state.jobs = jobs.engine_for(get_engine(), settings)
    app.state.jobs.start(settings.optimiser_workers)  # 0: runs are left to `python -m service worker`
    try:
        yield
    finally:
        app.state.jobs.stop()


def create_app() -> FastAPI:
    settings = get_settings()
    app = observability.ObservedApp(
        title="LSP pooled allocation service",
        version="0.1.0",
        description=DESCRIPTION,
        license_info={"name": "MIT", "identifier": "MIT"},
        docs_url=None,  # docs.install serves Swagger UI without a CDN, under any ROOT_PATH
        lifespan=lifespan,
    )
    problems.install(app)
    docs.install(app)
    limits.install(app)
    idempotency.install(app)
    app.add_middleware(Admission, limit=settings.max_concurrent_requests,
                       write_limit=settings.max_concurrent_writes, wait_seconds=settings.request_queue_seconds)
    app.add_middleware(problems.LastResort)
    app.add_middleware(conventions.ResponseHeaders)
    app.include_router(health.router, dependencies=[conventions.Checked])
    for module in (partnerships, register, runs, analyses, access, spreadsheets, proposals, scrutiny, calendar,
                   observations, actuals, progress, reports):
        app.include_router(idempotency.cover_every_post(module.router), prefix="/v1",
                           dependencies=[Depends(authorize), conventions.Checked])
    contract.install(app)  # the statuses and headers every /v1 route shares are declared there
    return app
