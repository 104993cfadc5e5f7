"""What a run found, as stored and shown: ids, names and exact money (the runs package fills these in)."""

import uuid
from typing import ClassVar

from pydantic import BaseModel, Field

from service.domain.common.fields import MoneyTotal as Money
from service.domain.common.renamed import new_name, old_name

WEIGHTED = ("Σ over goals of weight × attainment (plus, when the scenario's beyond_target_weight gives credit for "
            "going past a target, that share of each goal's weight × how far it goes past); without that credit "
            "its maximum is the sum of the goals' weights")
PER_THOUSAND = ("The shadow price: the weighted attainment points £1,000 more of this limit would add (negative: "
                "cost); for a theme floor, per £1,000 more in-theme funding required. In a least_cost run it is "
                "instead the change in pooled pounds needed per pound more of the limit (negative: money saved). "
                "The value of one more unit at the margin, not an attribution")


class Contributor(BaseModel):
    intervention_id: uuid.UUID = Field(description="The intervention contributing to the goal")
    name: str = old_name("intervention_name", "The intervention's title", "")
    intervention_name: ClassVar[str] = new_name("name", "The intervention's title")
    change: float = Field(description=(
        "How far the intervention moves the goal's indicator with its allocated money, in the indicator's own "
        "units (tranches filled in order, central effect), signed as the indicator moves: negative lowers it"))


class GoalOutcome(BaseModel):
    goal_id: uuid.UUID = Field(description="The outcome goal")
    name: str = old_name("goal_name", "The goal's indicator code and title")
    goal_name: ClassVar[str] = new_name("name", "The goal's indicator code and title")
    baseline: float = Field(description="The indicator's baseline value, in its own units")
    projected: float = Field(description=(
        "The indicator's projected value with this allocation: baseline plus every funded intervention's "
        "change, in the indicator's own units"))
    target: float = Field(description="The indicator's target value, in its own units")
    weight: float = Field(description="How much the goal counts in weighted_attainment, relative to the others")
    attainment: float = Field(description=(
        "The fraction of the way from baseline to target the projected value reaches, to 9 significant figures: "
        "0 at the baseline, 1 with the target met. Capped at 1 (going past the target counts only in "
        "weighted_attainment, with beyond-target credit); below 0 if the allocation moves the indicator away "
        "from its target"))
    attainment_percent: float | None = Field(
        None, description="Attainment as a percentage, to 0.1 (`attainment` is the fraction, to 9 significant "
        "figures)", examples=[83.4])
    top_contributors: list[Contributor] = Field(description=(
        "Up to five interventions that move this indicator most, largest progress towards the target first"))


class PartnerOutcome(BaseModel):
    partner_id: uuid.UUID = Field(description="The partner")
    name: str = old_name("partner_name", "The partner's name")
    partner_name: ClassVar[str] = new_name("name", "The partner's name")
    contribution: Money = Field(description=(
        "What the allocation takes from the partner's funding streams into the pool, in pounds: a decimal "
        "string with two places"))
    unallocated: Money = Field(description=(
        "The partner's streams' most contributions less its contribution: money it offered that the allocation "
        "leaves with it, in pounds, a decimal string with two places"))
    share_of_total: float = Field(description=(
        "The partner's contribution as a fraction (0–1) of the total allocated, to 9 significant figures"))
    share_percent: float | None = Field(None, description="share_of_total as a percentage, to 0.1", examples=[21.5])


class Explanation(BaseModel):
    kind: str = Field(description=(
        "Which limit it is (partner_most, a partner's total, is no longer reported: it is the sum of its "
        "streams' most, so raising it alone buys nothing): stream_most or stream_least "
        "(a funding stream's most or least contribution), capacity (an intervention's capacity) or "
        "theme_floor (a theme's floor share)"))
    id: str = Field(description="The id of the partner, funding stream, intervention or theme the limit is on")
    name: str = Field(description="The name of the partner, funding stream, intervention or theme")
    bound: Money = Field(description=(
        "The limit as it stands, in pounds, a decimal string with two places (0.00 for a theme_floor, a share "
        "rather than an amount)"))
    attainment_per_thousand: float = Field(description=PER_THOUSAND)
    sentence: str = Field("", description=(
        "The limit in words, per £1m and against the most weighted attainment possible, such as \"Police's most "
        "(£2,000,000.00) is binding: £1m more would add 0.43 of 26 weighted attainment points\", or that it is "
        "not binding (empty in runs stored before 1 December 2026)"))


class Relaxation(BaseModel):
    kind: str = Field(description=(
        "What must change for the scenario to become feasible: stream_least (lower a stream's least "
        "contribution), committed (an intervention's committed funding cannot be met: lower it or widen who may "
        "fund it), lock (a lock cannot be met or cannot absorb partners' least contributions: change or release "
        "it), theme_floor (lower a theme's floor) or required_attainment (lower a goal's required "
        "attainment, least_cost runs)"))
    id: str = Field(description="The id of the funding stream, intervention, theme or goal to change")
    name: str = Field(description="The name of the funding stream, intervention, theme or goal")
    amount: Money = Field(description=(
        "By how much the money must change, in pounds, a decimal string with two places; 0.00 for "
        "required_attainment"))
    attainment_points: float = Field(description=(
        "For required_attainment: by how much the goal's required attainment must fall, as a fraction of the "
        "way from baseline to target (0.15 is 15 points of the way); 0 for the other kinds"))
    sentence: str = Field(description="What to change and by how much, in words")


class Shortfall(BaseModel):
    goal_id: uuid.UUID = Field(description="The goal whose required attainment cannot be met")
    name: str = old_name("goal_name", "The goal's indicator code and title", "")
    goal_name: ClassVar[str] = new_name("name", "The goal's indicator code and title")
    required: float = Field(description="The attainment the scenario requires, as a fraction of the way to target")
    attainable: float = Field(description=(
        "The attainment reachable alongside the other requirements, as a fraction of the way to target"))
    shortfall: float = Field(description="required less attainable, as a fraction of the way to target")


class SiloGoal(BaseModel):
    goal_id: uuid.UUID = Field(description="The outcome goal")
    goal_name: str = Field(description="The goal's indicator code and title")
    attainment: float = Field(description=(
        "The fraction of the way from baseline to target the silo allocation reaches, to 9 significant "
        "figures, as the run's own goals' attainment"))
    attainment_percent: float = Field(description="Attainment as a percentage, to 0.1")


class JointWorkingValue(BaseModel):
    pooled_attainment: float | None = Field(description=(
        "Weighted attainment with the money pooled (any eligible stream may fund any intervention); null when "
        "it could not be computed"))
    silo_attainment: float | None = Field(description=(
        "Weighted attainment in silos: each intervention funded only by its lead partner's streams; null when "
        "it could not be computed"))
    attainment_gained: float | None = Field(description=(
        "pooled_attainment less silo_attainment: the weighted attainment points pooling adds over silo "
        "budgeting"))
    silo_spend: Money | None = Field(description=(
        "What the silo allocation spends, in pounds, a decimal string with two places"))
    pooled_money_for_silo_attainment: Money | None = Field(description=(
        "The least pooled money that reaches the silo attainment, in pounds, a decimal string with two places; "
        "null if that could not be computed"))
    money_saved: Money | None = Field(description=(
        "silo_spend less pooled_money_for_silo_attainment: what pooling saves for the same attainment, in "
        "pounds, a decimal string with two places; negative when the pool's least contributions make it spend "
        "more than the silos need"))
    silo_status: str = Field(description="The silo solve's status: optimal, infeasible, time_limit, imprecise or error")
    sentence: str = Field(description="The comparison in words, or why there is none")
    silo_relaxations: list[str] = Field(default_factory=list, description=(
        "Rules that still apply in silos but that the lead partners' own streams cannot meet (committed "
        "funding, a lock, a theme floor), each relaxed for the comparison by the amount named; the rules only "
        "pooling makes (least contributions, the matched cap) never apply in silos"))
    goals: list[SiloGoal] = Field(default_factory=list, description=(
        "Each goal's attainment in silos, in the order of the run's goals, to set beside its pooled attainment "
        "(empty for runs stored before it was kept)"))


class Solver(BaseModel):
    name: str = Field(description="The solver, as \"HiGHS <version> via scipy <version> and highspy <version>\"")
    version: str = Field(description="The scipy version that ran it, such as \"scipy 1.17.1\"")
    algorithm: str = Field(description=(
        "How it was solved: highs-ds (dual simplex), highs-ipm (interior point) or milp (with integer "
        "variables); empty if the solve never started"))
    formulation: str = Field(description=(
        "grouped (money variables per stream and group of interventions the same streams may fund) or "
        "full_pair (per stream and intervention)"))
    mip_gap: float | None = Field(description=(
        "For a milp solve, the relative gap between the allocation found and the best bound (0 proves it "
        "optimal); null for a linear programme"))
    variables: int = Field(description="Variables in the model")
    rows: int = Field(description="Constraint rows in the model")
    integers: int = Field(description="Integer (binary) variables among them: minimum viable amounts, tranche order")
    build_seconds: float = Field(description="Seconds spent building the model")
    solve_seconds: float = Field(description="Seconds spent in the solver, over every solve this run's result needed")
    total_seconds: float = Field(description=(
        "Seconds for the whole optimisation: building, solving, checks, explanations and any diagnosis (not "
        "the silo comparison)"))


class RunReport(BaseModel):
    weighted_attainment: float | None = Field(description=(
        f"{WEIGHTED}; what maximise_attainment maximises. Null when no allocation was found"))
    total_allocated: Money = Field(description="Pounds allocated in all, a decimal string with two places")
    goals: list[GoalOutcome] = Field(description="One entry per goal: where the allocation takes it")
    partners: list[PartnerOutcome] = Field(description="One entry per partner: what it contributes")
    shadow_prices: list[Explanation] = Field(description=(
        "The marginal value of every limit (each partner's and stream's most, stream least contributions, "
        "capacities and theme floors); only for an optimal run"))
    binding_constraints: list[Explanation] = Field(description=(
        "The limits whose shadow price is not zero, each with a sentence"))
    relaxations: list[Relaxation] = Field(description=(
        "For an infeasible run: the changes that would make it feasible, each named and quantified"))
    shortfalls: list[Shortfall] = Field(description=(
        "For an infeasible least_cost run: each goal whose required attainment cannot be met, and by how much"))
    diagnosis: list[str] = Field(description="For an infeasible run: why, and what to change, in sentences")
    warnings: list[str] = Field(default_factory=list, description=(
        "Where precision was lost and what the service did about it, in sentences: effects below the "
        "solver's precision, money the service allocated after the solver, or (status imprecise) why the "
        "allocation is not optimal"))
    joint_working: JointWorkingValue | None = Field(description=(
        "The value of joint working: the scenario pooled beside silo budgeting, with maximise_attainment; "
        "null when the two could not be compared"))
    solver: Solver = Field(description="What solved it, the model's size and how long it took")


class AllocationLine(BaseModel):
    funding_stream_id: uuid.UUID = Field(description="The funding stream the money comes from")
    partner_id: uuid.UUID = Field(description="The partner whose stream it is")
    intervention_id: uuid.UUID = Field(description="The intervention the money funds")
    amount: Money = Field(description="Pounds from this stream to this intervention, a decimal string with two places")


class NamedLine(AllocationLine):
    funding_stream: str = old_name("funding_stream_name", "The funding stream's name")
    partner: str = old_name("partner_name", "The partner's name")
    intervention: str = old_name("intervention_name", "The intervention's title")
    funding_stream_name: ClassVar[str] = new_name("funding_stream", "The funding stream's name")
    partner_name: ClassVar[str] = new_name("partner", "The partner's name")
    intervention_name: ClassVar[str] = new_name("intervention", "The intervention's title")


class Subtotal(BaseModel):
    id: uuid.UUID = Field(description="The partner, funding stream or intervention the lines are summed for")
    name: str = Field(description="Its name (an intervention's title)")
    amount: Money = Field(description="The exact sum of its lines, in pounds, a decimal string with two places")


class AllocationTable(BaseModel):
    """A run's allocation; every subtotal is the exact sum of its lines."""

    run_id: uuid.UUID = Field(description="The run whose allocation this is")
    status: str = Field(description=(
        "The run's final status: optimal, infeasible, time_limit, imprecise, error or cancelled (an "
        "infeasible, error or cancelled run has no lines)"))
    financial_year: str = Field(description="The financial year the run allocated, as 2009-10")
    total: Money = Field(description="The sum of every line, in pounds, a decimal string with two places")
    lines: list[NamedLine] = Field(description="One line per funding stream and intervention funded")
    by_partner: list[Subtotal] = Field(description="The lines summed by partner, largest first (then by name)")
    by_funding_stream: list[Subtotal] = Field(description=(
        "The lines summed by funding stream, largest first (then by name)"))
    by_intervention: list[Subtotal] = Field(description=(
        "The lines summed by intervention, largest first (then by title)"))
