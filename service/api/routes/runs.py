"""Scenarios and their runs: optimise, poll, read the allocation as JSON or CSV."""

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request, Response, status
from fastapi.responses import JSONResponse

from service.api.admission import stepped_aside
from service.api.crud import tenant_router
from service.api.deps import Cursor, EngineDep, JobEngineDep, PageSize, PartnershipId, SessionDep
from service.api.idempotency import Idempotent
from service.api.problems import error_responses
from service.api.security import Actor
from service.api.tables import XLSX, csv_response, spreadsheet_responses, wanted, xlsx_response
from service.domain import register, runs
from service.domain.common.db import open_session
from service.domain.common.demo_ids import DEMO_RUN_ID, DEMO_SCENARIO_ID
from service.domain.jobs import JobEngine
from service.domain.models.base import Page
from service.domain.models.report import AllocationTable
from service.domain.models.run import RunPublic, RunStatus, finished
from service.domain.models.scenario import ScenarioPublic
from service.domain.runs.scenarios import SCENARIOS
from service.domain.spreadsheets import allocation
from service.settings import get_settings

router = APIRouter()
router.include_router(tenant_router(SCENARIOS, path="scenarios", tag="Scenarios", singular="scenario",
                                    plural="scenarios", public=ScenarioPublic))
RunId = Annotated[uuid.UUID, Path(
    description="The run's id: the id in create_run's answer, or one from list_runs", openapi_examples={"demo": {
        "summary": "The demo's own run of its default scenario", "value": str(DEMO_RUN_ID)}})]
ScenarioId = Annotated[uuid.UUID, Path(
    description="The scenario's id", openapi_examples={"demo": {
        "summary": "The demo partnership's default scenario", "value": str(DEMO_SCENARIO_ID)}})]
RUN_RESPONSES = {**error_responses(404, 409, 422, 429),
                 202: {"model": RunPublic, "description": "Still solving: poll the Location"}}


def _answer(request: Request, run: Any, done: bool) -> JSONResponse:
    location = str(request.url_for("get_run", partnership_id=run.partnership_id, run_id=run.id).path)
    body = runs.public(run).model_dump(mode="json")
    return JSONResponse(body, status_code=201 if done else 202, headers={
        "Location": location, "ETag": register.etag(run)})


def handoff(request: Request, engine: Any, jobs: JobEngine) -> runs.Handoff:
    """Queue with the job engine; wait up to RUN_WAIT_SECONDS, giving up the request's admission place
    meanwhile (admission.py)."""
    return runs.Handoff(jobs.submitted, get_settings().run_wait_seconds,
                        read_session=lambda: open_session(engine, writes=False),
                        while_waiting=lambda: stepped_aside(request))


def run_limits() -> runs.RunLimits:
    settings = get_settings()
    return runs.RunLimits(max_pairs=settings.max_problem_pairs, burst=settings.run_burst,
                          window_seconds=settings.run_burst_window_seconds)


@router.post("/partnerships/{partnership_id}/scenarios/{scenario_id}/runs", tags=["Runs"],
             status_code=status.HTTP_201_CREATED, response_model=RunPublic, operation_id="create_run",
             summary="Optimise a scenario now (201), or start it and answer 202 if it takes long",
             description="Freezes the register as it is now (the year's pooled and aligned streams, every "
             "intervention, goal and effect) into a new run and optimises it. A finished run is a 201 with its "
             "results; one still solving after RUN_WAIT_SECONDS is a 202 whose Location is the run to poll. A "
             "scenario that cannot run (no streams for its year, say) is a 409 at once; an infeasible one is a "
             "finished run whose status is `infeasible`, with the diagnosis. Too many runs at once is a 429.",
             responses=RUN_RESPONSES, dependencies=[Idempotent])
def create_run(partnership_id: PartnershipId, scenario_id: ScenarioId, session: SessionDep,
               actor: Actor, engine: EngineDep, jobs: JobEngineDep, request: Request) -> Any:
    run, finished = runs.run(session, partnership_id, scenario_id=scenario_id, limits=run_limits(),
                             handoff=handoff(request, engine, jobs), actor=actor)
    return _answer(request, run, finished)


@router.post("/partnerships/{partnership_id}/runs/{run_id}/replay", tags=["Runs"],
             status_code=status.HTTP_201_CREATED, response_model=RunPublic, operation_id="replay_run",
             summary="Optimise an earlier run's frozen inputs again, as a new run",
             description="Optimises exactly the inputs the earlier run froze, whatever has changed in the "
             "register since, and stores the result as a new run (201, or 202 to poll as for create_run).",
             responses=RUN_RESPONSES, dependencies=[Idempotent])
def replay_run(partnership_id: PartnershipId, run_id: RunId, session: SessionDep, actor: Actor,
               engine: EngineDep, jobs: JobEngineDep, request: Request) -> Any:
    run, finished = runs.run(session, partnership_id, replay_of=run_id, limits=run_limits(),
                             handoff=handoff(request, engine, jobs), actor=actor)
    return _answer(request, run, finished)


@router.get("/partnerships/{partnership_id}/runs", tags=["Runs"], response_model=Page[RunPublic],
            operation_id="list_runs", summary="List runs, oldest first",
            description="The partnership's runs, oldest first, with their status and results; filter by "
            "scenario_id or status. Paged (page_size, then cursor=next_cursor).",
            responses=error_responses(404, 422))
def list_runs(partnership_id: PartnershipId, session: SessionDep, size: PageSize, cursor: Cursor = None,
              scenario_id: Annotated[uuid.UUID | None, Query(
                  description="Only the runs of this scenario", examples=[str(DEMO_SCENARIO_ID)])] = None,
              run_status: Annotated[RunStatus | None, Query(
                  alias="status", description="Only the runs in this status", examples=["optimal"])] = None) -> Any:
    return runs.list_runs(session, partnership_id, scenario_id=scenario_id, status=run_status,
                          cursor=cursor, size=size)


@router.get("/partnerships/{partnership_id}/runs/{run_id}", tags=["Runs"], response_model=RunPublic,
            operation_id="get_run", summary="Read a run: its status and, once finished, its results",
            description="The run's status resource: poll it after a 202 until its status is final (optimal, "
            "infeasible, time_limit, imprecise, error or cancelled). While running it shows its stage and "
            "heartbeat; once finished, the result: goals' projected attainment, each partner's contribution, "
            "binding constraints in plain English and the value of joint working.",
            responses=error_responses(404, 422))
def get_run(partnership_id: PartnershipId, run_id: RunId, session: SessionDep, response: Response) -> Any:
    run = runs.fetch(session, partnership_id, run_id)
    response.headers["ETag"] = register.etag(run)
    return runs.public(run)


@router.post("/partnerships/{partnership_id}/runs/{run_id}/cancel", tags=["Runs"], response_model=RunPublic,
             operation_id="cancel_run", summary="Cancel a queued or running run",
             description="A queued run is cancelled at once (200, status `cancelled`). A running run's worker "
             "is asked to stop and does so within JOB_HEARTBEAT_SECONDS (202: poll the run until its status is "
             "`cancelled`, or final if it finished first). Cancelling again changes nothing; a finished run "
             "cannot be cancelled (409).",
             responses={**error_responses(404, 409, 422),
                        202: {"model": RunPublic, "description": "Its worker has been asked to stop"}})
def cancel_run(partnership_id: PartnershipId, run_id: RunId, session: SessionDep, actor: Actor) -> Any:
    run = runs.cancel(session, partnership_id, run_id, actor)
    body = runs.public(run).model_dump(mode="json")
    return JSONResponse(body, status_code=200 if finished(run.status) else 202,
                        headers={"ETag": register.etag(run)})


@router.get("/partnerships/{partnership_id}/runs/{run_id}/allocation", tags=["Runs"],
            response_model=AllocationTable, operation_id="get_run_allocation",
            summary="The run's allocation: funding stream x intervention lines (JSON, CSV or XLSX)",
            description="One line per funding stream and intervention that the run funds, in pounds, with "
            "subtotals by stream, partner and intervention that reconcile to the penny. A run not finished "
            "optimally has no allocation (409). Accept: text/csv or the XLSX media type for a spreadsheet.",
            responses={**error_responses(404, 409, 422), **spreadsheet_responses(
                "Lines in pounds; totals reconcile to the penny. XLSX adds subtotal and outcome sheets")})
def get_run_allocation(partnership_id: PartnershipId, run_id: RunId, session: SessionDep,
                       request: Request) -> Any:
    run = runs.fetch(session, partnership_id, run_id)
    table = runs.allocation(run)
    if wanted(request) == XLSX:
        return xlsx_response(allocation.run_sheets(run, table), filename=f"allocation-{run_id}.xlsx")
    if "text/csv" in request.headers.get("accept", ""):
        return csv_response(allocation.ALLOCATION_COLUMNS, [line.model_dump(mode="json") for line in table.lines],
                            filename=f"allocation-{run_id}.csv")
    return table
