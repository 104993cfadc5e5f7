"""The efficient frontier: the most weighted attainment each amount of pooled money can buy,

    f(B) = max sum_g w_g (a[g] + beta e[g])   s.t. the scenario's rules and  sum_i F[i] <= B,

from the least money any allocation needs, B_min = min sum_i F[i], to everything the streams offer,
B_max = sum_s most_s. For the LP, f is concave and piecewise linear, and its breakpoints are found
exactly by supporting lines (Eisner and Severance): with f and a supergradient g (minus the budget row's
dual) at budgets a < b, the lines f(a) + g_a (B - a) and f(b) + g_b (B - b) meet at B*. If f(B*) is on
them, [a, b] is two segments meeting at B* (or one); otherwise both halves are searched. Every solve
continues from the last basis of one HiGHS model (live.py), whose budget row's bound alone changes.
With integer variables (minimum viable amounts, tranche order) f is not concave: it is sampled at
evenly spaced budgets, each solved afresh.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp

from .arrays import prepare
from .highs import run
from .layout import Stage
from .live import Live
from .model import Model, Rows, build
from .prepared import F64, Prepared
from .problem import Options, Problem
from .result import Status

TOLERANCE = 1e-9  # relative: a point within it of the supporting lines is on them
SAME_SLOPE = 1e-6  # relative: slopes closer than this (budgets are whole pence) are one segment
MAX_SOLVES = 5_000  # an exact search that needs more stops and says so
SAMPLES = 21  # budgets the integer case is solved at


@dataclass(frozen=True)
class FrontierPoint:
    budget_pence: int  # the budget, to the penny
    budget: float  # the budget as solved, in pence (the slopes between points are taken on it)
    attainment: float  # weighted attainment f(budget), in the data's own terms
    goal_attainment: tuple[float, ...]  # per goal, in `Frontier.goals` order: fraction of the way to target
    funded: tuple[str, ...]  # interventions given at least a penny, by key


@dataclass(frozen=True)
class Frontier:
    status: Status
    message: str
    exact: bool  # breakpoints found exactly (LP); otherwise sampled budgets (MILP)
    goals: tuple[str, ...]
    points: tuple[FrontierPoint, ...]  # budgets ascending
    solves: int


def budget_row(p: Prepared, m: Model, budget: float) -> Rows:
    """sum_i F[i] <= budget  (model units: `p.unit` pence)."""
    n_i = len(p.interventions)
    cols = m.lay.F.start + np.arange(n_i)
    return Rows(np.zeros(n_i, dtype=np.int64), cols, np.ones(n_i), np.array([-np.inf]), np.array([budget]))


def with_row(m: Model, row: Rows) -> Model:
    extra = sp.csr_array((row.v, (row.r, row.c)), shape=(1, m.lay.n))
    return replace(m, A=sp.vstack([m.A, extra], format="csr"), lo=np.r_[m.lo, row.lo], hi=np.r_[m.hi, row.hi])


def efficient_frontier(problem: Problem, options: Options) -> Frontier:
    """Never raises on an infeasible or stopped solve: the status says so, with the points found."""
    deadline = time.perf_counter() + options.time_limit_s
    p = prepare(problem, options)
    m = build(p, Stage("attainment"))
    least = run(build(p, Stage("money")), options.algorithm, options.time_limit_s, options.mip_rel_gap)
    if least.x is None:
        return Frontier(least.status, least.message, False, p.goals.keys, (), 1)
    low = float(least.x[m.lay.F].sum()) if least.x is not None else 0.0
    high = max(float(p.streams.most_p.sum()) / p.unit, low)
    if m.integrality.any():
        return _sampled(p, m, low, high, options, deadline)
    return _exact(p, m, low, high, deadline)


def _point(p: Prepared, m: Model, x: F64, budget: float) -> FrontierPoint:
    lay = m.lay
    goals = np.minimum(p.goals.scale * x[lay.a], 1.0)
    weighted = float(-(m.c @ x) * p.objective_scale)
    funded = tuple(p.interventions.keys[i] for i in np.flatnonzero(x[lay.F] * p.unit >= 1.0))
    return FrontierPoint(int(round(budget * p.unit)), budget * p.unit, weighted, tuple(float(g) for g in goals),
                         funded)


def _exact(p: Prepared, m: Model, low: float, high: float, deadline: float) -> Frontier:
    live = Live(m)
    live.add_row(budget_row(p, m, high))
    solves = 0

    def at(budget: float) -> tuple[FrontierPoint, float] | None:
        nonlocal solves
        solves += 1
        live.set_row_upper(budget)
        status, _, x, _, duals = live.solve("highs-ds", max(deadline - time.perf_counter(), 1e-3))
        if status != Status.OPTIMAL or x is None:
            return None
        return _point(p, m, x, budget), float(-duals[1][-1] * p.objective_scale)  # d f / d budget

    ends = [at(low), at(high)]
    if ends[0] is None or ends[1] is None:
        return Frontier(Status.ERROR, "The solver failed at an end of the frontier.", True, p.goals.keys, (), solves)
    found = {low: ends[0][0], high: ends[1][0]}
    todo = [(low, ends[0], high, ends[1])]
    status, message = Status.OPTIMAL, "Every breakpoint found."
    while todo:
        a, (fa, ga), b, (fb, gb) = todo.pop()
        if b - a <= 0.01 / p.unit or abs(ga - gb) <= TOLERANCE * max(abs(ga), abs(gb), 1e-300):
            continue  # one segment (or less than a penny wide)
        meet = (fb.attainment - fa.attainment + ga * a - gb * b) / (ga - gb)
        if not a < meet < b:
            continue
        on_lines = fa.attainment + ga * (meet - a)
        if solves >= MAX_SOLVES or time.perf_counter() > deadline:
            status, message = Status.TIME_LIMIT, f"Stopped after {solves} solves: some breakpoints may be missing."
            break
        mid = at(meet)
        if mid is None:
            status, message = Status.ERROR, "The solver failed inside the frontier."
            break
        found[meet] = mid[0]
        if abs(mid[0].attainment - on_lines) > TOLERANCE * max(1.0, abs(on_lines)):
            todo += [(a, (fa, ga), meet, mid), (meet, mid, b, (fb, gb))]
    points = tuple(found[k] for k in sorted(found))
    return Frontier(status, message, True, p.goals.keys, _breakpoints(points), solves)


def _breakpoints(points: tuple[FrontierPoint, ...]) -> tuple[FrontierPoint, ...]:
    """The points where the slope changes (by more than SAME_SLOPE, relative), with both ends."""
    kept = list(points[:1])
    for here, after in zip(points[1:-1], points[2:], strict=True):
        before = kept[-1]
        left = (here.attainment - before.attainment) / (here.budget - before.budget)
        right = (after.attainment - here.attainment) / (after.budget - here.budget)
        if abs(left - right) > SAME_SLOPE * max(abs(left), abs(right), 1e-300):
            kept.append(here)
    return (*kept, *points[-1:]) if len(points) > 1 else tuple(kept)


def _sampled(p: Prepared, m: Model, low: float, high: float, options: Options, deadline: float) -> Frontier:
    points, status, message = [], Status.OPTIMAL, f"Sampled at {SAMPLES} budgets (integer choices)."
    for budget in np.linspace(low, high, SAMPLES):
        sol = run(with_row(m, budget_row(p, m, float(budget))), options.algorithm,
                  max(deadline - time.perf_counter(), 1e-3), options.mip_rel_gap)
        if sol.x is None:
            status, message = sol.status, f"Stopped at £{budget * p.unit / 100:,.2f}: {sol.message}"
            break
        points.append(_point(p, m, sol.x, float(budget)))
    return Frontier(status, message, False, p.goals.keys, tuple(points), len(points))
