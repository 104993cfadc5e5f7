"""The layered reports' shapes: strategic (outcomes by theme), executive (spend and outputs against the
allocation, exceptions only) and operational (every intervention), each built from the progress report."""

import uuid
from datetime import date

from pydantic import BaseModel, Field

from service.domain.common.fields import Measured
from service.domain.models.progress import Pool, ProgressStatus, Spend


class Period(BaseModel):
    partnership_id: uuid.UUID
    financial_year: str
    period: str = Field(description="The period reported to: as asked in as_of, or the month progress defaults to")
    as_of: date = Field(description="The last day counted")
    months_elapsed: int = Field(description="Months of the financial year up to as_of")
    cadence: str = Field(description="How often the Audit Commission expects this layer to be reported")


class Outcome(BaseModel):
    """A goal's outcome as the progress report has it."""

    goal_id: uuid.UUID
    goal_name: str = Field(description="The goal's name")
    indicator_code: str
    is_laa_target: bool
    baseline_value: Measured
    target_value: Measured
    latest_period: str | None = Field(description="The latest observation's period up to as_of; null when none")
    latest_value: Measured | None = Field(description="The latest observed value, in the goal's unit")
    expected_at_latest: Measured | None = Field(description="The trajectory's value at the latest observation")
    behind_share: Measured | None = Field(description="How far behind the trajectory, as a share of the planned "
                                          "improvement (negative: ahead)")
    status: ProgressStatus
    forecast_at_target: Measured | None = Field(description="The observations' trend at the end of the target year")
    forecast_meets_target: bool | None = Field(description="Whether the trend reaches the target by the target "
                                               "year; null without a forecast")


class StatusCount(BaseModel):
    green: int = Field(description="Goals on or ahead of their trajectory, or within the green threshold")
    amber: int = Field(description="Goals behind by more than the green threshold, up to the amber one")
    red: int = Field(description="Goals behind by more than the amber threshold")
    no_data: int = Field(description="Goals without an observation up to as_of")


class ThemeOutcomes(BaseModel):
    theme_id: uuid.UUID
    theme_name: str
    statuses: StatusCount = Field(description="How many of the theme's goals have each status")
    sentence: str = Field(description="The theme's outcomes in a sentence")
    goals: list[Outcome]


class StrategicReport(Period):
    summary: str = Field(description="The outcomes in a sentence")
    themes: list[ThemeOutcomes] = Field(description="Each theme's goals with their outcomes")
    laa_targets: list[Outcome] = Field(description="The designated Local Area Agreement targets, with their status")


class PartnerSpend(Spend):
    partner_id: uuid.UUID
    partner_name: str
    position: str = Field(description="overspend, underspend or on_budget (by the forecast outturn)")


class ThemeSpend(Spend):
    theme_id: uuid.UUID | None = Field(description="The theme; null for interventions no longer in the register")
    theme_name: str
    outputs: StatusCount = Field(description="The theme's goals by status: the outputs the spend buys")


class InterventionException(Spend):
    intervention_id: uuid.UUID
    intervention_name: str
    theme_id: uuid.UUID | None = Field(description="The intervention's theme; null when it is no longer in the "
                                       "register")
    theme_name: str
    variance_share: Measured | None = Field(description=(
        "variance_to_profile as a share of profile_to_date (positive: ahead of profile); null with no profile"))
    why: str = Field(description="Why it is an exception, in a sentence")


class ExecutiveReport(Period):
    proposal_id: uuid.UUID | None = Field(description="The agreed proposal for the year; null when none is agreed")
    variance_threshold: Measured = Field(description=(
        "An intervention is an exception when its variance to profile is more than this share of its profile to "
        "date (REPORT_VARIANCE_THRESHOLD), or when it has spend but no profile"))
    summary: str = Field(description="Spend and exceptions in a sentence")
    totals: Spend = Field(description="Every intervention together: equal to the sums of by_partner and by_theme")
    by_partner: list[PartnerSpend] = Field(description="Each partner's spend against its part of the allocation")
    by_theme: list[ThemeSpend] = Field(description="Each theme's spend (its interventions') and its goals by status")
    goal_exceptions: list[Outcome] = Field(description="Goals that are red or amber, reddest first")
    intervention_exceptions: list[InterventionException] = Field(description=(
        "Interventions whose variance to profile exceeds the threshold, largest variance first"))
    pool: Pool = Field(description="The partners' over- and underspends together, and the rules that apply")


class GoalMoved(BaseModel):
    goal_id: uuid.UUID
    goal_name: str
    indicator_code: str
    per_thousand: Measured = Field(description="The intervention's central effect on the goal per £1,000")
    status: ProgressStatus = Field(description="The goal's status in the progress report")


class PartnerPart(Spend):
    partner_id: uuid.UUID
    partner_name: str


class InterventionLine(Spend):
    intervention_id: uuid.UUID
    intervention_name: str
    theme_id: uuid.UUID | None = Field(description="The intervention's theme; null when it is no longer in the "
                                       "register (its allocation and spend still count)")
    theme_name: str
    lead_partner_id: uuid.UUID | None = Field(description="The partner leading it; null when it is no longer in "
                                              "the register")
    lead_partner_name: str = Field(description="The lead partner's name; empty when it is no longer in the register")
    by_partner: list[PartnerPart] = Field(description="The same figures for each partner funding or spending")
    goals: list[GoalMoved] = Field(description="The goals the intervention moves, with their status")


class OperationalReport(Period):
    proposal_id: uuid.UUID | None = Field(description="The agreed proposal for the year; null when none is agreed")
    totals: Spend = Field(description="Every intervention together (the sums of the lines)")
    interventions: list[InterventionLine] = Field(description="Every intervention, by theme and name; those "
                                                  "neither allocated nor spent on show zeros")

