"""Near-optimal alternatives through the API on the demo: within 1 % and 5 % of the optimum, the run's own
contribution of each partner lies in its room, and the rooms widen with the tolerance."""

from decimal import Decimal

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from tests import builders as b

DEMO = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


def test_the_room_to_negotiate_holds_the_runs_own_allocation_and_widens_with_the_tolerance(demo):
    run = b.created(demo.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs"))
    answer = demo.post(f"{DEMO}/runs/{run['id']}/analyses", json={"kind": "alternatives"})
    assert answer.status_code == 201, answer.text
    analysis = answer.json()
    assert analysis["status"] == "done", analysis["message"]
    found = analysis["result"]
    assert found["kind"] == "alternatives" and [band["tolerance_percent"] for band in found["bands"]] == [1.0, 5.0]
    assert abs(found["optimum"] - run["result"]["weighted_attainment"]) <= 1e-6 * found["optimum"]
    narrow, wide = found["bands"]
    paid = {p["partner_id"]: Decimal(p["contribution"]) for p in run["result"]["partners"]}
    for room in narrow["partners"]:
        least, most, own = Decimal(room["least"]), Decimal(room["most"]), Decimal(room["in_run"])
        assert least - Decimal("0.05") <= own <= most + Decimal("0.05"), room  # the optimum is in every band
        assert own == paid.get(room["partner_id"], Decimal("0.00"))
    for a, c in zip(narrow["partners"] + narrow["themes"], wide["partners"] + wide["themes"], strict=True):
        assert Decimal(c["least"]) <= Decimal(a["least"]) + Decimal("0.05")
        assert Decimal(c["most"]) >= Decimal(a["most"]) - Decimal("0.05")
    assert wide["different_attainment"] >= wide["floor"] * (1 - 1e-6)
    assert len(analysis["findings"]) == 3


def test_tolerances_are_percentages_of_the_optimum(demo):
    run = b.created(demo.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs"))
    for wrong in ([0], [60], [], [1, 2, 3, 4, 5, 6]):
        b.assert_problem(demo.post(f"{DEMO}/runs/{run['id']}/analyses",
                                   json={"kind": "alternatives", "tolerances_percent": wrong}), 422)
    b.assert_problem(demo.post(f"{DEMO}/runs/{run['id']}/analyses",
                               json={"kind": "frontier", "tolerances_percent": [1]}), 422, "only for alternatives")
