"""Why a run leaves each intervention it does not fund without money, from its frozen register and report."""

from dataclasses import dataclass
from decimal import Decimal

from service.domain.common.money import format_pounds, pounds
from service.domain.models.report import RunReport
from service.domain.models.snapshot import InterventionSnapshot, Snapshot


@dataclass(frozen=True)
class Unfunded:
    intervention_id: str
    intervention: str
    theme: str
    why: str


def unfunded(snap: Snapshot, report: RunReport, funded: set[str]) -> list[Unfunded]:
    themes = {t.id: t.name for t in snap.themes}
    return [Unfunded(i.id, i.name, themes.get(i.theme_id, ""), _why(i, snap, report))
            for i in sorted(snap.interventions, key=lambda i: (themes.get(i.theme_id, ""), i.name))
            if i.id not in funded]


def _why(i: InterventionSnapshot, snap: Snapshot, report: RunReport) -> str:
    o = snap.options
    if i.id in {str(x) for x in o.excluded_intervention_ids}:
        return "The scenario leaves it out."
    if not _eligible_streams(i, snap):
        return ("No funding stream in the pool may fund it: ring-fences, excluded partners or excluded pairs rule "
                "out every one.")
    if not i.effects:
        return "It has no recorded effect on any goal, so money on it adds no weighted attainment."
    if snap.mode == "least_cost":
        return "The required attainment is reached at less cost without it."
    value, helps, met, harms = _points_per_million(i, snap, report)
    if not helps and not met:
        return "Its effects move no goal that counts towards its target" + (
            f" (it moves {', '.join(harms)} away)." if harms else ".")
    if not helps:
        return f"The goals it would move ({', '.join(met)}) are already at target in this allocation."
    if value <= 0:
        return f"What it moves away from target ({', '.join(harms)}) outweighs what it adds ({', '.join(helps)})."
    why = (f"Its best £1m would add at most {value:.2f} weighted points, less than the money buys on the "
           "interventions funded instead")
    if i.min_viable > 0:
        why += f"; it needs at least {format_pounds(pounds(i.min_viable))} to be funded at all"
    return why + "."


def _eligible_streams(i: InterventionSnapshot, snap: Snapshot) -> list[str]:
    o = snap.options
    out = {str(p) for p in o.excluded_partner_ids}
    pairs = {(str(x.partner_id), str(x.intervention_id)) for x in o.excluded_pairs}
    return [s.id for s in snap.streams if s.most > 0 and s.partner_id not in out
            and (s.partner_id, i.id) not in pairs and (not s.theme_ids or i.theme_id in s.theme_ids)]


def _points_per_million(i: InterventionSnapshot, snap: Snapshot,
                        report: RunReport) -> tuple[float, list[str], list[str], list[str]]:
    """Weighted points its first £1m adds at its first tranche's rate (nothing for progress past a target
    unless the scenario credits it), and the goals it helps, would help but are at target, and harms."""
    weights = {g.id: Decimal(g.weight) for g in snap.goals}
    weights.update({str(x.goal_id): x.weight for x in snap.options.weight_overrides})
    goals = {g.id: g for g in snap.goals}
    attained = {str(g.goal_id): g.attainment for g in report.goals}
    beyond = float(snap.options.beyond_target_weight)
    rate = float(i.tranches[0][1]) if i.tranches else 1.0
    total = 0.0
    helps: list[str] = []
    met: list[str] = []
    harms: list[str] = []
    for goal_id, per_thousand in i.effects:
        goal = goals.get(goal_id)
        if goal is None or Decimal(goal.target) == Decimal(goal.baseline) or not weights.get(goal_id):
            continue
        label = goal.code or goal.name
        progress = float(Decimal(per_thousand) * 1000 / (Decimal(goal.target) - Decimal(goal.baseline))) * rate
        at_target = progress > 0 and attained.get(goal_id, 0.0) >= 1
        credit = beyond if at_target else 1.0
        if progress > 0:
            (met if at_target and not beyond else helps).append(label)
        elif progress < 0:
            harms.append(label)
        total += float(weights.get(goal_id, Decimal(0))) * progress * credit
    return total, helps, met, harms
