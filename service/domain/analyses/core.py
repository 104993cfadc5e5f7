"""Analyses: asked for under a finished run, frozen with their inputs there and then, and queued for a
worker as runs are (the same table, claims, heartbeats and cancellation; `Run.kind` says which)."""

import uuid
from typing import Any

from sqlmodel import Session, col

from service.domain import register
from service.domain.access import audit
from service.domain.access.principal import Principal
from service.domain.analyses import alternatives, comparison, contribution, frontier, robustness, shares, weights
from service.domain.common.errors import Conflict, NotFound
from service.domain.common.fields import utcnow
from service.domain.common.money import pence
from service.domain.common.paging import page
from service.domain.models.analysis import (
    Alternatives,
    AnalysisCreate,
    AnalysisKind,
    AnalysisPublic,
    FairShares,
    Frontier,
    Robustness,
    WeightSensitivity,
)
from service.domain.models.base import Page
from service.domain.models.findings import ContributionChange
from service.domain.models.run import Run, RunStatus
from service.domain.runs import core as runs
from service.domain.runs import snapshot, throttle
from service.domain.summaries import of_analysis

DRAWS = 30  # robustness's draws of the evidence when the request names none
TOLERANCES = [1.0, 5.0]  # alternatives' tolerances, percent of the optimum, when the request names none
WITH_ALLOCATION = (RunStatus.OPTIMAL, RunStatus.TIME_LIMIT, RunStatus.IMPRECISE)


def start(session: Session, partnership_id: uuid.UUID, run_id: uuid.UUID, body: AnalysisCreate, *,
          limits: runs.RunLimits, actor: Principal) -> Run:
    """Store a queued analysis of the run, its inputs frozen with it."""
    register.lock_partnership(session, partnership_id)
    throttle.check_run_burst(session, partnership_id, burst=limits.burst, window_seconds=limits.window_seconds)
    analysed = _with_allocation(session, partnership_id, run_id, "analysed")
    if body.kind == AnalysisKind.COMPARISON:
        other = _with_allocation(session, partnership_id, body.compared_with_run_id or run_id, "compared with")
        names = {**snapshot.of(other.snapshot).names(), **snapshot.of(analysed.snapshot).names()}
        frozen = comparison.inputs(analysed, other, names)
    elif body.kind == AnalysisKind.FAIR_SHARES:
        frozen = shares.inputs(analysed, body.seed or 0)
    elif body.kind == AnalysisKind.ALTERNATIVES:
        frozen = alternatives.inputs(analysed, sorted(set(body.tolerances_percent or TOLERANCES)))
    elif body.kind == AnalysisKind.CONTRIBUTION_CHANGE and body.partner_id is not None and body.change is not None:
        if str(body.partner_id) not in {p.id for p in snapshot.of(analysed.snapshot).partners}:
            raise Conflict(f"Partner {body.partner_id} is not one of the partners the run froze.")
        frozen = contribution.inputs(analysed, body.partner_id, pence(body.change))
    elif body.kind == AnalysisKind.WEIGHTS:
        frozen = weights.inputs(analysed)
    elif body.kind == AnalysisKind.ROBUSTNESS:
        frozen = robustness.inputs(analysed, body.draws or DRAWS, body.seed or 0)
    else:
        frozen = frontier.inputs(analysed)
    parameters = body.model_dump(mode="json", exclude_none=True)
    job = Run(partnership_id=partnership_id, kind=body.kind, analysed_run_id=analysed.id, parameters=parameters,
              scenario_id=analysed.scenario_id, scenario_name=analysed.scenario_name,
              financial_year=analysed.financial_year, mode=analysed.mode, queued_at=utcnow(),
              snapshot=frozen)
    session.add(job)
    audit.record(session, actor, partnership_id, "create", "analysis", job.id, None, _audited(job))
    session.commit()
    return job


def _with_allocation(session: Session, partnership_id: uuid.UUID, run_id: uuid.UUID, role: str) -> Run:
    run = runs.fetch(session, partnership_id, run_id)
    if run.status not in WITH_ALLOCATION:
        raise Conflict(f"The run {role} ({run_id}) has no allocation to analyse: it is {run.status}. "
                       "Analyse a run that finished optimal, time_limit or imprecise.")
    return run


def fetch(session: Session, partnership_id: uuid.UUID, run_id: uuid.UUID, analysis_id: uuid.UUID, *,
          lock: bool = False) -> Run:
    job = session.get(Run, analysis_id, with_for_update=lock, populate_existing=lock,
                      options=[runs.WITHOUT_SNAPSHOT])  # its frozen inputs: a whole register, never shown
    if job is None or job.partnership_id != partnership_id or job.analysed_run_id != run_id:
        runs.fetch(session, partnership_id, run_id)  # an unknown run is named as such
        raise NotFound("analysis", analysis_id)
    return job


def list_analyses(session: Session, partnership_id: uuid.UUID, run_id: uuid.UUID, *, kind: AnalysisKind | None,
                  cursor: str | None, size: int) -> Page[AnalysisPublic]:
    runs.fetch(session, partnership_id, run_id)
    where = [col(Run.partnership_id) == partnership_id, col(Run.analysed_run_id) == run_id]
    if kind is not None:
        where.append(col(Run.kind) == kind)
    rows, next_cursor = page(session, Run, where=where, cursor=cursor, size=size, loading=[runs.WITHOUT_SNAPSHOT])
    return Page(items=[public(r) for r in rows], next_cursor=next_cursor)


def cancel(session: Session, partnership_id: uuid.UUID, run_id: uuid.UUID, analysis_id: uuid.UUID,
           actor: Principal) -> Run:
    register.require_writable(session, partnership_id)
    job = fetch(session, partnership_id, run_id, analysis_id, lock=True)
    return runs.cancel_job(session, job, actor, entity="analysis", audited=_audited)


def public(job: Run) -> AnalysisPublic:
    found = job.result or {}
    answer = AnalysisPublic.model_validate(job, update={
        "run_id": job.analysed_run_id, "parameters": job.parameters or {}, "result": found.get("result"),
        "findings": found.get("findings", [])})
    if answer.status in (RunStatus.QUEUED, RunStatus.RUNNING, RunStatus.ERROR, RunStatus.CANCELLED):
        return answer
    return answer.model_copy(update={"summary": of_analysis(answer.kind, answer.result, answer.findings)})


def _audited(job: Run) -> dict[str, Any]:
    return public(job).model_dump(mode="json", exclude={"result", "findings"})




CHANGE_COLUMNS = ["kind", "id", "name", "before", "after", "change", "sentence"]


def table(found: AnalysisPublic) -> tuple[list[str], list[dict[str, Any]]]:
    """The analysis's figures as one CSV table: a comparison's changes, or a frontier's points."""
    result = found.result
    if isinstance(result, Frontier):
        return frontier.COLUMNS, frontier.csv_rows(result)
    if isinstance(result, FairShares):
        return shares.COLUMNS, shares.csv_rows(result)
    if isinstance(result, Alternatives):
        return alternatives.COLUMNS, alternatives.csv_rows(result)
    if isinstance(result, ContributionChange):
        return contribution.COLUMNS, contribution.csv_rows(result)
    if isinstance(result, WeightSensitivity):
        return weights.COLUMNS, weights.csv_rows(result)
    if isinstance(result, Robustness):
        return robustness.COLUMNS, [r.model_dump(mode="json") for r in result.interventions]
    changes = result.changes if result is not None else []  # a comparison, or nothing yet
    return CHANGE_COLUMNS, [change.model_dump(mode="json") for change in changes]
