"""Solving a run in a process of its own, so that the process that serves HTTP (or runs the worker)
stays responsive, a cancellation can stop HiGHS mid-solve, and a solve that runs out of memory takes
only itself down.

Processes come from a fork server that has already imported the optimiser, so each starts in
milliseconds. The child reports each stage and then its outcome over a pipe; a second pipe is its
lifeline: when the worker dies, the child notices the lifeline close and exits instead of solving
for nobody.
"""

import contextlib
import multiprocessing
import os
import threading
from dataclasses import dataclass
from functools import lru_cache
from multiprocessing.connection import Connection
from multiprocessing.context import ForkServerContext
from typing import Any

from service.domain.jobs.work import outcome_of
from service.domain.models.run import RunStage
from service.domain.runs.solving import Outcome

ORPHANED = 70  # the child's exit code when its worker went away


@dataclass(frozen=True)
class Died:
    exit_code: int | None


Event = RunStage | Outcome | Died


@lru_cache
def _context() -> ForkServerContext:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([__name__])
    return context


def warm_up() -> None:
    """Start the fork server now (it imports the optimiser, about a second), not on the first run."""
    threading.Thread(target=_context().Process(target=int).start, name="lsp-solver-warm-up", daemon=True).start()


def _exit_when_orphaned(lifeline: Connection) -> None:
    with contextlib.suppress(EOFError, OSError):
        lifeline.recv()
    os._exit(ORPHANED)


def _child(job: dict[str, Any], results: Connection, lifeline: Connection) -> None:
    threading.Thread(target=_exit_when_orphaned, args=(lifeline,), daemon=True).start()
    results.send(outcome_of(job, progress=results.send))


class SolverProcess:
    """One run's solve in a child process: `next_event` says what it did, `stop` ends it."""

    def __init__(self, job: dict[str, Any]) -> None:
        context = _context()
        self._results, results_end = context.Pipe(duplex=False)
        lifeline_end, self._lifeline = context.Pipe(duplex=False)
        self._process = context.Process(target=_child, args=(job, results_end, lifeline_end),
                                        name="lsp-solver", daemon=True)
        self._process.start()
        results_end.close()
        lifeline_end.close()

    def next_event(self, timeout: float) -> Event | None:
        """The child's next stage or outcome, Died if it stopped without one, None if nothing came."""
        try:
            if self._results.poll(max(timeout, 0.0)):
                event: Event = self._results.recv()
                return event
        except (EOFError, OSError):
            pass
        else:
            if self._process.is_alive():
                return None
        self._process.join(timeout=5)
        return Died(self._process.exitcode)

    def stop(self) -> None:
        if self._process.is_alive():
            self._process.kill()
        self._process.join(timeout=5)
        self._results.close()
        self._lifeline.close()
