"""RFC 9457 problem details: the one way every error leaves the service."""

import logging
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout
from sqlalchemy.orm.exc import StaleDataError
from starlette.exceptions import HTTPException
from starlette.routing import Match, Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from service.domain.common.errors import DomainError, PreconditionFailed, PreconditionRequired

PROBLEM_JSON = "application/problem+json"
E = TypeVar("E", bound=Exception)
log = logging.getLogger("service.errors")


class Problem(BaseModel):
    """An RFC 9457 problem: what went wrong, in words a person can act on. Some carry more members, such
    as `allowed_actions` for a proposal action its status does not allow."""

    type: str = Field(description="A URN naming the kind of problem; branch on this, not on the title",
                      examples=["urn:lsp-allocation:problem:not-found"])
    title: str = Field(description="A short summary of the kind of problem", examples=["Not found"])
    status: int = Field(description="The HTTP status code, repeated", examples=[404])
    detail: str = Field(description="What went wrong this time and, where it helps, how to put it right",
                        examples=["No partner with id 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b in this partnership."])
    instance: str | None = Field(default=None, description="The path of the request that failed",
                                 examples=["/v1/partnerships/71c981f4-39d5-566d-b8ff-f26dc2f24a8f"])
    errors: list[dict[str, Any]] | None = Field(
        default=None, description="On a 422: each field refused, as `loc` (where: body, query, path, header, "
        "then the field), `msg` and `type`; on an import, each row's errors")


def problem(request: Request, status: int, title: str, detail: str, slug: str,
            headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    body = {"type": f"urn:lsp-allocation:problem:{slug}", "title": title, "status": status,
            "detail": detail, "instance": request.url.path, **extra}
    return JSONResponse(body, status_code=status, media_type=PROBLEM_JSON, headers=headers)


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The problems particular to a route; contract.py describes them and adds the ones every route of its
    shape can answer with."""
    return {s: {"model": Problem} for s in statuses}


_EXAMPLES = {
    400: ("malformed-header", "Malformed header", "If-Match: 'v3' is not a list of entity tags. The ETag of your "
          'last read, in double quotes as the ETag header gives it: "v3".'),
    401: ("unauthenticated", "Unauthenticated", "Send an API key as 'Authorization: Bearer <key>' or "
          "'X-API-Key', or an OpenID Connect bearer token."),
    403: ("forbidden", "Forbidden", "The scrutiny role may not create funding stream; this needs partner_finance."),
    404: ("not-found", "Not found", "No partnership with id 0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b."),
    406: ("not-acceptable", "Not acceptable", "This operation answers with application/json or "
          "application/problem+json, which the Accept header does not allow."),
    409: ("conflict", "Conflict", "least_contribution (£900,000.00) is above most_contribution (£800,000.00)."),
    412: ("precondition-failed", "Precondition failed",
          'The resource has changed since you read it; its current ETag is "v4".'),
    413: ("content-too-large", "Content too large",
          "The request body exceeds this service's limit of 1,048,576 bytes (max_body_bytes)."),
    415: ("unsupported-media-type", "Unsupported media type", "Send the body as application/json."),
    422: ("invalid-request", "Invalid request", "Invalid financial_year: String should match pattern "
          "'^\\d{4}-\\d{2}$'"),
    428: ("precondition-required", "Precondition required", 'Send If-Match with the ETag from your last read of '
          'this resource (e.g. If-Match: "v3"), so that a change made since cannot be overwritten; If-Match: * '
          "changes whatever version is current."),
    429: ("too-many-requests", "Too many requests", "This partnership has started 10 optimisation runs in the "
          "last 60 s; the limit is 10 (run_burst). Retry after 12 s."),
    503: ("unavailable", "Service unavailable", "The database cannot be reached; try again shortly."),
}


def problem_example(status: int) -> dict[str, Any]:
    """A problem as the service sends it for `status`, for the OpenAPI document."""
    slug, title, detail = _EXAMPLES[status]
    return {"type": f"urn:lsp-allocation:problem:{slug}", "title": title, "status": status, "detail": detail}


def _validation_detail(errors: list[dict[str, Any]]) -> str:
    fields = [".".join(str(p) for p in e["loc"][1:]) or str(e["loc"][0]) for e in errors]
    return "Invalid " + ", ".join(dict.fromkeys(fields)) + ": " + errors[0]["msg"]


async def _domain(request: Request, exc: DomainError) -> JSONResponse:
    return problem(request, exc.status, exc.title, exc.detail, exc.slug, headers=exc.headers or None,
                   **exc.extra)


async def _validation(request: Request, exc: RequestValidationError) -> JSONResponse:
    errors = [{"loc": list(e["loc"]), "msg": e["msg"], "type": e["type"]} for e in exc.errors()]
    if any(e["type"] == "missing" and e["loc"] == ["header", "if-match"] for e in errors):
        return await _domain(request, PreconditionRequired())
    return problem(request, 422, "Invalid request", _validation_detail(errors),
                   "invalid-request", errors=errors)


async def _http(request: Request, exc: HTTPException) -> JSONResponse:
    slug = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
    headers = dict(getattr(exc, "headers", None) or {})
    if exc.status_code == 405:
        headers["Allow"] = ", ".join(_methods_for(request))
    if exc.status_code == 400:  # FastAPI's "error parsing the body": bytes that are not JSON at all
        return problem(request, 422, "Invalid request", "Invalid body: it is not UTF-8 JSON.",
                       "invalid-request", errors=[{"loc": ["body"], "msg": str(exc.detail), "type": "json_invalid"}])
    return problem(request, exc.status_code, str(exc.detail), str(exc.detail), slug, headers=headers or None)


def _methods_for(request: Request) -> list[str]:
    """Every method some route serves at this path (Starlette names only the first route's)."""
    return sorted({method for route in request.app.routes if isinstance(route, Route)
                   and route.matches(request.scope)[0] != Match.NONE for method in route.methods or ()})


async def _database_down(request: Request, exc: OperationalError) -> JSONResponse:
    log.warning("database unavailable: %s", type(exc.orig).__name__)
    return problem(request, 503, "Service unavailable",
                   "The database cannot be reached; try again shortly.", "unavailable",
                   headers={"Retry-After": "5"})


async def _no_connection(request: Request, exc: PoolTimeout) -> JSONResponse:
    log.warning("no database connection free within the pool timeout")
    return problem(request, 503, "Service unavailable",
                   "The service is busy: no database connection came free in time; try again shortly.",
                   "unavailable", headers={"Retry-After": "2"})


async def _lost_race(request: Request, exc: StaleDataError) -> JSONResponse:
    return await _domain(request, PreconditionFailed(None))


class LastResort:
    """Any error nothing else handled becomes a logged 500 problem. Handled here, inside Starlette's
    ServerErrorMiddleware, because that one re-raises after answering, and the server then drops the
    client's keep-alive connection."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def watching_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, watching_send)
        except Exception:
            request = Request(scope)
            log.exception("unhandled error on %s %s", request.method, request.url.path)
            if started:
                raise  # half an answer is out: only closing the connection tells the client
            response = problem(request, 500, "Internal server error",
                               "Something went wrong on our side; it has been logged.", "internal")
            await response(scope, receive, send)


def handle(app: FastAPI, error: type[E], handler: Callable[[Request, E], Awaitable[Response]]) -> None:
    """Register `handler` for `error` (Starlette types handlers as taking any Exception)."""
    app.add_exception_handler(error, cast(Any, handler))


def install(app: FastAPI) -> None:
    """The handlers; add LastResort as the outermost middleware (create_app does, after the others)."""
    handle(app, DomainError, _domain)
    handle(app, RequestValidationError, _validation)
    handle(app, HTTPException, _http)
    handle(app, OperationalError, _database_down)
    handle(app, PoolTimeout, _no_connection)
    handle(app, StaleDataError, _lost_race)
