"""The efficient frontier of a run's frozen scenario, in the register's terms: budgets in pounds, goals
and interventions named, the marginal value of money on each segment and who enters or leaves there."""

import uuid
from typing import Any

from service.domain.common.money import format_pounds, pounds
from service.domain.models.findings import Frontier, FrontierPoint, FrontierSegment, GoalAtBudget, NamedIntervention
from service.domain.models.run import Run
from service.domain.runs import snapshot
from service.domain.runs.report import percent, tidy
from service.optimiser import Status
from service.optimiser.frontier import efficient_frontier

PER_MILLION = 100_000_000  # pence
COLUMNS = ["budget", "weighted_attainment", "funded", "points_per_million_to_next", "entering_next",
           "leaving_next", "sentence"]


def inputs(analysed: Run) -> dict[str, Any]:
    """The run's own frozen register: the frontier is of the scenario exactly as the run saw it."""
    return {"snapshot": analysed.snapshot}


def frontier(frozen: dict[str, Any]) -> tuple[Frontier, list[str], Status]:
    snap = snapshot.of(frozen["snapshot"])
    problem, options = snapshot.to_problem(snap)
    found = efficient_frontier(problem, options)
    names = snap.names()
    points = [FrontierPoint(
        budget=pounds(p.budget_pence), weighted_attainment=tidy(p.attainment), funded=len(p.funded),
        goals=[GoalAtBudget(goal_id=uuid.UUID(key), goal_name=names[key], attainment_percent=percent(value))
               for key, value in zip(found.goals, p.goal_attainment, strict=True)]) for p in found.points]
    segments = [_segment(a, b, names) for a, b in zip(found.points, found.points[1:], strict=False)]
    maximum = tidy(sum(float(g.weight) for g in snap.goals))
    result = Frontier(exact=found.exact, maximum=maximum, points=points, segments=segments)
    return result, _findings(result, found.message), found.status


def _named(keys: set[str], names: dict[str, str]) -> list[NamedIntervention]:
    return [NamedIntervention(intervention_id=uuid.UUID(k), intervention_name=names[k])
            for k in sorted(keys, key=lambda k: names[k])]


def _segment(a: Any, b: Any, names: dict[str, str]) -> FrontierSegment:
    slope = (b.attainment - a.attainment) / (b.budget - a.budget) * PER_MILLION if b.budget > a.budget else 0.0
    entering, leaving = _named(set(b.funded) - set(a.funded), names), _named(set(a.funded) - set(b.funded), names)
    moved = "; ".join(part for part in (
        f"funding {', '.join(i.intervention_name for i in entering)}" if entering else "",
        f"no longer {', '.join(i.intervention_name for i in leaving)}" if leaving else "") if part)
    sentence = (f"From {format_pounds(pounds(a.budget_pence))} to {format_pounds(pounds(b.budget_pence))}, each £1m "
                f"more buys {slope:.3g} weighted points" + (f" ({moved})" if moved else "") if slope > 0 else
                f"Beyond {format_pounds(pounds(a.budget_pence))} more money buys nothing more")
    return FrontierSegment(from_budget=pounds(a.budget_pence), to_budget=pounds(b.budget_pence),
                           points_per_million=tidy(slope), entering=entering, leaving=leaving, sentence=sentence + ".")


def _findings(result: Frontier, message: str) -> list[str]:
    if not result.points:
        return [f"No frontier: {message}"]
    first, last = result.points[0], result.points[-1]
    best = max(result.points, key=lambda p: (p.weighted_attainment, -p.budget))
    shape = "its exact breakpoints" if result.exact else f"{len(result.points)} evenly spaced budgets"
    head = (f"From {format_pounds(first.budget)} (the least any allocation needs) to {format_pounds(last.budget)} "
            f"(everything available), weighted attainment rises from {first.weighted_attainment:.3g} to "
            f"{best.weighted_attainment:.3g} of a possible {result.maximum:.3g}, reached with "
            f"{format_pounds(best.budget)}; shown at {shape}.")
    return [head, *(s.sentence for s in result.segments)]


def csv_rows(result: Frontier) -> list[dict[str, Any]]:
    """One row per point, with the segment that follows it."""
    rows = []
    for point, after in zip(result.points, [*result.segments, None], strict=True):
        rows.append({"budget": str(point.budget), "weighted_attainment": point.weighted_attainment,
                     "funded": point.funded, **({} if after is None else {
                         "points_per_million_to_next": after.points_per_million, "sentence": after.sentence,
                         "entering_next": "; ".join(i.intervention_name for i in after.entering),
                         "leaving_next": "; ".join(i.intervention_name for i in after.leaving)})})
    return rows
