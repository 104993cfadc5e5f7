"""Runs: scenarios optimised on a frozen copy of the register, and what they found.

`core` starts, solves, stores and reads runs; `scenarios` is the scenario resource; `snapshot` freezes the
register; `report` turns the optimiser's result into the stored report; `throttle` limits bursts;
`fair_pool` shares the optimiser's threads between partnerships; `metrics` counts runs.
"""

from service.domain.runs.core import (
    Outcome,
    RunLimits,
    Waiting,
    allocation,
    compute,
    fetch,
    finish,
    list_runs,
    public,
    run,
    solve_and_store,
    start,
)

__all__ = ["Outcome", "RunLimits", "Waiting", "allocation", "compute", "fetch", "finish", "list_runs", "public", "run",
           "solve_and_store", "start"]
