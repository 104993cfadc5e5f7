"""Liveness and readiness for the orchestrator."""

import hmac
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Header, HTTPException
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pydantic import BaseModel, Field

from service.api.deps import EngineDep
from service.api.problems import error_responses
from service.domain.access.principal import Unauthenticated
from service.domain.common import health
from service.settings import get_settings

router = APIRouter(tags=["Health"])


class Health(BaseModel):
    status: Literal["ok", "unavailable"] = Field(description=(
        "- `ok`: up (for readyz: ready to serve).\n- `unavailable`: not ready; detail says why."))
    detail: str | None = Field(default=None, description="Why the service is not ready",
                               examples=["The database is not migrated to head; run `python -m service migrate`."])


OK: dict[int | str, dict[str, Any]] = {
    200: {"model": Health, "description": 'Up (for readyz: ready); the body is {"status": "ok"}'}}


@router.get("/livez", operation_id="livez", summary="The process is up", response_model=None, responses=OK,
            description="Answers 200 as long as the process runs, however busy it is; an orchestrator restarts "
            "the container when it stops answering. It does not touch the database.")
async def livez() -> Any:
    """On the event loop itself, so that it answers however busy the worker threads are."""
    return {"status": "ok"}


@router.get("/readyz", operation_id="readyz", response_model=None,
            summary="The database answers and is migrated to head",
            description="200 when the service can take traffic: its database answers and its schema is migrated "
            "to the latest revision. A load balancer should send requests only to replicas that answer 200.",
            responses={**OK, 503: {"model": Health, "description": "Not ready; the body says why",
                             "headers": {"Retry-After": {"description": "Seconds before asking again",
                                                         "schema": {"type": "integer"}}}}})
def readyz(engine: EngineDep) -> Any:
    problem = health.readiness_problem(engine)
    if problem is None:
        return {"status": "ok"}
    return JSONResponse({"status": "unavailable", "detail": problem}, status_code=503,
                        headers={"Retry-After": "5"})


@router.get("/metrics", operation_id="metrics", response_class=Response,
            summary="Prometheus metrics: requests and latency by route, optimiser runs by status and time",
            description="Served here openly in development; in production on METRICS_PORT instead, or here with "
            "'Authorization: Bearer <METRICS_TOKEN>'.",
            responses={200: {"content": {"text/plain": {"schema": {"type": "string"}}},  # CONTENT_TYPE_LATEST
                             "description": "The Prometheus text exposition format"},
                       **error_responses(401, 404)})
async def metrics(authorization: Annotated[str | None, Header(include_in_schema=False)] = None) -> Response:
    """Where the operator chose: on a port of its own (METRICS_PORT; then 404 here), or here behind a token
    (METRICS_TOKEN), or here openly in development."""
    settings = get_settings()
    if settings.metrics_port is not None:
        raise HTTPException(404, "Not Found")
    if settings.metrics_token and not hmac.compare_digest(authorization or "", f"Bearer {settings.metrics_token}"):
        raise Unauthenticated("/metrics needs 'Authorization: Bearer <METRICS_TOKEN>'.")
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
