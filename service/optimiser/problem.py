"""Frozen inputs of the optimiser: the partnership, its money, its goals and the scenario options.

Money is integer pence at this boundary; the model works in £1,000 units internally.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Literal


@dataclass(frozen=True)
class Partner:
    key: str
    name: str


@dataclass(frozen=True)
class Stream:
    """A partner's funding stream; `themes` ring-fences it (empty = any theme)."""

    key: str
    name: str
    partner: str
    least_pence: int
    most_pence: int
    themes: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Tranche:
    """Diminishing returns: the next `width_pence` of funding works at `multiplier` of full effect."""

    width_pence: int
    multiplier: float


@dataclass(frozen=True)
class Intervention:
    """A fundable service. No tranches = constant returns; beyond the listed widths the last multiplier continues."""

    key: str
    name: str
    theme: str
    lead_partner: str
    min_viable_pence: int
    capacity_pence: int
    committed_pence: int
    tranches: tuple[Tranche, ...] = ()


@dataclass(frozen=True)
class Effect:
    """Change in the goal's own units per £1,000 at full effect (signed in indicator units)."""

    intervention: str
    goal: str
    per_thousand: float


@dataclass(frozen=True)
class Goal:
    """An outcome indicator; direction = sign(target - baseline), target != baseline."""

    key: str
    name: str
    baseline: float
    target: float
    weight: float
    laa_target: bool = False


def _freeze_themes(themes: Mapping[str, str] | tuple[tuple[str, str], ...]) -> Mapping[str, str]:
    return MappingProxyType(dict(themes))


@dataclass(frozen=True)
class Problem:
    partners: tuple[Partner, ...]
    themes: Mapping[str, str]
    streams: tuple[Stream, ...]
    interventions: tuple[Intervention, ...]
    goals: tuple[Goal, ...]
    effects: tuple[Effect, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "themes", _freeze_themes(self.themes))


class Mode(StrEnum):
    MAXIMISE_ATTAINMENT = "maximise_attainment"
    LEAST_COST = "least_cost"


class Algorithm(StrEnum):
    AUTO = "auto"
    SIMPLEX = "simplex"
    IPM = "ipm"


class Formulation(StrEnum):
    """`grouped` models streams funding groups of interventions that exactly the same streams may fund;
    `full_pair` models every eligible stream x intervention pair. Both are exact; grouped is far smaller."""

    GROUPED = "grouped"
    FULL_PAIR = "full_pair"


@dataclass(frozen=True)
class Lock:
    intervention: str
    kind: Literal["fixed", "minimum"]
    amount_pence: int


@dataclass(frozen=True)
class Options:
    mode: Mode = Mode.MAXIMISE_ATTAINMENT
    theme_floors: tuple[tuple[str, float], ...] = ()
    matched_cap: float | None = None
    locks: tuple[Lock, ...] = ()
    excluded_interventions: frozenset[str] = frozenset()
    excluded_pairs: frozenset[tuple[str, str]] = frozenset()
    excluded_partners: frozenset[str] = frozenset()
    weight_overrides: tuple[tuple[str, float], ...] = ()
    partner_scaling: tuple[tuple[str, float], ...] = ()
    stream_scaling: tuple[tuple[str, float], ...] = ()
    beyond_target_weight: float = 0.0
    required_attainment: tuple[tuple[str, float], ...] | None = None
    time_limit_s: float = 30.0
    mip_rel_gap: float = 1e-6
    algorithm: Algorithm = Algorithm.AUTO
    formulation: Formulation = Formulation.GROUPED
    silo: bool = field(default=False)  # each intervention funded only by its lead partner's streams
    explain: bool = True  # shadow prices and binding limits (the silo comparison needs none)
