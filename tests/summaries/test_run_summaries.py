"""A run's summary in words: each fact is what the run's answer says elsewhere, and the sentence states them."""

from decimal import Decimal

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from service.domain.summaries.words import most, points, short_pounds, whole_percent
from service.settings import get_settings
from tests import builders as b

BASE = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


def small_run(client, **stream_fields):
    """One partner and stream; an LAA goal an intervention takes 6 of the 7.2 to target, a goal nothing
    moves, and an intervention that moves nothing."""
    p = b.partnership(client)
    made = b.one_of_each(client, p)
    b.goal(client, p, made["theme"]["id"], indicator_code="NI 8", title="Adult participation in sport",
           weight="1", is_laa_target=False, polarity="higher_is_better", baseline_value="20", target_value="25")
    b.intervention(client, p, made["theme"]["id"], made["partner"]["id"], title="Leaflets", capacity="50000.00")
    if stream_fields:
        client.patch(b.under(p, f"funding-streams/{made['funding_stream']['id']}"), json=stream_fields,
                     headers=b.ANY).raise_for_status()
    scenario = b.created(client.post(b.under(p, "scenarios"), json={"name": "Base", "financial_year": "2009-10"}))
    return b.created(client.post(b.under(p, f"scenarios/{scenario['id']}/runs")))


def test_a_small_run_is_summarised_with_the_figures_worked_by_hand(client):
    run = small_run(client)
    s = run["summary"]
    assert list(run)[0] == "summary" and run["status"] == "optimal"
    # 600k of capacity moves NI 112 by 0.01 per £1,000: 6.0 of the 7.2 from 45.2 to 38.0, weight 3; NI 8 stays
    assert abs(s["weighted_attainment"] - 3 * 6 / 7.2) < 1e-6 and s["weighted_attainment_max"] == 4
    assert s["attainment_percent"] == 62.5 and s["goals_total"] == 2 and s["goals_at_or_above_threshold"] == 1
    assert s["threshold_percent"] == 75 and s["laa_targets_total"] == 1
    [missed] = s["laa_targets_missed"]
    assert (missed["indicator_code"], missed["goal_name"], missed["attainment_percent"]) == (
        "NI 112", "NI 112 Under-18 conception rate", 83.3)
    assert s["interventions_funded"] == 1 and s["interventions_total"] == 2
    assert s["total_allocated"] == "600000.00" and s["pooling_gain_points"] == 0
    assert s["pooling_saves"] == "0.00" and s["pooling_note"] is None
    assert s["sentence"] == ("2.5 of a possible 4 weighted points (63 %); 1 of 2 goals at or above 75 % of target; "
                             "1 of 1 LAA target missed: NI 112 (83 %); pooling adds 0.0 points and saves £0 against "
                             "silos; 1 of 2 interventions funded")


def test_an_infeasible_run_says_there_is_no_allocation_and_why(client):
    run = small_run(client, least_contribution="700000.00")
    s = run["summary"]
    assert run["status"] == "infeasible" and s["weighted_attainment"] is None and s["attainment_percent"] is None
    assert s["interventions_funded"] == 0 and s["total_allocated"] == "0.00"
    assert s["sentence"].startswith("No allocation was found (infeasible): ")
    assert run["result"]["relaxations"][0]["sentence"].rstrip(".") in s["sentence"]


def test_the_demo_runs_summary_agrees_with_the_rest_of_its_answer(demo):
    run = demo.post(f"{BASE}/scenarios/{DEMO_SCENARIO_ID}/runs").json()
    s, report = run["summary"], run["result"]
    assert list(run)[0] == "summary"
    goals, joint = report["goals"], report["joint_working"]
    assert s["weighted_attainment"] == report["weighted_attainment"]
    assert s["weighted_attainment_max"] == sum(g["weight"] for g in goals) == 26
    assert s["attainment_percent"] == round(report["weighted_attainment"] / 26 * 100, 1)
    assert s["goals_total"] == len(goals)
    assert s["goals_at_or_above_threshold"] == sum(g["attainment_percent"] >= 75 for g in goals)
    laa = {g["id"] for g in demo.get(f"{BASE}/goals?page_size=200").json()["items"] if g["is_laa_target"]}
    assert s["laa_targets_total"] == len(laa)
    by_id = {g["goal_id"]: g for g in goals}
    missed = [m["goal_id"] for m in s["laa_targets_missed"]]
    assert sorted(missed) == sorted(g for g in laa if by_id[g]["attainment_percent"] < 100)
    assert all(by_id[m["goal_id"]]["name"] == m["goal_name"] and m["goal_name"].startswith(m["indicator_code"]) and
               by_id[m["goal_id"]]["attainment_percent"] == m["attainment_percent"] for m in s["laa_targets_missed"])
    assert [m["attainment_percent"] for m in s["laa_targets_missed"]] == sorted(
        m["attainment_percent"] for m in s["laa_targets_missed"])
    assert s["pooling_gain_points"] == joint["attainment_gained"] and s["pooling_saves"] == joint["money_saved"]
    table = demo.get(f"{BASE}/runs/{run['id']}/allocation").json()
    assert s["total_allocated"] == table["total"] == report["total_allocated"]
    assert s["interventions_funded"] == len({line["intervention_id"] for line in table["lines"]})
    assert s["interventions_total"] == len(demo.get(f"{BASE}/interventions?page_size=200").json()["items"])
    first = s["laa_targets_missed"][0]
    assert s["sentence"].startswith(
        f"{points(s['weighted_attainment'])} of a possible 26 weighted points "
        f"({whole_percent(s['attainment_percent'])}); "
        f"{s['goals_at_or_above_threshold']} of {len(goals)} goals at or above 75 % of target; "
        f"{len(missed)} of {len(laa)} LAA targets missed: {first['indicator_code']} "
        f"({whole_percent(first['attainment_percent'])})")
    assert s["sentence"].endswith(
        f"pooling adds {points(joint['attainment_gained'])} points and saves "
        f"{short_pounds(Decimal(joint['money_saved']))} against silos; "
        f"{s['interventions_funded']} of {s['interventions_total']} interventions funded")
    assert demo.get(f"{BASE}/runs/{run['id']}").json()["summary"] == s
    assert [r["summary"] for r in demo.get(f"{BASE}/runs").json()["items"] if r["id"] == run["id"]] == [s]


def test_a_queued_run_has_no_summary_yet(demo, inline_jobs, monkeypatch):
    inline_jobs.hold = True
    monkeypatch.setattr(get_settings(), "run_wait_seconds", 0)
    run = demo.post(f"{BASE}/scenarios/{DEMO_SCENARIO_ID}/runs").json()
    assert run["status"] == "queued" and list(run)[0] == "summary" and run["summary"] is None


def test_a_proposal_carries_its_runs_summary(demo):
    run = demo.post(f"{BASE}/scenarios/{DEMO_SCENARIO_ID}/runs").json()
    proposal = b.created(demo.post(f"{BASE}/proposals", json={"run_id": run["id"], "name": "For the board"}))
    assert list(proposal)[0] == "summary" and proposal["summary"] == run["summary"]
    assert demo.get(f"{BASE}/proposals/{proposal['id']}").json()["summary"] == run["summary"]
    listed = [p["summary"] for p in demo.get(f"{BASE}/proposals").json()["items"] if p["id"] == proposal["id"]]
    assert listed == [run["summary"]]


def test_numbers_are_worded_to_a_sensible_precision():
    assert (points(21.50950897), most(26.0), most(26.5), whole_percent(82.7), whole_percent(82.5)) == (
        "21.5", "26", "26.5", "83 %", "83 %")
    worded = [short_pounds(Decimal(x)) for x in ["1747984.59", "2000000", "12345678", "350000", "1234.50", "-250000"]]
    assert worded == ["£1.75m", "£2m", "£12.3m", "£350k", "£1,235", "-£250k"]
