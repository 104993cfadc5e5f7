"""One linear model for every coalition of the fair-shares analysis (shapley.py), kept in HiGHS and changed
between coalitions by bounds only, each solve continuing from the last one's basis.

A coalition S lets stream s fund intervention i when the pool allows it and s's partner leads i, or both s's
partner and i's lead are in S. That depends on i only through its eligibility column and its lead partner,
so grouping interventions by both gives groups whose members every coalition treats alike: one grouped
model (exact, as any grouping of identical columns is) serves them all. Between coalitions only bounds move:
a money variable y[s,G] the coalition does not allow is held at 0; the least contributions (its streams'
own, when at least two partners pool) are the stream rows' lower bounds; the matched-funding cap rows are
open (upper bound infinite) unless two partners pool.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from .layout import Stage
from .live import Live
from .model import build
from .prepared import I64, B, Pairs, Prepared
from .result import Status


def lead_groups(p: Prepared) -> tuple[Pairs, I64]:
    """Pairs of the pooled eligibility with interventions grouped by their column and their lead partner, and
    each group's lead partner (-1: not listed)."""
    elig, lead = p.pairs.eligible, p.interventions.lead
    n_i = elig.shape[1]
    leads = np.zeros((len(p.partners) + 1, n_i), dtype=bool)
    leads[lead, np.arange(n_i)] = True  # an unlisted lead (-1) is the last row
    packed = np.ascontiguousarray(np.packbits(np.vstack([elig, leads]), axis=0).T)
    signature = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
    _, first, group_of = np.unique(signature, return_index=True, return_inverse=True)
    order = np.argsort(first, kind="stable")  # groups numbered by first member, as arrays._pairs numbers them
    rank = np.empty_like(order)
    rank[order] = np.arange(len(order))
    group_of, first = rank[group_of.ravel()], first[order]
    stream, group = np.nonzero(elig[:, first])
    return Pairs(elig, group_of.astype(np.int64), stream.astype(np.int64), group.astype(np.int64)), lead[first]


class Coalitions:
    """f(S) for coalitions S (sets of partner indices), on one model."""

    def __init__(self, p: Prepared) -> None:
        pairs, group_lead = lead_groups(p)
        self.p = q = replace(p, pairs=pairs)
        self.m = m = build(q, Stage("attainment"))
        self.live = Live(m)
        self.y = np.arange(m.lay.y.start, m.lay.y.stop, dtype=np.int32)
        self.y_partner, self.y_lead = p.streams.partner[pairs.stream], group_lead[pairs.group]
        self.own = self.y_partner == self.y_lead
        self.streams = np.arange(m.rows["stream"].start, m.rows["stream"].stop, dtype=np.int32)
        self.matched = np.arange(m.rows["matched"].start, m.rows["matched"].stop, dtype=np.int32)
        self.ub = m.ub[self.y].copy()  # the money columns' upper bounds as HiGHS holds them

    def value(self, members: frozenset[int], time_limit: float) -> tuple[Status, str, float | None]:
        """(status, message, the model's objective when optimal) for coalition `members`."""
        p, m, live = self.p, self.m, self.live
        inside = np.zeros(len(p.partners), dtype=bool)
        inside[list(members)] = True
        allowed: B = self.own | (inside[self.y_partner] & (self.y_lead >= 0) & inside[np.maximum(self.y_lead, 0)])
        ub = np.where(allowed, m.ub[self.y], 0.0)
        moved = np.flatnonzero(ub != self.ub)
        if len(moved):
            cols = self.y[moved]
            live.h.changeColsBounds(len(cols), cols, m.lb[cols], ub[moved])
            self.ub = ub
        pooling = len(members) > 1
        least = np.where(pooling & inside[p.streams.partner], p.streams.least_p, 0) / p.unit
        live.set_rows(self.streams, least, m.hi[self.streams])
        if len(self.matched):
            live.set_rows(self.matched, m.lo[self.matched], np.full(len(self.matched), 0.0 if pooling else np.inf))
        return live.value("highs-ds", time_limit)

