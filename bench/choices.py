"""The optimiser's choices measured: `python -m bench.choices [--sizes medium,large] [--repeats 3]`.

Per size and siloable regime (LP), interleaved repeats, medians:
- stage 2 (least pooled money at stage 1's attainment) solved anew in HiGHS by dual simplex or interior
  point, against continued from stage 1's basis by dual or by primal simplex, and whether the continued
  solves fund the same lines as the new one;
- the least-pooled-money solve continued from stage 2's model (dual or primal simplex) against built and
  solved anew;
- a whole run with the silo solve beside the pooled one (a thread) against one after the other.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from bench.generate import REGIMES, instance
from service.optimiser import Options, Problem, value_of_joint_working
from service.optimiser.arrays import prepare
from service.optimiser.highs import choose, solve_lp
from service.optimiser.layout import Stage
from service.optimiser.live import Live
from service.optimiser.model import attainment_floor_row, build, objective
from service.optimiser.rounding import allocate
from service.optimiser.stage2 import at_floor, tie_tolerance


def stage2(problem: Problem, options: Options, method: str, continued: bool) -> tuple[float, object]:
    """Seconds of stage 2 alone by `method`, and its pence by line (stage 1 solved beforehand, untimed)."""
    p = prepare(problem, options)
    m = build(p, Stage("attainment"))
    first = solve_lp(m, choose(options.algorithm, m.lay.y.stop - m.lay.y.start, m.A.shape[0]), 3600)
    how = method
    assert first.x is not None and first.live is not None
    opt = -float(first.fun or 0.0) * p.objective_scale
    floor = opt - max(tie_tolerance(p, first.x[m.lay.fcol]), 1e-12 * abs(opt))
    live = first.live if continued else Live(m)
    t = time.perf_counter()
    live.minimise(objective(p, m.lay, Stage("money")), attainment_floor_row(p, m.lay, floor))
    sol = solve_lp(live, how, 3600)
    seconds = time.perf_counter() - t
    if sol.x is None:  # the solver did not finish it (its status is in the table as the lines' "failed")
        return seconds, sol.status.value
    a = allocate(p, sol.x[m.lay.y], sol.x[m.lay.F])
    return seconds, (a.line_stream.tolist(), a.line_int.tolist(), a.line_pence.tolist())


def least_pooled(problem: Problem, options: Options, warm: bool, method: str = "highs-ds") -> float:
    joint = value_of_joint_working(problem, options)
    assert joint.silo_attainment is not None
    floor = joint.silo_attainment * (1 - 1e-12)
    p = prepare(problem, options)
    m = build(p, Stage("attainment"))
    live = Live(m)
    solve_lp(live, choose(options.algorithm, m.lay.y.stop - m.lay.y.start, m.A.shape[0]), 3600)
    at_floor(p, m, live, joint.pooled_attainment or 0.0, options, 3600, False)
    t = time.perf_counter()
    at_floor(p, m, live if warm else None, floor, options, 3600, True, method)
    return time.perf_counter() - t


def _tasks(problem: Problem, options: Options, lines: dict[str, object]) -> dict[str, Callable[[], float]]:
    def s2(name: str, how: str, continued: bool) -> float:
        seconds, lines[name] = stage2(problem, options, how, continued)
        return seconds

    def whole(parallel: bool) -> float:
        t = time.perf_counter()
        value_of_joint_working(problem, options, parallel=parallel)
        return time.perf_counter() - t

    return {
        "anew": lambda: s2("anew", "highs-ds", False), "anew ipm": lambda: s2("anew ipm", "highs-ipm", False),
        "dual": lambda: s2("dual", "highs-ds", True), "primal": lambda: s2("primal", "highs-ps", True),
        "least anew": lambda: least_pooled(problem, options, False),
        "least continued": lambda: least_pooled(problem, options, True),
        "least primal": lambda: least_pooled(problem, options, True, "highs-ps"),
        "serial": lambda: whole(False), "beside": lambda: whole(True),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="medium,large")
    ap.add_argument("--repeats", type=int, default=3)
    ap.add_argument("--regimes", default=",".join(r for r in REGIMES if REGIMES[r][0]))
    args = ap.parse_args()
    print("| size | regime | stage 2 anew, dual simplex | anew, interior point | from stage 1, dual | from stage 1, "
          "primal | same lines | least pooled anew | continued, dual | continued, primal | whole, serial | whole, silo "
          "beside | n |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for size in args.sizes.split(","):
        for regime in args.regimes.split(","):
            problem, options = instance(size, integers=False, regime=regime)
            lines: dict[str, object] = {}
            tasks = _tasks(problem, options, lines)
            seconds: dict[str, list[float]] = {k: [] for k in tasks}
            for _ in range(args.repeats):
                for name, fn in tasks.items():
                    seconds[name].append(fn())
            med = {k: statistics.median(v) for k, v in seconds.items()}
            same = "yes" if lines["dual"] == lines["anew"] == lines["primal"] else "no"
            failed = [k for k, v in lines.items() if isinstance(v, str)]
            same += f" ({', '.join(failed)} failed: {lines[failed[0]]})" if failed else ""
            cells = " | ".join(f"{med[k] * 1000:.1f} ms" for k in ("anew", "anew ipm", "dual", "primal"))
            rest = " | ".join(f"{med[k] * 1000:.1f} ms" for k in ("least anew", "least continued", "least primal"))
            print(f"| {size} | {regime} | {cells} | {same} | {rest} | {med['serial']:.3f} s | {med['beside']:.3f} s | "
                  f"{args.repeats} |", flush=True)


if __name__ == "__main__":
    main()
