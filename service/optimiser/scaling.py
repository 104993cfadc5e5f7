"""The model's units, fixed once per problem (see "Scaling" in the optimiser's README): money in a power of
ten of pence, each goal's attainment in units of its largest coefficient, the objective in units of its
largest weight.
"""

from __future__ import annotations

import numpy as np

from .prepared import F64, I64, THOUSAND, Attainment, Effects, Tranches


def money_unit(*amounts_pence: I64) -> float:
    """The model's money unit: a power of ten of pence putting the largest amount between 10^6 and 10^7
    units. Money data scaled by a power of ten then gives the same matrices, and the solver's
    feasibility tolerance (1e-7 units) stays below a thousandth of a penny for any budget under £100m."""
    largest = max((int(a.max(initial=0)) for a in amounts_pence), default=0)
    return 10.0 ** (int(np.floor(np.log10(max(largest, 1)))) - 6)


def attainment_coefficients(tranches: Tranches, effects: Effects, sign: F64, span: F64, n_ints: int,
                            unit: float) -> Attainment:
    """(goal, tranche, d a_g / d f[i,k]) = sign_g * e[i,g] * m_k / |target_g - baseline_g| per model unit."""
    counts = np.bincount(tranches.intervention, minlength=n_ints)
    start = np.r_[0, np.cumsum(counts)[:-1]]
    per = counts[effects.intervention]
    rep = np.repeat(np.arange(len(effects.intervention)), per)
    within = np.arange(len(rep)) - np.repeat(np.cumsum(per) - per, per)
    k = start[effects.intervention][rep] + within
    g = effects.goal[rep]
    safe_span = np.where(span > 0, span, 1.0)
    return Attainment(g, k, sign[g] * effects.val[rep] * tranches.mult[k] / safe_span[g] * (unit / THOUSAND))


def scales(attainment: Attainment, weight: F64, n_goals: int) -> tuple[F64, float]:
    """Row and objective scaling (see the optimiser's README): each goal's attainment is measured in units
    of its largest coefficient, so its row's coefficients lie in [-1, 1] whatever the target's distance;
    the objective is divided by its largest coefficient, so it lies in [-1, 0]."""
    goal_scale = np.zeros(n_goals)
    np.maximum.at(goal_scale, attainment.goal, np.abs(attainment.coef))
    goal_scale = np.where(goal_scale > 0, goal_scale, 1.0)
    top = float(np.max(weight * goal_scale, initial=0.0))
    return goal_scale, top if top > 0 else 1.0
