"""Analyses of a run: jobs in the run table (`Run.kind`) with their own resource under the run."""

import uuid
from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, Field, model_validator

from service.domain.common.fields import MAX_MONEY
from service.domain.models.base import TenantedPublic
from service.domain.models.findings import (
    Alternatives,
    Comparison,
    ContributionChange,
    FairShares,
    Frontier,
    Robustness,
    WeightSensitivity,
)
from service.domain.models.run import RunBase
from service.domain.models.summary import AnalysisSummarised


class AnalysisKind(StrEnum):
    COMPARISON = "comparison"  # what changed between two runs, per goal, partner, stream and intervention
    FRONTIER = "frontier"  # the most weighted attainment each amount of pooled money buys
    FAIR_SHARES = "fair_shares"  # each partner's Shapley value of the pooling gain, and the core
    ROBUSTNESS = "robustness"  # the allocation across the evidence's ranges: worst case and Monte Carlo
    ALTERNATIVES = "alternatives"  # the room to negotiate within a tolerance of the optimum
    WEIGHTS = "weights"  # each goal's weight range, and what would move money to the unfunded
    CONTRIBUTION_CHANGE = "contribution_change"  # what a change in one partner's contribution does


class AnalysisCreate(BaseModel):
    model_config = {"extra": "forbid", "json_schema_extra": {"examples": [
        {"kind": "comparison", "compared_with_run_id": "d6cf0710-582c-5677-a78c-63d176a5b187"}]}}

    kind: AnalysisKind = Field(description=(
        "Which analysis: comparison (what changed from another finished run of the partnership to this one, "
        "per goal, partner, funding stream and intervention), frontier (the efficient frontier of the run's "
        "frozen scenario: the most weighted attainment each amount of pooled money could buy) or fair_shares "
        "(each partner's fair share of what pooling gains over silos, beside what it pays) or robustness (the "
        "allocation at the ends of the effects' ranges, the best worst-case allocation, and how often each "
        "intervention is funded over random draws of the evidence) or alternatives (within a tolerance of the "
        "optimum, the least and most each partner could contribute and each theme receive) or weights (the "
        "range of each goal's weight over which the allocation stays optimal, and how much stronger each "
        "unfunded intervention's effects would need to be) or contribution_change (what a given change in one "
        "partner's most contribution does to the optimum)"))
    compared_with_run_id: uuid.UUID | None = Field(None, description=(
        "For a comparison: the run to compare this one with (the 'before'); another finished run of the "
        "partnership. The example is the demo's own run"))

    seed: int | None = Field(None, ge=0, le=2**31 - 1, description=(
        "For robustness, and fair_shares with more than 12 partners: the seed of the random draws (or orders), "
        "so that the answer can be reproduced; 0 when not given"))
    draws: int | None = Field(None, ge=1, le=500, description=(
        "For robustness: how many random draws of the evidence to re-optimise (30 when not given)"))
    tolerances_percent: list[Annotated[float, Field(gt=0, le=50)]] | None = Field(
        None, min_length=1, max_length=5, description=(
            "For alternatives: how far below the optimum an allocation may fall, each a percentage of it "
            "(1 and 5 when not given)"))

    partner_id: uuid.UUID | None = Field(None, description=(
        "For contribution_change: the partner whose most contribution changes"))
    change: Annotated[Decimal, Field(ge=-MAX_MONEY, le=MAX_MONEY, decimal_places=2)] | None = Field(
        None, description="For contribution_change: by how much, in pounds (negative: a cut)",
        examples=["1000000.00"])

    @model_validator(mode="after")
    def _needs_what_it_compares(self) -> "AnalysisCreate":
        if self.kind == AnalysisKind.COMPARISON and self.compared_with_run_id is None:
            raise ValueError("a comparison needs compared_with_run_id: the run to compare this one with")
        if self.kind != AnalysisKind.COMPARISON and self.compared_with_run_id is not None:
            raise ValueError(f"compared_with_run_id is only for a comparison, not a {self.kind}")
        sampled = (AnalysisKind.FAIR_SHARES, AnalysisKind.ROBUSTNESS)
        if self.kind not in sampled and self.seed is not None:
            raise ValueError(f"seed is only for fair_shares and robustness, not a {self.kind}")
        if self.kind != AnalysisKind.ROBUSTNESS and self.draws is not None:
            raise ValueError(f"draws is only for robustness, not a {self.kind}")
        changing = self.partner_id is not None or self.change is not None
        if self.kind == AnalysisKind.CONTRIBUTION_CHANGE and (self.partner_id is None or self.change is None):
            raise ValueError("a contribution_change needs partner_id and change")
        if self.kind != AnalysisKind.CONTRIBUTION_CHANGE and changing:
            raise ValueError(f"partner_id and change are only for contribution_change, not a {self.kind}")
        if self.kind != AnalysisKind.ALTERNATIVES and self.tolerances_percent is not None:
            raise ValueError(f"tolerances_percent is only for alternatives, not a {self.kind}")
        return self


class AnalysisPublic(RunBase, TenantedPublic, AnalysisSummarised):
    """An analysis's status resource, as a run's: `result` and `findings` appear once it has finished."""

    kind: AnalysisKind
    run_id: uuid.UUID = Field(description="The run it analyses")
    parameters: dict[str, Any] = Field(description="What it was asked for, as stored with its inputs")
    findings: list[str] = Field(default_factory=list, description="What it found, one plain sentence each")
    result: Annotated[Comparison | Frontier | FairShares | Robustness | Alternatives | WeightSensitivity
                      | ContributionChange,
                      Field(discriminator="kind")] | None = Field(
        None, description="What it found, in figures (its kind's shape); null until it has finished")
