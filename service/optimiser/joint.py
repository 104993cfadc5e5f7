"""Value of joint working: the same scenario with each intervention funded only by its lead partner's
streams and none of the pool's rules (silo, silo.py: relaxed and named where a rule that still applies
cannot be met) beside the pooled result, and the least pooled money reaching the silo attainment:
    min sum_i F[i]  s.t.  sum_g w_g a_g >= silo attainment * (1 - JOINT_TOL)  (pooled eligibility).
Saving = what the silos spend - that least pooled amount.
"""

from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

from .arrays import prepare, silo_of
from .explain import money
from .layout import Stage
from .live import Live
from .prepared import Prepared
from .problem import Mode, Options, Problem
from .progress import Progress, report
from .progress import Stage as RunStage
from .result import JointWorking, Result, Status
from .rounding import total_pence
from .silo import relaxed
from .solve import primary, solved
from .stage2 import at_floor

JOINT_TOL = 1e-12  # relative, so that it means the same whatever the units of the data
# measured (bench/choices.py): below it the second thread's start and the GIL cost more than the overlap
PARALLEL_FROM = 2_000


def _sentence(gain: float, silo_spend: int, least: int | None) -> str:
    text = f"Pooling adds {gain:.4g} weighted attainment points over silo budgeting"
    if least is not None:
        text += (
            f"; the silo attainment needs only {money(least)} pooled against {money(silo_spend)} spent in silos, "
            f"saving {money(silo_spend - least)}"
        )
    return text


def value_of_joint_working(problem: Problem, options: Options | None = None, *,
                           progress: Progress | None = None, warm: bool = True,
                           parallel: bool | None = None) -> JointWorking:
    """`progress`, when given, is called with each stage as it starts: the pooled solve's stages, then
    comparing with silos (the silo solve reports none of its own). The three solves share one preparation;
    the silo solve runs beside the pooled one (`parallel`; by default from PARALLEL_FROM interventions),
    and the least pooled money continues from the pooled stage 2's model (`warm`); both switches are there
    to measure them (bench/choices.py)."""
    options = replace(options or Options(), mode=Mode.MAXIMISE_ATTAINMENT, silo=False)
    t0 = time.perf_counter()
    try:
        p: Prepared | None = prepare(problem, options)
    except Exception:  # noqa: BLE001 - solve reports the same failure as its result
        p = None
    ps = None if p is None else silo_of(p, options.formulation)
    prepare_s = time.perf_counter() - t0
    silo_options = replace(options, silo=True, explain=False)
    if parallel is None:
        parallel = len(problem.interventions) >= PARALLEL_FROM
    with ThreadPoolExecutor(1) as pool:
        silo_run = pool.submit(solved, problem, silo_options, None, ps, warm) if parallel else None
        pooled, live = solved(problem, options, progress, p, warm)
        report(progress, RunStage.COMPARING_WITH_SILOS)
        silo = silo_run.result()[0] if silo_run else solved(problem, silo_options, None, ps, warm)[0]
    silo, silo_relaxed = relaxed(problem, silo_options, silo)
    silo_s = max(time.perf_counter() - t0 - prepare_s - pooled.timings.total_s, 0.0)
    steps: tuple[tuple[str, float], ...] = (("prepare once", prepare_s), ("silo, after the pooled", silo_s))
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
            steps,
            silo_relaxed,
        )
    floor = silo.objective - JOINT_TOL * abs(silo.objective)
    t = time.perf_counter()
    left = max(options.time_limit_s - (t - t0), 1e-3)
    least = _least_pooled(problem, p, live, replace(options, time_limit_s=left), floor)
    steps += (("least pooled", time.perf_counter() - t),)
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
        _sentence(gain, silo.total_pence, least) + "".join(f". {told}" for told in silo_relaxed),
        steps,
        silo_relaxed,
    )


def _least_pooled(problem: Problem, p: Prepared | None, live: Live | None, options: Options,
                  floor: float) -> int | None:
    try:
        if p is None:
            return None
        if live is not None:
            sol = at_floor(p, live.model, live, floor, options, options.time_limit_s, True)
            if sol.x is not None:
                return total_pence(p, sol.x[live.model.lay.F])
        run = primary(problem, options, time.perf_counter() + options.time_limit_s,
                      Stage("money", attainment_floor=floor), prepared=p)
        return None if run.allocation is None else run.allocation.total
    except Exception:  # noqa: BLE001 - a failed side calculation leaves the figure unknown
        return None


__all__ = ["value_of_joint_working", "Result"]
