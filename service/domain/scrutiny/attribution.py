"""Who gained the attainment: a proportional attribution of an allocation's weighted attainment to partners.

Each intervention's weighted attainment is what the optimiser's own arithmetic says its funding achieves
(`attainment_by_intervention`: central effects, tranches filled in order, each goal's contributions
scaled down together where it would pass its target). Each intervention's points are split among partners
in proportion to their share of its funding. Attainment is a float; money stays in whole pence.
"""

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from service.domain.common.money import pence
from service.domain.models.proposal import ProposalLine
from service.domain.models.snapshot import Snapshot
from service.domain.runs.snapshot import to_problem
from service.optimiser import attainment_by_intervention

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


def attribute(frozen: Snapshot, lines: Iterable[ProposalLine]) -> Attribution:
    funded: dict[str, int] = defaultdict(int)
    by_pair: dict[tuple[str, uuid.UUID], int] = defaultdict(int)
    for line in lines:
        amount = pence(line.amount)
        funded[str(line.intervention_id)] += amount
        by_pair[str(line.intervention_id), line.partner_id] += amount
    problem, options = to_problem(frozen)
    points, attained = attainment_by_intervention(problem, options, funded)
    by_partner: dict[uuid.UUID, float] = defaultdict(float)
    for (intervention_id, partner_id), amount in by_pair.items():
        by_partner[partner_id] += points.get(intervention_id, 0.0) * amount / funded[intervention_id]
    return Attribution(dict(by_partner), attained, sum(points.values()))
