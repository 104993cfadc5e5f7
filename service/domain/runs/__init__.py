"""Runs: scenarios optimised on a frozen copy of the register, and what they found.

`core` queues, waits for, cancels and reads runs; `solving` is what a worker computes for one;
`scenarios` is the scenario resource; `snapshot` freezes the register; `report` turns the optimiser's
result into the stored report; `throttle` limits bursts; `metrics` counts runs. The job engine that
solves queued runs is service/domain/jobs.
"""

from service.domain.runs.core import (
    Handoff,
    RunLimits,
    allocation,
    cancel,
    fetch,
    hand_off,
    list_runs,
    public,
    run,
    start,
)
from service.domain.runs.solving import Outcome, compute

__all__ = ["Handoff", "Outcome", "RunLimits", "allocation", "cancel", "compute", "fetch", "hand_off", "list_runs",
           "public", "run", "start"]
