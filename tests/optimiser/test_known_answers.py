"""Known-answer tests. Unless stated: goal g1 40 -> 30 (span 10) and effect -0.01 per £1,000 means
£1k buys 0.001 attainment; goal g2 100 -> 80 (span 20) with -0.01 per £1k buys 0.0005. Money in £k."""

from __future__ import annotations

import pytest
from opt_factory import K, funded, goal, intervention, line, problem, stream

from service.optimiser import Lock, Mode, Options, Status, solve

G = [goal("g1", 40, 30), goal("g2", 100, 80, laa=False)]
E = [("i1", "g1", -0.01), ("i2", "g2", -0.01)]


def test_ring_fence_eligibility() -> None:
    # police (500, cs only) can fund only i2: 500 * 0.0005 = 0.25; council's 100 goes to i1 (0.001 > 0.0005): 0.1
    p = problem(
        [stream("c1", "council", 100), stream("p1", "police", 500, themes=("cs",))],
        [intervention("i1", "yp", "council", 1000), intervention("i2", "cs", "police", 1000)],
        G,
        E,
    )
    r = solve(p)
    assert r.status == Status.OPTIMAL
    assert r.objective == pytest.approx(0.35)
    assert line(r, "p1", "i1") == 0 and funded(r, "i1") == 100 and funded(r, "i2") == 500


def test_partner_least_and_most() -> None:
    # i1 (cap 100) is worth 0.1; the council's least 250 forces 150 more into useless i0 (stage 2 spends no
    # more than 250); police most 50 -> i2 = 50 -> 0.025. Objective 0.125; council leaves 400 - 250 unspent.
    p = problem(
        [stream("c1", "council", 400, least_k=250, themes=("yp",)), stream("p1", "police", 50, themes=("cs",))],
        [
            intervention("i0", "yp", "council", 1000),
            intervention("i1", "yp", "council", 100),
            intervention("i2", "cs", "police", 1000),
        ],
        G,
        E,
    )
    r = solve(p)
    assert r.objective == pytest.approx(0.125)
    assert (funded(r, "i0"), funded(r, "i1"), funded(r, "i2")) == (150, 100, 50)
    council = next(x for x in r.partners if x.key == "council")
    assert council.contributed_pence == 250 * K and council.unallocated_pence == 150 * K
    # the police's one stream binds; a partner's total (the sum of its streams' most) is never reported
    assert any(b.kind == "stream_most" and b.key == "p1" for b in r.binding)
    assert not any(s.kind == "partner_most" for s in r.shadow_prices)


def test_stream_most_and_shadow_price() -> None:
    # c1 (100, yp) and c2 (50, any) both go to i1 (0.001/£k): 150 -> 0.15; each most is worth 0.001 per £1k
    p = problem(
        [stream("c1", "council", 100, themes=("yp",)), stream("c2", "council", 50)],
        [intervention("i1", "yp", "council", 1000)],
        G,
        E[:1],
    )
    r = solve(p)
    assert r.objective == pytest.approx(0.15)
    assert (line(r, "c1", "i1"), line(r, "c2", "i1")) == (100, 50)
    price = next(s for s in r.shadow_prices if s.kind == "stream_most" and s.key == "c1")
    assert price.per_thousand == pytest.approx(0.001)
    assert any("C1's most (£100,000.00) is binding: £1m more would add 1 of 2 weighted attainment points"
               in b.sentence for b in r.binding)
    assert all(s.sentence for s in r.shadow_prices)  # every price in words, binding or not


def test_capacity() -> None:
    # i1 capped at 300 (0.3), the other 700 to i2 (0.35): 0.65; capacity of i1 worth 0.001 - 0.0005 per £1k
    p = problem(
        [stream("c1", "council", 1000)],
        [intervention("i1", "yp", "council", 300), intervention("i2", "cs", "council", 1000)],
        G,
        E,
    )
    r = solve(p)
    assert r.objective == pytest.approx(0.65) and funded(r, "i1") == 300
    cap = next(s for s in r.shadow_prices if s.kind == "capacity" and s.key == "i1")
    assert cap.per_thousand == pytest.approx(0.0005)


def test_minimum_viable_funding() -> None:
    # 500 available, i1 needs at least 600 to run -> unfunded; i2 takes 500 -> 0.25
    p = problem(
        [stream("c1", "council", 500)],
        [intervention("i1", "yp", "council", 1000, minv_k=600), intervention("i2", "cs", "council", 1000)],
        G,
        E,
    )
    r = solve(p)
    assert r.objective == pytest.approx(0.25) and funded(r, "i1") == 0 and funded(r, "i2") == 500


def test_committed_funding() -> None:
    # i2 has 200 committed (0.1), the remaining 300 go to i1 (0.3): 0.4
    p = problem(
        [stream("c1", "council", 500)],
        [intervention("i1", "yp", "council", 1000), intervention("i2", "cs", "council", 1000, committed_k=200)],
        G,
        E,
    )
    r = solve(p)
    assert r.objective == pytest.approx(0.4) and funded(r, "i2") == 200


def test_theme_floor() -> None:
    # cs must be >= 40% of 1000: i2 = 400 (0.2), i1 = 600 (0.6): 0.8. £1k more ring-fenced for cs moves
    # £1k from i1 to i2: -0.001 + 0.0005 = -0.0005
    p = problem(
        [stream("c1", "council", 1000)],
        [intervention("i1", "yp", "council", 1000), intervention("i2", "cs", "council", 1000)],
        G,
        E,
    )
    r = solve(p, Options(theme_floors=(("cs", 0.4),)))
    assert r.objective == pytest.approx(0.8) and funded(r, "i2") == 400
    floor = next(s for s in r.shadow_prices if s.kind == "theme_floor")
    assert floor.per_thousand == pytest.approx(-0.0005)


def test_matched_funding_cap() -> None:
    # no partner may give more than half of any intervention: council's share <= police's, police has 100,
    # so at most 200 is spent, all on i1 (0.001): 0.2, 100 from each partner
    p = problem(
        [stream("c1", "council", 1000), stream("p1", "police", 100)],
        [intervention("i1", "yp", "council", 1000), intervention("i2", "cs", "council", 2000)],
        G,
        E,
    )
    r = solve(p, Options(matched_cap=0.5))
    assert r.objective == pytest.approx(0.2) and funded(r, "i1") == 200
    assert (line(r, "c1", "i1"), line(r, "p1", "i1")) == (100, 100)


def test_cap_at_target_and_beyond_credit() -> None:
    # g1 reaches target at 1000 on i1; i2 (cap 400) adds 0.2: 1.2, and stage 2 leaves 600 of 2000 unspent.
    p = problem(
        [stream("c1", "council", 2000)],
        [intervention("i1", "yp", "council", 2000), intervention("i2", "cs", "council", 400)],
        G,
        E,
    )
    r = solve(p)
    assert r.objective == pytest.approx(1.2) and r.total_pence == 1400 * K
    assert r.goals[0].attainment == pytest.approx(1.0) and r.goals[0].projected == pytest.approx(30.0)
    # beyond-target credit 0.25: i1's extra 600 adds 0.25 * 0.6 = 0.15 -> 1.35, all 2000 spent
    r = solve(p, Options(beyond_target_weight=0.25))
    assert r.objective == pytest.approx(1.35) and r.total_pence == 2000 * K


def test_diminishing_returns() -> None:
    # i1: first 200 at full effect (0.001), then x0.4 (0.0004) < i2's 0.0005: i1 = 200 (0.2), i2 = 800 (0.4)
    p = problem(
        [stream("c1", "council", 1000)],
        [
            intervention("i1", "yp", "council", 1000, tranches=((200, 1.0), (100, 0.4))),
            intervention("i2", "cs", "council", 1000),
        ],
        G,
        E,
    )
    r = solve(p)
    assert r.objective == pytest.approx(0.6) and funded(r, "i1") == 200 and funded(r, "i2") == 800


def test_negative_effects_respect_tranche_order() -> None:
    # 300 must be spent (least), on harmful interventions only. Harm per £1k on g2 (span 20):
    # i1 +0.01 -> 0.0005 for its first 100, then x0.2 -> 0.0001; i2 +0.004 -> 0.0002 flat.
    # Filled in order: all on i2 costs 0.06; all on i1 0.05 + 0.02 = 0.07; i1 = 100 costs 0.09 -> i2 = 300.
    # (An LP free to fill i1's cheap second tranche first would wrongly pick i1 at 0.03.)
    p = problem(
        [stream("c1", "council", 300, least_k=300)],
        [
            intervention("i1", "yp", "council", 1000, tranches=((100, 1.0), (900, 0.2))),
            intervention("i2", "cs", "council", 1000),
        ],
        G,
        [("i1", "g2", 0.01), ("i2", "g2", 0.004)],
    )
    r = solve(p)
    assert funded(r, "i1") == 0 and funded(r, "i2") == 300
    assert r.objective == pytest.approx(-0.06) and r.goals[1].projected == pytest.approx(101.2)


def test_least_cost_mode() -> None:
    # g1 at 0.5 needs 500 on i1, g2 at 0.2 needs 400 on i2: 900 pooled
    p = problem(
        [stream("c1", "council", 1000)],
        [intervention("i1", "yp", "council", 1000), intervention("i2", "cs", "council", 1000)],
        G,
        E,
    )
    r = solve(p, Options(mode=Mode.LEAST_COST, required_attainment=(("g1", 0.5), ("g2", 0.2))))
    assert r.status == Status.OPTIMAL and r.total_pence == 900 * K
    # default = every LAA goal (g1) at 1.0: 1000
    assert solve(p, Options(mode=Mode.LEAST_COST)).total_pence == 1000 * K


def test_least_cost_shortfall() -> None:
    # g1 0.5 + g2 0.5 need 500 + 1000 > 1000: least weighted shortfall funds i1 500, i2 500 -> g2 0.25 short
    p = problem(
        [stream("c1", "council", 1000)],
        [intervention("i1", "yp", "council", 1000), intervention("i2", "cs", "council", 1000)],
        G,
        E,
    )
    r = solve(p, Options(mode=Mode.LEAST_COST, required_attainment=(("g1", 0.5), ("g2", 0.5))))
    assert r.status == Status.INFEASIBLE
    (s,) = r.shortfalls
    assert s.goal == "g2" and s.attainable == pytest.approx(0.25) and s.shortfall == pytest.approx(0.25)


def test_infeasible_least_contributions_diagnosed() -> None:
    # council must give >= 500 but may fund only i1 (cap 300): relax its least by 200
    p = problem(
        [stream("c1", "council", 1000, least_k=500, themes=("yp",))],
        [intervention("i1", "yp", "council", 300), intervention("i2", "cs", "council", 1000)],
        G,
        E,
    )
    r = solve(p)
    assert r.status == Status.INFEASIBLE and r.lines == ()
    (rel,) = r.relaxations
    assert (rel.kind, rel.key, rel.amount_pence) == ("stream_least", "c1", 200 * K)
    assert "total £500,000.00 but the interventions they may fund can take only £300,000.00" in r.diagnosis[0]


def test_infeasible_commitment_diagnosed() -> None:
    # i2 has 400 committed but its only eligible money (p1) is 300: relax the commitment by 100
    p = problem(
        [stream("c1", "council", 1000, themes=("yp",)), stream("p1", "police", 300, themes=("cs",))],
        [intervention("i1", "yp", "council", 300), intervention("i2", "cs", "police", 1000, committed_k=400)],
        G,
        E,
    )
    r = solve(p)
    assert r.status == Status.INFEASIBLE
    assert [(x.kind, x.key, x.amount_pence) for x in r.relaxations] == [("committed", "i2", 100 * K)]


def test_locks_and_exclusions() -> None:
    # i1 locked at 100 (0.1), the rest 900 to i2 (0.45); excluding the (council, i2) pair leaves i2 unfunded
    p = problem(
        [stream("c1", "council", 1000)],
        [intervention("i1", "yp", "council", 1000), intervention("i2", "cs", "council", 1000)],
        G,
        E,
    )
    r = solve(p, Options(locks=(Lock("i1", "fixed", 100 * K),)))
    assert funded(r, "i1") == 100 and r.objective == pytest.approx(0.55)
    r = solve(p, Options(excluded_pairs=frozenset({("council", "i1")})))
    assert funded(r, "i1") == 0 and funded(r, "i2") == 1000


def test_time_limit_returns_status() -> None:
    # 400 interventions with minimum viable amounts make a MILP that cannot finish in a millisecond
    ints = [intervention(f"i{n:03d}", "yp", "council", 100 + n % 37, minv_k=50 + n % 23) for n in range(400)]
    effects = [(f"i{n:03d}", f"g{n % 7}", -0.001 * (1 + n % 11)) for n in range(400)]
    goals = [goal(f"g{k}", 50, 10) for k in range(7)]
    p = problem([stream(f"c{k}", "council", 3000 + 7 * k) for k in range(5)], ints, goals, effects)
    r = solve(p, Options(time_limit_s=0.001))
    assert r.status == Status.TIME_LIMIT
    assert r.total_pence == sum(t.pence for t in r.intervention_totals)


def test_bad_input_is_an_error_not_an_exception() -> None:
    p = problem([stream("c1", "nobody", 10)], [intervention("i1", "yp", "council", 10)], G, E[:1])
    r = solve(p)
    assert r.status == Status.ERROR and "partner" in r.message


def test_a_commitment_below_the_minimum_viable_amount_is_diagnosed_as_the_commitment_it_is() -> None:
    # i2 (police-led, police money only 60) has 50 committed but a minimum viable amount of 80: the police
    # cannot reach 80, so the commitment must go (50), not be "lowered" by the 20 the minimum adds; no lock.
    p = problem(
        [stream("c1", "council", 500, themes=("yp",)), stream("p1", "police", 60, themes=("cs",))],
        [intervention("i1", "yp", "council", 1000), intervention("i2", "cs", "police", 200, minv_k=80,
                                                                  committed_k=50)],
        G,
        E,
    )
    r = solve(p)
    assert r.status == "infeasible"
    assert [(x.kind, x.key, x.amount_pence) for x in r.relaxations] == [("committed", "i2", 50 * K)]
    assert "cancel the commitment (£50,000.00)" in r.relaxations[0].sentence and "lock" not in r.relaxations[0].sentence
