"""Weight sensitivity of a run's frozen scenario, named: why a goal is where it is ("why is this goal at
0?"), and what would move money to each unfunded intervention."""

import uuid
from typing import Any

from service.domain.models.findings import EffectNeeded, GoalWeightRange, WeightSensitivity
from service.domain.models.run import Run
from service.domain.runs import snapshot
from service.domain.runs.report import percent, tidy
from service.optimiser import Status
from service.optimiser.sensitivity import MAX_FACTOR, sensitivity

COLUMNS = ["kind", "id", "name", "weight", "low", "high", "attainment_percent", "factor", "sentence"]


def inputs(analysed: Run) -> dict[str, Any]:
    return {"snapshot": analysed.snapshot}


def weights(frozen: dict[str, Any]) -> tuple[WeightSensitivity | None, list[str], Status]:
    snap = snapshot.of(frozen["snapshot"])
    problem, options = snapshot.to_problem(snap)
    found = sensitivity(problem, options)
    if found.status != Status.OPTIMAL:
        return None, [f"No weight sensitivity: {found.message}"], found.status
    names = snap.names()
    goals = [_goal(w, names[w.goal]) for w in found.weights]
    unfunded = [EffectNeeded(intervention_id=uuid.UUID(e.intervention), intervention_name=names[e.intervention],
                             factor=None if e.factor is None else tidy(e.factor, 3),
                             sentence=_needed(names[e.intervention], e.factor)) for e in found.effects]
    exact = not any(i.min_viable for i in snap.interventions)
    result = WeightSensitivity(exact=exact, goals=goals, interventions=unfunded)
    head = (f"Each goal's weight can move within the range below before the allocation changes; "
            f"{len(unfunded)} unfunded intervention{'s' if len(unfunded) != 1 else ''} and what would fund them.")
    return result, [head, *(g.sentence for g in goals), *(i.sentence for i in unfunded)], Status.OPTIMAL


def _goal(w: Any, name: str) -> GoalWeightRange:
    low, high = (None if v is None else tidy(v, 4) for v in (w.low, w.high))
    if w.attainment <= 0 and high is not None:
        sentence = f"{name} is at 0 %: money would move to it only above a weight of {high:g} (it is {w.weight:g})."
    elif low is None and high is None:
        sentence = f"{name}: the allocation stays as it is whatever its weight."
    else:
        sentence = (f"{name} ({percent(w.attainment)} %): the allocation stays as it is for weights from "
                    f"{'0' if low is None else f'{low:g}'} to {'any' if high is None else f'{high:g}'} "
                    f"(it is {w.weight:g}).")
    return GoalWeightRange(goal_id=uuid.UUID(w.goal), goal_name=name, weight=tidy(w.weight), low=low, high=high,
                           attainment_percent=percent(w.attainment), sentence=sentence)


def _needed(name: str, factor: float | None) -> str:
    if factor is None:
        return f"{name} would not get money even with effects {MAX_FACTOR:,.0f} times stronger."
    return f"{name} would get money if its effects were {factor:.3g} times as strong as the evidence says."


def csv_rows(result: WeightSensitivity) -> list[dict[str, Any]]:
    goals = [{"kind": "goal", "id": str(g.goal_id), "name": g.goal_name, **g.model_dump(
        mode="json", include={"weight", "low", "high", "attainment_percent", "sentence"})} for g in result.goals]
    return goals + [{"kind": "intervention", "id": str(i.intervention_id), "name": i.intervention_name,
                     "factor": i.factor, "sentence": i.sentence} for i in result.interventions]
