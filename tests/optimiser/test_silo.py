"""The value of joint working exists for every feasible pooled scenario: silos keep none of the pool's own
rules (least contributions, the matched cap), and a rule that still applies but that the lead partner's
own streams cannot meet is relaxed by the diagnosed amount and named."""

from __future__ import annotations

from service.optimiser import Options, Status, value_of_joint_working
from tests.optimiser.opt_factory import K, goal, intervention, problem, stream

EFFECTS = [("youth", "g1", -0.05), ("patrol", "g1", -0.02)]
GOALS = [goal("g1", 100, 0)]


def test_a_least_contribution_from_a_partner_that_leads_nothing_no_longer_stops_the_comparison():
    streams = [stream("council-fund", "council", 200), stream("police-fund", "police", 300, least_k=100)]
    interventions = [intervention("youth", "t", "council", 500)]
    found = value_of_joint_working(problem(streams, interventions, GOALS, EFFECTS[:1]), Options())
    assert found.pooled.status == found.silo.status == Status.OPTIMAL
    assert found.gain is not None and found.gain > 0 and found.silo_relaxations == ()
    assert found.silo.total_pence == 200 * K  # the police keep their money: nothing they lead to fund


def test_committed_funding_the_lead_cannot_meet_is_relaxed_and_named():
    streams = [stream("council-fund", "council", 200)]
    interventions = [intervention("youth", "t", "council", 500),
                     intervention("patrol", "t", "police", 100, committed_k=50)]
    found = value_of_joint_working(problem(streams, interventions, GOALS, EFFECTS), Options())
    assert found.pooled.status == Status.OPTIMAL and found.silo.status == Status.OPTIMAL
    assert len(found.silo_relaxations) == 1 and "Patrol" in found.silo_relaxations[0]
    assert "In silos" in found.sentence and found.gain is not None
    assert dict((t.key, t.pence) for t in found.silo.intervention_totals).get("patrol", 0) == 0


def test_silos_have_no_matched_cap():
    streams = [stream("council-fund", "council", 200), stream("police-fund", "police", 200)]
    interventions = [intervention("youth", "t", "council", 500)]
    found = value_of_joint_working(problem(streams, interventions, GOALS, EFFECTS[:1]), Options(matched_cap=0.6))
    assert found.silo.status == Status.OPTIMAL
    assert found.silo.total_pence == 200 * K  # the council funds its own intervention wholly
    pooled = {t.key: t.pence for t in found.pooled.partner_totals}
    assert pooled["council"] <= 0.6 * found.pooled.total_pence + 3
