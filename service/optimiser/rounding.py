"""Solution (floats in the model's money unit) -> integer pence lines that reconcile exactly.

1. Intervention totals: group totals by largest remainder to the rounded grand total, then each group's
   interventions by largest remainder to their group total.
2. Stream x group money: controlled rounding (every cell floor or ceil, column sums exactly the group
   totals, row sums floor/ceil of the stream total and within its least/most) as a max-flow.
3. Split each group into lines: a north-west-corner fill (a basic transport solution, at most
   streams + interventions - 1 lines), ordered by partner so that a lead partner's own streams meet its
   own interventions first; with a matched cap a proportional split (which honours the cap) instead.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import maximum_flow

from .prepared import F64, I64, Prepared


@dataclass(frozen=True, eq=False)
class Allocation:
    line_stream: I64
    line_int: I64
    line_pence: I64
    stream_pence: I64
    int_pence: I64

    @property
    def total(self) -> int:
        return int(self.int_pence.sum())


def snap(v: F64, tol: float = 1e-4) -> F64:
    r = np.round(v)
    return np.where(np.abs(v - r) < tol, r, v)


def largest_remainder(v: F64, seg: I64, totals: I64) -> I64:
    """Round v to integers so that every segment sums exactly to its total, giving the extra units to
    the largest fractional parts (ties by position)."""
    base = np.floor(v).astype(np.int64)
    n_seg = len(totals)
    deficit = totals - np.bincount(seg, weights=base, minlength=n_seg).astype(np.int64)
    count = np.bincount(seg, minlength=n_seg)
    order = np.lexsort((np.arange(len(v)), -(v - base), seg))
    start = np.r_[0, np.cumsum(count)[:-1]]
    rank = np.arange(len(v)) - start[seg[order]]
    q, r = np.divmod(deficit, np.maximum(count, 1))
    base[order] += q[seg[order]] + (rank < r[seg[order]])
    return base


def round_table(rows: I64, cols: I64, val: F64, n_rows: int, col_total: I64, row_lo: I64, row_hi: I64) -> I64:
    """Integer cells (floor or ceil of val) with column sums == col_total and row sums in [row_lo, row_hi]
    when possible (else rows unconstrained). A feasible integral flow exists because val itself is a
    fractional one (flows with integer bounds have integral solutions)."""
    base = np.floor(val + 1e-9).astype(np.int64)
    up = (val - base) > 1e-9
    n_cols = len(col_total)
    dc = col_total - np.bincount(cols, weights=base, minlength=n_cols).astype(np.int64)
    rsum = np.bincount(rows, weights=base, minlength=n_rows).astype(np.int64)
    for lo, hi in (
        (row_lo - rsum, row_hi - rsum),
        (np.zeros(n_rows, np.int64), np.bincount(rows[up], minlength=n_rows)),
    ):
        lo, hi = np.maximum(lo, 0), np.maximum(hi, np.maximum(lo, 0))
        add = _flow(rows[up], cols[up], n_rows, n_cols, lo, hi, np.maximum(dc, 0))
        if add is not None:
            out = base.copy()
            out[np.flatnonzero(up)] += add
            return out
    return base + up  # unreachable for consistent input; keeps a result rather than raising


def _flow(r: I64, c: I64, n_rows: int, n_cols: int, lo: I64, hi: I64, dc: I64) -> I64 | None:
    """Max-flow with lower bounds on source->row arcs (standard super-source reduction).
    Nodes: 0 S*, 1 T*, 2 s0, 3 t0, rows, cols."""
    R, C = 4 + np.arange(n_rows), 4 + n_rows + np.arange(n_cols)
    big = int(dc.sum() + hi.sum() + 1)
    tail = np.concatenate([[0, 2, 3], np.zeros(n_rows, np.int64), np.full(n_rows, 2), R[r], C])
    head = np.concatenate([[3, 1, 2], R, R, C[c], np.ones(n_cols, np.int64)])
    cap = np.concatenate([[dc.sum(), lo.sum(), big], lo, hi - lo, np.ones(len(r), np.int64), dc])
    keep = cap > 0
    n = 4 + n_rows + n_cols
    g = sp.csr_array((cap[keep].astype(np.int32), (tail[keep], head[keep])), shape=(n, n))
    res = maximum_flow(g, 0, 1)
    if res.flow_value != int(dc.sum() + lo.sum()):
        return None
    if not len(r):
        return np.zeros(0, np.int64)
    # each row -> column arc's flow, looked up by (tail, head) in the sorted flow matrix: what indexing the
    # sparse matrix gives, without its per-call costs
    flow = res.flow.tocsr()
    flow.sum_duplicates()
    keys = np.repeat(np.arange(n, dtype=np.int64), np.diff(flow.indptr)) * n + flow.indices
    want = R[r].astype(np.int64) * n + C[c]
    at = np.minimum(np.searchsorted(keys, want), max(len(keys) - 1, 0))
    hit = keys[at] == want if len(keys) else np.zeros(len(want), dtype=bool)
    return np.where(hit, flow.data[at] if len(keys) else 0, 0).astype(np.int64)


def _north_west(supply: I64, s_key: I64, demand: I64, d_key: I64) -> tuple[I64, I64, I64]:
    """All groups at once: supplies and demands sorted by (group, partner, key) have equal cumulative
    sums at every group boundary, so one merged fill never crosses groups."""
    so, do = np.argsort(s_key, kind="stable"), np.argsort(d_key, kind="stable")
    cs, cd = np.cumsum(supply[so]), np.cumsum(demand[do])
    cuts = np.union1d(cs, cd)
    cuts = cuts[cuts > 0]
    start = np.r_[0, cuts[:-1]][: len(cuts)]
    si = np.searchsorted(cs, start, side="right")
    di = np.searchsorted(cd, start, side="right")
    return so[si], do[di], cuts - start


def _pence(p: Prepared, F: F64) -> F64:
    iv = p.interventions
    return snap(np.clip(F * p.unit, iv.lo_p, np.maximum(iv.hi_p, iv.lo_p)))


def total_pence(p: Prepared, F: F64) -> int:
    """The grand total `allocate` rounds to (every later step keeps it), without rounding the lines."""
    return int(np.round(_pence(p, F).sum()))


def allocate(p: Prepared, y: F64, F: F64) -> Allocation:
    n_i, n_g, n_s = len(p.interventions), p.n_groups, len(p.streams)
    iv = p.interventions
    fp = _pence(p, F)
    yp = snap(np.maximum(y * p.unit, 0.0))
    grand = np.array([int(np.round(fp.sum()))])  # total_pence(p, F)
    by_group = np.bincount(p.pairs.group_of, weights=fp, minlength=n_g).astype(np.float64)
    g_tot = largest_remainder(by_group, np.zeros(n_g, np.int64), grand)
    int_pence = largest_remainder(fp, p.pairs.group_of, g_tot)
    col = np.bincount(p.pairs.group, weights=yp, minlength=n_g)
    yp = snap(yp * np.divide(g_tot, col, out=np.zeros(n_g), where=col > 0)[p.pairs.group])
    rowf = np.bincount(p.pairs.stream, weights=yp, minlength=n_s)
    lo = np.clip(np.floor(rowf + 1e-9).astype(np.int64), p.streams.least_p, p.streams.most_p)
    hi = np.clip(np.ceil(rowf - 1e-9).astype(np.int64), p.streams.least_p, p.streams.most_p)
    cells = round_table(p.pairs.stream, p.pairs.group, yp, n_s, g_tot, lo, hi)
    owner = np.r_[p.streams.partner[p.pairs.stream], 0]
    lead = np.where(iv.lead < 0, len(p.partners), iv.lead)
    if p.matched_cap is not None:
        ls, li, lp = _proportional(p, cells, int_pence, g_tot)
    else:
        span = max(n_s, n_i, len(p.partners)) + 1
        s_key = (p.pairs.group * span + owner[:-1]) * span + p.pairs.stream
        d_key = (p.pairs.group_of * span + lead) * span + np.arange(n_i)
        pi, li, lp = _north_west(cells, s_key, int_pence, d_key)
        ls = p.pairs.stream[pi]
    keep = lp > 0
    order = np.lexsort((li[keep], ls[keep]))
    ls, li, lp = ls[keep][order], li[keep][order], lp[keep][order]
    return Allocation(ls, li, lp, np.bincount(ls, weights=lp, minlength=n_s).astype(np.int64), int_pence)


def _proportional(p: Prepared, cells: I64, int_pence: I64, g_tot: I64) -> tuple[I64, I64, I64]:
    """x[s,i] = y[s,G] F_i / F_G keeps every partner's share of every i at its share of G (<= cap)."""
    size = np.bincount(p.pairs.group_of, minlength=p.n_groups)
    members = np.argsort(p.pairs.group_of, kind="stable")
    gstart = np.r_[0, np.cumsum(size)[:-1]]
    per = size[p.pairs.group]
    rep = np.repeat(np.arange(len(cells)), per)
    ints = members[gstart[p.pairs.group][rep] + np.arange(len(rep)) - np.repeat(np.cumsum(per) - per, per)]
    share = np.divide(
        int_pence[ints], g_tot[p.pairs.group[rep]], out=np.zeros(len(rep)), where=g_tot[p.pairs.group[rep]] > 0
    )
    val = snap(cells[rep] * share)
    out = round_table(rep, ints, val, len(cells), int_pence, cells, cells)
    return p.pairs.stream[rep], ints, out
