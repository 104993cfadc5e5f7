"""The efficient frontier of a run's scenario, through the API on the demo (a MILP, so sampled; the exact
LP breakpoints are tested in tests/optimiser/test_frontier.py): from the least money any allocation needs
to everything available, never falling, ending at the run's own optimum."""

import csv
import io
from decimal import Decimal

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from tests import builders as b

DEMO = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


def test_the_frontier_of_the_demo_rises_to_the_runs_optimum(demo):
    run = b.created(demo.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs"))
    answer = demo.post(f"{DEMO}/runs/{run['id']}/analyses", json={"kind": "frontier"})
    assert answer.status_code == 201, answer.text
    analysis = answer.json()
    assert analysis["status"] == "done" and analysis["result"]["kind"] == "frontier"
    found = analysis["result"]
    points, segments = found["points"], found["segments"]
    assert found["exact"] is False  # the demo's minimum viable amounts make it a MILP: sampled budgets
    assert len(points) == 21 and len(segments) == len(points) - 1
    budgets = [Decimal(p["budget"]) for p in points]
    assert budgets == sorted(budgets) and len(set(budgets)) == len(budgets)
    values = [p["weighted_attainment"] for p in points]
    assert values == sorted(values)
    assert abs(max(values) - run["result"]["weighted_attainment"]) <= 1e-6 * max(values)
    assert all(s["points_per_million"] >= 0 for s in segments)
    weights = {g["goal_id"]: g["weight"] for g in run["result"]["goals"]}
    assert found["maximum"] == sum(weights.values())
    assert all({g["goal_id"] for g in p["goals"]} == set(weights) for p in points)
    assert analysis["findings"][0].startswith(f"From £{budgets[0]:,.2f}")
    assert len(analysis["findings"]) == 1 + len(segments)
    table = demo.get(answer.headers["location"], headers={"Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert [Decimal(r["budget"]) for r in rows] == budgets


def test_a_frontier_takes_no_run_to_compare_with(demo):
    run = b.created(demo.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs"))
    b.assert_problem(demo.post(f"{DEMO}/runs/{run['id']}/analyses",
                               json={"kind": "frontier", "compared_with_run_id": run["id"]}), 422,
                     "only for a comparison")
