"""The prepared problem: sorted numpy arrays, one small frozen record per index set (built by arrays.py).

Every index set is in key order. Money is pence except where a comment says model money units
(`Prepared.unit` pence); attainment coefficients are per model money unit.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

THOUSAND = 100_000  # pence in £1,000: effects are given per £1,000
F64 = NDArray[np.float64]
I64 = NDArray[np.int64]
B = NDArray[np.bool_]


@dataclass(frozen=True, eq=False)
class Keyed:
    """An index set: its keys (the sort order) and display names; partners and themes are only this."""

    keys: tuple[str, ...]
    names: tuple[str, ...]

    def __len__(self) -> int:
        return len(self.keys)


@dataclass(frozen=True, eq=False)
class Streams(Keyed):
    partner: I64  # stream -> partner
    least_p: I64  # pence after scaling (0 for excluded partners)
    most_p: I64


@dataclass(frozen=True, eq=False)
class Interventions(Keyed):
    theme: I64
    lead: I64  # -1 when the lead partner is not listed
    lo_p: I64  # committed / lock floor, raised to min viable when the intervention is forced on
    hi_p: I64  # capacity, or a fixed lock, or 0 when excluded / never viable
    cap_p: I64  # capacity (0 when excluded)
    minv_p: I64
    committed_p: I64
    fixed_lock: B


@dataclass(frozen=True, eq=False)
class Tranches:
    """Every intervention's tranches, flattened in intervention order."""

    intervention: I64
    width: F64  # model money units
    mult: F64

    def __len__(self) -> int:
        return len(self.intervention)

    @property
    def last(self) -> B:
        """Each intervention's last tranche (its multiplier continues past capacity)."""
        owner = self.intervention
        return np.r_[owner[1:] != owner[:-1], True] if len(owner) else np.zeros(0, dtype=bool)


@dataclass(frozen=True, eq=False)
class Goals(Keyed):
    baseline: F64
    target: F64
    weight: F64
    span: F64  # |target - baseline|
    sign: F64  # +1 when higher is better
    scale: F64  # the largest |coefficient| of each goal's row: the model's attainment unit


@dataclass(frozen=True, eq=False)
class Effects:
    """Non-zero effects of interventions on goals."""

    intervention: I64
    goal: I64
    val: F64  # raw per_thousand, indicator units


@dataclass(frozen=True, eq=False)
class Pairs:
    """Who may fund what, the groups of interventions exactly the same streams may fund, and the model's
    money variables y[s,G] as (stream, group) pairs."""

    eligible: B  # streams x interventions
    group_of: I64  # intervention -> group
    stream: I64
    group: I64


@dataclass(frozen=True, eq=False)
class Floors:
    """Theme floors: in-theme funding >= share x all funding."""

    theme: I64
    share: F64

    def __len__(self) -> int:
        return len(self.theme)


@dataclass(frozen=True, eq=False)
class Required:
    """Required attainment (least-cost mode)."""

    goal: I64
    level: F64

    def __len__(self) -> int:
        return len(self.goal)


@dataclass(frozen=True, eq=False)
class Attainment:
    """Attainment coefficients: (goal, tranche, d a_g / d f[i,k] per model money unit)."""

    goal: I64
    tranche: I64
    coef: F64


@dataclass(frozen=True, eq=False)
class Prepared:
    partners: Keyed
    streams: Streams
    themes: Keyed
    interventions: Interventions
    tranches: Tranches
    goals: Goals
    effects: Effects
    pairs: Pairs
    floors: Floors
    required: Required
    attainment: Attainment
    matched_cap: float | None
    beyond: float
    unit: float  # pence per model money unit (a power of ten)
    objective_scale: float  # the largest weight x goal scale: the model's objective unit

    @property
    def n_groups(self) -> int:
        return int(self.pairs.group_of.max(initial=-1)) + 1

    @property
    def pair_stream(self) -> I64:
        """`pairs.stream` under the name bench/run.py reads (the benchmark lies outside this package)."""
        return self.pairs.stream
