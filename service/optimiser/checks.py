"""The answer checked outside the solver, in the data's own terms, before anyone calls it optimal.

The solver works to absolute tolerances (about 1e-9 on matrix entries, 1e-7 on feasibility and reduced
costs). The scaling in scaling.py and model.py keeps ordinary data far from them; this module finds what
is left over:
- `precision_warnings`: effects or goals the solver would treat as zero (below `SOLVER_ZERO` of their
  row's or the objective's largest coefficient);
- `top_up`: money left in a stream while an intervention it may fund could still turn it into attainment
  (the solver saw that attainment as zero) is spent, best value per pound first;
- `improvements`: after rounding, any stream with unspent money, or money on an intervention worth less
  per pound than one it could fund instead, means the allocation is not optimal;
- `price_ceilings` (ceilings.py): what £1,000 more in a stream (or more capacity) could buy at most, so
  that a shadow price never claims more than relaxing the limit could change.

Marginal values are weighted attainment per model money unit, in the data's own terms: the sum over goals
of w_g c[g,k] for the tranche money would enter (or leave), counting a goal at or beyond its target only at
the beyond-target weight.
"""

from __future__ import annotations

import numpy as np

from .prepared import F64, I64, Prepared
from .rounding import Allocation

SOLVER_ZERO = 1e-9  # HiGHS drops matrix entries below this (its small_matrix_value)
NOISE = 1e-12  # relative to the best value per pound: below this a difference is arithmetic, not data
MAX_STEPS_PER_INTERVENTION = 4


def precision_warnings(p: Prepared) -> list[str]:
    out, att = [], p.attainment
    relative = np.abs(att.coef) / p.goals.scale[att.goal]
    for g in np.unique(att.goal[relative < SOLVER_ZERO]):
        lost = np.unique(p.tranches.intervention[att.tranche[(att.goal == g) & (relative < SOLVER_ZERO)]])
        out.append(f"The effects of {len(lost)} intervention{'s' if len(lost) != 1 else ''} on {p.goals.names[g]} "
                   f"are below a billionth of its largest effect, under the solver's precision; the service "
                   f"checks their funding itself (e.g. {p.interventions.names[lost[0]]}).")
    weights = p.goals.weight * p.goals.scale / p.objective_scale
    for g in np.flatnonzero((p.goals.weight > 0) & (weights < SOLVER_ZERO)):
        out.append(f"{p.goals.names[g]} is worth less than a billionth of the best goal per pound at this weight "
                   "and target, under the solver's precision: move its target nearer its baseline or raise its "
                   "weight if it should count.")
    return out


def tranche_fill(p: Prepared, F: F64) -> F64:
    """Money in each tranche when an intervention's tranches fill in order (model units)."""
    tr = p.tranches
    counts = np.bincount(tr.intervention, minlength=len(p.interventions))
    before = np.cumsum(tr.width) - tr.width
    before -= np.repeat(before[np.r_[0, np.cumsum(counts)[:-1]]], counts) if len(before) else 0.0
    return np.clip(F[tr.intervention] - before, 0.0, tr.width)


def tranche_values(p: Prepared, f: F64, *, leaving: bool) -> tuple[F64, F64]:
    """Each tranche's marginal value, and each goal's attainment, for tranche money `f`. A goal within what a
    penny per intervention buys of its target counts as at target: rounding to pence puts it there, and
    money leaving it would take it below while money entering it buys nothing more."""
    att = p.attainment
    attainment = np.bincount(att.goal, weights=att.coef * f[att.tranche], minlength=len(p.goals))
    near = p.goals.scale * len(p.interventions) / p.unit
    short = attainment <= 1.0 + near if leaving else attainment < 1.0 - near
    weight = p.goals.weight * np.where(short, 1.0, p.beyond)
    value = np.bincount(att.tranche, weights=weight[att.goal] * att.coef, minlength=len(p.tranches))
    return value.astype(np.float64), attainment.astype(np.float64)


def next_tranche(p: Prepared, f: F64) -> I64:
    """The tranche money entering each intervention would fill (-1 when all are full)."""
    open_ = f < p.tranches.width - 1e-12
    first = np.full(len(p.interventions), -1, dtype=np.int64)
    k = np.flatnonzero(open_)
    first[p.tranches.intervention[k[::-1]]] = k[::-1]
    return first


def _last_tranche(p: Prepared, f: F64) -> I64:
    last = np.full(len(p.interventions), -1, dtype=np.int64)
    k = np.flatnonzero(f > 1e-12)
    last[p.tranches.intervention[k]] = k
    return last


def _floor_room(p: Prepared, F: F64, theme: int) -> float:
    """How much more may go to an intervention of `theme` before another theme's floor is broken."""
    total = F.sum()
    room = np.inf
    for t, share in zip(p.floors.theme, p.floors.share, strict=True):
        if t != theme and share > 0:
            in_theme = F[p.interventions.theme == t].sum()
            room = min(room, max(in_theme - share * total, 0.0) / share)
    return float(room)


def top_up(p: Prepared, y: F64, F: F64) -> tuple[F64, F64, float]:
    """Spend unspent stream money where it still buys attainment, best value per pound first: the money the
    solver left because its value looked like zero to it. Returns (y, F, money added in model units)."""
    if p.matched_cap is not None or not len(p.interventions):
        return y, F, 0.0
    y, F = y.copy(), F.copy()
    smallest = 0.01 / p.unit  # a hundredth of a penny: less than rounding to pence can turn into a penny
    hi = p.interventions.hi_p / p.unit
    most = p.streams.most_p / p.unit
    att, added = p.attainment, 0.0
    for _ in range(MAX_STEPS_PER_INTERVENTION * len(p.interventions) + len(p.goals)):
        f = tranche_fill(p, F)
        value, attainment = tranche_values(p, f, leaving=False)
        nxt = next_tranche(p, f)
        up = np.where(nxt >= 0, value[np.maximum(nxt, 0)], 0.0)
        best = float(np.max(np.abs(value), initial=0.0))
        spare = most - np.bincount(p.pairs.stream, weights=y, minlength=len(p.streams))
        pair_room = np.where(spare[p.pairs.stream] >= smallest, spare[p.pairs.stream], 0.0)
        group_room = np.bincount(p.pairs.group, weights=pair_room, minlength=p.n_groups)
        room = np.minimum(hi - F, group_room[p.pairs.group_of])
        startable = (p.interventions.minv_p == 0) | (F * p.unit >= p.interventions.minv_p - 0.5)
        able = (up > NOISE * best) & (room >= smallest) & startable & (best > 0)
        if not able.any():
            break
        i = int(np.flatnonzero(able)[np.argmax(up[able])])
        k = int(nxt[i])
        step = min(room[i], p.tranches.width[k] - f[k], _floor_room(p, F, int(p.interventions.theme[i])))
        rising = (att.tranche == k) & (att.coef > 0) & (attainment[att.goal] < 1.0) & (p.beyond == 0)
        if rising.any():  # stop where a goal reaches its target: beyond it the value changes
            step = min(step, float(np.min((1.0 - attainment[att.goal[rising]]) / att.coef[rising])))
        if step < smallest:
            break
        for pair in np.flatnonzero((p.pairs.group == p.pairs.group_of[i]) & (pair_room > 0)):
            take = min(step, pair_room[pair])
            y[pair] += take
            F[i] += take
            added += take
            step -= take
            if step <= 0:
                break
    return y, F, added


def spend_last_pennies(p: Prepared, alloc: Allocation) -> Allocation:
    """Rounding to pence can leave a stream a penny or two short of its most while an intervention it may
    fund could still use them: put them there (the integer counterpart of `top_up`)."""
    if p.matched_cap is not None or len(p.floors) or not len(p.interventions):
        return alloc
    iv, most = p.interventions, p.streams.most_p
    int_pence, stream_pence = alloc.int_pence.copy(), alloc.stream_pence.copy()
    extra: dict[tuple[int, int], int] = {}
    for s in np.flatnonzero(most - stream_pence >= 1):
        f = tranche_fill(p, int_pence / p.unit)
        value, _ = tranche_values(p, f, leaving=False)
        nxt = next_tranche(p, f)
        up = np.where(nxt >= 0, value[np.maximum(nxt, 0)], 0.0)
        best = float(np.max(np.abs(value), initial=0.0))
        room = (int_pence < iv.hi_p) & ((iv.minv_p == 0) | (int_pence >= iv.minv_p)) & (up > NOISE * best)
        takers = np.flatnonzero(p.pairs.eligible[s] & room)
        if not len(takers) or best <= 0:
            continue
        i = int(takers[np.argmax(up[takers])])
        pennies = int(min(most[s] - stream_pence[s], iv.hi_p[i] - int_pence[i]))
        int_pence[i] += pennies
        stream_pence[s] += pennies
        extra[(int(s), i)] = extra.get((int(s), i), 0) + pennies
    if not extra:
        return alloc
    keys = list(zip(alloc.line_stream.tolist(), alloc.line_int.tolist(), strict=True))
    amounts = dict(zip(keys, alloc.line_pence.tolist(), strict=True))
    for key, pennies in extra.items():
        amounts[key] = amounts.get(key, 0) + pennies
    ordered = sorted(amounts)
    column = np.array(ordered, dtype=np.int64).reshape(-1, 2)
    return Allocation(column[:, 0], column[:, 1], np.array([amounts[k] for k in ordered], dtype=np.int64),
                      stream_pence, int_pence)


def improvements(p: Prepared, stream_pence: I64, int_pence: I64, lines: tuple[I64, I64]) -> list[str]:
    """Sentences naming a change that would raise weighted attainment; none when the answer is optimal.
    Conservative where rules couple the money (theme floors, a matched cap): those cases are not judged."""
    if p.matched_cap is not None or len(p.floors) or not len(p.interventions):
        return []
    F = int_pence / p.unit
    f = tranche_fill(p, F)
    value_in, _ = tranche_values(p, f, leaving=False)
    value_out, _ = tranche_values(p, f, leaving=True)
    best = float(np.max(np.abs(value_in), initial=0.0))
    if best <= 0:
        return []
    nxt, last = next_tranche(p, f), _last_tranche(p, f)
    up = np.where(nxt >= 0, value_in[np.maximum(nxt, 0)], 0.0)
    down = np.where(last >= 0, value_out[np.maximum(last, 0)], np.inf)
    iv = p.interventions
    can_take = (int_pence <= iv.hi_p - 1) & ((iv.minv_p == 0) | (int_pence >= iv.minv_p)) & (up > NOISE * best)
    can_give = (int_pence >= iv.lo_p + 1) & ((iv.minv_p == 0) | (int_pence >= iv.minv_p + 1))
    spare = p.streams.most_p - stream_pence
    out = []
    for s in range(len(p.streams)):
        takers = np.flatnonzero(p.pairs.eligible[s] & can_take)
        if not len(takers):
            continue
        i = takers[np.argmax(up[takers])]
        if spare[s] >= 1:
            out.append(f"{p.streams.names[s]} has {spare[s] / 100:,.2f} pounds unspent that {iv.names[i]} "
                       "could still turn into attainment.")
            continue
        funded = np.unique(lines[1][(lines[0] == s)])
        givers = funded[can_give[funded]]
        if len(givers) and up[i] > down[givers].min() * (1 + 1e-7) + NOISE * best:
            j = givers[np.argmin(down[givers])]
            out.append(f"Money from {p.streams.names[s]} would buy more attainment in {iv.names[i]} than in "
                       f"{iv.names[j]}.")
    return out
