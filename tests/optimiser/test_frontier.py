"""The efficient frontier: exact at its breakpoints (each equal to a separate budget-constrained solve),
linear between them (a separate solve anywhere between lands on the line), non-decreasing and concave for
the LP; from the least money any allocation needs to everything available, where it reaches the optimum."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from bench.generate import REGIMES, instance
from service.optimiser import Status, solve
from service.optimiser.arrays import prepare
from service.optimiser.frontier import budget_row, efficient_frontier, with_row
from service.optimiser.highs import run
from service.optimiser.layout import Stage
from service.optimiser.model import build

CASES = [("small", regime) for regime in REGIMES] + [("medium", "tight10")]


def cold(problem, options, budget_pence: float) -> float:
    """Weighted attainment of one separate solve with the budget row, from scratch."""
    p = prepare(problem, options)
    m = build(p, Stage("attainment"))
    sol = run(with_row(m, budget_row(p, m, budget_pence / p.unit)), options.algorithm, 60, 0)
    assert sol.status == Status.OPTIMAL
    return float(-(m.c @ sol.x) * p.objective_scale)


def close(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-7 * max(1.0, abs(a), abs(b))


@pytest.mark.parametrize(("size", "regime"), CASES)
def test_the_frontier_is_exact_at_its_breakpoints_and_linear_between(size, regime):
    problem, options = instance(size, integers=False, regime=regime)
    frontier = efficient_frontier(problem, options)
    assert frontier.status == Status.OPTIMAL and frontier.exact
    points = frontier.points
    budgets = np.array([p.budget for p in points])
    values = np.array([p.attainment for p in points])
    assert (np.diff([p.budget_pence for p in points]) > 0).all() and (np.diff(budgets) > 0).all()
    assert (np.diff(values) >= -1e-9 * max(1.0, values.max())).all(), "non-decreasing"
    slopes = np.diff(values) / np.diff(budgets)
    assert (np.diff(slopes) <= 1e-6 * np.abs(slopes[1:])).all(), "concave"
    best = solve(problem, replace(options, explain=False))
    assert close(values[-1], best.objective)
    assert points[-1].budget_pence == sum(s.most_pence for s in problem.streams)
    rng = np.random.default_rng(7)
    for k in rng.choice(len(points), size=min(6, len(points)), replace=False):
        assert close(cold(problem, options, budgets[k]), values[k]), k
    for k in rng.choice(len(points) - 1, size=min(6, len(points) - 1), replace=False):
        between = budgets[k] + rng.uniform(0.2, 0.8) * (budgets[k + 1] - budgets[k])
        on_line = values[k] + (values[k + 1] - values[k]) * (between - budgets[k]) / (budgets[k + 1] - budgets[k])
        assert close(cold(problem, options, between), on_line), (k, between)


def test_the_frontier_starts_at_the_least_money_any_allocation_needs():
    problem, options = instance("small", integers=False, regime="tight25")
    start = efficient_frontier(problem, options).points[0].budget_pence
    assert start > 0
    p = prepare(problem, options)
    m = build(p, Stage("attainment"))
    below = run(with_row(m, budget_row(p, m, (start - 100) / p.unit)), options.algorithm, 60, 0)
    assert below.status == Status.INFEASIBLE  # a pound less and no allocation meets the scenario's rules
    assert close(cold(problem, options, start), efficient_frontier(problem, options).points[0].attainment)


def test_with_integer_choices_the_frontier_is_sampled_and_never_falls():
    problem, options = instance("small", integers=True, regime="tight25")
    frontier = efficient_frontier(problem, options)
    assert frontier.status == Status.OPTIMAL and not frontier.exact and len(frontier.points) == 21
    values = [p.attainment for p in frontier.points]
    assert all(b >= a - 1e-9 * max(1.0, abs(a)) for a, b in zip(values, values[1:], strict=False))
