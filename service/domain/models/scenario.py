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
    theme_id: uuid.UUID = Field(description="The theme that is guaranteed money, one of the partnership's themes")
    share: Share = Field(description="The least share of the pooled money it gets, 0 to 1: 0.2 is a fifth")


class Lock(_Strict):
    intervention_id: uuid.UUID = Field(description="The intervention whose funding is locked")
    kind: Literal["fixed", "minimum"] = Field(description=(
        "- `fixed`: it gets exactly the amount, no more and no less.\n"
        "- `minimum`: it gets at least the amount; the optimiser may give it more."))
    amount: Money = Field(description="The amount in pounds: exactly this (fixed) or at least this (minimum)")


class ExcludedPair(_Strict):
    partner_id: uuid.UUID = Field(description="The partner whose streams may not fund the intervention")
    intervention_id: uuid.UUID = Field(description="The intervention that partner's money may not go to")


class WeightOverride(_Strict):
    goal_id: uuid.UUID = Field(description="The goal whose weight this scenario changes")
    weight: Weight = Field(description="Its weight in this scenario instead of the register's; 0 leaves it out "
                           "of the optimisation (it is still reported)")


class PartnerScaling(_Strict):
    partner_id: uuid.UUID = Field(description="The partner whose every stream is scaled")
    factor: Factor = Field(description="Multiplies the least and most contribution of each of its streams: 0.9 is a "
                           "10% cut, 1.1 a 10% rise")


class StreamScaling(_Strict):
    funding_stream_id: uuid.UUID = Field(description="The funding stream that is scaled")
    factor: Factor = Field(description="Multiplies its least and most contribution (as well as its partner's "
                           "factor, if any): 0.9 is a 10% cut")


class RequiredAttainment(_Strict):
    goal_id: uuid.UUID = Field(description="The goal that must reach the attainment")
    attainment: Share = Field(description="How far towards its target, 0 to 1: 1 is the target met, 0.5 halfway")


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
    mip_rel_gap: float = Field(default=1e-6, ge=1e-9, le=0.1, description=(
        "When minimum viable amounts make the problem a mixed-integer one: the solver stops once the allocation "
        "is within this fraction of the best possible (1e-6: one millionth)"))
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
        "description": "<what the scenario tries, in a sentence or two>",
        "options": {"theme_floors": [{"theme_id": str(demo_id("theme", "safer")), "share": "0.2"}],
                    "matched_cap": "0.8", "time_limit_seconds": 20}}]}}


class ScenarioPublic(ScenarioBase, TenantedPublic):
    options: ScenarioOptions
