"""Runs: freeze the register, optimise off the request's path, store what was found.

A run is stored as `running` before solving starts, so a client that gets 202 can poll it. Solving
happens on the optimiser's worker threads, shared fairly between partnerships (fair_pool.py); the
caller waits up to `wait_seconds` and otherwise the worker stores the outcome itself with a session of
its own. Starting a run holds the partnership's row, so the burst limit counts exactly however many
requests arrive at once.
"""

import uuid
from collections.abc import Callable
from concurrent.futures import Future, TimeoutError
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache
from typing import Any

from sqlmodel import Session, col

from service.domain import register
from service.domain.access import audit
from service.domain.access.principal import Principal
from service.domain.common.errors import Conflict, InvalidInput, NotFound
from service.domain.common.fields import utcnow
from service.domain.common.paging import page
from service.domain.models.base import Page
from service.domain.models.report import AllocationTable, NamedLine
from service.domain.models.run import Run, RunPublic, RunStatus
from service.domain.models.snapshot import Snapshot
from service.domain.runs import metrics, snapshot, throttle
from service.domain.runs.fair_pool import FairPool
from service.domain.runs.report import lines, report, subtotals
from service.domain.runs.scenarios import SCENARIOS
from service.optimiser import Mode, Status, solve, value_of_joint_working
from service.settings import get_settings


@dataclass(frozen=True)
class RunLimits:
    max_pairs: int  # stream x intervention pairs one run may optimise
    burst: int  # runs one partnership may start per window
    window_seconds: int


@lru_cache
def _optimisers() -> FairPool:
    settings = get_settings()
    return FairPool(settings.optimiser_workers, settings.optimiser_workers_per_partnership, name="optimiser")


@dataclass(frozen=True)
class Outcome:
    status: RunStatus
    message: str
    solver: str
    result: dict[str, Any]


def compute(snap: Snapshot) -> Outcome:
    """Solve a snapshot: the proposal, its explanations and the value of joint working. Never raises."""
    try:
        problem, options = snapshot.to_problem(snap)
        joint = value_of_joint_working(problem, options)
        result = joint.pooled if options.mode == Mode.MAXIMISE_ATTAINMENT else solve(problem, options)
        found = report(result, joint if joint.gain is not None else None)
        return Outcome(RunStatus(result.status.value), result.message,
                       f"{found.solver.name} ({found.solver.algorithm}), {found.solver.version}",
                       {"report": found.model_dump(mode="json"),
                        "allocation": [line.model_dump(mode="json") for line in lines(result)]})
    except Exception as exc:  # noqa: BLE001 - a run that cannot be solved is recorded, never raised
        return Outcome(RunStatus(Status.ERROR.value), f"{type(exc).__name__}: {exc}", "", {})


def start(session: Session, partnership_id: uuid.UUID, *, scenario_id: uuid.UUID | None = None,
          replay_of: uuid.UUID | None = None, limits: RunLimits, actor: Principal) -> Run:
    """Store a new running run of a scenario (its current register) or a replay of an earlier run."""
    register.lock_partnership(session, partnership_id)
    throttle.check_run_burst(session, partnership_id, burst=limits.burst, window_seconds=limits.window_seconds)
    max_pairs = limits.max_pairs
    if replay_of is not None:
        earlier = fetch(session, partnership_id, replay_of)
        snap, name, sid = snapshot.of(earlier.snapshot), earlier.scenario_name, earlier.scenario_id
    else:
        if scenario_id is None:
            raise ValueError("start needs a scenario or an earlier run to replay")
        scenario = register.fetch(session, SCENARIOS, partnership_id, scenario_id)
        snap, name, sid = snapshot.freeze(session, scenario), scenario.name, scenario.id
        snapshot.check_references(snap)
    if snap.pairs > max_pairs:
        raise InvalidInput(
            f"The scenario has {len(snap.streams)} funding streams x {len(snap.interventions)} "
            f"interventions = {snap.pairs:,} pairs, over this service's limit of {max_pairs:,}.")
    run = Run(partnership_id=partnership_id, scenario_id=sid, scenario_name=name,
              snapshot=snap.model_dump(mode="json"), financial_year=snap.financial_year, mode=snap.mode,
              started_at=utcnow())
    session.add(run)
    audit.record(session, actor, partnership_id, "create", "run", run.id, None,
                 public(run).model_dump(mode="json", exclude={"result"}))
    session.commit()
    return run


@dataclass(frozen=True)
class Waiting:
    """How a run's caller waits for it: up to `seconds`, lending what it holds meanwhile (`while_waiting`);
    a run not finished by then is stored later with a session from `detached_session`."""

    seconds: float
    detached_session: Callable[[], Session]
    while_waiting: Callable[[], AbstractContextManager[None]] = nullcontext


def run(session: Session, partnership_id: uuid.UUID, *, scenario_id: uuid.UUID | None = None,
        replay_of: uuid.UUID | None = None, limits: RunLimits, waiting: Waiting,
        actor: Principal) -> tuple[Run, bool]:
    """Start a run of a scenario (or a replay of an earlier run) and solve it: the run, and whether it
    finished within the wait (stored, 201) or goes on by itself (202)."""
    started = start(session, partnership_id, scenario_id=scenario_id, replay_of=replay_of, limits=limits,
                    actor=actor)
    return started, solve_and_store(session, started, wait_seconds=waiting.seconds,
                                    detached_session=waiting.detached_session, while_waiting=waiting.while_waiting)


def solve_and_store(session: Session, run: Run, *, wait_seconds: float,
                    detached_session: Callable[[], Session],
                    while_waiting: Callable[[], AbstractContextManager[None]] = nullcontext) -> bool:
    """Solve `run`; store the outcome now if it arrives within `wait_seconds` (True), else later.

    The wait happens inside `while_waiting()`: the caller may lend what it holds to others meanwhile.
    """
    future = _optimisers().submit(run.partnership_id, compute, snapshot.of(run.snapshot))
    with while_waiting():
        try:
            outcome = future.result(timeout=wait_seconds)
        except TimeoutError:
            outcome = None
    if outcome is None:
        future.add_done_callback(lambda done: _store_detached(run.id, done, detached_session))
        return False
    finish(session, run, outcome)
    return True


def finish(session: Session, run: Run, outcome: Outcome) -> None:
    run.status, run.message, run.solver = outcome.status, outcome.message[:4000], outcome.solver
    run.result, run.finished_at = outcome.result, utcnow()
    run.version += 1
    run.updated_at = run.finished_at
    session.add(run)
    session.commit()
    metrics.run_finished(run.status, (run.finished_at - (run.started_at or run.finished_at)).total_seconds())


def _store_detached(run_id: uuid.UUID, done: Future[Outcome], new_session: Callable[[], Session]) -> None:
    with new_session() as session:
        run = session.get_one(Run, run_id)
        finish(session, run, done.result())


def fetch(session: Session, partnership_id: uuid.UUID, run_id: uuid.UUID) -> Run:
    run = session.get(Run, run_id)
    if run is None or run.partnership_id != partnership_id:
        raise NotFound("run", run_id)
    return run


def public(run: Run) -> RunPublic:
    return RunPublic.model_validate(run, update={"result": (run.result or {}).get("report")})


def list_runs(session: Session, partnership_id: uuid.UUID, *, scenario_id: uuid.UUID | None,
              status: RunStatus | None, cursor: str | None, size: int) -> Page[RunPublic]:
    register.require_partnership(session, partnership_id)
    where = [col(Run.partnership_id) == partnership_id]
    if scenario_id is not None:
        where.append(col(Run.scenario_id) == scenario_id)
    if status is not None:
        where.append(col(Run.status) == status)
    rows, next_cursor = page(session, Run, where=where, cursor=cursor, size=size)
    return Page(items=[public(r) for r in rows], next_cursor=next_cursor)


def allocation(run: Run) -> AllocationTable:
    """The run's lines with names from its snapshot, and their totals (they reconcile exactly)."""
    if run.status == RunStatus.RUNNING:
        raise Conflict("The run has not finished; poll it until its status is no longer running.")
    names = snapshot.of(run.snapshot).names()
    rows = [NamedLine.model_validate({
        **line, "funding_stream": names[line["funding_stream_id"]], "partner": names[line["partner_id"]],
        "intervention": names[line["intervention_id"]]}) for line in (run.result or {}).get("allocation", [])]
    return AllocationTable(
        run_id=run.id, status=run.status, financial_year=run.financial_year,
        total=sum((line.amount for line in rows), Decimal("0.00")), lines=rows,
        by_partner=subtotals(rows, "partner_id", "partner"),
        by_funding_stream=subtotals(rows, "funding_stream_id", "funding_stream"),
        by_intervention=subtotals(rows, "intervention_id", "intervention"))


