"""Robustness to the evidence on the demo: the run's allocation at the ends of the effects' ranges, the
worst-case allocation, and seeded draws re-optimised; checked against separate solves."""

import uuid
from dataclasses import replace

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from service.domain.models.run import Run
from service.domain.runs import snapshot
from service.optimiser import Effect, solve
from tests import builders as b

DEMO = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


def analyse(demo, run, **body):
    answer = demo.post(f"{DEMO}/runs/{run['id']}/analyses", json={"kind": "robustness", **body})
    assert answer.status_code == 201, answer.text
    return answer.json()


def test_the_proposal_across_the_evidence_and_its_robust_core(demo, session):
    run = b.created(demo.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs"))
    analysis = analyse(demo, run, draws=8, seed=5)
    assert analysis["status"] == "done", analysis["message"]
    found = analysis["result"]
    assert found["kind"] == "robustness" and (found["draws"], found["seed"]) == (8, 5)
    central = run["result"]["weighted_attainment"]
    assert abs(found["proposal_at_central"] - central) <= 1e-6 * central
    assert found["proposal_at_low"] <= found["proposal_at_central"] <= found["proposal_at_high"]
    assert found["proposal_at_low"] < found["proposal_at_high"]  # the demo's evidence has ranges
    assert found["proposal_at_low"] <= found["worst_case_attainment"] + 1e-9  # the max-min does at least as well
    assert found["attainment_5th_percentile"] <= found["median_attainment"] <= found["attainment_95th_percentile"]
    # the worst case, solved separately: every effect at the end of its range least favourable to its goal
    snap = snapshot.of(session.get_one(Run, uuid.UUID(run["id"])).snapshot)
    problem, options = snapshot.to_problem(snap)
    towards = {g.key: 1 if g.target >= g.baseline else -1 for g in problem.goals}
    ends = {(i.id, goal): (float(low), float(high)) for i in snap.interventions for goal, low, high in i.ranges}
    worst = tuple(Effect(e.intervention, e.goal, min((*ends.get((e.intervention, e.goal), ()), e.per_thousand),
                                                     key=lambda v, g=e.goal: towards[g] * v)) for e in problem.effects)
    separate = solve(replace(problem, effects=worst), replace(options, explain=False))
    assert abs(separate.objective - found["worst_case_attainment"]) <= 1e-6 * separate.objective
    rows = found["interventions"]
    assert len(rows) == len(snap.interventions)
    assert [r["funded_in_percent"] for r in rows] == sorted((r["funded_in_percent"] for r in rows), reverse=True)
    assert {i["intervention_id"] for i in found["robust_core"]} == {r["intervention_id"] for r in rows
                                                                   if r["funded_in_percent"] >= 90}
    again = analyse(demo, run, draws=8, seed=5)
    assert again["result"] == found  # reproducible from its seed


def test_draws_are_only_for_robustness(demo):
    run = b.created(demo.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs"))
    b.assert_problem(demo.post(f"{DEMO}/runs/{run['id']}/analyses", json={"kind": "frontier", "draws": 3}), 422,
                     "only for robustness")
    b.assert_problem(demo.post(f"{DEMO}/runs/{run['id']}/analyses", json={"kind": "robustness", "draws": 0}), 422)
