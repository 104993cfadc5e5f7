"""A finished analysis's summary: one sentence from its figures (its first finding when it has none)."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

from service.domain.models.findings import (
    Alternatives,
    Comparison,
    ContributionChange,
    FairShares,
    Frontier,
    Robustness,
    WeightSensitivity,
)
from service.domain.models.summary import AnalysisSummary
from service.domain.summaries.words import most, points, short_pounds, whole_percent

MILLION = Decimal(1_000_000)


def of_analysis(kind: str, result: Any, findings: list[str]) -> AnalysisSummary:
    said = SAY.get(type(result))
    sentence = said(result) if said is not None else (findings[0] if findings else "Nothing was found.")
    return AnalysisSummary(kind=kind, sentence=sentence)


def _comparison(c: Comparison) -> str:
    moved = [change for change in c.changes if change.sentence]
    head = (f"Total {short_pounds(c.total_after)} against {short_pounds(c.total_before)}")
    if c.weighted_attainment_after is not None and c.weighted_attainment_before is not None:
        gained = c.weighted_attainment_after - c.weighted_attainment_before
        head = (f"Weighted attainment {points(c.weighted_attainment_after)} against "
                f"{points(c.weighted_attainment_before)} ({gained:+.1f} points); {head[0].lower()}{head[1:]}")
    tail = (f"{len(moved)} records changed, the largest: {moved[0].sentence.rstrip('.')}" if moved
            else "nothing else changed")
    return f"{head}; {tail}"


def _frontier(f: Frontier) -> str:
    if not f.points:
        return "No frontier could be traced."
    first, last = f.points[0], f.points[-1]
    best = max(f.points, key=lambda p: (p.weighted_attainment, -p.budget))
    said = (f"From {short_pounds(first.budget)} to {short_pounds(last.budget)} weighted attainment rises from "
            f"{points(first.weighted_attainment)} to {points(best.weighted_attainment)} of a possible "
            f"{most(f.maximum)}")
    rising = [s for s in f.segments if s.to_budget <= best.budget and s.points_per_million > 0]
    if rising:
        said += (f"; the first £1m above the least needed buys {_per_million(rising[0].points_per_million)} points "
                 f"and the last £1m (to {short_pounds(best.budget)}) "
                 f"{_per_million(rising[-1].points_per_million)}")
    return said


def _per_million(value: float) -> str:
    return f"{value:,.2f}" if abs(value) < 1 else points(value)


def _shares(s: FairShares) -> str:
    said = f"Pooling gains {points(s.gain)} points over silos ({points(s.silo_attainment)} to " \
           f"{points(s.pooled_attainment)})"
    if s.partners:
        top = max(sorted(s.partners, key=lambda p: p.partner_name), key=lambda p: p.shapley)
        said += (f"; {top.partner_name} brings the most, {points(top.shapley)} points"
                 + ("" if top.share_of_gain_percent is None else f" ({whole_percent(top.share_of_gain_percent)} "
                                                                 "of the gain)")
                 + f", for {whole_percent(top.share_of_money_percent)} of the money")
    if s.exact:
        said += ("; the fair shares are in the core" if not s.blocking else
                 f"; {len(s.blocking)} coalition{'s' if len(s.blocking) != 1 else ''} would gain more pooling alone")
    return said


def _robustness(r: Robustness) -> str:
    core = len(r.robust_core)
    return (f"The allocation gives {points(r.proposal_at_central)} points on the central evidence, "
            f"{points(r.proposal_at_low)} at its least favourable end and {points(r.proposal_at_high)} at its "
            f"most; the best guaranteed is {points(r.worst_case_attainment)}; {core} of {len(r.interventions)} "
            f"interventions are funded in at least 90 % of {r.draws} draws")


def _alternatives(a: Alternatives) -> str:
    if not a.bands:
        return f"The optimum is {points(a.optimum)} points."
    band = a.bands[0]
    said = f"Within {band.tolerance_percent:g} % of the optimum ({points(a.optimum)} points)"
    if band.partners:
        room = max(sorted(band.partners, key=lambda p: p.partner_name), key=lambda p: p.most - p.least)
        said += (f", {room.partner_name} could pay from {short_pounds(room.least)} to {short_pounds(room.most)} "
                 f"(it pays {short_pounds(room.in_run)})")
    return said + (f"; the most different allocation within it funds {len(band.different_funded)} interventions "
                   f"and reaches {points(band.different_attainment)} points")


def _weights(w: WeightSensitivity) -> str:
    ranged = [g for g in w.goals if g.weight > 0 and (g.low is not None or g.high is not None)]
    said = f"For {len(w.goals) - len(ranged)} of {len(w.goals)} goals the allocation stays as it is whatever the weight"
    if ranged:
        tight = min(ranged, key=lambda g: (_room(g.weight, g.low, g.high), g.goal_name))
        said = (f"The allocation is most sensitive to the weight of {tight.goal_name} ({tight.weight:g}): it stays "
                f"as it is from {_end(tight.low)} to {_end(tight.high)}")
    near = [i for i in w.interventions if i.factor is not None]
    if near:
        closest = min(near, key=lambda i: (i.factor or 0, i.intervention_name))
        said += (f"; of {len(w.interventions)} unfunded interventions, {closest.intervention_name} is nearest: "
                 f"it would need effects {closest.factor:.3g} times as strong")
    elif w.interventions:
        said += f"; none of the {len(w.interventions)} unfunded interventions would get money with effects " \
                "1,000 times as strong"
    return said


def _room(weight: float, low: float | None, high: float | None) -> float:
    """How far, as a fraction of the weight, it may move before the allocation changes."""
    return min(weight - low if low is not None else weight, high - weight if high is not None else weight) / weight


def _end(value: float | None) -> str:
    return "no limit" if value is None else f"{value:.3g}"


def _contribution(c: ContributionChange) -> str:
    gained = c.weighted_attainment_after - c.weighted_attainment_before
    return (f"Changing {c.partner_name}'s most by {short_pounds(c.applied)} moves weighted attainment from "
            f"{points(c.weighted_attainment_before)} to {points(c.weighted_attainment_after)} ({gained:+.1f} "
            f"points); it pays {short_pounds(c.contribution_after)} instead of {short_pounds(c.contribution_before)}")


SAY: dict[type, Callable[[Any], str]] = {
    Comparison: _comparison, Frontier: _frontier, FairShares: _shares, Robustness: _robustness,
    Alternatives: _alternatives, WeightSensitivity: _weights, ContributionChange: _contribution}
