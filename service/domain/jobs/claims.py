"""The run row as the job's record: taking a queued run, signs of life, storing the outcome, recovery.

Whatever engine carries the work to a worker, these are the only state changes a worker makes, each in
a short transaction of its own that holds the run's row (SQLite: the write lock). A worker names the
attempt it works on (`Claim.attempt`), so a worker presumed dead that wakes up finds its claim gone
and stores nothing.
"""

import uuid
from dataclasses import dataclass, field
from datetime import timedelta
from enum import StrEnum
from typing import Any

from sqlalchemy import func, update
from sqlalchemy.orm import aliased
from sqlmodel import Session, col, select

from service.domain.common.fields import utcnow
from service.domain.models.run import ALLOCATION, Run, RunStage, RunStatus
from service.domain.runs import metrics
from service.domain.runs.solving import Outcome


@dataclass(frozen=True)
class JobTimes:
    heartbeat_seconds: float  # how often a worker shows it is alive (and looks for a cancellation)
    stale_seconds: float  # no sign of life for this long: the worker is presumed dead
    max_attempts: int  # attempts before a run whose workers keep dying is failed
    grace_seconds: float = 10.0  # a stopping worker's wait for its runs before it hands them back


@dataclass(frozen=True)
class Claim:
    run_id: uuid.UUID
    attempt: int
    snapshot: dict[str, Any]  # the job's frozen inputs: a register snapshot, or an analysis's inputs
    kind: str = ALLOCATION
    parameters: dict[str, Any] = field(default_factory=dict)

    @property
    def job(self) -> dict[str, Any]:
        """What the worker's child process computes from (work.outcome_of)."""
        return {"kind": self.kind, "parameters": self.parameters, "inputs": self.snapshot}


class Beat(StrEnum):
    CARRY_ON = "carry_on"
    CANCEL = "cancel"  # someone asked for the run to stop
    LOST = "lost"  # the run is no longer this worker's (presumed dead and taken back, or cancelled)


def claim_next(session: Session, worker: str) -> Claim | None:
    """Take the fairest queued run: its partnership has the fewest runs running, then it waited longest."""
    other = aliased(Run)
    running = (select(func.count()).where(col(other.partnership_id) == col(Run.partnership_id),
                                          col(other.status) == RunStatus.RUNNING).scalar_subquery())
    run = session.exec(select(Run).where(col(Run.status) == RunStatus.QUEUED)
                       .order_by(running, col(Run.queued_at), col(Run.id))
                       .limit(1).with_for_update(skip_locked=True, of=Run)).first()
    return None if run is None else begin(session, run, worker)


def begin(session: Session, run: Run, worker: str) -> Claim:
    """Mark a queued run (its row held) as running on `worker`, and commit."""
    now = utcnow()
    run.status, run.stage, run.worker, run.message = RunStatus.RUNNING, RunStage.SOLVING, worker[:200], ""
    run.attempts += 1
    run.started_at = run.heartbeat_at = run.updated_at = now
    run.version += 1
    session.add(run)
    session.commit()
    metrics.run_started((now - (run.queued_at or now)).total_seconds())
    return Claim(run.id, run.attempts, run.snapshot, run.kind, run.parameters or {})


def beat(session: Session, claim: Claim, stage: RunStage | None = None) -> Beat:
    """Show the worker is alive (and, when given, the stage it has reached); say whether to go on."""
    now = utcnow()
    values: dict[str, Any] = {"heartbeat_at": now}
    if stage is not None:  # a stage is part of the representation: a new version
        values |= {"stage": stage, "version": col(Run.version) + 1, "updated_at": now}
    row = session.execute(
        update(Run).where(col(Run.id) == claim.run_id, col(Run.status) == RunStatus.RUNNING,
                          col(Run.attempts) == claim.attempt)
        .values(**values).returning(col(Run.cancel_requested_at))
        .execution_options(synchronize_session=False)).first()
    session.commit()
    if row is None:
        return Beat.LOST
    return Beat.CANCEL if row[0] is not None else Beat.CARRY_ON


def _held(session: Session, claim: Claim) -> Run | None:
    run = session.get(Run, claim.run_id, with_for_update=True, populate_existing=True)
    if run is None or run.status != RunStatus.RUNNING or run.attempts != claim.attempt:
        return None
    return run


def store(session: Session, claim: Claim, outcome: Outcome) -> bool:
    """Store what the attempt found, unless the run is no longer this attempt's."""
    run = _held(session, claim)
    if run is None:
        session.rollback()
        return False
    finish(session, run, outcome.status, outcome.message, solver=outcome.solver, result=outcome.result)
    session.commit()
    return True


def cancelled(session: Session, claim: Claim) -> bool:
    """Record that the attempt stopped because a cancellation was asked for."""
    run = _held(session, claim)
    if run is None:
        session.rollback()
        return False
    finish(session, run, RunStatus.CANCELLED, f"Cancelled while {_doing(run)}.")
    session.commit()
    return True


def release(session: Session, claim: Claim) -> bool:
    """Hand a run back to the queue because its worker is shutting down; the attempt does not count."""
    run = _held(session, claim)
    if run is None:
        session.rollback()
        return False
    run.message = f"Its worker {run.worker} shut down while {_doing(run)}; queued again."
    run.status, run.stage, run.worker = RunStatus.QUEUED, None, ""
    run.attempts -= 1
    run.version += 1
    run.updated_at = utcnow()
    session.add(run)
    session.commit()
    return True


def finish(session: Session, run: Run, status: RunStatus, message: str, *, solver: str = "",
           result: dict[str, Any] | None = None) -> None:
    """A final status for a run whose row the caller holds (the caller commits)."""
    now = utcnow()
    run.status, run.message, run.finished_at, run.updated_at = status, message[:4000], now, now
    if solver:
        run.solver = solver
    if result is not None:
        run.result = result
    run.version += 1
    session.add(run)
    metrics.run_finished(status, (now - (run.started_at or now)).total_seconds())


def _doing(run: Run) -> str:
    return str(run.stage or RunStage.SOLVING).replace("_", " ")


def recover(session: Session, times: JobTimes) -> int:
    """Take back runs whose worker has shown no sign of life for `stale_seconds`: queue each again, or
    fail it after `max_attempts`. Returns how many were queued again."""
    threshold = utcnow() - timedelta(seconds=times.stale_seconds)
    stale = session.exec(select(Run).where(col(Run.status) == RunStatus.RUNNING, col(Run.heartbeat_at) < threshold)
                         .with_for_update(skip_locked=True)).all()
    requeued = 0
    for run in stale:
        lost = f"Its worker {run.worker} stopped responding while {_doing(run)}"
        if run.cancel_requested_at is not None:
            finish(session, run, RunStatus.CANCELLED, f"{lost}; it had been asked to cancel.")
        elif run.attempts >= times.max_attempts:
            finish(session, run, RunStatus.ERROR,
                   f"{lost}, on each of its {run.attempts} attempts; it was not tried again. Replay it to retry.")
        else:
            run.status, run.stage, run.worker = RunStatus.QUEUED, None, ""
            run.message = f"{lost} (attempt {run.attempts}); queued again."
            run.version += 1
            run.updated_at = utcnow()
            session.add(run)
            requeued += 1
    session.commit()
    return requeued


def queued_count(session: Session) -> int:
    return session.exec(select(func.count()).select_from(Run).where(col(Run.status) == RunStatus.QUEUED)).one()
