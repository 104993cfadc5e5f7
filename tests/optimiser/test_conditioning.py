"""Answers that stay right whatever the scale of the data, checked against exact answers computed with
fractions: a far target, a small effect with money to spare, the least money that keeps the optimum, a
stream whose interventions are all locked, and effects spanning nine orders of magnitude."""

from __future__ import annotations

import importlib
import random
from dataclasses import replace
from fractions import Fraction

import pytest
from opt_factory import K, goal, intervention, problem, stream

from service.optimiser import Lock, Options, Status, solve
from service.optimiser import checks as checks_module

solve_module = importlib.import_module("service.optimiser.solve")  # the module, not the function it exports

RNG = random.Random(7)
N = 140
CAPS = [round(10 ** RNG.uniform(-3.3, 4.5), 5) for _ in range(N)]  # £1,000s: about £0.50 to £30m
EFFECTS = [10 ** RNG.uniform(-2.4, 3.0) for _ in range(N)]  # per £1,000: 0.004 to 1,000
BUDGET_K = 225_600.0


def one_budget(target: float, budget_k: float = BUDGET_K, effects: list[float] = EFFECTS, caps: list[float] = CAPS):
    return problem([stream("s", "council", budget_k)],
                   [intervention(f"i{n:03d}", "t", "council", caps[n]) for n in range(len(caps))],
                   [goal("g", 0.0, target)], [(f"i{n:03d}", "g", effects[n]) for n in range(len(caps))],
                   partners=("council",))


def exact_greedy(target: float, budget_k: float = BUDGET_K, effects=EFFECTS, caps=CAPS):
    """One budget, one goal: fund the best effect per pound first, to capacity, until the money or the
    distance to target runs out. Returns (attainment, pence spent) exactly."""
    left, gap, spent = Fraction(round(budget_k * K)), Fraction(target), Fraction(0)
    delta = Fraction(0)
    for n in sorted(range(len(caps)), key=lambda n: -effects[n]):
        per_penny = Fraction(effects[n]) / K
        take = min(left, Fraction(round(caps[n] * K)), max(gap - delta, Fraction(0)) / per_penny)
        delta += take * per_penny
        left -= take
        spent += take
    return min(Fraction(1), delta / gap), spent


def spent(result) -> int:
    return sum(t.pence for t in result.intervention_totals)


@pytest.mark.parametrize("target", [1e4, 1e6, 1e8, 1e10, 1e12])
def test_a_far_target_gives_the_exact_optimum_and_spends_what_it_should(target):
    result = solve(one_budget(target))
    attainment, pence = exact_greedy(target)
    assert result.status == Status.OPTIMAL
    assert result.objective == pytest.approx(float(attainment), rel=1e-9)
    assert abs(spent(result) - pence) <= 1  # to the penny: the least money reaching that attainment


def test_a_small_effect_is_funded_when_there_is_money_to_spare():
    effects, caps = [1000.0, 10.0, 0.0039], [5_000.0, 5_000.0, 20.0]
    result = solve(one_budget(1e9, budget_k=50_000.0, effects=effects, caps=caps))
    assert result.status == Status.OPTIMAL
    assert [t.pence for t in result.intervention_totals] == [round(c * K) for c in caps]


@pytest.mark.parametrize("capacity_k", [10.0, 1e4, 1e6])
def test_money_nobody_needs_stays_with_its_partner_to_the_penny(capacity_k):
    """A reachable target, with attainment per pound as small as large capacities make it: the least money
    reaching it, to the penny (a tolerance on attainment would release pounds that still buy some)."""
    effects, caps = [float(n + 1) for n in range(30)], [capacity_k] * 30
    target = sum(e * c for e, c in zip(effects, caps, strict=True)) * 0.5
    result = solve(one_budget(target, budget_k=capacity_k * 30, effects=effects, caps=caps))
    attainment, pence = exact_greedy(target, budget_k=capacity_k * 30, effects=effects, caps=caps)
    a_penny_buys = max(effects) / target / K  # the most attainment one penny can buy here
    assert attainment == 1 and result.objective == pytest.approx(1.0, abs=a_penny_buys)
    assert abs(spent(result) - pence) <= 1


def test_a_stream_whose_interventions_are_all_locked_is_not_binding():
    """The council's stream may fund only two locked interventions, which take all of it: more money there
    has nowhere to go, though the solver's (degenerate) dual for the row said otherwise before the check."""
    council = stream("locked", "council", 500.0, themes=("locked",))
    police = stream("free", "police", 300.0, themes=("open",))
    p = problem([council, police],
                [intervention("a", "locked", "council", 500.0), intervention("b", "locked", "council", 500.0),
                 intervention("c", "open", "police", 1_000.0)],
                [goal("g", 0.0, 1e6)], [("a", "g", 2.0), ("b", "g", 1.0), ("c", "g", 3.0)])
    options = Options(locks=(Lock("a", "fixed", 300 * K), Lock("b", "fixed", 200 * K)))
    result = solve(p, options)
    price = next(s for s in result.shadow_prices if s.kind == "stream_most" and s.key == "locked")
    assert price.per_thousand == 0.0 and "locked" not in {b.key for b in result.binding}
    more = replace(p, streams=(replace(council, most_pence=council.most_pence + 103_400), police))
    assert solve(more, options).objective == result.objective  # with £1,034 more: the same answer
    free = next(s for s in result.shadow_prices if s.kind == "stream_most" and s.key == "free")
    assert free.per_thousand == pytest.approx(3.0 / 1e6, rel=1e-9)  # the police's £1,000 more buys c's 3 / 1e6


def test_effects_spanning_nine_orders_of_magnitude_are_funded_in_the_order_of_their_value():
    effects = [10.0 ** -k for k in range(10)]  # 1 down to 1e-9 per £1,000
    caps = [10.0] * 10
    for budget in (35.0, 95.0, 200.0):
        result = solve(one_budget(1e15, budget_k=budget, effects=effects, caps=caps))
        funded = [t.pence for t in sorted(result.intervention_totals, key=lambda t: t.key)]
        expected = [min(10 * K, max(0, round(budget * K) - n * 10 * K)) for n in range(10)]
        assert result.status == Status.OPTIMAL and funded == expected, (budget, funded)


def test_a_stream_of_effects_beyond_the_solver_s_precision_is_named():
    result = solve(one_budget(1e6, budget_k=10.0, effects=[1.0, 1e-11], caps=[1.0, 1.0]))
    assert any("below a billionth" in w for w in result.warnings)


def test_an_allocation_the_checks_can_improve_is_never_called_optimal(monkeypatch):
    monkeypatch.setattr(solve_module, "top_up", lambda p, y, F: (y, F, 0.0))  # the repairs left out,
    monkeypatch.setattr(solve_module, "spend_last_pennies", lambda p, alloc: alloc)  # the check must catch it
    effects, caps = [1.0, 1e-10], [1.0, 5.0]
    result = solve(one_budget(1e6, budget_k=10.0, effects=effects, caps=caps))
    assert result.status == Status.IMPRECISE
    assert any("unspent" in w for w in result.warnings) and any("not optimal" in w for w in result.warnings)


def test_the_improvement_check_finds_money_on_the_wrong_intervention():
    from service.optimiser.arrays import prepare

    p = prepare(one_budget(1e6, budget_k=10.0, effects=[2.0, 1.0], caps=[10.0, 10.0]), Options())
    most, unfunded = p.streams.most_p, p.interventions.hi_p * 0
    wrong = checks_module.improvements(p, stream_pence=most.copy(), int_pence=unfunded + [0, 10 * K], lines=([0], [1]))
    assert wrong and "would buy more attainment" in wrong[0]
    right = checks_module.improvements(p, stream_pence=most.copy(), int_pence=unfunded + [10 * K, 0], lines=([0], [0]))
    assert right == []
