"""Least pooled money at a floor of weighted attainment: stage 2 of maximise-attainment (solve.py) and the
least pooled money reaching the silo attainment (joint.py), both
    min sum_i F[i]  s.t.  sum_g w_g (a[g] + beyond e[g]) >= floor.
Where stage 1 was an LP, stage 2 changes stage 1's model in HiGHS to the money objective with the floor
row added, drops its basis (live.py) and solves it from scratch; a wider tolerance, and then the silo floor,
only move that row's bound, and those solves continue from stage 2's basis (dual simplex). Stage 2 itself
is not continued from stage 1's basis: that was faster, but it lands on another vertex of the same optimal
face, so which streams pay would differ from a cold solve's (measured: the optimiser's README). A MILP, or
`warm=False`, builds and solves every model anew.
"""

from __future__ import annotations

import time

from .checks import tranche_values
from .highs import MONEY_ROWS_BELOW, Solution, choose, run, solve_lp
from .layout import Stage
from .live import Live
from .model import Model, attainment_floor_row, build, objective
from .prepared import F64, Prepared
from .problem import Options
from .result import Status

RETRIES = 3  # widen the stage-2 tolerance a thousandfold each time the solver finds it too tight
WARM = "highs-ds"  # dual simplex from the last basis: measured faster than primal (optimiser README)


def tie_tolerance(p: Prepared, f: F64) -> float:
    """Weighted attainment that a hundredth of a penny buys at the lowest value per pound among funded
    tranches."""
    value, _ = tranche_values(p, f, leaving=True)
    funded = (f * p.unit >= 0.01) & (value > 0)
    return float(value[funded].min()) * 0.01 / p.unit if funded.any() else 0.0


def at_floor(p: Prepared, m: Model, live: Live | None, floor: float, options: Options, time_limit: float,
             added: bool, continued: str = WARM) -> Solution:
    """Least pooled money above `floor` (weighted attainment): on the live model once its floor row is
    `added`, otherwise adding it; without a live model, a model built for it."""
    if live is None:
        return run(build(p, Stage("money", attainment_floor=floor)), options.algorithm, time_limit,
                   options.mip_rel_gap)
    if added:
        live.set_floor(floor / p.objective_scale)
        return solve_lp(live, continued, time_limit)
    live.minimise(objective(p, m.lay, Stage("money")), attainment_floor_row(p, m.lay, floor))
    method = choose(options.algorithm, m.lay.y.stop - m.lay.y.start, m.A.shape[0] + 1, MONEY_ROWS_BELOW)
    return solve_lp(live, method, time_limit)


def least_money(p: Prepared, m: Model, sol: Solution, options: Options, time_limit: float,
                warm: bool = True) -> tuple[tuple[F64, F64], float, Live | None]:
    """Stage 2 from stage 1's optimum: (y, F), seconds in the solver, and the live model at its optimum
    (None when cold). Stage 1's money when the solver cannot meet even a wider tolerance."""
    assert sol.x is not None
    deadline = time.perf_counter() + time_limit
    opt = -float(sol.fun or 0.0) * p.objective_scale
    tolerance, seconds = tie_tolerance(p, sol.x[m.lay.fcol]), 0.0
    live = sol.live.anew() if warm and sol.live is not None else None
    for attempt in range(RETRIES):
        floor = opt - max(tolerance, 1e-12 * abs(opt)) * 1000.0**attempt
        tsol = at_floor(p, m, live, floor, options, max(deadline - time.perf_counter(), 1e-3), attempt > 0)
        seconds += tsol.seconds
        if tsol.x is not None and tsol.status == Status.OPTIMAL:
            return (tsol.x[m.lay.y], tsol.x[m.lay.F]), seconds, live
    return (sol.x[m.lay.y], sol.x[m.lay.F]), seconds, None
