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
from .checks import improvements, precision_warnings, spend_last_pennies, top_up
from .diagnose import diagnose
from .explain import binding, goal_reports, partner_reports, shadow_prices
from .highs import SOLVER, Solution, run, solve_lp
from .layout import Stage
from .live import Live
from .model import Model, build
from .prepared import I64, Keyed, Prepared
from .problem import Mode, Options, Problem
from .progress import Progress, report
from .progress import Stage as RunStage
from .result import Line, Relaxation, Result, ShadowPrice, Shortfall, SolverInfo, Status, Timings, Total
from .rounding import Allocation, allocate
from .stage2 import least_money


@dataclass(frozen=True, eq=False)
class Primary:
    """Outcome of one optimisation: what the benchmark times as 'primary'."""

    prepared: Prepared
    model: Model
    solution: Solution
    allocation: Allocation | None
    build_s: float
    steps: tuple[tuple[str, float], ...]  # prepare, build, solve, round


def _remaining(deadline: float) -> float:
    return max(deadline - time.perf_counter(), 1e-3)


def primary(problem: Problem, options: Options, deadline: float, stage: Stage | None = None,
            prepared: Prepared | None = None, rounded: bool = True) -> Primary:
    """Prepare (unless given), build, solve, read back and round (unless not `rounded`) one stage (default:
    the mode's first)."""
    t0 = time.perf_counter()
    p = prepare(problem, options) if prepared is None else prepared
    t1 = time.perf_counter()
    if stage is None:
        least = options.mode == Mode.LEAST_COST
        stage = Stage("money", required=True) if least else Stage("attainment")
    m = build(p, stage)
    t2 = time.perf_counter()
    sol = run(m, options.algorithm, _remaining(deadline), options.mip_rel_gap)
    t3 = time.perf_counter()
    alloc = None if sol.x is None or not rounded else allocate(p, sol.x[m.lay.y], sol.x[m.lay.F])
    steps = (("prepare", t1 - t0), ("build", t2 - t1), ("solve", t3 - t2), ("round", time.perf_counter() - t3))
    return Primary(p, m, sol, alloc, t2 - t0, steps)


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
    sk, pk, ik, owner = p.streams.keys, p.partners.keys, p.interventions.keys, p.streams.partner.tolist()
    lines = tuple(Line(sk[s], pk[owner[s]], ik[i], v)
                  for s, i, v in zip(a.line_stream.tolist(), a.line_int.tolist(), a.line_pence.tolist(), strict=True))
    by_p = np.bincount(p.streams.partner, weights=a.stream_pence, minlength=len(p.partners)).astype(np.int64)
    return lines, _totals(p.streams, a.stream_pence), _totals(p.partners, by_p), _totals(p.interventions, a.int_pence)


def _totals(index: Keyed, pence: I64) -> tuple[Total, ...]:
    return tuple(Total(k, n, v) for k, n, v in zip(index.keys, index.names, pence.tolist(), strict=True))


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
    return solved(problem, options or Options(), progress)[0]


def solved(problem: Problem, options: Options, progress: Progress | None = None,
           prepared: Prepared | None = None, warm: bool = True) -> tuple[Result, Live | None]:
    """`solve` on a problem perhaps prepared already, with the LP as HiGHS holds it after stage 2 (None
    when there is none): the least-pooled-money solve changes its floor and continues from it. Never raises."""
    t0 = time.perf_counter()
    try:
        return _solve(problem, options, t0, progress, prepared, warm)
    except Exception as exc:  # noqa: BLE001 - the contract is: never raise, report status=error
        return _empty(Status.ERROR, f"{type(exc).__name__}: {exc}", options, t0), None


def _solve(problem: Problem, options: Options, t0: float, progress: Progress | None,
           prepared: Prepared | None, warm: bool) -> tuple[Result, Live | None]:
    deadline = t0 + options.time_limit_s
    report(progress, RunStage.SOLVING)
    maximise = options.mode == Mode.MAXIMISE_ATTAINMENT
    first = primary(problem, options, deadline, prepared=prepared, rounded=not maximise)
    steps, live = list(first.steps), None
    p, m, sol = first.prepared, first.model, first.solution
    info = SolverInfo(
        SOLVER, sol.method, options.formulation.value, sol.mip_gap, m.lay.n, m.A.shape[0], int(m.integrality.sum())
    )
    solve_s = sol.seconds
    if sol.status == Status.INFEASIBLE:
        relax, short, diag = diagnose(p, options, _remaining(deadline), not maximise)
        return _empty(Status.INFEASIBLE, sol.message, options, t0, info, first.build_s, solve_s, relaxations=relax,
                      shortfalls=short, diagnosis=diag), None
    if sol.x is None:
        failed = sol.status if sol.status != Status.OPTIMAL else Status.ERROR
        return _empty(failed, sol.message, options, t0, info, first.build_s, solve_s), None
    status, warnings = sol.status, precision_warnings(p)
    two_stage = maximise and status == Status.OPTIMAL  # stage 1's money is rounded only if it is the answer
    alloc = first.allocation or (None if two_stage else allocate(p, sol.x[m.lay.y], sol.x[m.lay.F]))
    if two_stage:
        t = time.perf_counter()
        (y, F), seconds, live = least_money(p, m, sol, options, _remaining(deadline), warm)
        solve_s += seconds
        steps.append(("tie-break", time.perf_counter() - t))
        t = time.perf_counter()
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
        steps.append(("check and round", time.perf_counter() - t))
    assert alloc is not None
    t = time.perf_counter()
    prices: tuple[ShadowPrice, ...] = ()
    if options.explain:
        report(progress, RunStage.EXPLAINING)
        if status == Status.OPTIMAL:
            dm, dsol = _dual_solution(first, options, deadline)
            solve_s += dsol.seconds if dsol is not sol else 0.0
            prices = shadow_prices(p, dm, dsol, maximise, alloc)
    goals, objective = goal_reports(p, alloc)
    lines, streams, partners, ints = _lines(p, alloc)
    steps.append(("explain and report", time.perf_counter() - t))
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
        timings=Timings(first.build_s, solve_s, time.perf_counter() - t0, tuple(steps)),
        warnings=tuple(warnings),
    ), live
