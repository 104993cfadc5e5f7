"""Analyses benchmark: `python -m bench.analyses [--sizes small,medium] [--regimes tight25] [--repeats N]`
(`make bench` runs it after bench.run).

Per size and regime (bench/generate.py, LP), each decision-support analysis the service offers — the
efficient frontier, fair shares (every coalition of the partners), robustness (the allocation at the ends
of the ranges, the worst case and DRAWS draws re-optimised), near-optimal alternatives (1 % and 5 %) and
weight sensitivity — timed as a ratio to one primary optimisation of the same instance. The optimiser's
own functions are timed (the domain around them only names and formats); robustness, which lives in the
domain, is timed through its optimiser solves. Repeats interleaved; medians of n. `--anew` also times fair
shares, alternatives and weights with every solve on a model of its own (`reuse=False`, as before they kept
one model), in the same rounds.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import replace

from bench.generate import instance
from service.optimiser import Effect, Options, Problem, solve
from service.optimiser.alternatives import near_optimal
from service.optimiser.frontier import efficient_frontier
from service.optimiser.sensitivity import sensitivity
from service.optimiser.shapley import fair_shares
from service.optimiser.solve import primary

DRAWS = 10
REPEATS = {"small": 3, "medium": 1}


def robustness(problem: Problem, options: Options) -> None:
    """As the robustness analysis solves: three evaluations and the worst case (approximated here by
    scaled effects, as the generated instances have no ranges), then DRAWS draws re-optimised."""
    rng = random.Random(0)
    quiet = replace(options, explain=False)
    for factor in (1.0, 0.5, 1.5, 0.5):
        solve(replace(problem, effects=tuple(Effect(e.intervention, e.goal, e.per_thousand * factor)
                                             for e in problem.effects)), quiet)
    for _ in range(DRAWS):
        solve(replace(problem, effects=tuple(Effect(e.intervention, e.goal, e.per_thousand * rng.uniform(0.5, 1.5))
                                             for e in problem.effects)), quiet)


ANALYSES: dict[str, Callable[[Problem, Options], object]] = {
    "frontier": efficient_frontier,
    "fair shares": fair_shares,
    "robustness": robustness,
    "alternatives": lambda problem, options: near_optimal(problem, options, (0.01, 0.05)),
    "weights": sensitivity,
}


ANEW: dict[str, Callable[[Problem, Options], object]] = {
    "fair shares, anew": lambda problem, options: fair_shares(problem, options, reuse=False),
    "alternatives, anew": lambda problem, options: near_optimal(problem, options, (0.01, 0.05), reuse=False),
    "weights, anew": lambda problem, options: sensitivity(problem, options, reuse=False),
}


def seconds(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="small,medium")
    parser.add_argument("--regimes", default="tight25")
    parser.add_argument("--repeats", type=int, help="override repeats per size (small 3, medium 1)")
    parser.add_argument("--anew", action="store_true", help="also each analysis with a model per solve")
    args = parser.parse_args()
    analyses = {**ANALYSES, **(ANEW if args.anew else {})}
    print("| size | regime | partners | primary | " + " | ".join(f"{name} (÷ primary)" for name in analyses)
          + " | n |")
    print("|---|---|---|---|" + "---|" * len(analyses) + "---|")
    for size in args.sizes.split(","):
        for regime in args.regimes.split(","):
            problem, options = instance(size, integers=False, regime=regime)
            times: dict[str, list[float]] = {name: [] for name in ["primary", *analyses]}
            repeats = args.repeats or REPEATS.get(size, 1)
            for _ in range(repeats):  # interleaved: a busy machine slows every column alike
                times["primary"].append(seconds(lambda p=problem, o=options: primary(p, o, time.perf_counter() + 600)))
                for name, analysis in analyses.items():
                    times[name].append(seconds(lambda a=analysis, p=problem, o=options: a(p, o)))
            base = statistics.median(times["primary"])
            cells = [f"{statistics.median(times[n]):.3f} s ({statistics.median(times[n]) / base:,.0f} ×)"
                     for n in analyses]
            print(f"| {size} | {regime} | {len(problem.partners)} | {base:.3f} s | " + " | ".join(cells)
                  + f" | {repeats} |", flush=True)


if __name__ == "__main__":
    main()
