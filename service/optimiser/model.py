"""Constraint families of the allocation model, in row-bound form  lower <= A x <= upper.

Every family returns COO triplets with local row numbers; `build` stacks them in one flat pass.
Notation: y[s,G] stream->group money, F[i] intervention total, f[i,k] tranche money, b/z binaries,
a[g] attainment, e[g] beyond-target attainment, u slack. Money in the model's unit (`Prepared.unit`
pence); attainment in units of each goal's largest coefficient, so that a[g] here is
attainment / goal_scale_g, and the attainment objective in units of `Prepared.objective_scale`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike

from .layout import Layout, Stage, bounds, layout
from .prepared import F64, I64, Prepared


@dataclass(frozen=True, eq=False)
class Rows:
    r: I64
    c: I64
    v: F64
    lo: F64
    hi: F64


@dataclass(frozen=True, eq=False)
class Model:
    c: F64
    A: sp.csr_array
    lo: F64
    hi: F64
    lb: F64
    ub: F64
    integrality: np.ndarray
    lay: Layout
    rows: dict[str, slice]
    stage: Stage


def _rows(r: object, c: object, v: object, lo: object, hi: object, n: int) -> Rows:
    r, c = np.asarray(r, dtype=np.int64), np.asarray(c, dtype=np.int64)
    v = np.broadcast_to(np.asarray(v, dtype=np.float64), r.shape)
    return Rows(r, c, v, np.broadcast_to(np.asarray(lo, float), (n,)), np.broadcast_to(np.asarray(hi, float), (n,)))


def _cat(*parts: tuple[ArrayLike, ArrayLike, ArrayLike]) -> tuple[I64, I64, F64]:
    r, c, v = zip(
        *[
            (np.asarray(a, np.int64), np.asarray(b, np.int64), np.broadcast_to(np.asarray(x, float), np.shape(a)))
            for a, b, x in parts
        ],
        strict=True,
    )
    return np.concatenate(r), np.concatenate(c), np.concatenate(v)


def stream_rows(p: Prepared, lay: Layout) -> Rows:
    """least_s <= sum_G y[s,G] (+ u_s in elastic models) <= most_s   for every stream s."""
    n = len(p.streams)
    pairs = np.arange(len(p.pairs.stream))
    slack = np.arange(lay.u_least.start, lay.u_least.stop)
    r, c, v = _cat((p.pairs.stream, lay.y.start + pairs, 1.0), (slack - lay.u_least.start, slack, 1.0))
    return _rows(r, c, v, p.streams.least_p / p.unit, p.streams.most_p / p.unit, n)


def group_rows(p: Prepared, lay: Layout) -> Rows:
    """sum_{i in G} F[i] - sum_s y[s,G] = 0   for every group G (money in = money out)."""
    n_i = len(p.interventions)
    r, c, v = _cat(
        (p.pairs.group_of, lay.F.start + np.arange(n_i), 1.0),
        (p.pairs.group, lay.y.start + np.arange(len(p.pairs.group)), -1.0),
    )
    return _rows(r, c, v, 0.0, 0.0, p.n_groups)


def tranche_rows(p: Prepared, lay: Layout) -> Rows:
    """sum_k f[i,k] - F[i] = 0   for every intervention i with several tranches (0 <= f[i,k] <= width_k by
    bounds); a single tranche is F[i] itself and needs no row."""
    owner = p.tranches.intervention[lay.f_tr]
    split, row = np.unique(owner, return_inverse=True)
    r, c, v = _cat(
        (row, lay.f.start + np.arange(len(owner)), 1.0),
        (np.arange(len(split)), lay.F.start + split, -1.0),
    )
    return _rows(r, c, v, 0.0, 0.0, len(split))


def viable_rows(p: Prepared, lay: Layout) -> Rows:
    """F[i] - cap_i b[i] <= 0  and  F[i] - min_i b[i] >= 0:  F[i] = 0 or min_i <= F[i] <= cap_i."""
    j = lay.bin_int
    n = len(j)
    cap = np.maximum(p.interventions.cap_p[j], p.interventions.hi_p[j]) / p.unit
    b = lay.b.start + np.arange(n)
    r, c, v = _cat(
        (np.arange(n), lay.F.start + j, 1.0),
        (np.arange(n), b, -cap),
        (n + np.arange(n), lay.F.start + j, 1.0),
        (n + np.arange(n), b, -p.interventions.minv_p[j] / p.unit),
    )
    return _rows(r, c, v, np.r_[np.full(n, -np.inf), np.zeros(n)], np.r_[np.zeros(n), np.full(n, np.inf)], 2 * n)


def order_rows(p: Prepared, lay: Layout) -> Rows:
    """f[i,k] - w_k z[i,k] >= 0  and  f[i,k+1] - w_{k+1} z[i,k] <= 0:  tranche k+1 only once k is full.
    Needed only where i harms some goal: otherwise filling out of order never helps the LP (every
    goal gains weakly from moving money to an earlier, higher-multiplier tranche)."""
    k = lay.z_tr
    n = len(k)
    z = lay.z.start + np.arange(n)
    r, c, v = _cat(
        (np.arange(n), lay.fcol[k], 1.0),
        (np.arange(n), z, -p.tranches.width[k]),
        (n + np.arange(n), lay.fcol[k + 1], 1.0),
        (n + np.arange(n), z, -p.tranches.width[k + 1]),
    )
    return _rows(r, c, v, np.r_[np.zeros(n), np.full(n, -np.inf)], np.r_[np.full(n, np.inf), np.zeros(n)], 2 * n)


def goal_rows(p: Prepared, lay: Layout) -> Rows:
    """a[g] + e[g] - sum_{i,k} (c[g,k] / scale_g) f[i,k] <= 0  for every goal g, where c[g,k] = sign_g e[i,g]
    m_k / |target_g - baseline_g| is the attainment per unit of money in tranche k and scale_g the largest
    |c[g,k]|: every coefficient lies in [-1, 1] however far the target is. With a[g] <= 1 / scale_g this makes
    scale_g a[g] = min(1, signed improvement / distance to target) at the optimum."""
    n_g = len(p.goals)
    coef = p.attainment.coef / p.goals.scale[p.attainment.goal]
    ge = np.arange(lay.e.stop - lay.e.start)
    r, c, v = _cat(
        (np.arange(n_g), lay.a.start + np.arange(n_g), 1.0),
        (ge, lay.e.start + ge, 1.0),
        (p.attainment.goal, lay.fcol[p.attainment.tranche], -coef),
    )
    return _rows(r, c, v, -np.inf, 0.0, n_g)


def objective_weights(p: Prepared) -> F64:
    """The attainment objective's coefficient of each goal's a[g]: w_g scale_g / objective_scale, in [0, 1]."""
    return p.goals.weight * p.goals.scale / p.objective_scale


def floor_rows(p: Prepared, lay: Layout) -> Rows:
    """sum_{i in theme t} F[i] - share_t sum_i F[i] (+ u_t) >= 0   for every theme floor t."""
    n_f, n_i = len(p.floors), len(p.interventions)
    rr = np.repeat(np.arange(n_f), n_i)
    ii = np.tile(np.arange(n_i), n_f)
    coef = (p.interventions.theme[ii] == p.floors.theme[rr]) - p.floors.share[rr]
    u = np.arange(lay.u_theme.stop - lay.u_theme.start)
    r, c, v = _cat((rr, lay.F.start + ii, coef), (u, lay.u_theme.start + u, 1.0))
    return _rows(r, c, v, 0.0, np.inf, n_f)


def matched_rows(p: Prepared, lay: Layout) -> Rows:
    """sum_{s of partner p} y[s,G] - r sum_{i in G} F[i] <= 0   for every partner p funding group G.
    Exact for the per-intervention cap: a proportional split of y meets it for each i in G."""
    n = len(lay.match_partner)
    if n == 0:
        return _rows([], [], [], 0.0, 0.0, 0)
    key = lay.match_partner * max(p.n_groups, 1) + lay.match_group
    pk = p.streams.partner[p.pairs.stream] * max(p.n_groups, 1) + p.pairs.group
    pr = np.searchsorted(key, pk)
    size = np.bincount(p.pairs.group_of, minlength=p.n_groups)
    members = np.argsort(p.pairs.group_of, kind="stable")
    gstart = np.r_[0, np.cumsum(size)[:-1]]
    per = size[lay.match_group]
    rep = np.repeat(np.arange(n), per)
    within = np.arange(len(rep)) - np.repeat(np.cumsum(per) - per, per)
    ints = members[gstart[lay.match_group][rep] + within]
    r, c, v = _cat((pr, lay.y.start + np.arange(len(pk)), 1.0), (rep, lay.F.start + ints, -float(p.matched_cap or 0)))
    return _rows(r, c, v, -np.inf, 0.0, n)


def soft_floor_rows(p: Prepared, lay: Layout) -> Rows:
    """Elastic base only: F[i] + u[i] >= floor_i (committed, locks) and F[i] - u'[i] <= fixed lock_i."""
    a, b = lay.floor_int, lay.lock_int
    iv = p.interventions
    na, nb = len(a), len(b)
    r, c, v = _cat(
        (np.arange(na), lay.F.start + a, 1.0),
        (np.arange(na), lay.u_floor.start + np.arange(na), 1.0),
        (na + np.arange(nb), lay.F.start + b, 1.0),
        (na + np.arange(nb), lay.u_lock.start + np.arange(nb), -1.0),
    )
    return _rows(
        r, c, v, np.r_[iv.lo_p[a] / p.unit, np.full(nb, -np.inf)], np.r_[np.full(na, np.inf), iv.hi_p[b] / p.unit],
        na + nb
    )


def required_rows(p: Prepared, lay: Layout) -> Rows:
    """Elastic required only: a[g] + u[g] >= required_g / scale_g (shortfall scale_g u[g] >= 0)."""
    n = lay.u_req.stop - lay.u_req.start
    g = p.required.goal[:n]
    r, c, v = _cat((np.arange(n), lay.a.start + g, 1.0), (np.arange(n), lay.u_req.start + np.arange(n), 1.0))
    return _rows(r, c, v, p.required.level[:n] / p.goals.scale[g], np.inf, n)


def attainment_floor_row(p: Prepared, lay: Layout, floor: float | None) -> Rows:
    """sum_g w'_g (a[g] + beyond e[g]) >= floor / objective_scale   (lexicographic second stage), where
    w' are the objective's weights; `floor` is weighted attainment in the data's own terms."""
    if floor is None:
        return _rows([], [], [], 0.0, 0.0, 0)
    n_g, n_e = len(p.goals), lay.e.stop - lay.e.start
    w = objective_weights(p)
    r, c, v = _cat(
        (np.zeros(n_g), lay.a.start + np.arange(n_g), w),
        (np.zeros(n_e), lay.e.start + np.arange(n_e), p.beyond * w[:n_e]),
    )
    return _rows(r, c, v, floor / p.objective_scale, np.inf, 1)


def objective(p: Prepared, lay: Layout, stage: Stage) -> F64:
    """Minimised: -sum w' a - beyond sum w' e | sum F | sum slack (shortfall weighted by w_g scale_g)."""
    c = np.zeros(lay.n)
    if stage.objective == "attainment":
        w = objective_weights(p)
        c[lay.a] = -w
        c[lay.e] = -p.beyond * w[: lay.e.stop - lay.e.start]
    elif stage.objective == "money":
        c[lay.F] = 1.0
    else:
        c[lay.u_least.start : lay.u_theme.stop] = 1.0
        if stage.elastic == "required":
            shortfall = np.maximum(p.goals.weight[p.required.goal], 1e-3) * p.goals.scale[p.required.goal]
            c[lay.u_req] = shortfall / shortfall.max(initial=1.0)
    return c


def build(p: Prepared, stage: Stage) -> Model:
    lay = layout(p, stage)
    families: dict[str, Rows] = {
        "stream": stream_rows(p, lay),
        "group": group_rows(p, lay),
        "tranche": tranche_rows(p, lay),
        "viable": viable_rows(p, lay),
        "order": order_rows(p, lay),
        "goal": goal_rows(p, lay),
        "floor": floor_rows(p, lay),
        "matched": matched_rows(p, lay),
        "soft": soft_floor_rows(p, lay),
        "required": required_rows(p, lay),
        "objective": attainment_floor_row(p, lay, stage.attainment_floor),
    }
    sizes = np.array([len(f.lo) for f in families.values()])
    offs = np.r_[0, np.cumsum(sizes)]
    rows = {name: slice(int(offs[n]), int(offs[n + 1])) for n, name in enumerate(families)}
    r = np.concatenate([f.r + offs[n] for n, f in enumerate(families.values())])
    c = np.concatenate([f.c for f in families.values()])
    v = np.concatenate([f.v for f in families.values()])
    A = sp.coo_array((v, (r, c)), shape=(int(offs[-1]), lay.n)).tocsr()
    lb, ub, integrality = bounds(p, lay, stage)
    return Model(
        c=objective(p, lay, stage),
        A=A,
        lo=np.concatenate([f.lo for f in families.values()]),
        hi=np.concatenate([f.hi for f in families.values()]),
        lb=lb,
        ub=ub,
        integrality=integrality,
        lay=lay,
        rows=rows,
        stage=stage,
    )
