"""Typed, frozen results. Money is integer pence; attainment is a fraction of the distance to target."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Status(StrEnum):
    OPTIMAL = "optimal"
    INFEASIBLE = "infeasible"
    TIME_LIMIT = "time_limit"
    ERROR = "error"
    IMPRECISE = "imprecise"  # solved, but the service's own checks found the allocation could be improved


class PriceKind(StrEnum):
    """Which limit a shadow price is for."""

    PARTNER_MOST = "partner_most"
    STREAM_MOST = "stream_most"
    STREAM_LEAST = "stream_least"
    CAPACITY = "capacity"
    THEME_FLOOR = "theme_floor"


class RelaxationKind(StrEnum):
    """What a relaxation of an infeasible scenario changes."""

    STREAM_LEAST = "stream_least"
    COMMITTED = "committed"
    LOCK = "lock"
    THEME_FLOOR = "theme_floor"
    REQUIRED_ATTAINMENT = "required_attainment"


@dataclass(frozen=True)
class Line:
    stream: str
    partner: str
    intervention: str
    pence: int


@dataclass(frozen=True)
class Total:
    key: str
    name: str
    pence: int


@dataclass(frozen=True)
class Contribution:
    intervention: str
    amount: float  # indicator units, signed as the indicator moves


@dataclass(frozen=True)
class GoalResult:
    key: str
    name: str
    baseline: float
    projected: float
    target: float
    weight: float
    attainment: float
    contributions: tuple[Contribution, ...]


@dataclass(frozen=True)
class PartnerResult:
    key: str
    name: str
    contributed_pence: int
    unallocated_pence: int
    share: float


@dataclass(frozen=True)
class ShadowPrice:
    """Marginal value of £1,000 more on a bound: weighted attainment (maximise mode) or pooled pounds
    per pound (least-cost mode, negative = money saved)."""

    kind: PriceKind
    key: str
    name: str
    bound_pence: int
    per_thousand: float
    sentence: str = ""  # the price in words, on a readable scale (explain.sentence)


@dataclass(frozen=True)
class Binding:
    kind: PriceKind
    key: str
    name: str
    bound_pence: int
    shadow_per_thousand: float
    sentence: str


@dataclass(frozen=True)
class Relaxation:
    kind: RelaxationKind
    key: str
    name: str
    amount_pence: int  # 0 for attainment relaxations
    amount_points: float  # attainment points (required_attainment only)
    sentence: str


@dataclass(frozen=True)
class Shortfall:
    goal: str
    required: float
    attainable: float
    shortfall: float


@dataclass(frozen=True)
class SolverInfo:
    name: str
    algorithm: str
    formulation: str
    mip_gap: float | None
    variables: int
    rows: int
    integers: int


@dataclass(frozen=True)
class Timings:
    build_s: float
    solve_s: float
    total_s: float
    steps: tuple[tuple[str, float], ...] = ()  # seconds of each step (prepare, build, solve, ...) in order


@dataclass(frozen=True)
class Result:
    status: Status
    message: str
    mode: str
    objective: float | None  # weighted attainment  sum_g w_g a_g (+ beyond-target credit)
    total_pence: int
    lines: tuple[Line, ...]
    stream_totals: tuple[Total, ...]
    partner_totals: tuple[Total, ...]
    intervention_totals: tuple[Total, ...]
    goals: tuple[GoalResult, ...]
    partners: tuple[PartnerResult, ...]
    shadow_prices: tuple[ShadowPrice, ...]
    binding: tuple[Binding, ...]
    relaxations: tuple[Relaxation, ...]
    shortfalls: tuple[Shortfall, ...]
    diagnosis: tuple[str, ...]
    solver: SolverInfo
    timings: Timings
    warnings: tuple[str, ...] = ()  # where precision was lost, in sentences


@dataclass(frozen=True)
class JointWorking:
    pooled: Result
    silo: Result
    pooled_attainment: float | None
    silo_attainment: float | None
    gain: float | None
    silo_spend_pence: int | None
    pooled_least_pence: int | None  # least pooled money reaching the silo attainment
    saving_pence: int | None
    sentence: str
    steps: tuple[tuple[str, float], ...] = ()  # seconds: preparing, the silo solve (beside the pooled), least pooled
    silo_relaxations: tuple[str, ...] = ()  # rules the silos could not meet, relaxed for the comparison
