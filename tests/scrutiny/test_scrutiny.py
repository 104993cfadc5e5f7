"""The scrutiny pack on the illustrative demo: goals with their history, runs, the agreed allocation and
each partner's contribution beside its proportionally attributed share of the attainment gained."""

import csv
import io
from decimal import Decimal

import pytest

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID, demo_id
from service.domain.models.proposal import ProposalLine
from service.domain.models.scenario import ScenarioOptions
from service.domain.models.snapshot import GoalSnapshot, InterventionSnapshot, Snapshot
from service.domain.scrutiny.attribution import attribute
from tests import builders as b

BASE = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"
YEAR = {"financial_year": "2009-10"}


def key(client, role: str) -> tuple[dict[str, str], str]:
    issued = b.created(client.post(f"{BASE}/api-keys", json={"name": f"{role} key", "role": role}))
    return {"Authorization": f"Bearer {issued['key']}"}, f"api-key:{issued['prefix']}"


def submitted_proposal(client) -> tuple[dict, dict]:
    run = b.created(client.post(f"{BASE}/scenarios/{DEMO_SCENARIO_ID}/runs"))
    proposal = b.created(client.post(f"{BASE}/proposals", json={"run_id": run["id"], "title": "2009-10 pool"}))
    assert client.post(f"{BASE}/proposals/{proposal['id']}/submit").status_code == 200
    return run, proposal


def confirm(client, proposal: dict, partner_id: str) -> dict:
    response = client.post(f"{BASE}/proposals/{proposal['id']}/confirm", json={"partner_id": partner_id})
    assert response.status_code == 200, response.text
    return response.json()


def agreed(client) -> tuple[dict, dict]:
    run, proposal = submitted_proposal(client)
    for sign_off in proposal["sign_offs"]:
        proposal = confirm(client, proposal, sign_off["partner_id"])
    response = client.post(f"{BASE}/proposals/{proposal['id']}/approve", json={"reason": "Meets the LAA targets."})
    assert response.json()["status"] == "agreed", response.text
    return run, response.json()


def test_the_pack_shows_the_agreed_allocation_and_who_gained_what(demo):
    executive, subject = key(demo, "executive")
    goal_id = str(demo_id("goal", "ni112"))
    old_weight = demo.get(f"{BASE}/goals/{goal_id}").json()["weight"]
    assert demo.patch(f"{BASE}/goals/{goal_id}", json={"weight": "5"}, headers=executive | b.ANY).status_code == 200
    run, proposal = agreed(demo)
    pack = demo.get(f"{BASE}/scrutiny-pack", params=YEAR).json()

    total = Decimal(proposal["total"])
    assert pack["agreed_proposal"]["proposal_id"] == proposal["id"]
    assert (pack["agreed_proposal"]["approved_by"], pack["agreed_proposal"]["reason"]) == (
        "development-admin", "Meets the LAA targets.")
    assert sum(Decimal(t["agreed_amount"]) for t in pack["themes"]) == total
    money = {(line["theme_id"], line["intervention_id"]): Decimal(0) for line in proposal["allocation"]}
    for line in proposal["allocation"]:
        money[line["theme_id"], line["intervention_id"]] += Decimal(line["amount"])
    assert {(t["theme_id"], i["intervention_id"]): Decimal(i["amount"]) for t in pack["themes"]
            for i in t["agreed_interventions"]} == money

    partners = pack["partners"]
    assert sum(Decimal(p["contribution"]) for p in partners) == total
    assert {p["partner_id"]: p["contribution"] for p in partners} == {
        s["partner_id"]: s["contribution"] for s in proposal["sign_offs"]}
    assert abs(sum(p["share_of_contribution"] for p in partners) - 1) < 1e-9
    assert abs(sum(p["share_of_attainment"] for p in partners) - 1) < 1e-9
    assert abs(pack["attainment_gained"] - run["result"]["weighted_attainment"]) < 1e-6
    assert "proportional attribution" in pack["attribution"]
    assert len({round(p["share_of_attainment"] - p["share_of_contribution"], 6) for p in partners}) > 1

    goals = {g["goal_id"]: g for t in pack["themes"] for g in t["goals"]}
    assert len(goals) == len(demo.get(f"{BASE}/goals").json()["items"])
    changed = goals[goal_id]
    assert (changed["weight"], changed["last_changed_by"]) == ("5", subject)
    assert [(c["by"], c["weight_from"], c["weight_to"]) for c in changed["weight_changes"]] == [
        ("system", None, old_weight), (subject, old_weight, "5")]
    assert goals[str(demo_id("goal", "ni40"))]["last_changed_by"] == "system"
    reported = {g["goal_id"]: g["attainment"] for g in run["result"]["goals"]}
    assert all(abs(g["attainment_in_agreed_allocation"] - reported[k]) < 1e-9 for k, g in goals.items())

    assert [(r["run_id"], r["status"], r["weighted_attainment"], r["total_allocated"]) for r in pack["runs"]] == [
        (run["id"], "optimal", run["result"]["weighted_attainment"], run["result"]["total_allocated"])]
    assert pack["outstanding_sign_offs"] == []


def test_outstanding_sign_offs_before_anything_is_agreed(demo):
    _, proposal = submitted_proposal(demo)
    first = proposal["sign_offs"][0]
    confirm(demo, proposal, first["partner_id"])
    pack = demo.get(f"{BASE}/scrutiny-pack", params=YEAR).json()
    assert pack["agreed_proposal"] is None and pack["partners"] == [] and pack["attainment_gained"] is None
    assert all(t["agreed_amount"] == "0.00" and t["agreed_interventions"] == [] for t in pack["themes"])
    assert {(s["proposal_id"], s["partner_id"], s["contribution"]) for s in pack["outstanding_sign_offs"]} == {
        (proposal["id"], s["partner_id"], s["contribution"]) for s in proposal["sign_offs"][1:]}
    assert demo.get(f"{BASE}/scrutiny-pack", params={"financial_year": "2010-11"}).json()["runs"] == []


def test_the_pack_as_csv_and_unchanged_by_later_register_edits(demo):
    _, proposal = agreed(demo)
    before = demo.get(f"{BASE}/scrutiny-pack", params=YEAR).json()
    stream = demo.get(f"{BASE}/funding-streams").json()["items"][0]
    demo.patch(f"{BASE}/funding-streams/{stream['id']}", json={"least_contribution": "0.00",
                                                               "most_contribution": "0.00"}, headers=b.ANY)
    after = demo.get(f"{BASE}/scrutiny-pack", params=YEAR).json()
    for section in ("agreed_proposal", "partners", "attainment_gained", "themes"):
        assert after[section] == before[section]
    response = demo.get(f"{BASE}/scrutiny-pack", params=YEAR, headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text)))
    sections = {row["section"] for row in rows}
    assert {"theme", "goal", "weight_change", "theme_allocation", "run", "agreed_proposal", "agreed_sign_off",
            "partner", "note"} <= sections
    partners = [row for row in rows if row["section"] == "partner"]
    assert sum(Decimal(row["amount"]) for row in partners) == Decimal(proposal["total"])
    assert abs(sum(float(row["share_of_attainment"]) for row in partners) - 1) < 1e-9
    assert sum(Decimal(row["amount"]) for row in rows if row["section"] == "theme") == Decimal(proposal["total"])
    assert len([row for row in rows if row["section"] == "goal"]) == sum(len(t["goals"]) for t in before["themes"])
    assert "proportional attribution" in next(row["detail"] for row in rows if row["section"] == "note")


def test_the_pack_needs_a_financial_year_of_a_known_partnership(demo, anonymous):
    b.assert_problem(demo.get(f"{BASE}/scrutiny-pack"), 422, "financial_year")
    b.assert_problem(demo.get(f"{BASE}/scrutiny-pack", params={"financial_year": "2009"}), 422, "financial_year")
    other = "00000000-0000-7000-8000-000000000000"
    b.assert_problem(demo.get(f"/v1/partnerships/{other}/scrutiny-pack", params=YEAR), 404, other)
    scrutiny, _ = key(demo, "scrutiny")
    assert anonymous.get(f"{BASE}/scrutiny-pack", params=YEAR, headers=scrutiny).status_code == 200


ID = {name: demo_id("test", name) for name in ("i", "j", "a", "b", "s", "g")}


def line(intervention: str, partner: str, pounds: str) -> ProposalLine:
    return ProposalLine(funding_stream_id=ID["s"], partner_id=ID[partner], intervention_id=ID[intervention],
                        amount=Decimal(pounds), funding_stream="s", partner=partner, intervention=intervention,
                        theme_id=ID["s"], theme="t")


def frozen(weight_override: str | None = None) -> Snapshot:
    halving = [(100_000_00, "1"), (100_000_00, "0.5")]  # pence; the last tranche continues to capacity
    goal = str(ID["g"])
    overrides = [{"goal_id": goal, "weight": weight_override}] if weight_override else []
    return Snapshot(financial_year="2009-10", mode="maximise_attainment",
                    options=ScenarioOptions.model_validate({"weight_overrides": overrides}),
                    themes=[], partners=[], streams=[],
                    goals=[GoalSnapshot(id=goal, name="g", baseline="10", target="0", weight="2", laa=True)],
                    interventions=[
                        InterventionSnapshot(id=str(ID["i"]), name="i", theme_id="t", lead_partner_id="a",
                                             min_viable=0, capacity=10**12, committed=0, tranches=halving,
                                             effects=[(goal, "-0.04")]),
                        InterventionSnapshot(id=str(ID["j"]), name="j", theme_id="t", lead_partner_id="a",
                                             min_viable=0, capacity=10**12, committed=0, tranches=[],
                                             effects=[(goal, "-0.02")])])


def test_attribution_fills_tranches_in_order_and_caps_attainment_at_one():
    goal = str(ID["g"])
    lines = [line("i", "a", "150000.00"), line("i", "b", "50000.00"), line("j", "b", "100000.00")]
    # i: 100 + 100 x 0.5 = 150 £k x -0.04 = -6, j: 100 £k x -0.02 = -2; -8 of the -10 to target: 0.8
    found = attribute(frozen(), lines)
    assert found.by_goal == {goal: pytest.approx(0.8)} and found.total == pytest.approx(1.6)
    assert found.by_partner == {ID["a"]: pytest.approx(2 * 0.6 * 0.75), ID["b"]: pytest.approx(2 * (0.6 * 0.25 + 0.2))}
    # j gets 300 £k more from a: -8, so -14 of -10; every contribution is scaled by 10/14 and attainment is 1
    capped = attribute(frozen(), [*lines, line("j", "a", "300000.00")])
    assert capped.by_goal == {goal: 1.0} and capped.total == pytest.approx(2.0)
    assert capped.by_partner == {ID["a"]: pytest.approx(2 * (6 * 0.75 + 8 * 0.75) / 14),
                                 ID["b"]: pytest.approx(2 * (6 * 0.25 + 2) / 14)}
    assert attribute(frozen("1"), lines).total == pytest.approx(0.8)  # the run's weight, not the register's


def test_an_archived_partnership_keeps_its_pack_and_audit_trail_for_scrutiny(demo):
    agreed(demo)
    reader, _ = key(demo, "scrutiny")
    def pack() -> tuple[dict, list[dict]]:
        found = demo.get(f"{BASE}/scrutiny-pack", params=YEAR, headers=reader).json()
        as_csv = demo.get(f"{BASE}/scrutiny-pack", params=YEAR, headers=reader | {"Accept": "text/csv"}).text
        return {k: v for k, v in found.items() if k != "generated_at"}, list(csv.DictReader(io.StringIO(as_csv)))

    before = pack()
    trail = demo.get(f"{BASE}/audit-events", params={"page_size": 200}, headers=reader).json()["items"]
    assert demo.delete(BASE, headers=b.ANY).status_code == 204
    after = pack()
    assert after[0] == before[0] and len(after[1]) == len(before[1])
    now = demo.get(f"{BASE}/audit-events", params={"page_size": 200}, headers=reader).json()["items"]
    assert now[:-1] == trail and (now[-1]["entity"], now[-1]["action"]) == ("partnership", "archive")
    exported = demo.get(f"{BASE}/audit-events", params={"page_size": 200},
                        headers=reader | {"Accept": "text/csv"}).text
    assert len(list(csv.DictReader(io.StringIO(exported)))) == len(now)
