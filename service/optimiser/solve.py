"""`solve`: build, optimise, tie-break, check, round and explain. Never raises.

Maximise attainment is lexicographic: stage 1 maximises sum_g w_g a_g (+ beyond credit); stage 2
minimises pooled money sum_i F[i] subject to  weighted attainment >= opt - tolerance,  so that money
nobody needs stays with its partner. The tolerance is set in pence: what a hundredth of a penny buys at
the lowest value per pound among the money stage 1 spent, so stage 2 can release no money that buys
anything, once rounded to pence. The answer is then checked outside the solver (checks.py): money the
solver left that could still buy attainment is spent, and an allocation that could still be improved is
never called optimal.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from .arrays import prepare
from .checks import improvements, precision_warnings, spend_last_pennies, top_up, tranche_values
from .diagnose import diagnose
from .explain import binding, goal_reports, partner_reports, shadow_prices
from .highs import SOLVER, Solution, run, solve_lp
from .layout import Stage
from .model import Model, build
from .prepared import F64, I64, Keyed, Prepared
from .problem import Mode, Options, Problem
from .progress import Progress, report
from .progress import Stage as RunStage
from .result import Line, Relaxation, Result, ShadowPrice, Shortfall, SolverInfo, Status, Timings, Total
from .rounding import Allocation, allocate

RETRIES = 3  # widen the stage-2 tolerance a thousandfold each time the solver finds it too tight


@dataclass(frozen=True, eq=False)
class Primary:
    """Outcome of one optimisation: what the benchmark times as 'primary'."""

    prepared: Prepared
    model: Model
    solution: Solution
    allocation: Allocation | None
    build_s: float


def _remaining(deadline: float) -> float:
    return max(deadline - time.perf_counter(), 1e-3)


def primary(problem: Problem, options: Options, deadline: float, stage: Stage | None = None) -> Primary:
    """Build, solve, read back and round one stage (default: the mode's first stage)."""
    t = time.perf_counter()
    p = prepare(problem, options)
    if stage is None:
        least = options.mode == Mode.LEAST_COST
        stage = Stage("money", required=True) if least else Stage("attainment")
    m = build(p, stage)
    build_s = time.perf_counter() - t
    sol = run(m, options.algorithm, _remaining(deadline), options.mip_rel_gap)
    alloc = None if sol.x is None else allocate(p, sol.x[m.lay.y], sol.x[m.lay.F])
    return Primary(p, m, sol, alloc, build_s)


def _dual_solution(first: Primary, options: Options, deadline: float) -> tuple[Model, Solution]:
    """milp gives no duals: re-solve the LP with the integer choices fixed."""
    m, sol = first.model, first.solution
    if not m.integrality.any() or sol.x is None:
        return m, sol
    lay = m.lay
    fixed = tuple(np.r_[sol.x[lay.b], sol.x[lay.z]].tolist())
    stage = Stage(m.stage.objective, m.stage.attainment_floor, m.stage.required, m.stage.elastic, fixed)
    fm = build(first.prepared, stage)
    return fm, solve_lp(fm, "highs-ds", _remaining(deadline))


def _lines(
    p: Prepared, a: Allocation
) -> tuple[tuple[Line, ...], tuple[Total, ...], tuple[Total, ...], tuple[Total, ...]]:
    lines = tuple(
        Line(p.streams.keys[s], p.partners.keys[p.streams.partner[s]], p.interventions.keys[i], int(v))
        for s, i, v in zip(a.line_stream, a.line_int, a.line_pence, strict=True)
    )
    by_p = np.bincount(p.streams.partner, weights=a.stream_pence, minlength=len(p.partners)).astype(np.int64)
    return lines, _totals(p.streams, a.stream_pence), _totals(p.partners, by_p), _totals(p.interventions, a.int_pence)


def _totals(index: Keyed, pence: I64) -> tuple[Total, ...]:
    return tuple(Total(k, n, int(v)) for k, n, v in zip(index.keys, index.names, pence, strict=True))


def _empty(status: Status, message: str, options: Options, t0: float, info: SolverInfo | None = None,
           build_s: float = 0.0, solve_s: float = 0.0, relaxations: tuple[Relaxation, ...] = (),
           shortfalls: tuple[Shortfall, ...] = (), diagnosis: tuple[str, ...] = ()) -> Result:
    """A result without an allocation: infeasible, stopped, or failed."""
    return Result(
        status=status, message=message, mode=options.mode.value, objective=None, total_pence=0, lines=(),
        stream_totals=(), partner_totals=(), intervention_totals=(), goals=(), partners=(), shadow_prices=(),
        binding=(), relaxations=relaxations, shortfalls=shortfalls, diagnosis=diagnosis,
        solver=info or SolverInfo(SOLVER, "", options.formulation.value, None, 0, 0, 0),
        timings=Timings(build_s, solve_s, time.perf_counter() - t0))


def solve(problem: Problem, options: Options | None = None, *, progress: Progress | None = None) -> Result:
    """`progress`, when given, is called with each stage as it starts: solving, then (with `options.explain`)
    explaining."""
    options = options or Options()
    t0 = time.perf_counter()
    try:
        return _solve(problem, options, t0, progress)
    except Exception as exc:  # noqa: BLE001 - the contract is: never raise, report status=error
        return _empty(Status.ERROR, f"{type(exc).__name__}: {exc}", options, t0)


def _solve(problem: Problem, options: Options, t0: float, progress: Progress | None) -> Result:
    deadline = t0 + options.time_limit_s
    report(progress, RunStage.SOLVING)
    maximise = options.mode == Mode.MAXIMISE_ATTAINMENT
    first = primary(problem, options, deadline)
    p, m, sol = first.prepared, first.model, first.solution
    info = SolverInfo(
        SOLVER, sol.method, options.formulation.value, sol.mip_gap, m.lay.n, m.A.shape[0], int(m.integrality.sum())
    )
    solve_s = sol.seconds
    if sol.status == Status.INFEASIBLE:
        relax, short, diag = diagnose(p, options, _remaining(deadline), not maximise)
        return _empty(Status.INFEASIBLE, sol.message, options, t0, info, first.build_s, solve_s, relaxations=relax,
                      shortfalls=short, diagnosis=diag)
    if first.allocation is None or sol.x is None:
        return _empty(
            sol.status if sol.status != Status.OPTIMAL else Status.ERROR,
            sol.message,
            options,
            t0,
            info,
            first.build_s,
            solve_s,
        )
    alloc, status, warnings = first.allocation, sol.status, precision_warnings(p)
    if maximise and status == Status.OPTIMAL:
        (y, F), seconds = _least_money(first, options, deadline)
        solve_s += seconds
        y, F, added = top_up(p, y, F)
        if added * p.unit >= 1:
            warnings.append(f"The solver left {added * p.unit / 100:,.2f} pounds unspent that could still buy "
                            "attainment (its value per pound is below the solver's precision beside the best); "
                            "the service has allocated it, best value per pound first.")
        alloc = spend_last_pennies(p, allocate(p, y, F))
        problems = improvements(p, alloc.stream_pence, alloc.int_pence, (alloc.line_stream, alloc.line_int))
        if problems:
            status = Status.IMPRECISE
            warnings += [*problems, "So this allocation is not optimal: the data span more orders of magnitude than "
                         "the solver can resolve. Move far targets nearer their baselines, or remove effects far "
                         "smaller than the rest."]
    prices: tuple[ShadowPrice, ...] = ()
    if options.explain:
        report(progress, RunStage.EXPLAINING)
        if status == Status.OPTIMAL:
            dm, dsol = _dual_solution(first, options, deadline)
            solve_s += dsol.seconds if dsol is not sol else 0.0
            prices = shadow_prices(p, dm, dsol, maximise, alloc)
    goals, objective = goal_reports(p, alloc)
    lines, streams, partners, ints = _lines(p, alloc)
    return Result(
        status=status,
        message=sol.message,
        mode=options.mode.value,
        objective=objective,
        total_pence=alloc.total,
        lines=lines,
        stream_totals=streams,
        partner_totals=partners,
        intervention_totals=ints,
        goals=goals,
        partners=partner_reports(p, alloc),
        shadow_prices=prices,
        binding=binding(prices, maximise),
        relaxations=(),
        shortfalls=(),
        diagnosis=(),
        solver=info,
        timings=Timings(first.build_s, solve_s, time.perf_counter() - t0),
        warnings=tuple(warnings),
    )


def tie_tolerance(p: Prepared, f: F64) -> float:
    """Weighted attainment that a hundredth of a penny buys at the lowest value per pound among funded
    tranches."""
    value, _ = tranche_values(p, f, leaving=True)
    funded = (f * p.unit >= 0.01) & (value > 0)
    return float(value[funded].min()) * 0.01 / p.unit if funded.any() else 0.0


def _least_money(first: Primary, options: Options, deadline: float) -> tuple[tuple[F64, F64], float]:
    """Stage 2 from stage 1's optimum; stage 1's money when the solver cannot meet even a wider tolerance."""
    p, m, sol = first.prepared, first.model, first.solution
    assert sol.x is not None
    opt = -float(sol.fun or 0.0) * p.objective_scale
    tolerance, seconds = tie_tolerance(p, sol.x[m.lay.fcol]), 0.0
    for attempt in range(RETRIES):
        floor = opt - max(tolerance, 1e-12 * abs(opt)) * 1000.0**attempt
        tie = build(p, Stage("money", attainment_floor=floor))
        tsol = run(tie, options.algorithm, _remaining(deadline), options.mip_rel_gap)
        seconds += tsol.seconds
        if tsol.x is not None and tsol.status == Status.OPTIMAL:
            return (tsol.x[tie.lay.y], tsol.x[tie.lay.F]), seconds
    return (sol.x[m.lay.y], sol.x[m.lay.F]), seconds
