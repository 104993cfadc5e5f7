"""Runs: freeze the register, queue the run for a worker, and read what it found.

Asking for a run freezes the register there and then (so the run records what it saw, and a scenario
that cannot run is refused at once), stores the run as `queued` and hands it to the job engine
(service/domain/jobs), whose workers solve it in a child process. The caller waits up to `wait_seconds`
for the outcome (201) and otherwise answers 202 with the run to poll. Starting a run holds the
partnership's row, so the burst limit counts exactly however many requests arrive at once.
"""

import time
import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from sqlalchemy.orm import QueryableAttribute, defer
from sqlmodel import Session, col, select

from service.domain import register
from service.domain.access import audit
from service.domain.access.principal import Principal
from service.domain.common.errors import Conflict, InvalidInput, NotFound
from service.domain.common.fields import utcnow
from service.domain.common.paging import page
from service.domain.models.base import Page
from service.domain.models.report import AllocationTable, NamedLine
from service.domain.models.run import ALLOCATION, Run, RunPublic, RunStatus, finished
from service.domain.runs import snapshot, throttle
from service.domain.runs.report import subtotals
from service.domain.runs.scenarios import SCENARIOS

# reads of a run return no snapshot: load it only where it is used (a replay, an allocation's names)
WITHOUT_SNAPSHOT = defer(cast(QueryableAttribute[Any], Run.snapshot))


@dataclass(frozen=True)
class RunLimits:
    max_pairs: int  # stream x intervention pairs one run may optimise
    burst: int  # runs one partnership may start per window
    window_seconds: int


def start(session: Session, partnership_id: uuid.UUID, *, scenario_id: uuid.UUID | None = None,
          replay_of: uuid.UUID | None = None, limits: RunLimits, actor: Principal,
          row_id: uuid.UUID | None = None) -> Run:
    """Store a new queued run of a scenario (its current register) or a replay of an earlier run (with the
    id `row_id` when given: the demo's own run)."""
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
              queued_at=utcnow())
    if row_id is not None:
        run.id = row_id
    session.add(run)
    audit.record(session, actor, partnership_id, "create", "run", run.id, None,
                 _audited(run))
    session.commit()
    return run


@dataclass(frozen=True)
class Handoff:
    """How a new run reaches a worker and how its caller waits: `dispatch` tells the job engine, then the
    caller polls with sessions from `read_session` for up to `wait_seconds`, lending what it holds to
    others meanwhile (`while_waiting`)."""

    dispatch: Callable[[uuid.UUID], None]
    wait_seconds: float
    read_session: Callable[[], Session]
    while_waiting: Callable[[], AbstractContextManager[None]] = nullcontext


def run(session: Session, partnership_id: uuid.UUID, *, scenario_id: uuid.UUID | None = None,
        replay_of: uuid.UUID | None = None, limits: RunLimits, handoff: Handoff,
        actor: Principal) -> tuple[Run, bool]:
    """Queue a run of a scenario (or a replay of an earlier run) and wait for it: the run, and whether it
    finished within the wait (201) or goes on by itself (202)."""
    started = start(session, partnership_id, scenario_id=scenario_id, replay_of=replay_of, limits=limits,
                    actor=actor)
    return hand_off(started, handoff)


def hand_off(job: Run, handoff: Handoff) -> tuple[Run, bool]:
    """Give a stored, queued job (a run or an analysis) to the job engine and wait for it: the job, and
    whether it finished within the wait."""
    handoff.dispatch(job.id)
    with handoff.while_waiting():
        found = wait(job, handoff)
    return found, finished(found.status)


def wait(run: Run, handoff: Handoff) -> Run:
    """The run once finished, or as it stands after `wait_seconds`: read with short read-only sessions,
    quickly at first, so that waiting holds neither a transaction nor a write lock."""
    deadline, pause = time.monotonic() + handoff.wait_seconds, 0.005
    while not finished(run.status) and time.monotonic() < deadline:
        time.sleep(min(pause, max(deadline - time.monotonic(), 0)))
        pause = min(pause * 2, 0.25)
        with handoff.read_session() as reader:
            status = reader.exec(select(Run.status).where(col(Run.id) == run.id)).one()
            if status != run.status:
                run = reader.get_one(Run, run.id, options=[WITHOUT_SNAPSHOT])
    return run


def cancel(session: Session, partnership_id: uuid.UUID, run_id: uuid.UUID, actor: Principal) -> Run:
    """Cancel a queued run at once, or ask a running run's worker to stop (within its heartbeat)."""
    register.require_writable(session, partnership_id)
    return cancel_job(session, fetch(session, partnership_id, run_id, lock=True), actor)


def cancel_job(session: Session, run: Run, actor: Principal, *, entity: str = "run",
               audited: Callable[[Run], dict[str, Any]] | None = None) -> Run:
    """Cancel a run or an analysis (`entity`) whose row the caller holds."""
    if finished(run.status) and run.status != RunStatus.CANCELLED:
        raise Conflict(f"The {entity} has already finished ({run.status}); there is nothing to cancel.")
    if run.status == RunStatus.CANCELLED or run.cancel_requested_at is not None:
        session.rollback()
        return run
    shown = audited or _audited
    before = shown(run)
    now = utcnow()
    run.cancel_requested_at = run.updated_at = now
    if run.status == RunStatus.QUEUED:
        run.status, run.finished_at, run.message = RunStatus.CANCELLED, now, "Cancelled before a worker took it."
    run.version += 1
    session.add(run)
    audit.record(session, actor, run.partnership_id, "cancel", entity, run.id, before, shown(run))
    session.commit()
    return run


def fetch(session: Session, partnership_id: uuid.UUID, run_id: uuid.UUID, *, lock: bool = False) -> Run:
    """The partnership's run; with `lock`, its row held (and read afresh) until the transaction ends. Its
    snapshot (megabytes for a large partnership) is loaded only when read, by a replay or its allocation."""
    run = session.get(Run, run_id, with_for_update=lock, populate_existing=lock, options=[WITHOUT_SNAPSHOT])
    if run is None or run.partnership_id != partnership_id or run.kind != ALLOCATION:
        raise NotFound("run", run_id)
    return run


def _audited(run: Run) -> dict[str, Any]:
    """The run as the audit trail keeps it: its status resource without the (large) result."""
    return public(run).model_dump(mode="json", exclude={"result"})


def public(run: Run) -> RunPublic:
    found = run.result or {}
    return RunPublic.model_validate(run, update={"result": found.get("report"), "summary": found.get("summary")})


def list_runs(session: Session, partnership_id: uuid.UUID, *, scenario_id: uuid.UUID | None,
              status: RunStatus | None, cursor: str | None, size: int) -> Page[RunPublic]:
    register.require_partnership(session, partnership_id)
    where = [col(Run.partnership_id) == partnership_id, col(Run.kind) == ALLOCATION]
    if scenario_id is not None:
        where.append(col(Run.scenario_id) == scenario_id)
    if status is not None:
        where.append(col(Run.status) == status)
    rows, next_cursor = page(session, Run, where=where, cursor=cursor, size=size, loading=[WITHOUT_SNAPSHOT])
    return Page(items=[public(r) for r in rows], next_cursor=next_cursor)


def allocation(run: Run) -> AllocationTable:
    """The run's lines with names from its snapshot, and their totals (they reconcile exactly)."""
    if not finished(run.status):
        raise Conflict(f"The run has not finished ({run.status}); poll it until its status is final.")
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


