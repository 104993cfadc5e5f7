"""What a given change in one partner's contribution does: the scenario's optimum with that partner's most
contribution changed (split over its streams in proportion to their most, to the penny, never below a
stream's least), beside the optimum as the run froze it."""

import uuid
from dataclasses import replace
from typing import Any

from service.domain.common.money import format_pounds, pounds
from service.domain.models.findings import ContributionChange, GoalAtBudget, InterventionShift
from service.domain.models.run import Run
from service.domain.runs import snapshot
from service.domain.runs.report import percent, tidy
from service.optimiser import Result, Status, Stream, solve

COLUMNS = ["intervention_id", "intervention_name", "before", "after"]


def inputs(analysed: Run, partner_id: uuid.UUID, change_pence: int) -> dict[str, Any]:
    return {"snapshot": analysed.snapshot, "partner_id": str(partner_id), "change": change_pence}


def changed_streams(streams: tuple[Stream, ...], partner: str, change: int) -> tuple[tuple[Stream, ...], int]:
    """The streams with `change` pence split over the partner's in proportion to their most (largest
    remainders take the odd pence), a cut stopping at each stream's least; and the change made."""
    own = [s for s in streams if s.partner == partner]
    total = sum(s.most_pence for s in own)
    if not own or total == 0:
        return streams, 0
    shares = [change * s.most_pence // total for s in own]
    order = sorted(range(len(own)), key=lambda k: -(change * own[k].most_pence % total))
    for k in order[: change - sum(shares)]:
        shares[k] += 1
    new = {s.key: max(s.most_pence + d, s.least_pence) for s, d in zip(own, shares, strict=True)}
    made = sum(new[s.key] - s.most_pence for s in own)
    return tuple(replace(s, most_pence=new[s.key]) if s.key in new else s for s in streams), made


def contribution_change(frozen: dict[str, Any]) -> tuple[ContributionChange | None, list[str], Status]:
    snap = snapshot.of(frozen["snapshot"])
    problem, options = snapshot.to_problem(snap)
    options = replace(options, explain=False)
    partner, names = frozen["partner_id"], snap.names()
    if partner not in names:
        return None, [f"No such partner in the run's frozen register: {partner}."], Status.ERROR
    streams, made = changed_streams(problem.streams, partner, frozen["change"])
    before, after = solve(problem, options), solve(replace(problem, streams=streams), options)
    if before.objective is None or after.objective is None:
        failed = after if after.objective is None else before
        return None, [f"No answer: the scenario is {before.status} before the change and {after.status} "
                      "after."], failed.status
    result = _result(frozen, names, before, after, made)
    per = "" if result.points_per_million is None else f" ({result.points_per_million:.3g} per £1m)"
    head = (f"{result.partner_name} offering {format_pounds(abs(result.applied))} "
            f"{'more' if made >= 0 else 'less'}: weighted attainment {result.weighted_attainment_before:.3g} → "
            f"{result.weighted_attainment_after:.3g}{per}; the optimum takes "
            f"{format_pounds(result.contribution_after)} from it against {format_pounds(result.contribution_before)}.")
    return result, [head], Status.OPTIMAL


def _result(frozen: dict[str, Any], names: dict[str, str], before: Result, after: Result,
            made: int) -> ContributionChange:
    partner = frozen["partner_id"]

    def paid(result: Result) -> int:
        return next((t.pence for t in result.partner_totals if t.key == partner), 0)

    money_before = {t.key: t.pence for t in before.intervention_totals}
    money_after = {t.key: t.pence for t in after.intervention_totals}
    moved = sorted((k for k in set(money_before) | set(money_after)
                    if money_before.get(k, 0) != money_after.get(k, 0)),
                   key=lambda k: (-abs(money_after.get(k, 0) - money_before.get(k, 0)), names.get(k, k)))
    gained = (after.objective or 0.0) - (before.objective or 0.0)
    return ContributionChange(
        partner_id=uuid.UUID(partner), partner_name=names[partner], change=pounds(frozen["change"]),
        applied=pounds(made), weighted_attainment_before=tidy(before.objective or 0.0),
        weighted_attainment_after=tidy(after.objective or 0.0),
        points_per_million=tidy(gained / made * 100_000_000) if made else None,
        contribution_before=pounds(paid(before)), contribution_after=pounds(paid(after)),
        goals=[GoalAtBudget(goal_id=uuid.UUID(g.key), goal_name=g.name, attainment_percent=percent(g.attainment))
               for g in after.goals],
        interventions=[InterventionShift(intervention_id=uuid.UUID(k), intervention_name=names[k],
                                         before=pounds(money_before.get(k, 0)), after=pounds(money_after.get(k, 0)))
                       for k in moved])


def csv_rows(result: ContributionChange) -> list[dict[str, Any]]:
    return [i.model_dump(mode="json") for i in result.interventions]

