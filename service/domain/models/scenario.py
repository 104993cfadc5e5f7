"""Scenarios: named what-if settings for one financial year, which runs optimise."""

import uuid
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import JSON, String
from sqlmodel import Field, SQLModel

from service.domain.common.demo_ids import demo_id
from service.domain.common.fields import Factor, FinancialYear, Money, Name, Note, Share, Weight
from service.domain.models.base import Tenanted, TenantedPublic
from service.optimiser.problem import Algorithm, Formulation, Mode  # the scenario speaks the optimiser's terms


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ThemeFloor(_Strict):
    theme_id: uuid.UUID
    share: Share


class Lock(_Strict):
    intervention_id: uuid.UUID
    kind: Literal["fixed", "minimum"]
    amount: Money


class ExcludedPair(_Strict):
    partner_id: uuid.UUID
    intervention_id: uuid.UUID


class WeightOverride(_Strict):
    goal_id: uuid.UUID
    weight: Weight


class PartnerScaling(_Strict):
    partner_id: uuid.UUID
    factor: Factor


class StreamScaling(_Strict):
    funding_stream_id: uuid.UUID
    factor: Factor


class RequiredAttainment(_Strict):
    goal_id: uuid.UUID
    attainment: Share


class ScenarioOptions(_Strict):
    """Everything a scenario may vary. Ids must belong to the scenario's partnership."""

    theme_floors: list[ThemeFloor] = Field(default_factory=list, max_length=100, description=
        "At least this share of the pooled money goes to each theme named")
    matched_cap: Share | None = Field(
        default=None, description="No partner provides more than this share of any intervention")
    locks: list[Lock] = Field(default_factory=list, max_length=5000, description=
        "Interventions funded at a fixed amount, or at least an amount, whatever the optimiser prefers")
    excluded_intervention_ids: list[uuid.UUID] = Field(default_factory=list, max_length=20000, description=
        "Interventions left out: they get nothing")
    excluded_pairs: list[ExcludedPair] = Field(default_factory=list, max_length=20000, description=
        "Partners that may not fund particular interventions")
    excluded_partner_ids: list[uuid.UUID] = Field(default_factory=list, max_length=1000, description=
        "Partners whose streams are left out of the pool")
    weight_overrides: list[WeightOverride] = Field(default_factory=list, max_length=5000, description=
        "Goal weights used in this scenario instead of the register's")
    partner_scaling: list[PartnerScaling] = Field(default_factory=list, max_length=1000, description=
        "Every stream of a partner scaled by a factor (0.9: a 10% cut)")
    stream_scaling: list[StreamScaling] = Field(default_factory=list, max_length=5000, description=
        "One funding stream scaled by a factor")
    beyond_target_weight: Share = Field(
        default=Decimal(0), description="Credit for going beyond a target, as a share of its weight")
    required_attainment: list[RequiredAttainment] | None = Field(
        default=None, description="Least-cost mode: attainment each goal must reach "
        "(default: every designated LAA target met in full)")
    time_limit_seconds: int = Field(default=30, ge=1, le=600, description=
        "The solver stops after this long and reports the best allocation found (status time_limit)")
    mip_rel_gap: float = Field(default=1e-6, ge=1e-9, le=0.1, description="Relative MIP gap to stop at")
    algorithm: Algorithm = Field(default=Algorithm.AUTO, description="The HiGHS algorithm; auto lets it choose")
    formulation: Formulation = Field(default=Formulation.GROUPED, description=
        "How the problem is built for the solver: both are exact, grouped is far smaller")


class ScenarioBase(SQLModel):
    name: Name = Field(max_length=200)
    description: Note = Field(default="", max_length=4000)
    financial_year: FinancialYear = Field(max_length=7)
    mode: Mode = Field(default=Mode.MAXIMISE_ATTAINMENT, sa_type=String(32))


class Scenario(ScenarioBase, Tenanted, table=True):
    options: dict = Field(default_factory=dict, sa_type=JSON)  # ScenarioOptions, as JSON


class ScenarioCreate(ScenarioBase):
    options: ScenarioOptions = Field(default_factory=ScenarioOptions)
    model_config = {"json_schema_extra": {"examples": [{
        "name": "Safer communities first", "financial_year": "2009-10",
        "mode": "maximise_attainment",
        "description": "At least a fifth of pooled money to community safety; no partner above 80%.",
        "options": {"theme_floors": [{"theme_id": str(demo_id("theme", "safer")), "share": "0.2"}],
                    "matched_cap": "0.8", "time_limit_seconds": 20}}]}}


class ScenarioPublic(ScenarioBase, TenantedPublic):
    options: ScenarioOptions
