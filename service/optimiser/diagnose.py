"""Infeasibility diagnosis by elastic models.

Base: every soft row gets a non-negative slack u and the model minimises sum u (model money units):
  sum_G y[s,G] + u_s >= least_s           (stream least contributions)
  F[i] + u_i >= floor_i                   (committed funding, minimum / fixed locks)
  F[i] - u'_i <= fixed_i                  (fixed locks that must be exceeded)
  sum_{i in t} F[i] - share_t sum_i F[i] + u_t >= 0   (theme floors)
Required (least-cost only, when the base is feasible): a[g] + u_g >= required_g, minimising
sum_g w_g u_g; u_g is the shortfall and required_g - u_g what is attainable alongside the others
(the model keeps both in each goal's attainment unit: they are multiplied back by goal_scale here).
"""

from __future__ import annotations

import numpy as np

from .explain import money
from .highs import run
from .layout import Stage
from .model import build
from .prepared import Interventions, Prepared
from .problem import Options
from .result import Relaxation, RelaxationKind, Shortfall, Status

TOL = 1e-7


def _pence(v: np.ndarray, p: Prepared) -> np.ndarray:
    return np.round(np.asarray(v) * p.unit).astype(np.int64)


def base_relaxations(p: Prepared, options: Options, time_limit: float) -> tuple[list[Relaxation], list[str]] | None:
    """None when the soft rows are not the cause (or the elastic model itself fails)."""
    m = build(p, Stage("slack", elastic="base"))
    sol = run(m, options.algorithm, time_limit, options.mip_rel_gap)
    if sol.x is None:
        return None
    lay, x, out, iv = m.lay, sol.x, [], p.interventions
    u = _pence(x[lay.u_least], p)
    for s in np.flatnonzero(u > 0):  # only the few streams that need relaxing
        out.append(
            Relaxation(
                RelaxationKind.STREAM_LEAST,
                p.streams.keys[s],
                p.streams.names[s],
                int(u[s]),
                0.0,
                f"{p.streams.names[s]} ({p.partners.names[p.streams.partner[s]]}): lower its least "
                f"contribution of {money(p.streams.least_p[s])} by {money(u[s])}",
            )
        )
    u = _pence(x[lay.u_floor], p)
    for j in np.flatnonzero(u > 0):
        out.append(_floor_relaxation(iv, int(lay.floor_int[j]), int(u[j])))
    u = _pence(x[lay.u_lock], p)
    for j in np.flatnonzero(u > 0):
        i = lay.lock_int[j]
        out.append(
            Relaxation(
                RelaxationKind.LOCK,
                iv.keys[i],
                iv.names[i],
                int(u[j]),
                0.0,
                f"{iv.names[i]} is locked at {money(iv.hi_p[i])} but needs {money(u[j])} more "
                "to absorb partners' least contributions: raise or release the lock",
            )
        )
    u = _pence(x[lay.u_theme], p)
    for j in np.flatnonzero(u > 0):
        t = p.floors.theme[j]
        out.append(
            Relaxation(
                RelaxationKind.THEME_FLOOR,
                p.themes.keys[t],
                p.themes.names[t],
                int(u[j]),
                0.0,
                f"The {p.themes.names[t]} floor of {p.floors.share[j]:.0%} is out of reach by "
                f"{money(u[j])} of in-theme funding: lower the floor or raise {p.themes.names[t]} capacity",
            )
        )
    sentences = [r.sentence for r in out]
    short = sum(r.amount_pence for r in out if r.kind == RelaxationKind.STREAM_LEAST)
    if short:
        total = int(p.streams.least_p.sum())
        sentences.insert(
            0,
            f"Partners' least contributions total {money(total)} but the interventions they may fund "
            f"can take only {money(total - short)}: lower the least contributions or raise capacity "
            f"by {money(short)}",
        )
    return out, sentences


def shortfalls(p: Prepared, options: Options, time_limit: float) -> tuple[list[Relaxation], list[Shortfall], list[str]]:
    m = build(p, Stage("slack", elastic="required"))
    sol = run(m, options.algorithm, time_limit, options.mip_rel_gap)
    if sol.x is None:
        return [], [], ["The required attainment could not be analysed"]
    u = sol.x[m.lay.u_req] * p.goals.scale[p.required.goal]
    rel, short, text = [], [], []
    for j in np.flatnonzero(u > TOL):  # only goals that fall short
        g, req = p.required.goal[j], float(p.required.level[j])
        got = req - float(u[j])
        short.append(Shortfall(p.goals.keys[g], req, got, float(u[j])))
        s = (
            f"{p.goals.names[g]} can reach {got:.1%} of the way to target alongside the other requirements, "
            f"short of the required {req:.0%} by {u[j]:.1%}"
        )
        rel.append(Relaxation(RelaxationKind.REQUIRED_ATTAINMENT, p.goals.keys[g], p.goals.names[g], 0, float(u[j]), s))
        text.append(s)
    return rel, short, text


def diagnose(
    p: Prepared, options: Options, time_limit: float, least_cost: bool
) -> tuple[tuple[Relaxation, ...], tuple[Shortfall, ...], tuple[str, ...]]:
    base = base_relaxations(p, options, time_limit)
    if base is None:
        return (), (), ("The hard constraints (capacity, eligibility, minimum viable amounts, matched cap) conflict",)
    rel, text = base
    if rel or not least_cost:
        return tuple(rel), (), tuple(text) or ("No single relaxation of soft limits restores feasibility",)
    r2, short, t2 = shortfalls(p, options, time_limit)
    return tuple(r2), tuple(short), tuple(t2)


__all__ = ["diagnose", "Status"]


def _floor_relaxation(iv: Interventions, i: int, short: int) -> Relaxation:
    """An intervention that cannot receive its floor: a lock's, or its committed funding, which a minimum
    viable amount above the commitment raises to that amount. A commitment is relaxed by what the scenario
    holds: lowered to what the intervention can receive if that is still viable, otherwise cancelled."""
    committed, minimum, floor = int(iv.committed_p[i]), int(iv.minv_p[i]), int(iv.lo_p[i])
    forced = max(committed, minimum) if committed > 0 else 0
    receivable = floor - short
    if bool(iv.fixed_lock[i]) or floor > forced:
        return Relaxation(RelaxationKind.LOCK, iv.keys[i], iv.names[i], short, 0.0,
                          f"{iv.names[i]} is locked to receive {money(floor)} but can receive only "
                          f"{money(receivable)}: lower or release the lock, or widen who may fund it, by "
                          f"{money(short)}")
    if receivable >= minimum:  # still viable at what it can receive: the commitment comes down to it
        return Relaxation(RelaxationKind.COMMITTED, iv.keys[i], iv.names[i], short, 0.0,
                          f"{iv.names[i]} has {money(committed)} committed but can receive only {money(receivable)}: "
                          f"lower the commitment by {money(short)} or widen who may fund it")
    return Relaxation(RelaxationKind.COMMITTED, iv.keys[i], iv.names[i], committed, 0.0,
                      f"{iv.names[i]} has {money(committed)} committed, which its minimum viable amount of "
                      f"{money(minimum)} raises to {money(floor)}, but it can receive only {money(receivable)}: "
                      f"cancel the commitment ({money(committed)}) or widen who may fund it")
