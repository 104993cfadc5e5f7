"""Near-optimal alternatives: the room partners have to negotiate. Within a tolerance t of the optimum,

    opt = max sum_g w_g (a[g] + beta e[g]),   floor = opt - t |opt|,

each partner's contribution and each theme's funding is pushed to its least and its most:

    min / max  sum_{s of p} sum_G y[s,G]   (or sum_{i in theme} F[i])   s.t. the scenario's rules and
    sum_g w_g (a[g] + beta e[g]) >= floor,

and one allocation is found that differs most from the optimum's: the least money on the interventions the
optimum funds, at the same floor. Every bound is a solve of the stage-2 model (the attainment floor row)
with its own objective.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, replace

import numpy as np

from .arrays import prepare
from .highs import run
from .layout import Stage
from .live import Live
from .model import Model, build, objective
from .prepared import F64, Prepared
from .problem import Options, Problem
from .result import Status

KEPT = "highs-ps"  # primal simplex: a new objective leaves the last basis feasible


@dataclass(frozen=True)
class Room:
    key: str
    least_pence: int
    most_pence: int


@dataclass(frozen=True)
class Band:
    tolerance: float  # a fraction: 0.05 is within 5 % of the optimum
    floor: float  # weighted attainment every allocation in the band reaches
    partners: tuple[Room, ...]  # what each partner could contribute
    themes: tuple[Room, ...]  # what each theme could receive
    different_funded: tuple[str, ...]  # the most different allocation: interventions it funds
    different_attainment: float


@dataclass(frozen=True)
class NearOptimal:
    status: Status
    message: str
    optimum: float | None
    bands: tuple[Band, ...]
    solves: int


def near_optimal(problem: Problem, options: Options, tolerances: tuple[float, ...], reuse: bool = True) -> NearOptimal:
    """Never raises on a solve that fails: the status and message say which. The bounds of a band are
    solved on one LP kept in HiGHS, each a new objective continuing from the last one's basis (primal
    simplex: the basis stays feasible), unless `reuse` is off or the model has binaries; the most different
    allocation is solved anew, so that it is the vertex a cold solve finds."""
    deadline = time.perf_counter() + options.time_limit_s * max(1, len(tolerances))
    p = prepare(problem, options)
    first = build(p, Stage("attainment"))
    best = run(first, options.algorithm, options.time_limit_s, options.mip_rel_gap)
    if best.x is None or best.fun is None:
        return NearOptimal(best.status, best.message, None, (), 1)
    optimum = -best.fun * p.objective_scale
    funded_at_optimum = best.x[first.lay.F] * p.unit >= 1.0
    bands: list[Band] = []
    solves = 1
    for tolerance in tolerances:
        floor = optimum - tolerance * abs(optimum)
        m = build(p, Stage("money", attainment_floor=floor))
        kept = Live(m) if reuse and not m.integrality.any() else None

        def extreme(c: F64, m: Model = m, tolerance: float = tolerance, kept: Live | None = kept) -> F64:
            left = max(deadline - time.perf_counter(), 1e-3)
            if kept is not None:
                kept.h.changeColsCost(len(c), np.arange(len(c), dtype=np.int32), np.asarray(c, dtype=np.float64))
                status, message, x, _, _ = kept.solve(KEPT, left)
            else:
                sol = run(replace(m, c=c), options.algorithm, left, options.mip_rel_gap)
                status, message, x = sol.status, sol.message, sol.x
            if x is None:
                raise _Failed(status, f"Within {tolerance:.0%} of the optimum: {message}")
            return x

        try:
            partners = tuple(_room(key, weights, extreme, p) for key, weights in _partner_weights(p, m))
            themes = tuple(_room(key, weights, extreme, p) for key, weights in _theme_weights(p, m))
            away = np.zeros(m.lay.n)
            away[m.lay.F] = funded_at_optimum.astype(np.float64)
            left = max(deadline - time.perf_counter(), 1e-3)
            sol = run(replace(m, c=away), options.algorithm, left, options.mip_rel_gap)
            if sol.x is None:
                raise _Failed(sol.status, f"Within {tolerance:.0%} of the optimum: {sol.message}")
            x = sol.x
        except _Failed as failed:
            return NearOptimal(failed.status, failed.message, optimum, tuple(bands), solves)
        solves += 2 * (len(partners) + len(themes)) + 1
        funded = tuple(p.interventions.keys[i] for i in np.flatnonzero(x[m.lay.F] * p.unit >= 1.0))
        attained = float(_attainment(p, m, x))
        bands.append(Band(tolerance, floor, partners, themes, funded, attained))
    return NearOptimal(Status.OPTIMAL, "", optimum, tuple(bands), solves)


class _Failed(Exception):
    def __init__(self, status: Status, message: str) -> None:
        self.status, self.message = status, message


def _partner_weights(p: Prepared, m: Model) -> list[tuple[str, F64]]:
    partner_of_y = p.streams.partner[p.pairs.stream]
    out = []
    for k, key in enumerate(p.partners.keys):
        c = np.zeros(m.lay.n)
        c[m.lay.y] = (partner_of_y == k).astype(np.float64)
        out.append((key, c))
    return out


def _theme_weights(p: Prepared, m: Model) -> list[tuple[str, F64]]:
    out = []
    for t, key in enumerate(p.themes.keys):
        c = np.zeros(m.lay.n)
        c[m.lay.F] = (p.interventions.theme == t).astype(np.float64)
        out.append((key, c))
    return out


def _room(key: str, weights: F64, extreme: Callable[[F64], F64], p: Prepared) -> Room:
    least = float(weights @ extreme(weights)) * p.unit
    most = float(weights @ extreme(-weights)) * p.unit
    return Room(key, int(round(least)), int(round(most)))


def _attainment(p: Prepared, m: Model, x: F64) -> float:
    """Weighted attainment of a solution of `m`, in the data's own terms."""
    return float(-(objective(p, m.lay, Stage("attainment")) @ x) * p.objective_scale)
