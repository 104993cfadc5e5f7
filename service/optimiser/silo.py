"""Silos that can always be compared with the pool. The rules only pooling makes (least contributions to
the pool, the matched-funding cap) never apply in silos (arrays.without_pooling_rules); a rule that still
applies but cannot be met there (committed funding or a lock that the lead partner's own streams cannot
fund, a theme floor) is relaxed by what the diagnosis says, and named, so that the comparison exists for
every feasible pooled scenario.
"""

from __future__ import annotations

from dataclasses import replace

from .problem import Options, Problem
from .result import Relaxation, RelaxationKind, Result, Status
from .solve import solved


def relaxed(problem: Problem, options: Options, silo: Result) -> tuple[Result, tuple[str, ...]]:
    """The silo result, re-solved with the diagnosed relaxations applied when it was infeasible, and the
    sentences naming them (none when nothing was relaxed)."""
    if silo.status != Status.INFEASIBLE or not silo.relaxations:
        return silo, ()
    changed_problem, changed_options = _apply(problem, options, silo.relaxations)
    again, _ = solved(changed_problem, changed_options)
    told = tuple(f"In silos: {r.sentence}" for r in silo.relaxations)
    return again, told


def _apply(problem: Problem, options: Options, relaxations: tuple[Relaxation, ...]) -> tuple[Problem, Options]:
    lower = {r.key: r.amount_pence for r in relaxations if r.kind == RelaxationKind.COMMITTED}
    unlocked = {r.key for r in relaxations if r.kind == RelaxationKind.LOCK}
    unfloored = {r.key for r in relaxations if r.kind == RelaxationKind.THEME_FLOOR}
    interventions = tuple(replace(i, committed_pence=max(i.committed_pence - lower[i.key], 0)) if i.key in lower
                          else i for i in problem.interventions)
    return (replace(problem, interventions=interventions),
            replace(options, locks=tuple(x for x in options.locks if x.intervention not in unlocked),
                    theme_floors=tuple(f for f in options.theme_floors if f[0] not in unfloored)))
