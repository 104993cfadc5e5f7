"""Property tests on small random problems (derandomised, fast)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from opt_factory import K, goal, intervention, problem, stream

from service.optimiser import Formulation, Options, Problem, Status, Tranche, solve, value_of_joint_working

SETTINGS = settings(max_examples=40, derandomize=True, deadline=None, suppress_health_check=[HealthCheck.too_slow])
THEMES = ("yp", "cs", "hw")
PARTNERS = ("council", "police", "nhs")


@st.composite
def problems(draw: st.DrawFn) -> tuple[Problem, Options]:
    n_i = draw(st.integers(2, 6))
    streams = []
    for p in PARTNERS:
        for k in range(draw(st.integers(1, 2))):
            themes = tuple(sorted(draw(st.sets(st.sampled_from(THEMES), max_size=2))))
            most = draw(st.integers(50, 800))
            least = draw(st.sampled_from([0, 0, most // 10]))
            streams.append(stream(f"{p}{k}", p, most + draw(st.integers(0, 99)) / 100, least, themes))
    ints = []
    for n in range(n_i):
        cap = draw(st.integers(100, 900))
        tr = draw(st.sampled_from([(), ((cap // 3, 1.0), (cap, 0.5)), ((50, 0.9), (50, 0.6), (cap, 0.3))]))
        ints.append(
            intervention(
                f"i{n}",
                THEMES[n % 3],
                PARTNERS[draw(st.integers(0, 2))],
                cap + 0.37,
                minv_k=draw(st.sampled_from([0, 0, 60])),
                tranches=tr,
            )
        )
    goals = [
        goal(f"g{k}", 50.0, draw(st.sampled_from([20.0, 80.0])), draw(st.sampled_from([1.0, 2.0]))) for k in range(3)
    ]
    effects = [
        (f"i{n}", f"g{k}", draw(st.sampled_from([-0.02, -0.01, 0.005, 0.03])))
        for n in range(n_i)
        for k in range(3)
        if draw(st.booleans())
    ]
    options = Options(
        matched_cap=draw(st.sampled_from([None, None, 0.7])),
        theme_floors=draw(st.sampled_from([(), (("cs", 0.2),)])),
        beyond_target_weight=draw(st.sampled_from([0.0, 0.3])),
    )
    return problem(streams, ints, goals, effects, PARTNERS), options


def check_allocation(p: Problem, options: Options, r: object) -> None:
    lines = r.lines
    assert all(ln.pence > 0 for ln in lines)
    by_stream = {t.key: t.pence for t in r.stream_totals}
    by_int = {t.key: t.pence for t in r.intervention_totals}
    for key, total in by_stream.items():
        assert sum(ln.pence for ln in lines if ln.stream == key) == total
    for key, total in by_int.items():
        assert sum(ln.pence for ln in lines if ln.intervention == key) == total
    assert sum(by_stream.values()) == sum(by_int.values()) == r.total_pence
    assert sum(t.pence for t in r.partner_totals) == r.total_pence
    streams = {s.key: s for s in p.streams}
    ints = {i.key: i for i in p.interventions}
    for s in p.streams:
        assert s.least_pence <= by_stream[s.key] <= s.most_pence
    for i in p.interventions:
        assert i.committed_pence <= by_int[i.key] <= i.capacity_pence
        assert by_int[i.key] == 0 or by_int[i.key] >= i.min_viable_pence
    for ln in lines:
        themes = streams[ln.stream].themes
        assert not themes or ints[ln.intervention].theme in themes
    if options.matched_cap is not None:
        for i, total in by_int.items():
            for partner in PARTNERS:
                given_ = sum(ln.pence for ln in lines if ln.intervention == i and ln.partner == partner)
                assert given_ <= options.matched_cap * total + 3  # a few pence of rounding
    for t, share in options.theme_floors:
        in_theme = sum(v for k, v in by_int.items() if ints[k].theme == t)
        assert in_theme >= share * r.total_pence - 2


def shuffled(p: Problem, seed: int) -> Problem:
    rng = random.Random(seed)

    def mix(items: tuple) -> tuple:
        out = list(items)
        rng.shuffle(out)
        return tuple(out)

    return replace(
        p,
        partners=mix(p.partners),
        streams=mix(p.streams),
        interventions=mix(p.interventions),
        goals=mix(p.goals),
        effects=mix(p.effects),
    )


@SETTINGS
@given(problems())
def test_allocation_is_valid_and_reconciles(case: tuple[Problem, Options]) -> None:
    p, options = case
    r = solve(p, options)
    assert r.status in (Status.OPTIMAL, Status.INFEASIBLE)
    if r.status == Status.OPTIMAL:
        check_allocation(p, options, r)
    else:
        assert r.diagnosis


@SETTINGS
@given(problems(), st.integers(0, 10_000))
def test_listing_order_does_not_matter(case: tuple[Problem, Options], seed: int) -> None:
    p, options = case
    a, b = solve(p, options), solve(shuffled(p, seed), options)
    assert a.status == b.status
    assert a.lines == b.lines and a.intervention_totals == b.intervention_totals
    assert a.objective == b.objective


@SETTINGS
@given(problems())
def test_pooling_never_worse_than_silos_without_a_cap_or_harm(case: tuple[Problem, Options]) -> None:
    p, options = case
    jw = value_of_joint_working(p, options)
    if jw.silo.status == Status.OPTIMAL and jw.pooled.status == Status.OPTIMAL:
        # Silos keep none of the pool's rules: with no matched cap and nothing that harms a goal, pooling can
        # only add; it may need more money than the silos spend, but no more than the least contributions.
        harmless = all(e.per_thousand * (g.target - g.baseline) >= 0 for e in p.effects for g in p.goals
                       if g.key == e.goal)
        if options.matched_cap is None and harmless:
            assert jw.gain >= -1e-6
            least = sum(s.least_pence for s in p.streams)
            assert jw.saving_pence is None or jw.saving_pence >= min(0, jw.silo_spend_pence - least) - 1
        siloed = replace(p, streams=tuple(replace(s, least_pence=0) for s in p.streams))
        check_allocation(siloed, replace(options, silo=True, matched_cap=None), jw.silo)


@SETTINGS
@given(problems())
def test_grouped_and_full_pair_agree(case: tuple[Problem, Options]) -> None:
    p, options = case
    a = solve(p, options)
    b = solve(p, replace(options, formulation=Formulation.FULL_PAIR))
    assert a.status == b.status
    if a.status == Status.OPTIMAL:
        assert a.objective == pytest.approx(b.objective, abs=1e-6)
        check_allocation(p, options, b)


def test_tranche_helper_is_used() -> None:
    assert Tranche(1, 1.0).width_pence == 1 and K == 100_000
