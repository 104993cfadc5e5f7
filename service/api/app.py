"""The FastAPI application."""

from fastapi import Depends, FastAPI

from service.api import docs, idempotency, limits, observability, problems
from service.api.routes import access, health, partnerships, proposals, register, runs, scrutiny, spreadsheets
from service.api.security import authorize

DESCRIPTION = """
Maps a Local Strategic Partnership's resources (each partner's funding streams, what they may be
spent on), the Sustainable Community Strategy's goals (Local Area Agreement targets such as NI 112)
and the interventions that move them, so that mainstream money can be steered towards the goals.

Money is exact: amounts go out as decimal strings with two places. Errors are RFC 9457
`application/problem+json`. Every resource carries a version: reads return an `ETag`, and PATCH
and DELETE honour `If-Match` (412 when stale).

The demo partnership (illustrative data) has the id used in the examples, so "Try it out" works.
"""


def create_app() -> FastAPI:
    app = observability.ObservedApp(
        title="LSP pooled allocation service",
        version="0.1.0",
        description=DESCRIPTION,
        license_info={"name": "MIT", "identifier": "MIT"},
        docs_url=None,  # docs.install serves Swagger UI without a CDN, under any ROOT_PATH
    )
    problems.install(app)
    docs.install(app)
    limits.install(app)
    idempotency.install(app)
    observability.install(app)
    app.include_router(health.router)
    for module in (partnerships, register, runs, access, spreadsheets, proposals, scrutiny):
        app.include_router(module.router, prefix="/v1", dependencies=[Depends(authorize)],
                           responses=problems.error_responses(401, 403, 413))
    return app
