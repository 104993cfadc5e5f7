"""Property tests: the answer does not depend on the units of the data. The same partnership with every effect
and distance to target multiplied by 10^k, with every effect alone multiplied (far targets, so attainment
scales with it), or with money in other units, gives the same allocation to the penny and the same attainment
to 1e-9. LP and MILP (minimum viable amounts) instances; bounded, derandomised examples."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opt_factory import goal, intervention, problem, stream

from service.optimiser import Options, Problem, Status, solve

SETTINGS = settings(max_examples=25, derandomize=True, deadline=None, database=None,
                    suppress_health_check=[HealthCheck.too_slow])
PARTNERS = ("council", "police", "nhs")


@st.composite
def far_problems(draw: st.DrawFn) -> Problem:
    """Targets beyond reach even at a million times the effects, so that no goal is capped at its target."""
    streams = [stream(f"{p}{k}", p, draw(st.integers(50, 900)) + draw(st.integers(0, 99)) / 100,
                      themes=draw(st.sampled_from([(), ("t0",), ("t1",)])))
               for p in PARTNERS for k in range(draw(st.integers(1, 2)))]
    n_i = draw(st.integers(3, 7))
    milp = draw(st.booleans())
    ints = [intervention(f"i{n}", f"t{n % 2}", PARTNERS[n % 3], draw(st.integers(40, 700)) + 0.37,
                         minv_k=draw(st.sampled_from([0, 30])) if milp else 0) for n in range(n_i)]
    effects = [(f"i{n}", f"g{g}", draw(st.sampled_from([1, -1, 1, 1])) * 10 ** draw(st.floats(-3, 3)))
               for n in range(n_i) for g in range(2) if draw(st.booleans()) or g == n % 2]
    reach = sum(abs(e) for _, _, e in effects) * 1_000 * 1e7
    goals = [goal(f"g{g}", 10.0, 10.0 + (1 if g else -1) * reach * draw(st.floats(1, 10)), weight=g + 1.0)
             for g in range(2)]
    return problem(streams, ints, goals, effects, PARTNERS)


def scaled(p: Problem, *, effects: float = 1.0, distance: float = 1.0, money: int = 1) -> Problem:
    return replace(
        p,
        effects=tuple(replace(e, per_thousand=e.per_thousand * effects / money) for e in p.effects),
        goals=tuple(replace(g, target=g.baseline + (g.target - g.baseline) * distance) for g in p.goals),
        streams=tuple(replace(s, least_pence=s.least_pence * money, most_pence=s.most_pence * money)
                      for s in p.streams),
        interventions=tuple(replace(i, capacity_pence=i.capacity_pence * money, min_viable_pence=i.min_viable_pence
                                    * money, committed_pence=i.committed_pence * money) for i in p.interventions),
    )


def funding(result) -> dict[str, int]:
    return {t.key: t.pence for t in result.intervention_totals}


@pytest.mark.parametrize("k", [-6, -3, 3, 6])
@SETTINGS
@given(p=far_problems())
def test_effects_and_distances_scaled_together_change_nothing(p, k):
    base, other = solve(p), solve(scaled(p, effects=10.0**k, distance=10.0**k))
    assert base.status == other.status == Status.OPTIMAL
    assert funding(other) == funding(base)
    assert other.objective == pytest.approx(base.objective, rel=1e-9)


@pytest.mark.parametrize("k", [-6, -3, 3, 6])
@SETTINGS
@given(p=far_problems())
def test_effects_scaled_alone_scale_attainment_and_keep_the_allocation(p, k):
    base, other = solve(p), solve(scaled(p, effects=10.0**k))
    assert base.status == other.status == Status.OPTIMAL
    assert funding(other) == funding(base)
    assert other.objective == pytest.approx(base.objective * 10.0**k, rel=1e-9)


@pytest.mark.parametrize("j", [1, 2, 4])
@SETTINGS
@given(p=far_problems())
def test_money_in_other_units_gives_the_same_allocation(p, j):
    """Every amount times 10^j (pence to tenths, pounds, hundreds of pounds ...), effects per £1,000 divided by
    it: the same attainment, and the same allocation once divided back, to the penny."""
    base, other = solve(p), solve(scaled(p, money=10**j))
    assert base.status == other.status == Status.OPTIMAL
    assert other.objective == pytest.approx(base.objective, rel=1e-9)
    for key, pence in funding(base).items():
        assert abs(funding(other)[key] - pence * 10**j) <= 10**j, key


def test_the_generated_problems_span_lp_and_milp():
    from hypothesis import find

    assert find(far_problems(), lambda p: any(i.min_viable_pence for i in p.interventions))
    assert find(far_problems(), lambda p: not any(i.min_viable_pence for i in p.interventions))
    assert Options().time_limit_s > 0
