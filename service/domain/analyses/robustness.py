"""Robustness to the evidence: the run's allocation at the least and most favourable ends of every effect's
range, the allocation that does best in the worst case, and a seeded Monte Carlo over the ranges that
re-optimises each draw, so the board sees which interventions are funded whatever the evidence turns out.

Attainment is linear in the effects and money is never negative, so the worst case over the ranges is
every effect at its least favourable end (towards the goal's target), and maximising that is the
max-min allocation. The run's allocation is evaluated by solving with every intervention locked at its
amount. Effects without a range keep their central value.
"""

import random
import statistics
import uuid
from dataclasses import replace
from typing import Any

from service.domain.analyses.lines import totals
from service.domain.common.money import format_pounds, pence, pounds
from service.domain.models.findings import InterventionRobustness, NamedIntervention, Robustness
from service.domain.models.run import Run
from service.domain.runs import snapshot
from service.domain.runs.report import percent, tidy
from service.optimiser import Effect, Lock, Options, Problem, Result, Status, solve

CORE = 0.9  # funded in at least this share of the draws: the robust core
COLUMNS = ["intervention_id", "intervention_name", "proposed", "worst_case", "funded_in_percent", "sentence"]


def inputs(analysed: Run, draws: int, seed: int) -> dict[str, Any]:
    amounts = {key: pence(amount) for key, amount in totals(analysed, "intervention_id").items()}
    return {"snapshot": analysed.snapshot, "amounts": amounts, "draws": draws, "seed": seed}


def robustness(frozen: dict[str, Any]) -> tuple[Robustness | None, list[str], Status]:
    snap = snapshot.of(frozen["snapshot"])
    problem, options = snapshot.to_problem(snap)
    options = replace(options, explain=False)
    towards = {g.key: 1.0 if g.target >= g.baseline else -1.0 for g in problem.goals}
    ranges = {(i.id, goal): sorted((float(low), float(high)))
              for i in snap.interventions for goal, low, high in i.ranges}
    central = {(e.intervention, e.goal): e.per_thousand for e in problem.effects}

    def ends(worst: bool) -> dict[tuple[str, str], float]:
        """Each effect at the end of its range least (worst) or most favourable to its goal."""
        chosen = {}
        for k, v in central.items():
            sign = towards[k[1]]
            by_progress = sorted(sign * x for x in (*ranges.get(k, (v, v)), v))
            chosen[k] = sign * (by_progress[0] if worst else by_progress[-1])
        return chosen

    proposal = _locked(options, problem, frozen["amounts"])
    at = {name: _solved(problem, proposal, effects) for name, effects in
          (("central", central), ("low", ends(True)), ("high", ends(False)))}
    worst = _solved(problem, options, ends(True))
    if any(r.objective is None for r in (*at.values(), worst)):
        return None, ["No robustness: the allocation cannot be evaluated at the ends of the evidence's ranges."], (
            Status.ERROR)
    rng, values = random.Random(frozen["seed"]), []
    counts = dict.fromkeys((i.key for i in problem.interventions), 0)
    for _ in range(frozen["draws"]):
        drawn = {k: rng.uniform(*ranges[k]) if k in ranges else v for k, v in central.items()}
        found = _solved(problem, options, drawn)
        if found.objective is None:
            return None, [f"No robustness: a draw of the effects could not be solved ({found.message})."], (
                found.status)
        values.append(found.objective)
        for total in found.intervention_totals:
            counts[total.key] += total.pence >= 1
    return _report(snap.names(), frozen, at, worst, counts, values)


def _locked(options: Options, problem: Problem, amounts: dict[str, int]) -> Options:
    return replace(options, locks=tuple(Lock(i.key, "fixed", amounts.get(i.key, 0)) for i in problem.interventions))


def _solved(problem: Problem, options: Options, effects: dict[tuple[str, str], float]) -> Result:
    varied = replace(problem, effects=tuple(Effect(i, g, v) for (i, g), v in effects.items()))
    return solve(varied, options)


def _report(names: dict[str, str], frozen: dict[str, Any], at: dict[str, Result], worst: Result,
            counts: dict[str, int], values: list[float]) -> tuple[Robustness, list[str], Status]:
    draws, amounts = frozen["draws"], frozen["amounts"]
    worst_amounts = {t.key: t.pence for t in worst.intervention_totals}
    share = {key: percent(counts[key] / draws) if draws else 0.0 for key in counts}
    rows = sorted((InterventionRobustness(
        intervention_id=uuid.UUID(key), intervention_name=names[key], proposed=pounds(amounts.get(key, 0)),
        worst_case=pounds(worst_amounts.get(key, 0)), funded_in_percent=share[key],
        sentence=f"{names[key]}: proposed {format_pounds(pounds(amounts.get(key, 0)))}, funded in "
                 f"{share[key]} % of {draws} draws of the evidence")
        for key in counts), key=lambda r: (-r.funded_in_percent, r.intervention_name))
    core = [NamedIntervention(intervention_id=r.intervention_id, intervention_name=r.intervention_name)
            for r in rows if draws and r.funded_in_percent >= CORE * 100]
    spread = sorted(values)
    low, high = (spread[int(0.05 * (len(spread) - 1))], spread[int(0.95 * (len(spread) - 1))]) if spread else (0, 0)
    result = Robustness(
        draws=draws, seed=frozen["seed"], proposal_at_central=tidy(at["central"].objective or 0.0),
        proposal_at_low=tidy(at["low"].objective or 0.0), proposal_at_high=tidy(at["high"].objective or 0.0),
        worst_case_attainment=tidy(worst.objective or 0.0),
        median_attainment=tidy(statistics.median(spread) if spread else 0.0), attainment_5th_percentile=tidy(low),
        attainment_95th_percentile=tidy(high), interventions=rows, robust_core=core)
    head = (f"The proposal gives {result.proposal_at_central:.3g} weighted points on the central evidence, "
            f"{result.proposal_at_low:.3g} if every effect is at its least favourable end and "
            f"{result.proposal_at_high:.3g} at its most; the best allocation for the worst case gives "
            f"{result.worst_case_attainment:.3g}. Re-optimised over {draws} draws: median "
            f"{result.median_attainment:.3g} (90 % between {low:.3g} and {high:.3g}).")
    core_text = (f"Funded in at least {CORE:.0%} of the draws: {', '.join(i.intervention_name for i in core)}."
                 if core else "No intervention is funded in 90 % of the draws.")
    return result, [head, core_text, *(r.sentence + "." for r in rows)], Status.OPTIMAL
