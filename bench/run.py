"""Optimiser benchmark: `python -m bench.run [--sizes small,medium,large] [--regimes ...] [--xlarge] [--no-milp]`.

Per size and regime (bench/generate.py), LP and then MILP (minimum viable amounts):
- HiGHS alone: the full stream x intervention model's matrix handed to HiGHS, prepared beforehand (scipy's
  HiGHS binding), the best of dual simplex and interior point;
- primary: the optimisation as a run performs it on its grouped model (prepare, build, solve, read back,
  round to pence), the best algorithm too, as a ratio to HiGHS alone: what the service costs beyond the
  solver's own work on the plain model; and the primary with the algorithm a run chooses (`auto`);
- whole: value_of_joint_working as a run calls it (pooled with tie-break and explanations, silo, least pooled
  money), as a ratio to its own primary (`auto`), and the seconds of each of its steps.
Every measurement of a size and regime is repeated in turn (interleaved, so that a busy machine slows all
alike); medians, with n. `--pulp` adds PuLP's build time for the same full-pair model.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import replace

import numpy as np

from bench.generate import REGIMES, SIZES, instance
from service.optimiser import Algorithm, Formulation, JointWorking, value_of_joint_working
from service.optimiser.arrays import prepare
from service.optimiser.layout import Stage
from service.optimiser.model import Model, build
from service.optimiser.solve import primary

REPEATS = {"small": 5, "medium": 3, "large": 3, "xlarge": 1}
MILP_REPEATS = {"small": 3, "medium": 2}
MILP_SIZES = ("small", "medium")


def highs_alone(m: Model, solver: str, time_limit: float) -> float:
    """Seconds inside HiGHS for the prepared matrix (private scipy binding: benchmark only)."""
    from scipy.optimize._highspy._highs_wrapper import _highs_wrapper

    A = m.A.tocsc()
    big = 1e30
    args = (m.c, A.indptr, A.indices, A.data, *(np.nan_to_num(v, neginf=-big, posinf=big) for v in
                                                (m.lo, m.hi, m.lb, m.ub)), m.integrality.astype(np.uint8))
    opts = {"presolve": True, "solver": solver, "time_limit": time_limit, "output_flag": False,
            "log_to_console": False, "mip_rel_gap": 1e-6}
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


def pulp_table(sizes: list[str]) -> None:
    """How much longer PuLP takes to build the same full-pair model than build() (LP, saturated)."""
    print("\n| size | build, full pairs | PuLP build | PuLP ÷ ours |\n|---|---|---|---|")
    for size in sizes:
        problem, options = instance(size, integers=False)
        p = prepare(problem, replace(options, formulation=Formulation.FULL_PAIR))
        ours, m = timed(lambda p=p: build(p, Stage("attainment")))
        assert isinstance(m, Model)
        theirs = pulp_build(m)
        print(f"| {size} | {ours:.3f} s | {theirs:.2f} s | {theirs / ours:.0f} × |", flush=True)


def timed(fn: Callable[[], object]) -> tuple[float, object]:
    t = time.perf_counter()
    out = fn()
    return time.perf_counter() - t, out


def bench(size: str, regime: str, milp: bool, repeats: int, time_limit: float) -> dict[str, object]:
    problem, options = instance(size, integers=milp, regime=regime)
    options = replace(options, time_limit_s=time_limit)
    full = build(prepare(problem, replace(options, formulation=Formulation.FULL_PAIR)), Stage("attainment"))
    pairs = full.lay.y.stop - full.lay.y.start
    # a MILP is branch and bound whatever the LP algorithm; large full-pair LPs are too slow by simplex
    h_algos = ["simplex"] if milp else ["simplex", "ipm"] if size in ("small", "medium") else ["ipm"]
    p_algos = ["simplex"] if milp else ["simplex", "ipm"]
    algo = {"simplex": Algorithm.SIMPLEX, "ipm": Algorithm.IPM, "auto": Algorithm.AUTO}
    tasks: dict[str, Callable[[], object]] = {}
    for a in h_algos:
        tasks[f"highs {a}"] = lambda a=a: highs_alone(full, a, time_limit)
    for a in [*p_algos, "auto"]:
        run_options = replace(options, algorithm=algo[a])
        tasks[f"primary {a}"] = lambda o=run_options: primary(problem, o, time.perf_counter() + time_limit)
    tasks["whole"] = lambda: value_of_joint_working(problem, options)
    seconds: dict[str, list[float]] = {k: [] for k in tasks}
    steps: dict[str, list[float]] = {}
    joint = None
    for _ in range(repeats):
        for name, fn in tasks.items():
            s, out = timed(fn)
            seconds[name].append(s)
            if isinstance(out, JointWorking):
                joint = out
                for step, v in (*out.pooled.timings.steps, *out.steps):
                    steps.setdefault(step, []).append(v)
    med = {k: statistics.median(v) for k, v in seconds.items()}
    best_h = min(h_algos, key=lambda a: med[f"highs {a}"])
    best_p = min(p_algos, key=lambda a: med[f"primary {a}"])
    assert joint is not None
    return {
        "size": size, "regime": regime, "pairs": pairs, "groups": prepare(problem, options).n_groups,
        "ints": int(full.integrality.sum()), "attained": joint.pooled.objective or 0.0,
        "max": sum(g.weight for g in problem.goals), "silo": joint.silo.status.value,
        "highs": med[f"highs {best_h}"], "h_algo": best_h, "primary": med[f"primary {best_p}"], "p_algo": best_p,
        "auto": med["primary auto"], "whole": med["whole"], "n": repeats,
        "capped": "≥ " if med[f"highs {best_h}"] >= 0.99 * time_limit else "",  # stopped by the time limit
        "steps": {k: statistics.median(v) for k, v in steps.items()},
    }


def line(r: dict[str, object]) -> str:
    prim, whole, highs = float(r["primary"]), float(r["whole"]), float(r["highs"])  # type: ignore[arg-type]
    auto = float(r["auto"])  # type: ignore[arg-type]
    steps = ", ".join(f"{k} {v:.3f}" for k, v in r["steps"].items() if v >= 0.0005)  # type: ignore[attr-defined]
    at_most = "≤ " if r["capped"] else ""
    return (f"| {r['size']} | {r['regime']} | {r['pairs']:,} / {r['groups']} | {r['ints']} | "
            f"{r['attained']:.1f} of {r['max']:.0f} | {r['silo']} | {r['capped']}{highs:.3f} s ({r['h_algo']}) | "
            f"{prim:.3f} s ({r['p_algo']}) | {at_most}{prim / highs:.4f} | {auto:.3f} s | {whole:.3f} s | "
            f"{whole / auto:.2f} | {r['n']} | {steps} |")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="small,medium,large", help=f"comma list of {','.join(SIZES)}")
    ap.add_argument("--regimes", default=",".join(REGIMES), help=f"comma list of {','.join(REGIMES)}")
    ap.add_argument("--xlarge", action="store_true", help="also the 200x20,000x1,000 size (long)")
    ap.add_argument("--no-milp", action="store_true", help=f"skip the MILP rows (sizes {', '.join(MILP_SIZES)})")
    ap.add_argument("--milp-only", action="store_true")
    ap.add_argument("--pulp", action="store_true", help="also PuLP's build time for the full-pair model")
    ap.add_argument("--repeats", type=int, default=0, help="override repeats per size")
    ap.add_argument("--time-limit", type=float, default=3600.0)
    args = ap.parse_args()
    sizes = args.sizes.split(",") + (["xlarge"] if args.xlarge and "xlarge" not in args.sizes else [])
    kinds = [k for k in (False, True) if not (k and args.no_milp) and not (not k and args.milp_only)]
    print("| size | regime | pairs / groups | integers | pooled attainment | silo | HiGHS alone, full pairs | "
          "primary, best algorithm | primary ÷ HiGHS | primary as a run solves it | whole run | whole ÷ primary | n | "
          "steps of a whole run, s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for milp in kinds:
        for size in sizes:
            if milp and size not in MILP_SIZES:
                continue
            for regime in args.regimes.split(","):
                n = args.repeats or (MILP_REPEATS if milp else REPEATS)[size]
                print(line(bench(size, regime, milp, n, args.time_limit)), flush=True)
    if args.pulp:
        pulp_table([s for s in sizes if s != "xlarge"])


if __name__ == "__main__":
    main()
