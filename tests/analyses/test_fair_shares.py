"""Fair shares through the API on the demo: every coalition of its six partners solved, Shapley values
that add up to the pooling gain, beside what each partner pays in the run."""

import csv
import io
from decimal import Decimal

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from tests import builders as b

DEMO = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


def test_the_demos_fair_shares_add_up_to_the_gain_beside_what_each_pays(demo):
    run = b.created(demo.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs"))
    answer = demo.post(f"{DEMO}/runs/{run['id']}/analyses", json={"kind": "fair_shares"})
    assert answer.status_code == 201, answer.text
    analysis = answer.json()
    assert analysis["status"] == "done", analysis["message"]
    found = analysis["result"]
    assert found["kind"] == "fair_shares" and found["exact"] is True and found["seed"] is None
    assert abs(found["pooled_attainment"] - run["result"]["weighted_attainment"]) <= 1e-6 * found["pooled_attainment"]
    assert found["gain"] > 0 and abs(found["gain"] - (found["pooled_attainment"] - found["silo_attainment"])) < 1e-6
    partners = found["partners"]
    assert len(partners) == 6 and abs(sum(p["shapley"] for p in partners) - found["gain"]) <= 1e-6 * found["gain"]
    assert abs(sum(p["share_of_gain_percent"] for p in partners) - 100) <= 0.35  # each rounded to 0.1
    paid = {p["partner_id"]: p["contribution"] for p in run["result"]["partners"]}
    assert {p["partner_id"]: p["contribution"] for p in partners} == paid
    assert all(p["shapley_low"] == p["shapley"] == p["shapley_high"] for p in partners)
    attributed = sum(p["attainment_attributed"] for p in partners)  # the run's points, shared by money
    assert abs(attributed - run["result"]["weighted_attainment"]) <= 1e-3 * attributed
    coalitions = found["coalitions"]
    assert len(coalitions) == 2 ** 6 and coalitions[0]["partner_ids"] == [] and coalitions[0]["gain"] == 0
    assert abs(coalitions[-1]["gain"] - found["gain"]) <= 1e-6 * found["gain"]
    assert len(coalitions[-1]["partner_ids"]) == 6
    assert len(analysis["findings"]) == 1 + len(partners) + len(found["blocking"])
    rows = list(csv.DictReader(io.StringIO(demo.get(answer.headers["location"], headers={"Accept": "text/csv"}).text)))
    assert [Decimal(r["contribution"]) for r in rows] == [Decimal(p["contribution"]) for p in partners]


def test_a_seed_is_only_for_fair_shares(demo):
    run = b.created(demo.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs"))
    b.assert_problem(demo.post(f"{DEMO}/runs/{run['id']}/analyses", json={"kind": "frontier", "seed": 3}), 422,
                     "only for fair_shares")
    b.assert_problem(demo.post(f"{DEMO}/runs/{run['id']}/analyses", json={"kind": "fair_shares", "seed": -1}), 422)
