"""Analyses of a run: jobs in the run table (`Run.kind`) with their own resource under the run."""

import uuid
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, Field, model_validator

from service.domain.common.fields import MoneyTotal as Money
from service.domain.models.base import TenantedPublic
from service.domain.models.run import RunBase


class AnalysisKind(StrEnum):
    COMPARISON = "comparison"  # what changed between two runs, per goal, partner, stream and intervention
    FRONTIER = "frontier"  # the most weighted attainment each amount of pooled money buys


class AnalysisCreate(BaseModel):
    model_config = {"extra": "forbid", "json_schema_extra": {"examples": [
        {"kind": "comparison", "compared_with_run_id": "d6cf0710-582c-5677-a78c-63d176a5b187"}]}}

    kind: AnalysisKind = Field(description=(
        "Which analysis: comparison (what changed from another finished run of the partnership to this one, "
        "per goal, partner, funding stream and intervention) or frontier (the efficient frontier of the run's "
        "frozen scenario: the most weighted attainment each amount of pooled money could buy)"))
    compared_with_run_id: uuid.UUID | None = Field(None, description=(
        "For a comparison: the run to compare this one with (the 'before'); another finished run of the "
        "partnership. The example is the demo's own run"))

    @model_validator(mode="after")
    def _needs_what_it_compares(self) -> "AnalysisCreate":
        if self.kind == AnalysisKind.COMPARISON and self.compared_with_run_id is None:
            raise ValueError("a comparison needs compared_with_run_id: the run to compare this one with")
        if self.kind != AnalysisKind.COMPARISON and self.compared_with_run_id is not None:
            raise ValueError(f"compared_with_run_id is only for a comparison, not a {self.kind}")
        return self


class Change(BaseModel):
    """One record's figure in the other run (before) and in this run (after)."""

    kind: str = Field(description="goal, partner, funding_stream or intervention")
    id: uuid.UUID = Field(description="The goal, partner, funding stream or intervention")
    name: str = Field(description="Its name, as this run (or else the other) froze it")
    before: str = Field(description=(
        "Its figure in the other run: attainment as a percentage to 0.1 for a goal, otherwise pounds with two "
        "places"))
    after: str = Field(description="Its figure in this run, in the same unit")
    change: str = Field(description="after less before, in the same unit (signed)")
    sentence: str = Field(description="The change in words; empty when nothing changed")


class Comparison(BaseModel):
    kind: Literal["comparison"] = "comparison"
    run_id: uuid.UUID = Field(description="This run (after)")
    compared_with_run_id: uuid.UUID = Field(description="The other run (before)")
    weighted_attainment_before: float | None = Field(description="The other run's weighted attainment")
    weighted_attainment_after: float | None = Field(description="This run's weighted attainment")
    total_before: Money = Field(description="What the other run allocates in all, in pounds")
    total_after: Money = Field(description="What this run allocates in all, in pounds")
    changes: list[Change] = Field(description=(
        "Every goal, partner, funding stream and intervention in either run, the largest changes of each kind "
        "first"))


class NamedIntervention(BaseModel):
    intervention_id: uuid.UUID
    intervention_name: str


class GoalAtBudget(BaseModel):
    goal_id: uuid.UUID
    goal_name: str
    attainment_percent: float = Field(description="How far the goal gets towards its target, as a percentage to 0.1")


class FrontierPoint(BaseModel):
    budget: Money = Field(description="Pooled money, in pounds: the most this point may spend")
    weighted_attainment: float = Field(description="The most weighted attainment that money can buy (9 figures)")
    goals: list[GoalAtBudget] = Field(description="Each goal's attainment at this budget")
    funded: int = Field(description="How many interventions get money at this budget")


class FrontierSegment(BaseModel):
    from_budget: Money = Field(description="Where the segment starts, in pounds")
    to_budget: Money = Field(description="Where it ends, in pounds")
    points_per_million: float = Field(description=(
        "The marginal value of money on it: weighted attainment points each £1m more buys (9 figures)"))
    entering: list[NamedIntervention] = Field(description="Interventions first funded at its end")
    leaving: list[NamedIntervention] = Field(description="Interventions funded at its start but not at its end")
    sentence: str = Field(description="The segment in words")


class Frontier(BaseModel):
    kind: Literal["frontier"] = "frontier"
    exact: bool = Field(description=(
        "true: the points are the frontier's exact breakpoints (a linear programme: straight lines between "
        "them); false: budgets sampled evenly (integer choices such as minimum viable amounts)"))
    maximum: float = Field(description="The most weighted attainment possible: the sum of the goals' weights")
    points: list[FrontierPoint] = Field(description="From the least money any allocation needs to all available")
    segments: list[FrontierSegment] = Field(description="Between consecutive points")


class AnalysisPublic(RunBase, TenantedPublic):
    """An analysis's status resource, as a run's: `result` and `findings` appear once it has finished."""

    kind: AnalysisKind
    run_id: uuid.UUID = Field(description="The run it analyses")
    parameters: dict[str, Any] = Field(description="What it was asked for, as stored with its inputs")
    findings: list[str] = Field(default_factory=list, description="What it found, one plain sentence each")
    result: Annotated[Comparison | Frontier, Field(discriminator="kind")] | None = Field(
        None, description="What it found, in figures (its kind's shape); null until it has finished")
