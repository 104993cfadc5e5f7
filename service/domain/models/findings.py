"""What each kind of analysis finds, in figures: the shapes of an analysis's `result` (analysis.py)."""

import uuid
from typing import Literal

from pydantic import BaseModel, Field

from service.domain.common.fields import MoneyTotal as Money


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


class PartnerShare(BaseModel):
    partner_id: uuid.UUID
    partner_name: str
    contribution: Money = Field(description="What the run takes from the partner's streams, in pounds")
    share_of_money_percent: float = Field(description="Its contribution as a percentage of the run's total, to 0.1")
    shapley: float = Field(description=(
        "Its Shapley value: the weighted attainment points of the pooling gain that are fairly its own (its "
        "average addition to every coalition), 9 figures"))
    shapley_low: float = Field(description="The 95 % confidence interval's low end (equal to shapley when exact)")
    shapley_high: float = Field(description="Its high end")
    share_of_gain_percent: float | None = Field(
        description="shapley as a percentage of the whole gain; null without one")
    attainment_attributed: float = Field(description=(
        "The weighted attainment the run's allocation attributes to the partner's money: each intervention's "
        "points shared among its funders by their share of its money (as the scrutiny pack does)"))
    sentence: str = Field(description="What it pays beside what it brings, in words")


class CoalitionGain(BaseModel):
    partner_ids: list[uuid.UUID]
    partner_names: list[str]
    gain: float = Field(description="What these partners gain pooling among themselves, the others in silos")


class BlockingCoalition(BaseModel):
    partner_ids: list[uuid.UUID]
    partner_names: list[str]
    gain: float = Field(description="What these partners would gain pooling only among themselves")
    shares: float = Field(description="The sum of their Shapley values: less than they would gain on their own")
    sentence: str


class FairShares(BaseModel):
    kind: Literal["fair_shares"] = "fair_shares"
    exact: bool = Field(description="true: every coalition solved; false: sampled orders (more than 12 partners)")
    seed: int | None = Field(description="The seed of the sampled orders; null when exact")
    silo_attainment: float = Field(description="Weighted attainment with every partner in silos")
    pooled_attainment: float = Field(description="Weighted attainment with every partner pooling")
    gain: float = Field(description="pooled less silo: what pooling gains, in weighted attainment points")
    partners: list[PartnerShare]
    coalitions: list[CoalitionGain] = Field(default_factory=list, description=(
        "Every coalition's gain, smallest coalitions first (when exact; empty when sampled)"))
    blocking: list[BlockingCoalition] = Field(description=(
        "Coalitions that would gain more pooling on their own than their Shapley values give them (the shares "
        "are outside the core); empty when none would, or when sampled"))


class InterventionRobustness(BaseModel):
    intervention_id: uuid.UUID
    intervention_name: str
    proposed: Money = Field(description="What the run's allocation gives it, in pounds")
    worst_case: Money = Field(description="What the best allocation for the worst case gives it, in pounds")
    funded_in_percent: float = Field(description="In how many of the draws, re-optimised, it is funded (to 0.1)")
    sentence: str


class Robustness(BaseModel):
    kind: Literal["robustness"] = "robustness"
    draws: int = Field(description="Random draws of the evidence re-optimised")
    seed: int = Field(description="Their seed: the same seed gives the same answer")
    proposal_at_central: float = Field(description="The run's allocation's weighted attainment, central evidence")
    proposal_at_low: float = Field(description="The same with every effect at its least favourable end")
    proposal_at_high: float = Field(description="The same with every effect at its most favourable end")
    worst_case_attainment: float = Field(description=(
        "The best weighted attainment any allocation guarantees whatever the effects within their ranges"))
    median_attainment: float = Field(description="The median weighted attainment of the re-optimised draws")
    attainment_5th_percentile: float = Field(description="Its 5th percentile over the draws")
    attainment_95th_percentile: float = Field(description="Its 95th percentile")
    interventions: list[InterventionRobustness] = Field(description="Most often funded first")
    robust_core: list[NamedIntervention] = Field(description="Interventions funded in at least 90 % of the draws")


class PartnerRoom(BaseModel):
    partner_id: uuid.UUID
    partner_name: str
    in_run: Money = Field(description="What the run takes from it, in pounds")
    least: Money = Field(description="The least it could contribute within the tolerance, in pounds")
    most: Money = Field(description="The most, in pounds")


class ThemeRoom(BaseModel):
    theme_id: uuid.UUID
    theme_name: str
    in_run: Money = Field(description="What the run gives the theme's interventions, in pounds")
    least: Money = Field(description="The least it could receive within the tolerance, in pounds")
    most: Money = Field(description="The most, in pounds")


class Band(BaseModel):
    tolerance_percent: float = Field(description="How far below the optimum, as a percentage of it")
    floor: float = Field(description="The weighted attainment every allocation in the band reaches")
    partners: list[PartnerRoom]
    themes: list[ThemeRoom]
    different_funded: list[NamedIntervention] = Field(description=(
        "The allocation in the band that differs most from the optimum's (the least money on what the optimum "
        "funds): the interventions it funds"))
    different_attainment: float = Field(description="That allocation's weighted attainment")
    sentence: str


class Alternatives(BaseModel):
    kind: Literal["alternatives"] = "alternatives"
    optimum: float = Field(description="The scenario's best weighted attainment")
    bands: list[Band] = Field(description="One per tolerance asked for, the narrowest first")


class GoalWeightRange(BaseModel):
    goal_id: uuid.UUID
    goal_name: str
    weight: float = Field(description="The goal's weight in the run")
    low: float | None = Field(description="The allocation stays optimal for weights from this (null: no limit)")
    high: float | None = Field(description="... up to this (null: no limit); for a goal at 0 %, the weight it "
                               "would need before money moves to it")
    attainment_percent: float = Field(description="The goal's attainment in the run, as a percentage to 0.1")
    sentence: str


class EffectNeeded(BaseModel):
    intervention_id: uuid.UUID
    intervention_name: str
    factor: float | None = Field(description=(
        "How many times stronger its effects would need to be before it gets money (null: not even 1,000)"))
    sentence: str


class WeightSensitivity(BaseModel):
    kind: Literal["weights"] = "weights"
    exact: bool = Field(description=(
        "true: a linear programme's exact ranging; false: with integer choices, ranged with them fixed"))
    goals: list[GoalWeightRange]
    interventions: list[EffectNeeded] = Field(description="Every intervention the run leaves unfunded")


class ContributionChange(BaseModel):
    kind: Literal["contribution_change"] = "contribution_change"
    partner_id: uuid.UUID
    partner_name: str
    change: Money = Field(description="The change asked for in the partner's most contribution, in pounds")
    applied: Money = Field(description=(
        "The change made: as asked, unless a cut would take a stream below its least contribution"))
    weighted_attainment_before: float = Field(description="The scenario's optimum as the run froze it")
    weighted_attainment_after: float = Field(description="The optimum with the partner's most changed")
    points_per_million: float | None = Field(description="The change in weighted attainment per £1m changed")
    contribution_before: Money = Field(description="What the optimum takes from the partner before")
    contribution_after: Money = Field(description="... and after the change")
    goals: list[GoalAtBudget] = Field(description="Each goal's attainment after the change")
    interventions: list["InterventionShift"] = Field(description="Interventions whose money changes, largest first")


class InterventionShift(BaseModel):
    intervention_id: uuid.UUID
    intervention_name: str
    before: Money = Field(description="Its money in the optimum before, in pounds")
    after: Money = Field(description="... and after")
