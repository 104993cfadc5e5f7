"""Fair shares of the pooling gain: what each coalition of partners gains by pooling among themselves while
the others keep their money in silos, and each partner's Shapley value of the grand coalition's gain.

    v(S) = f(S) - f(empty),  f(S) = max weighted attainment when stream s may fund intervention i only if
           s's partner leads i, or both s's partner and i's lead partner are in S, and only S's streams
           keep the rules pooling makes (least contributions, the matched cap);
    phi_p = sum over S not holding p of |S|! (n - |S| - 1)! / n! (v(S + p) - v(S)).

Exact over every coalition up to EXACT_UP_TO partners (each coalition one solve on the shared preparation,
its eligibility masked and regrouped); beyond, estimated from seeded random orders of the partners, with a
95 % confidence interval. With every coalition solved, the core is checked: a coalition whose own gain
exceeds the sum of its members' Shapley values would do better on its own than the shares give it.
"""

from __future__ import annotations

import itertools
import math
import time
from dataclasses import dataclass

import numpy as np

from .arrays import masked, prepare, without_pooling_rules
from .coalitions import Coalitions
from .highs import run
from .layout import Stage, layout
from .model import build
from .prepared import Prepared
from .problem import Options, Problem
from .result import Status

EXACT_UP_TO = 12
ORDERS = 200  # random orders sampled beyond EXACT_UP_TO


@dataclass(frozen=True)
class Share:
    partner: str
    shapley: float  # weighted attainment points of the pooling gain
    low: float  # its 95 % confidence interval (equal to shapley when exact)
    high: float


@dataclass(frozen=True)
class Blocking:
    partners: tuple[str, ...]  # a coalition that would do better on its own
    gain: float  # v(S)
    shares: float  # the sum of its members' Shapley values


@dataclass(frozen=True)
class FairShares:
    status: Status
    message: str
    exact: bool
    silo: float | None  # f(empty): weighted attainment in silos
    pooled: float | None  # f(everyone)
    shares: tuple[Share, ...]
    blocking: tuple[Blocking, ...]
    solves: int
    coalitions: tuple[tuple[tuple[str, ...], float], ...] = ()  # every coalition's gain v(S), when exact


class _Values:
    """f(S) by coalition (a frozenset of partner indices), each solved once: an LP on one model kept for every
    coalition (coalitions.py, unless `reuse` is off), a MILP as its own model."""

    def __init__(self, p: Prepared, options: Options, deadline: float, reuse: bool = True) -> None:
        self.p, self.options, self.deadline = p, options, deadline
        self.known: dict[frozenset[int], float] = {}
        self.own = p.streams.partner[:, None] == p.interventions.lead[None, :]
        self.shared = Coalitions(p) if reuse and not _integers(p) else None

    def __call__(self, members: frozenset[int]) -> float:
        if members not in self.known and self.shared is not None:
            status, message, fun = self.shared.value(members, max(self.deadline - time.perf_counter(), 1e-3))
            if fun is None:
                raise _Unsolved(members, status, message)
            self.known[members] = -fun * self.p.objective_scale
        if members not in self.known:
            p = self.p
            inside = np.isin(p.streams.partner, list(members))[:, None] & np.isin(p.interventions.lead,
                                                                                 list(members))[None, :]
            pooling = np.isin(p.streams.partner, list(members)) if len(members) > 1 else None
            coalition = without_pooling_rules(masked(p, self.own | inside, self.options.formulation), pooling)
            m = build(coalition, Stage("attainment"))
            sol = run(m, self.options.algorithm, max(self.deadline - time.perf_counter(), 1e-3),
                      self.options.mip_rel_gap)
            if sol.x is None or sol.fun is None:
                raise _Unsolved(members, sol.status, sol.message)
            self.known[members] = -float(sol.fun) * p.objective_scale
        return self.known[members]


def _integers(p: Prepared) -> bool:
    """Whether the model has binaries (minimum viable amounts, filling order where it matters)."""
    lay = layout(p, Stage("attainment"))
    return lay.b.stop > lay.b.start or lay.z.stop > lay.z.start


class _Unsolved(Exception):
    def __init__(self, members: frozenset[int], status: Status, message: str) -> None:
        self.members, self.status, self.message = members, status, message


def fair_shares(problem: Problem, options: Options, seed: int = 0, reuse: bool = True) -> FairShares:
    """Never raises on a coalition that cannot be solved: the status and message say which. `reuse=False`
    solves every coalition on a model of its own (to measure and test the shared one)."""
    p = prepare(problem, options)
    keys, n = p.partners.keys, len(p.partners.keys)
    value = _Values(p, options, time.perf_counter() + options.time_limit_s * max(1, 2 ** min(n, 6)), reuse)
    try:
        silo, pooled = value(frozenset()), value(frozenset(range(n)))
        coalitions: tuple[tuple[tuple[str, ...], float], ...] = ()
        if n <= EXACT_UP_TO:
            shares, blocking = _exact(value, n, keys, silo)
            coalitions = tuple((tuple(keys[i] for i in sorted(c)), f - silo) for c, f in
                               sorted(value.known.items(), key=lambda item: (len(item[0]), sorted(item[0]))))
        else:
            shares, blocking = _sampled(value, n, keys, silo, seed), ()
    except _Unsolved as failed:
        who = ", ".join(p.partners.names[i] for i in sorted(failed.members)) or "no partner"
        return FairShares(failed.status, f"With {who} pooling and the others in silos: {failed.message}",
                          n <= EXACT_UP_TO, None, None, (), (), len(value.known))
    return FairShares(Status.OPTIMAL, "", n <= EXACT_UP_TO, silo, pooled, shares, blocking, len(value.known),
                      coalitions)


def _exact(value: _Values, n: int, keys: tuple[str, ...], silo: float
           ) -> tuple[tuple[Share, ...], tuple[Blocking, ...]]:
    for k in range(1, 2**n):  # Gray code order: each coalition one partner away from the last one solved
        gray = k ^ (k >> 1)
        value(frozenset(i for i in range(n) if gray >> i & 1))
    gain = {frozenset(c): value(frozenset(c)) - silo for size in range(n + 1)
            for c in itertools.combinations(range(n), size)}
    phi = np.zeros(n)
    for members, v in gain.items():
        for i in range(n):
            if i not in members:
                weight = math.factorial(len(members)) * math.factorial(n - len(members) - 1) / math.factorial(n)
                phi[i] += weight * (gain[members | {i}] - v)
    scale = max(abs(max(gain.values())), 1.0)
    blocking = tuple(Blocking(tuple(keys[i] for i in sorted(c)), v, float(phi[list(c)].sum()))
                     for c, v in gain.items() if c and v > phi[list(c)].sum() + 1e-9 * scale)
    return tuple(Share(keys[i], float(phi[i]), float(phi[i]), float(phi[i])) for i in range(n)), blocking


def _sampled(value: _Values, n: int, keys: tuple[str, ...], silo: float, seed: int) -> tuple[Share, ...]:
    rng = np.random.default_rng(seed)
    marginal = np.zeros((ORDERS, n))
    for k in range(ORDERS):
        members: frozenset[int] = frozenset()
        before = silo
        for i in rng.permutation(n):
            members = members | {int(i)}
            after = value(members)
            marginal[k, i], before = after - before, after
    mean, half = marginal.mean(axis=0), 1.96 * marginal.std(axis=0, ddof=1) / math.sqrt(ORDERS)
    return tuple(Share(keys[i], float(mean[i]), float(mean[i] - half[i]), float(mean[i] + half[i]))
                 for i in range(n))
