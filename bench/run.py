"""Optimiser benchmark: `python -m bench.run [--sizes small,medium,large] [--xlarge] [--milp] [--repeats N]`.

Per size: build time (full pairs); HiGHS alone on the full-pair matrix (best of dual simplex and
interior point, via scipy's HiGHS binding with the matrix prepared beforehand); the primary optimisation
as a run performs it (build, solve, read back, round to pence) on full pairs and on the grouped model,
each as a ratio to HiGHS alone; a whole run (tie-break, explanations, silo comparison); PuLP's build time
for the same full-pair model. Medians over repeats (fewer at big sizes).
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from bench.generate import SIZES, instance
from service.optimiser import Algorithm, Formulation, Options, Problem, value_of_joint_working
from service.optimiser.arrays import prepare
from service.optimiser.layout import Stage
from service.optimiser.model import Model, build
from service.optimiser.solve import primary

REPEATS = {"small": 5, "medium": 3, "large": 1, "xlarge": 1}


def median_time(fn: Callable[[], object], repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def highs_alone(m: Model, solver: str, time_limit: float) -> float:
    """Seconds inside HiGHS for the prepared matrix (private scipy binding: benchmark only)."""
    from scipy.optimize._highspy._highs_wrapper import _highs_wrapper

    A = m.A.tocsc()
    big = 1e30
    args = (
        m.c,
        A.indptr,
        A.indices,
        A.data,
        np.nan_to_num(m.lo, neginf=-big, posinf=big),
        np.nan_to_num(m.hi, neginf=-big, posinf=big),
        np.nan_to_num(m.lb, neginf=-big, posinf=big),
        np.nan_to_num(m.ub, neginf=-big, posinf=big),
        m.integrality.astype(np.uint8),
    )
    opts = {
        "presolve": True,
        "solver": solver,
        "time_limit": time_limit,
        "output_flag": False,
        "log_to_console": False,
        "mip_rel_gap": 1e-6,
    }
    t = time.perf_counter()
    _highs_wrapper(*args, opts)
    return time.perf_counter() - t


def pulp_build(m: Model) -> float:
    import pulp

    t = time.perf_counter()
    prob = pulp.LpProblem("full_pair", pulp.LpMinimize)
    lb = [None if not np.isfinite(v) else float(v) for v in m.lb]
    ub = [None if not np.isfinite(v) else float(v) for v in m.ub]
    xs = [
        pulp.LpVariable(f"x{j}", lb[j], ub[j], cat="Integer" if m.integrality[j] else "Continuous")
        for j in range(m.lay.n)
    ]
    nz = np.flatnonzero(m.c)
    prob += pulp.LpAffineExpression([(xs[j], float(m.c[j])) for j in nz])
    A = m.A
    for r in range(A.shape[0]):
        lo, hi = m.lo[r], m.hi[r]
        cols, vals = A.indices[A.indptr[r] : A.indptr[r + 1]], A.data[A.indptr[r] : A.indptr[r + 1]]
        expr = pulp.LpAffineExpression([(xs[j], float(v)) for j, v in zip(cols, vals, strict=True)])
        if lo == hi:
            prob += expr == float(lo)
            continue
        if np.isfinite(hi):
            prob += expr <= float(hi)
        if np.isfinite(lo):
            prob += expr >= float(lo)
    return time.perf_counter() - t


def bench_size(size: str, repeats: int, milp: bool, time_limit: float, both: bool) -> dict[str, float | int | str]:
    problem, options = instance(size, integers=milp)
    options = replace(options, time_limit_s=time_limit)
    full = replace(options, formulation=Formulation.FULL_PAIR)
    p_full = prepare(problem, full)
    build_s = median_time(lambda: build(prepare(problem, full), Stage("attainment")), repeats)
    m = build(p_full, Stage("attainment"))
    auto = "ipm" if len(p_full.pair_stream) >= 20_000 else "simplex"
    solvers = ["simplex", "ipm"] if both else [auto]
    alone = {s: median_time(lambda s=s: highs_alone(m, s, time_limit), repeats) for s in solvers}
    best = min(alone, key=alone.__getitem__)
    algo = Algorithm.SIMPLEX if best == "simplex" else Algorithm.IPM
    run = _runner(problem, replace(full, algorithm=algo))
    prim_full = median_time(run, repeats)
    prim_grouped = median_time(_runner(problem, options), repeats)
    whole = median_time(lambda: value_of_joint_working(problem, options), max(1, repeats // 2))
    pulp_s = pulp_build(m) if size != "xlarge" else float("nan")
    return {
        "size": size,
        "pairs": len(p_full.pair_stream),
        "groups": prepare(problem, options).n_groups,
        "integers": int(m.integrality.sum()),
        "build": build_s,
        "highs": alone[best],
        "algo": best,
        "prim_full": prim_full,
        "prim_grouped": prim_grouped,
        "whole": whole,
        "pulp": pulp_s,
    }


def _runner(problem: Problem, options: Options) -> Callable[[], object]:
    return lambda: primary(problem, options, time.perf_counter() + options.time_limit_s)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="small,medium,large", help=f"comma list of {','.join(SIZES)}")
    ap.add_argument("--quick", action="store_true", help="small,medium with one repeat")
    ap.add_argument("--xlarge", action="store_true", help="also the 200x20,000x1,000 size (long)")
    ap.add_argument("--milp", action="store_true", help="minimum viable amounts and order binaries (MILP)")
    ap.add_argument("--both", action="store_true", help="time HiGHS alone with both algorithms, keep the best")
    ap.add_argument("--repeats", type=int, default=0, help="override repeats per size")
    ap.add_argument("--time-limit", type=float, default=3600.0)
    args = ap.parse_args()
    sizes = ["small", "medium"] if args.quick else args.sizes.split(",")
    if args.xlarge and "xlarge" not in sizes:
        sizes.append("xlarge")
    head = (
        f"{'size':7} {'pairs':>9} {'groups':>6} {'ints':>5} {'build s':>8} {'HiGHS s':>8} {'algo':>7} "
        f"{'full s':>8} {'full/H':>7} {'grouped s':>9} {'grp/H':>7} {'whole s':>8} {'PuLP s':>8} {'PuLP/build':>10}"
    )
    print(head)
    print("-" * len(head))
    for size in sizes:
        reps = args.repeats or (1 if args.quick else REPEATS[size])
        r = bench_size(size, reps, args.milp, args.time_limit, args.both or size in ("small", "medium"))
        print(
            f"{r['size']:7} {r['pairs']:>9,} {r['groups']:>6} {r['integers']:>5} {r['build']:>8.3f} {r['highs']:>8.3f} "
            f"{r['algo']:>7} {r['prim_full']:>8.3f} {r['prim_full'] / r['highs']:>7.3f} {r['prim_grouped']:>9.3f} "
            f"{r['prim_grouped'] / r['highs']:>7.3f} {r['whole']:>8.3f} {r['pulp']:>8.2f} "
            f"{r['pulp'] / r['build']:>10.1f}",
            flush=True,
        )


if __name__ == "__main__":
    main()
