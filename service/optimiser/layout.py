"""Column layout of the model: which variable blocks exist for a given stage.

Blocks (money in the model's unit, `Prepared.unit` pence; attainment in each goal's unit, model.py):
  y[s,G]  money stream s gives group G (a group = interventions exactly the same streams may fund;
          in the full-pair formulation every intervention is its own group, so y = x[s,i])
  F[i]    total funding of intervention i
  f[i,k]  funding in tranche k of intervention i, only for interventions with several tranches: a single
          tranche is F[i] itself (`Layout.fcol` is the column holding each tranche's money)
  b[i]    1 if intervention i is funded (only where a minimum viable amount applies)
  z[i,k]  1 if tranche k of i is full (only where the filling order must be enforced)
  a[g]    attainment of goal g (free below, at most 1)
  e[g]    attainment beyond target (only when beyond_target_weight > 0)
  u       elastic slack (only in diagnosis models)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np

from .prepared import I64, Prepared

Elastic = Literal["none", "base", "required"]


@dataclass(frozen=True)
class Stage:
    """What a solve optimises: attainment (max), money (min) or slack (min, diagnosis)."""

    objective: Literal["attainment", "money", "slack"]
    attainment_floor: float | None = None
    required: bool = False
    elastic: Elastic = "none"
    fixed_integers: tuple[float, ...] | None = None  # re-solve as LP with b, z fixed (for duals)


@dataclass(frozen=True, eq=False)
class Layout:
    n: int
    y: slice
    F: slice
    f: slice
    b: slice
    z: slice
    a: slice
    e: slice
    u_least: slice
    u_floor: slice
    u_lock: slice
    u_theme: slice
    u_req: slice
    fcol: I64  # column of each tranche's money: its f, or F[i] when i has a single tranche
    f_tr: I64  # tranche of each f
    bin_int: I64  # intervention of each b
    z_tr: I64  # tranche k of each z (z links k and k+1)
    floor_int: I64  # interventions with a soft floor row (elastic base)
    lock_int: I64  # fixed locks with a soft ceiling row (elastic base)
    match_partner: I64  # matched-cap rows: (partner, group)
    match_group: I64


def _blocks(sizes: list[tuple[str, int]]) -> dict[str, slice]:
    out, at = {}, 0
    for name, size in sizes:
        out[name] = slice(at, at + size)
        at += size
    out["_n"] = slice(at, at)
    return out


def layout(p: Prepared, stage: Stage) -> Layout:
    base = stage.elastic == "base"
    n_i, n_s, n_g = len(p.interventions), len(p.streams), len(p.goals)
    iv, tr, ef = p.interventions, p.tranches, p.effects
    viable = (iv.minv_p > 0) & (iv.minv_p <= np.where(base, iv.cap_p, iv.hi_p))
    bin_int = np.flatnonzero(viable & ((iv.lo_p == 0) | base))
    negative = np.zeros(n_i, dtype=bool)
    negative[ef.intervention[p.goals.sign[ef.goal] * ef.val < 0]] = True
    nxt = tr.intervention[1:] == tr.intervention[:-1]
    z_tr = np.flatnonzero(nxt & negative[tr.intervention[:-1]] & (tr.width[1:] > 0))
    floor_int = np.flatnonzero(iv.lo_p > 0) if base else np.zeros(0, dtype=np.int64)
    lock_int = np.flatnonzero(iv.fixed_lock & (iv.hi_p < iv.cap_p)) if base else np.zeros(0, dtype=np.int64)
    if p.matched_cap is not None:
        key = np.unique(p.streams.partner[p.pairs.stream] * max(p.n_groups, 1) + p.pairs.group)
        m_part, m_group = np.divmod(key, max(p.n_groups, 1))
    else:
        m_part = m_group = np.zeros(0, dtype=np.int64)
    split = np.bincount(tr.intervention, minlength=n_i)[tr.intervention] > 1
    f_tr = np.flatnonzero(split)
    blocks = _blocks(
        [
            ("y", len(p.pairs.stream)),
            ("F", n_i),
            ("f", len(f_tr)),
            ("b", len(bin_int)),
            ("z", len(z_tr)),
            ("a", n_g),
            ("e", n_g if p.beyond > 0 else 0),
            ("u_least", n_s if base else 0),
            ("u_floor", len(floor_int)),
            ("u_lock", len(lock_int)),
            ("u_theme", len(p.floors) if base else 0),
            ("u_req", len(p.required) if stage.elastic == "required" else 0),
        ]
    )
    fcol = blocks["F"].start + tr.intervention
    fcol[f_tr] = blocks["f"].start + np.arange(len(f_tr))
    return Layout(
        n=blocks.pop("_n").start,
        fcol=fcol,
        f_tr=f_tr,
        bin_int=bin_int,
        z_tr=z_tr,
        floor_int=floor_int,
        lock_int=lock_int,
        match_partner=m_part,
        match_group=m_group,
        **blocks,
    )


def bounds(p: Prepared, lay: Layout, stage: Stage) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Variable bounds and integrality. In elastic-base models the funding floors become soft rows."""
    lb, ub = np.zeros(lay.n), np.full(lay.n, np.inf)
    integrality = np.zeros(lay.n, dtype=np.uint8)
    iv = p.interventions
    if stage.elastic == "base":
        ub[lay.F] = np.where(iv.fixed_lock, iv.cap_p, iv.hi_p) / p.unit
    else:
        lb[lay.F], ub[lay.F] = iv.lo_p / p.unit, iv.hi_p / p.unit
    ub[lay.f] = p.tranches.width[lay.f_tr]
    ub[lay.b] = ub[lay.z] = 1.0
    integrality[lay.b] = integrality[lay.z] = 1
    if stage.fixed_integers is not None:
        fixed = np.round(np.asarray(stage.fixed_integers, dtype=np.float64))
        ints = np.r_[np.arange(lay.b.start, lay.b.stop), np.arange(lay.z.start, lay.z.stop)]
        lb[ints] = ub[ints] = fixed
        integrality[:] = 0
    lb[lay.a], ub[lay.a] = -np.inf, 1.0 / p.goals.scale  # attainment <= 1, in each goal's unit (model.py)
    if stage.required and stage.elastic != "required":
        at = lay.a.start + p.required.goal
        lb[at] = p.required.level / p.goals.scale[p.required.goal]
        ub[at] = np.maximum(1.0, p.required.level) / p.goals.scale[p.required.goal]
    return lb, ub, integrality
