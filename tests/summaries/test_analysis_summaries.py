"""Each kind of analysis leads with a one-sentence summary drawn from its own figures."""

from decimal import Decimal

import pytest

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID, demo_id
from service.domain.summaries.words import points, short_pounds

BASE = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


@pytest.fixture
def demo_run(demo):
    return demo.post(f"{BASE}/scenarios/{DEMO_SCENARIO_ID}/runs").json()


def analysed(demo, run, **body):
    made = demo.post(f"{BASE}/runs/{run['id']}/analyses", json=body)
    assert made.status_code in (200, 201), made.text
    answer = demo.get(f"{BASE}/runs/{run['id']}/analyses/{made.json()['id']}").json()
    assert answer["status"] == "done" and list(answer)[0] == "summary", answer
    assert answer["summary"]["kind"] == body["kind"]
    listed = demo.get(f"{BASE}/runs/{run['id']}/analyses").json()["items"]
    assert [a["summary"] for a in listed if a["id"] == answer["id"]] == [answer["summary"]]
    return answer["summary"]["sentence"], answer["result"]


def test_a_frontier_says_what_money_buys_from_the_least_to_all(demo, demo_run):
    sentence, f = analysed(demo, demo_run, kind="frontier")
    best = max(p["weighted_attainment"] for p in f["points"])
    assert sentence.startswith(f"From {short_pounds(Decimal(f['points'][0]['budget']))} to "
                               f"{short_pounds(Decimal(f['points'][-1]['budget']))} weighted attainment rises")
    assert f"to {points(best)} of a possible 26" in sentence and "the first £1m above the least needed buys" in sentence


def test_fair_shares_say_what_pooling_gains_and_who_brings_most(demo, demo_run):
    sentence, s = analysed(demo, demo_run, kind="fair_shares")
    top = max(sorted(s["partners"], key=lambda p: p["partner_name"]), key=lambda p: p["shapley"])
    assert sentence.startswith(f"Pooling gains {points(s['gain'])} points over silos")
    assert f"{top['partner_name']} brings the most, {points(top['shapley'])} points" in sentence
    assert ("in the core" in sentence) == (not s["blocking"])


def test_robustness_says_the_range_and_the_robust_core(demo, demo_run):
    sentence, r = analysed(demo, demo_run, kind="robustness", draws=5, seed=3)
    assert f"{points(r['proposal_at_low'])} at its least favourable end" in sentence
    assert f"{len(r['robust_core'])} of {len(r['interventions'])} interventions are funded in at least 90 % of 5 " \
           "draws" in sentence


def test_alternatives_say_where_the_room_is(demo, demo_run):
    sentence, a = analysed(demo, demo_run, kind="alternatives", tolerances_percent=[1])
    band = a["bands"][0]
    by_name = sorted(band["partners"], key=lambda p: p["partner_name"])
    room = max(by_name, key=lambda p: Decimal(p["most"]) - Decimal(p["least"]))
    assert sentence.startswith(f"Within 1 % of the optimum ({points(a['optimum'])} points), {room['partner_name']}")


def test_weights_say_which_weight_matters_most_and_which_unfunded_is_nearest(demo, demo_run):
    sentence, w = analysed(demo, demo_run, kind="weights")
    near = min((i for i in w["interventions"] if i["factor"] is not None), key=lambda i: i["factor"])
    assert sentence.startswith("The allocation is most sensitive to the weight of ")
    assert f"{near['intervention_name']} is nearest" in sentence


def test_a_contribution_change_says_what_it_does(demo, demo_run):
    sentence, c = analysed(demo, demo_run, kind="contribution_change", partner_id=str(demo_id("partner", "police")),
                           change="1000000.00")
    assert sentence.startswith(f"Changing {c['partner_name']}'s most by £1m moves weighted attainment from "
                               f"{points(c['weighted_attainment_before'])} to {points(c['weighted_attainment_after'])}")


def test_a_comparison_says_what_changed(demo, demo_run):
    other = demo.post(f"{BASE}/scenarios/{DEMO_SCENARIO_ID}/runs").json()
    sentence, c = analysed(demo, other, kind="comparison", compared_with_run_id=demo_run["id"])
    assert sentence.startswith(f"Weighted attainment {points(c['weighted_attainment_after'])} against "
                               f"{points(c['weighted_attainment_before'])} (+0.0 points)")
    assert sentence.endswith("nothing else changed")
