"""Value of joint working: the same scenario with each intervention funded only by its lead partner's
streams (silo) beside the pooled result, and the least pooled money reaching the silo attainment:
    min sum_i F[i]  s.t.  sum_g w_g a_g >= silo attainment * (1 - JOINT_TOL)  (pooled eligibility).
Saving = what the silos spend - that least pooled amount.
"""

from __future__ import annotations

import time
from dataclasses import replace

from .explain import money
from .layout import Stage
from .problem import Mode, Options, Problem
from .progress import Progress, report
from .progress import Stage as RunStage
from .result import JointWorking, Result, Status
from .solve import primary, solve

JOINT_TOL = 1e-12  # relative, so that it means the same whatever the units of the data


def _sentence(gain: float, silo_spend: int, least: int | None) -> str:
    text = f"Pooling adds {gain:.4g} weighted attainment points over silo budgeting"
    if least is not None:
        text += (
            f"; the silo attainment needs only {money(least)} pooled against {money(silo_spend)} spent in silos, "
            f"saving {money(silo_spend - least)}"
        )
    return text


def value_of_joint_working(problem: Problem, options: Options | None = None, *,
                           progress: Progress | None = None) -> JointWorking:
    """`progress`, when given, is called with each stage as it starts: the pooled solve's stages, then
    comparing with silos (the silo solve reports none of its own)."""
    options = replace(options or Options(), mode=Mode.MAXIMISE_ATTAINMENT)
    t0 = time.perf_counter()
    pooled = solve(problem, replace(options, silo=False), progress=progress)
    report(progress, RunStage.COMPARING_WITH_SILOS)
    silo = solve(problem, replace(options, silo=True, explain=False))
    ok = (Status.OPTIMAL, Status.TIME_LIMIT)
    if pooled.status not in ok or silo.status not in ok or pooled.objective is None or silo.objective is None:
        return JointWorking(
            pooled,
            silo,
            pooled.objective,
            silo.objective,
            None,
            None,
            None,
            None,
            f"No comparison: pooled is {pooled.status}, silo is {silo.status}",
        )
    floor = silo.objective - JOINT_TOL * abs(silo.objective)
    left = max(options.time_limit_s - (time.perf_counter() - t0), 1e-3)
    least = _least_pooled(problem, replace(options, silo=False, time_limit_s=left), floor)
    gain = pooled.objective - silo.objective
    saving = None if least is None else silo.total_pence - least
    return JointWorking(
        pooled,
        silo,
        pooled.objective,
        silo.objective,
        gain,
        silo.total_pence,
        least,
        saving,
        _sentence(gain, silo.total_pence, least),
    )


def _least_pooled(problem: Problem, options: Options, floor: float) -> int | None:
    try:
        run = primary(
            problem, options, time.perf_counter() + options.time_limit_s, Stage("money", attainment_floor=floor)
        )
    except Exception:  # noqa: BLE001 - a failed side calculation leaves the figure unknown
        return None
    return None if run.allocation is None else run.allocation.total


__all__ = ["value_of_joint_working", "Result"]
