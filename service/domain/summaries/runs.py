"""A finished run's summary: from its report and lines, with the LAA flags and codes its snapshot froze."""

from collections.abc import Iterable
from decimal import Decimal

from service.domain.models.report import GoalOutcome, JointWorkingValue, RunReport
from service.domain.models.snapshot import Snapshot
from service.domain.models.summary import THRESHOLD_PERCENT, MissedTarget, RunSummary
from service.domain.summaries.words import most, points, short_pounds, whole_percent

LISTED = 5  # missed targets named in the sentence; the field lists them all
HEADS = {"time_limit": "Stopped at its time limit, not proven best: ",
         "imprecise": "Not optimal (see the warnings): "}


def of_run(status: str, report: RunReport, funded: Iterable[str], snap: Snapshot) -> RunSummary:
    """`funded`: the ids of the interventions the run's lines give money to."""
    codes = {g.id: g.code for g in snap.goals}
    laa = {g.id for g in snap.goals if g.laa}
    maximum = sum((g.weight for g in report.goals), 0.0)
    achieved = report.weighted_attainment
    share = None if achieved is None or maximum <= 0 else round(achieved / maximum * 100, 1) + 0.0
    missed = sorted((_missed(g, codes.get(str(g.goal_id), "")) for g in report.goals
                     if str(g.goal_id) in laa and _percent(g) < 100),
                    key=lambda m: (m.attainment_percent, m.goal_name))
    gain, saves, note = _pooling(report.joint_working, snap)
    summary = RunSummary(
        sentence="", status=status, weighted_attainment=achieved, weighted_attainment_max=maximum,
        attainment_percent=share, goals_total=len(report.goals), threshold_percent=THRESHOLD_PERCENT,
        goals_at_or_above_threshold=sum(_percent(g) >= THRESHOLD_PERCENT for g in report.goals),
        laa_targets_total=len(laa), laa_targets_missed=missed, pooling_gain_points=gain, pooling_saves=saves,
        pooling_note=note, total_allocated=report.total_allocated, interventions_funded=len(set(funded)),
        interventions_total=len(snap.interventions), scale_note=_scale(maximum, achieved))
    return summary.model_copy(update={"sentence": _sentence(summary, report)})


def _percent(goal: GoalOutcome) -> float:
    return goal.attainment_percent if goal.attainment_percent is not None else round(goal.attainment * 100, 1)


def _missed(goal: GoalOutcome, code: str) -> MissedTarget:
    return MissedTarget(goal_id=goal.goal_id, goal_name=goal.name, indicator_code=code,
                        attainment_percent=_percent(goal))


def _pooling(joint: JointWorkingValue | None, snap: Snapshot) -> tuple[float | None, Decimal | None, str | None]:
    if joint is None:
        why = ("a least_cost run is not compared with silos" if snap.mode == "least_cost"
               else "the silo comparison could not be computed")
        return None, None, f"No silo comparison: {why}."
    if joint.attainment_gained is None or joint.money_saved is None:
        return joint.attainment_gained, joint.money_saved, joint.sentence
    return joint.attainment_gained, joint.money_saved, None


def _scale(maximum: float, achieved: float | None) -> str:
    note = (f"Weighted points are the sum over goals of weight × attainment (0 at the baseline, 1 at the target); "
            f"the most possible, {most(maximum)}, is the sum of the goals' weights")
    if achieved is not None and achieved > maximum:
        note += "; credit for going past targets takes this run above it"
    return note + "."


def _sentence(s: RunSummary, report: RunReport) -> str:
    if s.weighted_attainment is None:
        why = next(iter([*(r.sentence for r in report.relaxations), *report.diagnosis]), "")
        return f"No allocation was found ({s.status})" + (f": {why.rstrip('.')}" if why else "")
    parts = [f"{points(s.weighted_attainment)} of a possible {most(s.weighted_attainment_max)} weighted points"
             + ("" if s.attainment_percent is None else f" ({whole_percent(s.attainment_percent)})"),
             f"{s.goals_at_or_above_threshold} of {s.goals_total} goals at or above "
             f"{most(s.threshold_percent)} % of target", _laa(s), _pooled(s),
             f"{s.interventions_funded} of {s.interventions_total} interventions funded"]
    return HEADS.get(s.status, "") + "; ".join(p for p in parts if p)


def _laa(s: RunSummary) -> str:
    if not s.laa_targets_total:
        return ""
    if not s.laa_targets_missed:
        return f"all {s.laa_targets_total} LAA targets met"
    named = ", ".join(f"{m.indicator_code or m.goal_name} ({whole_percent(m.attainment_percent)})"
                      for m in s.laa_targets_missed[:LISTED])
    more = len(s.laa_targets_missed) - LISTED
    count = len(s.laa_targets_missed)
    return (f"{count} of {s.laa_targets_total} LAA target{'s' if s.laa_targets_total != 1 else ''} missed: "
            f"{named}" + (f" and {more} more" if more > 0 else ""))


def _pooled(s: RunSummary) -> str:
    if s.pooling_gain_points is None:
        return (s.pooling_note or "").rstrip(".")
    gain = f"pooling adds {points(s.pooling_gain_points)} points"
    if s.pooling_saves is None:
        return f"{gain} against silos"
    if s.pooling_saves < 0:
        return f"{gain} and spends {short_pounds(-s.pooling_saves)} more than silos for their attainment"
    return f"{gain} and saves {short_pounds(s.pooling_saves)} against silos"
