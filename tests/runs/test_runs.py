"""Scenarios and runs through the API, on the illustrative demo partnership."""

from decimal import Decimal

import pytest
from fastapi.testclient import TestClient

from service.api.deps import get_job_engine
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID, demo_id
from service.domain.jobs import times
from service.domain.jobs.local import LocalEngine
from service.main import app
from service.settings import get_settings
from tests import builders as b
from tests.conftest import DEV_AUTH
from tests.polling import poll_until_final

BASE = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


def scenario(client, **fields):
    body = {"name": "Default", "financial_year": "2009-10", **fields}
    return b.created(client.post(f"{BASE}/scenarios", json=body))


def run(client, scenario_id):
    response = client.post(f"{BASE}/scenarios/{scenario_id}/runs")
    assert response.status_code == 201, response.text
    assert response.headers["location"].endswith(f"/runs/{response.json()['id']}")
    return response.json()


def test_default_scenario_proposes_an_explained_allocation(demo):
    done = run(demo, scenario(demo)["id"])
    assert done["status"] == "optimal" and "HiGHS" in done["solver"]
    result = done["result"]
    assert 0 < result["weighted_attainment"] <= sum(float(g["weight"]) for g in
                                                    demo.get(f"{BASE}/goals").json()["items"])
    assert result["binding_constraints"] and all(x["sentence"] for x in result["binding_constraints"])
    joint = result["joint_working"]
    assert joint["attainment_gained"] >= 0 and Decimal(joint["money_saved"]) >= 0
    weights = {g["goal_id"]: g["weight"] for g in result["goals"]}  # each goal in silos, adding up to the whole
    assert [g["goal_id"] for g in joint["goals"]] == list(weights)
    assert sum(weights[g["goal_id"]] * g["attainment"] for g in joint["goals"]) == pytest.approx(
        joint["silo_attainment"], rel=1e-6)
    table = demo.get(f"{BASE}/runs/{done['id']}/allocation").json()
    lines = [Decimal(x["amount"]) for x in table["lines"]]
    assert sum(lines) == Decimal(table["total"]) == Decimal(result["total_allocated"])
    for subtotal in ("by_partner", "by_funding_stream", "by_intervention"):
        assert sum(Decimal(x["amount"]) for x in table[subtotal]) == Decimal(table["total"])
    contributed = {p["partner_id"]: Decimal(p["contribution"]) for p in result["partners"]}
    assert {x["id"]: Decimal(x["amount"]) for x in table["by_partner"]} == {
        k: v for k, v in contributed.items() if v}


def test_allocation_as_csv(demo):
    done = run(demo, scenario(demo)["id"])
    response = demo.get(f"{BASE}/runs/{done['id']}/allocation", headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = response.text.strip().split("\r\n")
    assert rows[0].startswith("funding_stream_id,funding_stream,partner_id")
    assert len(rows) - 1 == len(demo.get(f"{BASE}/runs/{done['id']}/allocation").json()["lines"])


def test_stored_runs_ignore_later_register_edits_and_replay_identically(demo):
    done = run(demo, scenario(demo)["id"])
    before = demo.get(f"{BASE}/runs/{done['id']}/allocation").json()
    stream = demo.get(f"{BASE}/funding-streams").json()["items"][0]
    demo.patch(f"{BASE}/funding-streams/{stream['id']}", json={"most_contribution": "0.00",
                                                               "least_contribution": "0.00"}, headers=b.ANY)
    assert demo.get(f"{BASE}/runs/{done['id']}/allocation").json() == before
    replay = demo.post(f"{BASE}/runs/{done['id']}/replay")
    assert replay.status_code == 201
    again = demo.get(f"{BASE}/runs/{replay.json()['id']}/allocation").json()
    assert again["lines"] == before["lines"]
    fresh = run(demo, done["scenario_id"])
    assert Decimal(fresh["result"]["total_allocated"]) < Decimal(done["result"]["total_allocated"])


def test_infeasible_scenario_is_a_successful_request_with_a_diagnosis(demo):
    lock = {"intervention_id": str(demo_id("intervention", "drug-treatment")), "kind": "minimum",
            "amount": "900000000.00"}
    s = scenario(demo, name="Impossible", options={"locks": [lock]})
    done = run(demo, s["id"])
    assert done["status"] == "infeasible"
    assert done["result"]["diagnosis"] and done["result"]["relaxations"]
    assert demo.get(f"{BASE}/runs/{done['id']}/allocation").json()["lines"] == []


def test_least_cost_mode(demo):
    done = run(demo, scenario(demo, name="Cheapest", mode="least_cost")["id"])
    assert done["status"] in {"optimal", "infeasible"}
    if done["status"] == "infeasible":
        assert done["result"]["shortfalls"]


def test_scenario_options_must_name_this_partnerships_records(demo):
    other = b.partnership(demo, name="Other")
    foreign_theme = b.theme(demo, other)
    response = demo.post(f"{BASE}/scenarios", json={
        "name": "x", "financial_year": "2009-10",
        "options": {"theme_floors": [{"theme_id": foreign_theme["id"], "share": "0.1"}]}})
    b.assert_problem(response, 409, "theme_floors")
    b.assert_problem(demo.post(f"{BASE}/scenarios", json={
        "name": "x", "financial_year": "2009-10", "options": {"matched_cap": "1.5"}}), 422, "matched_cap")
    b.assert_problem(demo.post(f"{BASE}/scenarios", json={
        "name": "x", "financial_year": "2009-10", "options": {"time_limit_seconds": "0"}}), 422,
        "time_limit_seconds")


def test_problem_size_has_a_limit(demo, monkeypatch):
    s = scenario(demo)
    monkeypatch.setattr(get_settings(), "max_problem_pairs", 10)
    b.assert_problem(demo.post(f"{BASE}/scenarios/{s['id']}/runs"), 422, "limit")
    assert demo.get(f"{BASE}/runs").json()["items"] == []


def test_runs_of_another_partnership_are_404(demo):
    done = run(demo, scenario(demo)["id"])
    other = b.partnership(demo, name="Other")
    for url in (f"/runs/{done['id']}", f"/runs/{done['id']}/allocation"):
        b.assert_problem(demo.get(b.under(other, url.lstrip("/"))), 404, done["id"])
    b.assert_problem(demo.post(b.under(other, f"scenarios/{done['scenario_id']}/runs")), 404)


def test_runs_are_listed_and_filtered(demo):
    s = scenario(demo)
    first = run(demo, s["id"])
    listed = demo.get(f"{BASE}/runs", params={"scenario_id": s["id"], "status": "optimal"}).json()
    assert [r["id"] for r in listed["items"]] == [first["id"]]


def test_a_run_not_finished_within_the_wait_answers_202_and_a_worker_finishes_it(committed_demo, monkeypatch):
    """With no time to wait, the request answers 202 with the queued run; a worker (a thread of this
    process's job engine, solving in a child process) takes it and stores the outcome."""
    monkeypatch.setattr(get_settings(), "run_wait_seconds", 0)
    engine = LocalEngine(committed_demo, times(get_settings()), poll_seconds=0.05)
    app.dependency_overrides[get_job_engine] = lambda: engine
    with TestClient(app, headers=DEV_AUTH) as client:
        s = scenario(client)
        started = client.post(f"{BASE}/scenarios/{s['id']}/runs")
        assert started.status_code == 202 and started.json()["status"] == "queued"
        assert client.get(f"{BASE}/runs/{started.json()['id']}/allocation").status_code == 409
        engine.start(1)
        try:
            finished = poll_until_final(client, started.headers["location"])
        finally:
            engine.stop()
    assert finished["status"] == "optimal" and finished["result"]["total_allocated"]
    assert finished["attempts"] == 1 and finished["worker"].startswith("web@")
    assert finished["queued_at"] <= finished["started_at"] <= finished["finished_at"]


def test_the_documented_demo_scenario_runs_as_swagger_ui_would_call_it(demo):
    response = demo.post(f"{BASE}/scenarios/{DEMO_SCENARIO_ID}/runs")
    assert response.status_code == 201 and response.json()["status"] == "optimal"
    assert response.json()["result"]["joint_working"]["sentence"].startswith("Pooling adds")


def test_a_far_target_and_a_small_effect_are_solved_exactly_through_the_api(client):
    """Effects from 0.0039 to 1,000 per £1,000 towards a target a hundred billion units away, with money to
    spare: every intervention is funded to capacity (the solver alone left most of it unspent)."""
    p = b.partnership(client)
    theme, partner = b.theme(client, p), b.partner(client, p)
    b.stream(client, p, partner["id"], amount="1000000.00", least_contribution="0.00",
             most_contribution="1000000.00")
    goal = b.goal(client, p, theme["id"], polarity="higher_is_better", baseline_value="0",
                  target_value="100000000000")
    for title, effect, capacity in (("Big", "1000", "300000.00"), ("Middling", "1", "300000.00"),
                                    ("Tiny", "0.0039", "20000.00")):
        b.intervention(client, p, theme["id"], partner["id"], title=title, capacity=capacity,
                       effects=[{"goal_id": goal["id"], "per_thousand": effect}])
    s = b.created(client.post(b.under(p, "scenarios"), json={"name": "Far", "financial_year": "2009-10"}))
    done = b.created(client.post(b.under(p, f"scenarios/{s['id']}/runs")))
    assert done["status"] == "optimal" and done["result"]["total_allocated"] == "620000.00"
    assert isinstance(done["result"]["warnings"], list)
    exact = (1000 * 300 + 1 * 300 + Decimal("0.0039") * 20) / Decimal("100000000000")
    assert done["result"]["weighted_attainment"] == pytest.approx(3 * float(exact), rel=1e-9)  # weight 3
