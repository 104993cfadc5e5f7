"""Comparing two runs: every goal, partner, stream and intervention of either, exact to the penny and to
0.1 of a percent, with a sentence for each change; an analysis is a job with its own resource."""

import csv
import io
from decimal import Decimal

from service.api.deps import get_job_engine
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID, demo_id
from service.domain.demo import load_demo
from service.main import app
from service.settings import get_settings
from tests import builders as b
from tests.conftest import InlineJobs

DEMO = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


def two_runs(demo):
    """The demo's default scenario, and the same with the police contributing half as much."""
    first = b.created(demo.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs"))
    halved = b.created(demo.post(f"{DEMO}/scenarios", json={
        "name": "Police at half", "financial_year": "2009-10",
        "options": {"partner_scaling": [{"partner_id": str(demo_id("partner", "police")), "factor": "0.5"}]}}))
    second = b.created(demo.post(f"{DEMO}/scenarios/{halved['id']}/runs"))
    return first, second


def compare(demo, this, other):
    return demo.post(f"{DEMO}/runs/{this['id']}/analyses",
                     json={"kind": "comparison", "compared_with_run_id": other["id"]})


def test_a_comparison_gives_each_records_change_exactly(demo):
    first, second = two_runs(demo)
    answer = compare(demo, second, first)
    assert answer.status_code == 201, answer.text
    analysis = answer.json()
    assert (analysis["status"], analysis["kind"], analysis["run_id"]) == ("done", "comparison", second["id"])
    assert answer.headers["location"] == f"{DEMO}/runs/{second['id']}/analyses/{analysis['id']}"
    found = analysis["result"]
    assert (found["total_before"], found["total_after"]) == (first["result"]["total_allocated"],
                                                             second["result"]["total_allocated"])
    by_kind: dict[str, list] = {}
    for change in found["changes"]:
        by_kind.setdefault(change["kind"], []).append(change)
        assert Decimal(change["after"]) - Decimal(change["before"]) == Decimal(change["change"])
        assert bool(change["sentence"]) == (Decimal(change["change"]) != 0)
    moved = Decimal(found["total_after"]) - Decimal(found["total_before"])
    for kind in ("partner", "funding_stream", "intervention"):
        assert sum(Decimal(c["change"]) for c in by_kind[kind]) == moved, kind
    goals = {g["goal_id"]: g for g in second["result"]["goals"]}
    assert len(by_kind["goal"]) == len(goals)
    for change in by_kind["goal"]:
        assert Decimal(change["after"]) == Decimal(str(goals[change["id"]]["attainment_percent"]))
    police = next(c for c in by_kind["partner"] if c["id"] == str(demo_id("partner", "police")))
    assert Decimal(police["change"]) < 0 and "contributes" in police["sentence"]
    assert analysis["findings"][0].startswith("Weighted attainment")
    assert len(analysis["findings"]) == 1 + sum(1 for c in found["changes"] if c["sentence"])


def test_a_run_compared_with_itself_changes_nothing_and_reads_as_json_and_csv(demo):
    first, _ = two_runs(demo)
    analysis = b.created(compare(demo, first, first))
    assert all(c["change"] in ("0", "0.0", "0.00") for c in analysis["result"]["changes"])
    assert analysis["findings"][-1].startswith("Nothing else changed")
    location = f"{DEMO}/runs/{first['id']}/analyses/{analysis['id']}"
    assert demo.get(location).json() == analysis
    table = demo.get(location, headers={"Accept": "text/csv"})
    rows = list(csv.DictReader(io.StringIO(table.text)))
    assert [r["id"] for r in rows] == [c["id"] for c in analysis["result"]["changes"]]
    listed = demo.get(f"{DEMO}/runs/{first['id']}/analyses").json()["items"]
    assert [a["id"] for a in listed] == [analysis["id"]]


def test_analyses_are_not_runs(demo):
    first, second = two_runs(demo)
    analysis = b.created(compare(demo, second, first))
    assert analysis["id"] not in [r["id"] for r in demo.get(f"{DEMO}/runs").json()["items"]]
    b.assert_problem(demo.get(f"{DEMO}/runs/{analysis['id']}"), 404)
    b.assert_problem(demo.get(f"{DEMO}/runs/{first['id']}/analyses/{analysis['id']}"), 404)
    b.assert_problem(demo.post(f"{DEMO}/proposals", json={"run_id": analysis["id"], "name": "No"}), 404)


def test_what_cannot_be_compared_is_refused_and_nothing_is_stored(demo):
    first, _ = two_runs(demo)
    under = f"{DEMO}/runs/{first['id']}/analyses"
    b.assert_problem(demo.post(under, json={"kind": "comparison"}), 422, "compared_with_run_id")
    b.assert_problem(demo.post(under, json={"kind": "no_such_analysis"}), 422)
    b.assert_problem(compare(demo, first, {"id": str(demo_id("run", "nowhere"))}), 404)
    b.assert_problem(demo.post(f"{DEMO}/runs/{demo_id('run', 'nowhere')}/analyses",
                               json={"kind": "comparison", "compared_with_run_id": first["id"]}), 404)
    assert demo.get(under).json()["items"] == []


def test_a_queued_analysis_is_202_and_cancels_like_a_run(client, session, monkeypatch):
    load_demo(session)
    first, _ = two_runs(client)
    monkeypatch.setattr(get_settings(), "run_wait_seconds", 0)
    app.dependency_overrides[get_job_engine] = lambda: InlineJobs(session, hold=True)
    queued = compare(client, first, first)
    assert queued.status_code == 202 and queued.json()["status"] == "queued"
    cancelled = client.post(f"{queued.headers['location']}/cancel")
    assert cancelled.status_code == 200 and cancelled.json()["status"] == "cancelled"
    again = client.post(f"{queued.headers['location']}/cancel")
    assert again.status_code == 200 and again.json()["version"] == cancelled.json()["version"]
    events = client.get(f"{DEMO}/audit-events", params={"entity": "analysis"}).json()["items"]
    assert [e["action"] for e in events] == ["create", "cancel"]
