"""What a run, a proposal or an analysis comes to, in one sentence and the facts behind it."""

import uuid

from pydantic import BaseModel, Field
from sqlmodel import Field as SQLField
from sqlmodel import SQLModel

from service.domain.common.fields import MoneyTotal as Money

THRESHOLD_PERCENT = 75.0  # "at or above 75 % of target": the line the partnership's reviews draw


class MissedTarget(BaseModel):
    goal_id: uuid.UUID = Field(description="The designated LAA improvement target's goal")
    goal_name: str = Field(description="The goal's indicator code and title, as in the run's goals")
    indicator_code: str = Field(description="The goal's National Indicator code, such as NI 112")
    attainment_percent: float = Field(description=(
        "How far the goal gets from baseline to target, as a percentage to 0.1 (the goal's attainment_percent)"))


class RunSummary(BaseModel):
    """A finished run in a sentence, with every fact the sentence states as a field (exact, not rounded)."""

    sentence: str = Field(description=(
        "The run in words: weighted points out of the most possible, goals at or above the threshold, LAA "
        "targets missed, what pooling adds and saves against silos, interventions funded"), examples=[
        "21.5 of a possible 26 weighted points (83 %); 9 of 12 goals at or above 75 % of target; 3 LAA targets "
        "missed: NI 186 (0 %), NI 40 (52 %), NI 16 (60 %); pooling adds 5.0 points and saves £1.75m against "
        "silos; 20 of 25 interventions funded"])
    status: str = Field(description="The run's final status the summary describes: optimal, infeasible, "
                        "time_limit or imprecise")
    weighted_attainment: float | None = Field(description=(
        "The run's weighted attainment, as result.weighted_attainment; null when no allocation was found"))
    weighted_attainment_max: float = Field(description=(
        "The most weighted attainment possible without beyond-target credit: the sum of the goals' weights"))
    attainment_percent: float | None = Field(description=(
        "weighted_attainment as a percentage of weighted_attainment_max, to 0.1; null when either is missing "
        "or the maximum is 0"))
    goals_total: int = Field(description="How many goals the run measured")
    threshold_percent: float = Field(THRESHOLD_PERCENT, description=(
        "The attainment, as a percentage of the way from baseline to target, that goals_at_or_above_threshold "
        "counts from"))
    goals_at_or_above_threshold: int = Field(description=(
        "How many goals' attainment_percent is at or above threshold_percent"))
    laa_targets_total: int = Field(description="How many of the goals are designated LAA improvement targets")
    laa_targets_missed: list[MissedTarget] = Field(description=(
        "The LAA targets whose attainment_percent is below 100, least attained first"))
    pooling_gain_points: float | None = Field(description=(
        "The weighted attainment points pooling adds over silo budgeting (joint_working.attainment_gained); "
        "null when the run was not compared with silos (pooling_note says why)"))
    pooling_saves: Money | None = Field(description=(
        "What pooling saves against silos for the silos' attainment, in pounds, a decimal string with two "
        "places (joint_working.money_saved; negative when pooling spends more); null when that could not be "
        "computed (pooling_note says why)"))
    pooling_note: str | None = Field(description=(
        "Why pooling_gain_points or pooling_saves is null; null when both are given"))
    total_allocated: Money = Field(description="Pounds allocated in all, a decimal string with two places")
    interventions_funded: int = Field(description="How many interventions the allocation gives money to")
    interventions_total: int = Field(description="How many interventions the run could fund")
    scale_note: str = Field(description="What the weighted points measure and where their maximum comes from")


class AnalysisSummary(BaseModel):
    """A finished analysis in one sentence, from its figures."""

    kind: str = Field(description="The analysis's kind")
    sentence: str = Field(description="What it found, in one sentence", examples=[
        "From £3,200,000.00 to £9,860,000.00 weighted attainment rises from 6.1 to 21.5 of a possible 26; "
        "the last £1m buys 0.4 points and the first £1m above the least 3.2"])


class RunSummarised(SQLModel):
    """Put last among a public model's bases: its `summary` then comes first in the answer."""

    summary: RunSummary | None = SQLField(None, description=(
        "The run in a sentence, with the facts it states as fields; null while queued or running, after an "
        "error or a cancellation, and for runs stored before 1 December 2026"))


class AnalysisSummarised(SQLModel):
    """As RunSummarised, for an analysis."""

    summary: AnalysisSummary | None = SQLField(None, description=(
        "What the analysis found, in one sentence; null until it has finished, or when it failed"))
