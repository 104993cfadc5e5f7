"""Who gained the attainment: a proportional attribution of an allocation's weighted attainment to partners.

Each intervention's weighted attainment is what its central effects achieve for the money it received
(tranches filled in order, as the optimiser assumes), over each goal's distance from baseline to target,
times the goal's weight in the run. Where a goal is over-achieved its contributions are scaled down
together so its attainment is 1. Each intervention's points are split among partners in proportion to
their share of its funding. Attainment is a float; money stays in whole pence.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from service.domain.common.money import pence as to_pence
from service.domain.models.proposal import ProposalLine

PENCE_PER_THOUSAND = 100_000
NOTE = ("Share of attainment gained is a proportional attribution, not a measured outcome: each "
        "intervention's weighted attainment (its central effect estimates for the money it received, "
        "diminishing-return tranches filled in order, over the goal's distance from baseline to target, times "
        "the goal's weight in the run, scaled down where a goal would pass its target so that attainment is "
        "capped at 1) is divided among partners in proportion to their share of that intervention's funding.")


@dataclass(frozen=True)
class Attribution:
    by_partner: dict[uuid.UUID, float]  # weighted attainment points
    by_goal: dict[str, float]  # attainment (0..1, negative when the goal is pushed the wrong way)
    total: float


def full_effect_thousands(pence: int, tranches: list[list[Any]]) -> float:
    """£1,000s at full effect once `pence` fills the tranches in order; the last tranche continues."""
    if not tranches:
        return pence / PENCE_PER_THOUSAND
    left, effective = pence, 0.0
    for n, (width, multiplier) in enumerate(tranches):
        spent = left if n == len(tranches) - 1 else min(left, int(width))
        effective += spent * float(multiplier)
        left -= spent
    return effective / PENCE_PER_THOUSAND


def attribute(snapshot: dict[str, Any], lines: Iterable[ProposalLine]) -> Attribution:
    funded: dict[str, int] = defaultdict(int)
    by_pair: dict[tuple[str, uuid.UUID], int] = defaultdict(int)
    for line in lines:
        pence = to_pence(line.amount)
        funded[str(line.intervention_id)] += pence
        by_pair[str(line.intervention_id), line.partner_id] += pence
    goals = {g["id"]: g for g in snapshot["goals"]}
    weights = {g: float(goal["weight"]) for g, goal in goals.items()} | {
        w["goal_id"]: float(w["weight"]) for w in snapshot["options"].get("weight_overrides", [])}
    parts: dict[str, dict[str, float]] = defaultdict(dict)  # goal -> intervention -> attainment
    for intervention in snapshot["interventions"]:
        pence = funded.get(intervention["id"], 0)
        if not pence:
            continue
        spent = full_effect_thousands(pence, intervention["tranches"])
        for goal_id, per_thousand in intervention["effects"]:
            span = float(goals[goal_id]["target"]) - float(goals[goal_id]["baseline"])
            if span:
                parts[goal_id][intervention["id"]] = float(per_thousand) * spent / span  # signed towards target
    points: dict[str, float] = defaultdict(float)
    attained = {goal_id: 0.0 for goal_id, goal in goals.items() if float(goal["target"]) != float(goal["baseline"])}
    for goal_id, contributions in parts.items():
        ratio = sum(contributions.values())
        scale = 1.0 / ratio if ratio > 1.0 else 1.0
        attained[goal_id] = min(1.0, ratio)
        for intervention_id, value in contributions.items():
            points[intervention_id] += weights[goal_id] * value * scale
    by_partner: dict[uuid.UUID, float] = defaultdict(float)
    for (intervention_id, partner_id), pence in by_pair.items():
        by_partner[partner_id] += points[intervention_id] * pence / funded[intervention_id]
    return Attribution(dict(by_partner), attained, sum(points.values()))
