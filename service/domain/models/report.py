"""What a run found, as stored and shown: ids, names and exact money (the runs package fills these in)."""

import uuid

from pydantic import BaseModel, Field

from service.domain.common.fields import MoneyTotal as Money


class Contributor(BaseModel):
    intervention_id: uuid.UUID
    name: str = Field("", description="The intervention's title")
    change: float  # indicator units


class GoalOutcome(BaseModel):
    goal_id: uuid.UUID
    name: str
    baseline: float
    projected: float
    target: float
    weight: float
    attainment: float
    attainment_percent: float | None = Field(
        None, description="Attainment as a percentage, to 0.1 (`attainment` is the fraction, to 9 significant "
        "figures)", examples=[83.4])
    top_contributors: list[Contributor]


class PartnerOutcome(BaseModel):
    partner_id: uuid.UUID
    name: str
    contribution: Money
    unallocated: Money
    share_of_total: float
    share_percent: float | None = Field(None, description="share_of_total as a percentage, to 0.1", examples=[21.5])


class Explanation(BaseModel):
    kind: str
    id: str
    name: str
    bound: Money
    attainment_per_thousand: float
    sentence: str = ""


class Relaxation(BaseModel):
    kind: str
    id: str
    name: str
    amount: Money
    attainment_points: float
    sentence: str


class Shortfall(BaseModel):
    goal_id: uuid.UUID
    name: str = Field("", description="The goal's indicator and title")
    required: float
    attainable: float
    shortfall: float


class JointWorkingValue(BaseModel):
    pooled_attainment: float | None
    silo_attainment: float | None
    attainment_gained: float | None
    silo_spend: Money | None
    pooled_money_for_silo_attainment: Money | None
    money_saved: Money | None
    silo_status: str
    sentence: str


class Solver(BaseModel):
    name: str
    version: str
    algorithm: str
    formulation: str
    mip_gap: float | None
    variables: int
    rows: int
    integers: int
    build_seconds: float
    solve_seconds: float
    total_seconds: float


class RunReport(BaseModel):
    weighted_attainment: float | None
    total_allocated: Money
    goals: list[GoalOutcome]
    partners: list[PartnerOutcome]
    shadow_prices: list[Explanation]
    binding_constraints: list[Explanation]
    relaxations: list[Relaxation]
    shortfalls: list[Shortfall]
    diagnosis: list[str]
    warnings: list[str] = Field(default_factory=list, description=(
        "Where precision was lost and what the service did about it, in sentences: effects below the "
        "solver's precision, money the service allocated after the solver, or (status imprecise) why the "
        "allocation is not optimal"))
    joint_working: JointWorkingValue | None
    solver: Solver


class AllocationLine(BaseModel):
    funding_stream_id: uuid.UUID
    partner_id: uuid.UUID
    intervention_id: uuid.UUID
    amount: Money


class NamedLine(AllocationLine):
    funding_stream: str
    partner: str
    intervention: str


class Subtotal(BaseModel):
    id: uuid.UUID
    name: str
    amount: Money


class AllocationTable(BaseModel):
    """A run's allocation; every subtotal is the exact sum of its lines."""

    run_id: uuid.UUID
    status: str
    financial_year: str
    total: Money
    lines: list[NamedLine]
    by_partner: list[Subtotal]
    by_funding_stream: list[Subtotal]
    by_intervention: list[Subtotal]
