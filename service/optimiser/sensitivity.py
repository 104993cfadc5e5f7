"""Weight sensitivity: for each goal, the range of its weight over which the allocation stays optimal, and
for each unfunded intervention how much stronger its effects would need to be before money moves to it.

Weights. The attainment objective's coefficient of a[g] is c_g = -w_g scale_g / objective_scale (model.py);
HiGHS's ranging gives, for the optimal basis, the interval [c_lo, c_hi] of c_g over which that basis stays
optimal, hence the weights  w in [-c_hi, -c_lo] objective_scale / scale_g  (the allocation unchanged). With
integer choices (minimum viable amounts) the ranging is of the LP with those choices fixed. A goal no money
moves is answered by the same upper end: the weight it would need before money moves to it.

Effects. An unfunded intervention's effects are multiplied by k until the optimum gives it a pound; the
smallest such k is found by bisection on log k between 1 and MAX_FACTOR (each step a solve).
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, replace

import numpy as np

from .arrays import prepare
from .effects import Stronger
from .highs import run
from .layout import Stage
from .live import Live
from .model import build
from .problem import Options, Problem
from .result import Status

MAX_FACTOR = 1000.0
STEPS = 14  # bisection steps on log k: the factor to within 0.05 %


@dataclass(frozen=True)
class WeightRange:
    goal: str
    weight: float
    low: float | None  # the allocation stays optimal for weights from low to high (None: unbounded)
    high: float | None
    attainment: float  # the goal's attainment now (fraction of the way to target)


@dataclass(frozen=True)
class EffectNeeded:
    intervention: str
    factor: float | None  # how many times stronger its effects must be before it gets money (None: > MAX)


@dataclass(frozen=True)
class Sensitivity:
    status: Status
    message: str
    weights: tuple[WeightRange, ...]
    effects: tuple[EffectNeeded, ...]


def sensitivity(problem: Problem, options: Options, reuse: bool = True) -> Sensitivity:
    """Never raises on a failed solve: the status says so. `reuse=False` prepares and solves every step of
    the effects' bisection anew (to measure and test the kept model, effects.py)."""
    deadline = time.perf_counter() + options.time_limit_s * 4
    p = prepare(problem, options)
    m = build(p, Stage("attainment"))
    sol = run(m, options.algorithm, options.time_limit_s, options.mip_rel_gap)
    if sol.x is None:
        return Sensitivity(sol.status, sol.message, (), ())
    if m.integrality.any():
        fixed = tuple(np.r_[sol.x[m.lay.b], sol.x[m.lay.z]].tolist())
        m = build(p, Stage("attainment", fixed_integers=fixed))
    live = Live(m)
    status, message, x, _, _ = live.solve("highs-ds", max(deadline - time.perf_counter(), 1e-3))
    ranged, ranging = live.h.getRanging()
    if status != Status.OPTIMAL or x is None or not ranging.valid:
        return Sensitivity(status, message or "No ranging from the solver.", (), ())
    a = np.arange(m.lay.a.start, m.lay.a.stop)
    c_lo, c_hi = np.asarray(ranging.col_cost_dn.value_)[a], np.asarray(ranging.col_cost_up.value_)[a]
    per = p.objective_scale / p.goals.scale
    weights = tuple(WeightRange(
        key, float(p.goals.weight[g]), _bound(-c_hi[g] * per[g], low=True), _bound(-c_lo[g] * per[g], low=False),
        float(min(p.goals.scale[g] * x[a[g]], 1.0))) for g, key in enumerate(p.goals.keys))
    funded = {p.interventions.keys[i] for i in np.flatnonzero(x[m.lay.F] * p.unit >= 100)}
    unfunded = [i for i in problem.interventions if i.key not in funded and i.key not in options.excluded_interventions
                and i.capacity_pence > 0 and any(e.intervention == i.key for e in problem.effects)]
    stronger = Stronger(p) if reuse and not m.integrality.any() else None
    effects = tuple(EffectNeeded(i.key, _factor(problem, options, i.key, deadline, stronger)) for i in unfunded)
    return Sensitivity(Status.OPTIMAL, "", weights, effects)


def _bound(value: float, low: bool) -> float | None:
    if not math.isfinite(value) or abs(value) > 1e15:
        return 0.0 if low and value < 0 else None
    return float(max(value, 0.0) + 0.0 if low else value)  # + 0.0: no negative zero


def _funded_at(problem: Problem, options: Options, key: str, factor: float, deadline: float) -> bool:
    effects = tuple(replace(e, per_thousand=e.per_thousand * factor) if e.intervention == key else e
                    for e in problem.effects)
    varied = replace(problem, effects=effects)
    p = prepare(varied, options)
    m = build(p, Stage("attainment"))
    sol = run(m, options.algorithm, max(deadline - time.perf_counter(), 1e-3), options.mip_rel_gap)
    if sol.x is None:
        return False
    index = p.interventions.keys.index(key)
    return bool(sol.x[m.lay.F][index] * p.unit >= 100)


def _factor(problem: Problem, options: Options, key: str, deadline: float,
            stronger: Stronger | None = None) -> float | None:
    def funded(factor: float) -> bool:
        if stronger is not None:
            return stronger.funded(key, factor, max(deadline - time.perf_counter(), 1e-3))
        return _funded_at(problem, options, key, factor, deadline)

    if not funded(MAX_FACTOR):
        return None
    low, high = 0.0, math.log(MAX_FACTOR)  # log k: not funded at low, funded at high
    for _ in range(STEPS):
        middle = (low + high) / 2
        low, high = (low, middle) if funded(math.exp(middle)) else (middle, high)
    return math.exp(high)
