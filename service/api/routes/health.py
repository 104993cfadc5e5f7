"""Liveness and readiness for the orchestrator."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

from service.api.deps import EngineDep
from service.domain.common import health

router = APIRouter(tags=["Health"])


@router.get("/livez", operation_id="livez", summary="The process is up")
async def livez() -> dict[str, str]:
    """On the event loop itself, so that it answers however busy the worker threads are."""
    return {"status": "ok"}


@router.get("/readyz", operation_id="readyz",
            summary="The database answers and is migrated to head",
            responses={503: {"description": "Not ready; the body says why"}})
def readyz(engine: EngineDep) -> Any:
    problem = health.readiness_problem(engine)
    if problem is None:
        return {"status": "ok"}
    return JSONResponse({"status": "unavailable", "detail": problem}, status_code=503,
                        headers={"Retry-After": "5"})


@router.get("/metrics", operation_id="metrics", response_class=Response,
            summary="Prometheus metrics: requests and latency by route, optimiser runs by status and time",
            description="Needs no credentials, like /livez: let only the monitoring network reach it.",
            responses={200: {"content": {CONTENT_TYPE_LATEST: {"schema": {"type": "string"}}},
                             "description": "The Prometheus text exposition format"}})
async def metrics() -> Response:
    return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)
