"""Weight sensitivity through the API on the demo: every goal's range holds its own weight, a goal at 0 %
says what weight would move money to it, and every unfunded intervention says what would fund it."""

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from tests import builders as b

DEMO = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


def test_why_each_goal_is_where_it_is_and_what_would_fund_the_rest(demo):
    run = b.created(demo.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs"))
    answer = demo.post(f"{DEMO}/runs/{run['id']}/analyses", json={"kind": "weights"})
    assert answer.status_code == 201, answer.text
    analysis = answer.json()
    assert analysis["status"] == "done", analysis["message"]
    found = analysis["result"]
    assert found["kind"] == "weights" and found["exact"] is False  # the demo has minimum viable amounts
    goals = {g["goal_id"]: g for g in found["goals"]}
    assert set(goals) == {g["goal_id"] for g in run["result"]["goals"]}
    for goal in found["goals"]:
        assert goal["low"] is None or goal["low"] <= goal["weight"] * (1 + 1e-6)
        assert goal["high"] is None or goal["high"] >= goal["weight"] * (1 - 1e-6)
    at_zero = [g for g in found["goals"] if g["attainment_percent"] == 0 and g["high"] is not None]
    assert at_zero and all("only above a weight of" in g["sentence"] for g in at_zero)  # NI 186 and NI 175
    funded = {t["id"] for t in demo.get(f"{DEMO}/runs/{run['id']}/allocation").json()["by_intervention"]}
    assert {i["intervention_id"] for i in found["interventions"]}.isdisjoint(funded)
    assert all(i["factor"] is None or i["factor"] > 1 for i in found["interventions"])
    assert len(analysis["findings"]) == 1 + len(found["goals"]) + len(found["interventions"])
