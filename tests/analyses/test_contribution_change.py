"""What a change in one partner's contribution does, on the demo: more money never lowers the optimum, a
cut never raises it, the change is made to the penny across the partner's streams, and a partner the run
does not know is refused."""

from decimal import Decimal

from service.domain.analyses.contribution import changed_streams
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID, demo_id
from service.optimiser import Stream
from tests import builders as b

DEMO = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"
POLICE = str(demo_id("partner", "police"))


def change(demo, run, amount, partner=POLICE):
    return demo.post(f"{DEMO}/runs/{run['id']}/analyses",
                     json={"kind": "contribution_change", "partner_id": partner, "change": amount})


def test_more_from_the_police_never_lowers_the_optimum_and_a_cut_never_raises_it(demo):
    run = b.created(demo.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs"))
    more = change(demo, run, "1000000.00").json()
    assert more["status"] == "done", more["message"]
    found = more["result"]
    assert found["kind"] == "contribution_change" and found["applied"] == "1000000.00"
    assert abs(found["weighted_attainment_before"] - run["result"]["weighted_attainment"]) <= 1e-6 * 30
    assert found["weighted_attainment_after"] >= found["weighted_attainment_before"] - 1e-9
    assert found["points_per_million"] >= 0
    assert Decimal(found["contribution_after"]) <= Decimal(found["contribution_before"]) + Decimal("1000000.00")
    cut = change(demo, run, "-500000.00").json()["result"]
    assert cut["weighted_attainment_after"] <= cut["weighted_attainment_before"] + 1e-9
    assert Decimal(cut["applied"]) >= Decimal("-500000.00")  # never below a stream's least


def test_the_change_is_split_to_the_penny_and_stops_at_each_streams_least():
    streams = (Stream("a", "A", "p", 0, 300), Stream("b", "B", "p", 0, 700), Stream("c", "C", "q", 0, 50))
    changed, made = changed_streams(streams, "p", 1001)
    assert made == 1001 and [s.most_pence for s in changed] == [300 + 300, 700 + 701, 50]
    floored, cut = changed_streams((Stream("a", "A", "p", 250, 300),), "p", -100)
    assert cut == -50 and floored[0].most_pence == 250


def test_a_partner_the_run_does_not_know_or_a_missing_change_is_refused(demo):
    run = b.created(demo.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs"))
    b.assert_problem(change(demo, run, "1.00", partner=str(demo_id("partner", "nobody"))), 409, "not one of")
    b.assert_problem(demo.post(f"{DEMO}/runs/{run['id']}/analyses",
                               json={"kind": "contribution_change", "partner_id": POLICE}), 422, "needs partner_id")
    b.assert_problem(demo.post(f"{DEMO}/runs/{run['id']}/analyses",
                               json={"kind": "frontier", "change": "1.00"}), 422, "only for contribution_change")
