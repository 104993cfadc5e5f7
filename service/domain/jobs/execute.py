"""One worker's turn: take the fairest queued run, solve it in a child process while showing signs of
life and watching for a cancellation, and store what it found."""

import logging
import os
import socket
import time
from collections.abc import Callable
from typing import Any, Protocol

from sqlmodel import Session

from service.domain.jobs import claims
from service.domain.jobs.claims import Beat, Claim, JobTimes
from service.domain.jobs.solver import Died, SolverProcess
from service.domain.models.run import RunStage, RunStatus
from service.domain.runs.solving import Outcome

log = logging.getLogger("service.jobs")
SHUTDOWN_CHECK_SECONDS = 0.25  # how soon a worker whose grace is over hands its run back


class Solving(Protocol):
    def next_event(self, timeout: float) -> RunStage | Outcome | Died | None: ...

    def stop(self) -> None: ...


def worker_name(label: str) -> str:
    return f"{label}@{socket.gethostname()}:{os.getpid()}"


def work_one(sessions: Callable[[], Session], worker: str, times: JobTimes,
             stopping: Callable[[], bool] = lambda: False,
             solving: Callable[[dict[str, Any]], Solving] = SolverProcess) -> bool:
    """Solve one queued run, if there is one (True). When `stopping()` turns true (the worker is shutting
    down and its grace is over), the run goes back to the queue for another worker."""
    with sessions() as session:
        claim = claims.claim_next(session, worker)
    if claim is None:
        return False
    log.info("run %s: attempt %d on %s", claim.run_id, claim.attempt, worker)
    process = solving(claim.job)
    try:
        supervise(sessions, claim, process, times, stopping)
    finally:
        process.stop()
    return True


def supervise(sessions: Callable[[], Session], claim: Claim, process: Solving, times: JobTimes,
              stopping: Callable[[], bool] = lambda: False) -> None:
    """Relay the child's stages, beat every `heartbeat_seconds`, stop it when cancelled, store the end."""
    due = time.monotonic() + times.heartbeat_seconds
    while True:
        event = process.next_event(timeout=min(due - time.monotonic(), SHUTDOWN_CHECK_SECONDS))
        if event is None and stopping():
            process.stop()
            with sessions() as session:
                claims.release(session, claim)
            log.info("run %s: handed back to the queue (worker shutting down)", claim.run_id)
            return
        if isinstance(event, Outcome | Died):
            outcome = event if isinstance(event, Outcome) else Outcome(
                RunStatus.ERROR, f"The solver's process stopped without an answer (exit code {event.exit_code}); "
                "it may have run out of memory. Replay the run to try again.", "", {})
            with sessions() as session:
                claims.beat(session, claim, RunStage.STORING)
                claims.store(session, claim, outcome)
            return
        if event is None and time.monotonic() < due:
            continue
        with sessions() as session:
            answer = claims.beat(session, claim, event)
            if answer == Beat.CANCEL:
                process.stop()
                claims.cancelled(session, claim)
        if answer != Beat.CARRY_ON:
            log.info("run %s: %s", claim.run_id, answer.value)
            return
        due = time.monotonic() + times.heartbeat_seconds
