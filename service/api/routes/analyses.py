"""Analyses of a run: ask for one (201 when it finishes within the wait, else 202 to poll), read, list,
cancel. The same job engine, wait and limits as runs."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request, status
from fastapi.responses import JSONResponse

from service.api.deps import Cursor, EngineDep, JobEngineDep, PageSize, PartnershipId, SessionDep
from service.api.idempotency import Idempotent
from service.api.problems import error_responses
from service.api.routes.runs import RunId, handoff, run_limits
from service.api.security import Actor
from service.api.tables import CSV, csv_response, wanted
from service.domain import analyses, register, runs
from service.domain.models.analysis import AnalysisCreate, AnalysisKind, AnalysisPublic
from service.domain.models.base import Page
from service.domain.models.run import finished

router = APIRouter(prefix="/partnerships/{partnership_id}/runs/{run_id}/analyses", tags=["Analyses"])
AnalysisId = Annotated[uuid.UUID, Path(description="The analysis's id: the id in create_analysis's answer, or "
                                                   "one from list_analyses")]
ANSWERS = {**error_responses(404, 409, 422, 429),
           202: {"model": AnalysisPublic, "description": "Still working: poll the Location"}}


def _known_run(partnership_id: PartnershipId, run_id: RunId, session: SessionDep) -> uuid.UUID:
    """404 for an unknown or another partnership's run before the body is read, so 422s reveal nothing."""
    runs.fetch(session, partnership_id, run_id)
    return run_id


KnownRunId = Annotated[uuid.UUID, Depends(_known_run)]


def _answer(request: Request, job: Any, done: bool, *, created: bool = True) -> JSONResponse:
    location = str(request.url_for("get_analysis", partnership_id=job.partnership_id, run_id=job.analysed_run_id,
                                   analysis_id=job.id).path)
    code = (status.HTTP_201_CREATED if created else status.HTTP_200_OK) if done else status.HTTP_202_ACCEPTED
    return JSONResponse(analyses.public(job).model_dump(mode="json"), status_code=code,
                        headers={"Location": location, "ETag": register.etag(job)})


@router.post("", status_code=status.HTTP_201_CREATED, response_model=AnalysisPublic, operation_id="create_analysis",
             summary="Analyse a finished run (201), or start it and answer 202 if it takes long",
             description="Freezes what the analysis needs from the run (and, for a comparison, from the run it is "
             "compared with) into a new analysis and queues it for a worker, as a run is queued. Finished within "
             "RUN_WAIT_SECONDS it is a 201 with its findings; otherwise a 202 whose Location is the analysis to "
             "poll. A run without an allocation is a 409. Analyses count towards the partnership's run limit.",
             responses=ANSWERS, dependencies=[Idempotent])
def create_analysis(partnership_id: PartnershipId, run_id: KnownRunId, body: AnalysisCreate, session: SessionDep,
                    actor: Actor, engine: EngineDep, jobs: JobEngineDep, request: Request) -> Any:
    job = analyses.start(session, partnership_id, run_id, body, limits=run_limits(), actor=actor)
    job, done = runs.hand_off(job, handoff(request, engine, jobs))
    return _answer(request, job, done)


@router.get("", response_model=Page[AnalysisPublic], operation_id="list_analyses",
            summary="List the run's analyses, oldest first", responses=error_responses(404, 422),
            description="Every analysis of the run, oldest first, with its status and findings; filter by kind. "
            "Paged (page_size, then cursor=next_cursor).")
def list_analyses(partnership_id: PartnershipId, run_id: RunId, session: SessionDep, size: PageSize,
                  cursor: Cursor = None, kind: Annotated[AnalysisKind | None, Query(
                      description="Only the analyses of this kind", examples=["comparison"])] = None) -> Any:
    return analyses.list_analyses(session, partnership_id, run_id, kind=kind, cursor=cursor, size=size)


@router.get("/{analysis_id}", response_model=AnalysisPublic, operation_id="get_analysis",
            summary="Read an analysis: its status and, once finished, its findings (JSON or CSV)",
            description="The analysis's status resource: poll it after a 202 until its status is final (done, "
            "error or cancelled). Once done: its findings in sentences and its figures. Accept: text/csv for the "
            "figures as a table: a comparison's changes (kind, id, name, before, after, change), a frontier's "
            "points (budget, weighted attainment, the next segment's marginal value and who enters or leaves).",
            responses={**error_responses(404, 422), 200: {"description": "The analysis", "content": {
                CSV: {"schema": {"type": "string"}}}}})
def get_analysis(partnership_id: PartnershipId, run_id: RunId, analysis_id: AnalysisId, session: SessionDep,
                 request: Request) -> Any:
    found = analyses.public(analyses.fetch(session, partnership_id, run_id, analysis_id))
    if wanted(request) == CSV:
        columns, rows = analyses.table(found)
        return csv_response(columns, rows, filename=f"analysis-{analysis_id}.csv")
    return JSONResponse(found.model_dump(mode="json"), headers={"ETag": register.etag(found)})


@router.post("/{analysis_id}/cancel", response_model=AnalysisPublic, operation_id="cancel_analysis",
             summary="Cancel a queued or running analysis",
             description="As for a run: a queued analysis is cancelled at once (200), a running one's worker is "
             "asked to stop (202: poll it); a finished one cannot be cancelled (409).",
             responses={**error_responses(404, 409, 422),
                        202: {"model": AnalysisPublic, "description": "Its worker has been asked to stop"}})
def cancel_analysis(partnership_id: PartnershipId, run_id: RunId, analysis_id: AnalysisId, session: SessionDep,
                    actor: Actor, request: Request) -> Any:
    job = analyses.cancel(session, partnership_id, run_id, analysis_id, actor)
    return _answer(request, job, finished(job.status), created=False)
