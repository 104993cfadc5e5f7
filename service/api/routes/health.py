"""Liveness and readiness for the orchestrator."""

from typing import Any

from fastapi import APIRouter
from fastapi.responses import JSONResponse

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
