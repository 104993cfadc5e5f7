"""Price ceilings: what £1,000 more in a stream, or more capacity, could add to weighted attainment at most
given the allocation, so that a shadow price never claims more than relaxing the limit could change (nothing,
when every intervention the stream may fund is full or locked). Marginal values as in checks.py.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from .checks import next_tranche, tranche_fill, tranche_values
from .prepared import F64, I64, B, Prepared

DENSE_UP_TO = 4_000_000  # stream x group cells: a grouped model's tables are small; a full-pair one may not be


def reachable_max(adjacency: sp.csr_array, value: F64) -> F64:
    """For every node, the largest `value` among the nodes reachable from it (itself included): the maximum
    pushed back along the edges until nothing changes, at most one round per edge of the longest path, each
    round linear in the edges."""
    adjacency.eliminate_zeros()
    rows = np.repeat(np.arange(adjacency.shape[0]), np.diff(adjacency.indptr))
    best = value.copy()
    for _ in range(adjacency.shape[0]):
        ahead = best.copy()
        np.maximum.at(ahead, rows, best[adjacency.indices])
        if np.array_equal(ahead, best):
            break
        best = ahead
    return best


def _dense_reachable_max(p: Prepared, lines: tuple[I64, I64], can_free: B, value: F64) -> F64:
    """`reachable_max` on the same graph held densely: s -> t when s may fund a group t funds and t is above
    its least. The same maxima, without sparse matrices' fixed costs on a grouped model's small tables."""
    n_s, n_g, pairs = len(p.streams), p.n_groups, p.pairs
    eligible = np.zeros((n_s, n_g), dtype=bool)
    eligible[pairs.stream, pairs.group] = True
    funded = np.zeros((n_s, n_g), dtype=bool)
    funded[lines[0], pairs.group_of[lines[1]]] = True
    adjacency = (eligible.astype(np.float32) @ funded.T.astype(np.float32) > 0) & can_free[None, :]
    best = value.copy()
    for _ in range(n_s):
        ahead = np.maximum(best, np.max(np.where(adjacency, best[None, :], -np.inf), axis=1, initial=-np.inf))
        if np.array_equal(ahead, best):
            break
        best = ahead
    return best


def price_ceilings(p: Prepared, stream_pence: I64, int_pence: I64, lines: tuple[I64, I64]) -> tuple[F64, F64]:
    """Per £1,000: the most that more money in each stream, or more capacity for each intervention, could add
    to weighted attainment given the allocation (0 where the money would have nowhere to go).

    More money in stream s can fund an intervention it may fund that has room, or take over another stream
    t's money on an intervention both may fund, freeing t's money (if t is above its least) for t's own
    uses, and so on: the ceiling is the best value per pound of room reachable that way."""
    F = int_pence / p.unit
    f = tranche_fill(p, F)
    value, _ = tranche_values(p, f, leaving=False)
    nxt = next_tranche(p, f)
    up = np.where((int_pence < p.interventions.hi_p) & (nxt >= 0), value[np.maximum(nxt, 0)], 0.0)
    n_s, n_g, pairs = len(p.streams), p.n_groups, p.pairs
    # by group: every member of a group has the same eligible streams
    group_up = np.zeros(n_g)
    np.maximum.at(group_up, pairs.group_of, np.maximum(up, 0.0))
    direct = np.zeros(n_s)
    np.maximum.at(direct, pairs.stream, group_up[pairs.group])
    can_free = stream_pence > p.streams.least_p
    if n_s * n_g <= DENSE_UP_TO:
        stream = _dense_reachable_max(p, lines, can_free, direct)
    else:
        eligible = sp.csr_array((np.ones(len(pairs.stream)), (pairs.stream, pairs.group)), shape=(n_s, n_g))
        funded = sp.csr_array((np.ones(len(lines[0])), (lines[0], pairs.group_of[lines[1]])), shape=(n_s, n_g))
        adjacency = (eligible @ funded.T) @ sp.diags_array(can_free.astype(np.float64))
        stream = reachable_max(adjacency.tocsr(), direct)
    last = p.tranches.last  # its multiplier continues past capacity
    beyond_capacity = np.zeros(len(p.interventions))
    beyond_capacity[p.tranches.intervention[last]] = value[last]
    per_thousand = 100_000 / p.unit
    capacity = np.where(p.interventions.fixed_lock, 0.0, np.maximum(beyond_capacity, 0.0))
    return stream * per_thousand, capacity * per_thousand
