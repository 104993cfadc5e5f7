"""The progress report's shapes: goals against their trajectories, spend against the agreed allocation."""

import uuid
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, Field

from service.domain.common.fields import Measured, MoneyTotal


class ProgressStatus(StrEnum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"
    NO_DATA = "no_data"


class Latest(BaseModel):
    period: str = Field(description="The period of the latest observation (the one ending last)")
    period_end: date = Field(description="The last day of its period")
    value: Measured = Field(description="The observed value, in the goal's unit")
    partner_id: uuid.UUID = Field(description="The partner that reported it")
    data_quality: str


class Forecast(BaseModel):
    method: str = Field(description="How the forecast was made, or why there is none")
    observations: int = Field(description="Observations the forecast is fitted to")
    value_at_target: Measured | None = Field(description="The trend's value at the end of the target year")
    trend_per_year: Measured | None = Field(description="The trend's change per 365 days, in the goal's unit")
    meets_target: bool | None = Field(description="Whether the trend reaches the target by the target year")


class GoalProgress(BaseModel):
    goal_id: uuid.UUID
    indicator_code: str
    name: str = Field(description="The goal's name")
    polarity: str
    is_laa_target: bool
    baseline_value: Measured
    target_value: Measured
    trajectory: str = Field(description="How the expected value at a date is worked out")
    latest: Latest | None = Field(description="The latest observation up to as_of; null when there is none")
    expected_at_latest: Measured | None = Field(description="The trajectory's value at the latest observation's end")
    behind_share: Measured | None = Field(description=(
        "How far the latest observation is behind the trajectory, as a share of the planned improvement "
        "(negative: ahead)"))
    status: ProgressStatus = Field(
        description="green, amber or red against the thresholds; no_data without observations")
    forecast: Forecast = Field(description="Where the observations' trend leads by the target year")


class Spend(BaseModel):
    allocation: MoneyTotal = Field(description="The agreed allocation for the year, in pounds")
    spend_to_date: MoneyTotal = Field(description="Actual spend in the year's periods ending by as_of")
    profile_to_date: MoneyTotal = Field(description="The allocation's even monthly profile up to as_of")
    variance_to_profile: MoneyTotal = Field(description="spend_to_date minus profile_to_date (positive: ahead)")
    remaining: MoneyTotal = Field(description="allocation minus spend_to_date (negative: already overspent)")
    forecast_outturn: MoneyTotal = Field(description="spend_to_date at its run rate over the whole year")
    forecast_variance: MoneyTotal = Field(description="forecast_outturn minus allocation (positive: overspend)")


class PartnerLine(Spend):
    partner_id: uuid.UUID
    name: str = Field(description="The partner's name")


class InterventionSpend(Spend):
    intervention_id: uuid.UUID
    name: str = Field(description="The intervention's title")
    by_partner: list[PartnerLine] = Field(description="The same figures for each partner funding or spending")


class PartnerPosition(PartnerLine):
    position: str = Field(description="overspend, underspend or on_budget (by the forecast outturn)")
    what_happens: str = Field(description="What the pooled-budget agreement's rules do with it")


class Pool(BaseModel):
    overspend: MoneyTotal = Field(description="Forecast overspends summed over the partners")
    underspend: MoneyTotal = Field(description="Forecast underspends summed over the partners")
    covered_by_underspends: MoneyTotal = Field(description="The overspend the pool's underspends cover")
    left_to_cover: MoneyTotal = Field(description="Overspend for the risk pool, cuts or money from outside")
    rules: list[str] = Field(description="The rules applied, in the order they apply")


class Thresholds(BaseModel):
    green_behind: Measured = Field(description="Green up to this share of the planned improvement behind")
    amber_behind: Measured = Field(description="Amber up to this share behind; red beyond")


class ProgressReport(BaseModel):
    partnership_id: uuid.UUID
    financial_year: str
    as_of: date = Field(description="The last day counted")
    months_elapsed: int = Field(description="Months of the financial year up to as_of")
    proposal_id: uuid.UUID | None = Field(description="The agreed proposal for the year; null when none is agreed")
    thresholds: Thresholds = Field(description="The red/amber/green thresholds in force")
    goals: list[GoalProgress]
    interventions: list[InterventionSpend] = Field(description="Each intervention allocated or spent on")
    partners: list[PartnerPosition]
    pool: Pool = Field(description="The partners' over- and underspends together, and the rules that apply")
