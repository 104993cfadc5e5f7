"""What the seeded demo holds beyond the register: two years of quarterly observations of every goal, a police
partner on a January-December year whose streams are apportioned, a proposal declined and then revised and
agreed, and a year of monthly spend near the agreed allocation."""

from collections import Counter
from decimal import Decimal

import pytest

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_RUN_ID, demo_id
from service.domain.demo.agreement import AGREED_ID, DECLINED_ID, DRAFT_RUN_ID
from service.domain.demo.data import DEMO
from service.domain.demo.run import solve_demo_run

BASE = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


@pytest.fixture
def seeded(demo, session):
    solve_demo_run(session)
    return demo


def every(client, collection: str) -> list[dict]:
    found, cursor = [], None
    while True:
        page = client.get(f"{BASE}/{collection}", params={"page_size": 200, **({"cursor": cursor} if cursor else {})})
        found += page.json()["items"]
        if not (cursor := page.json()["next_cursor"]):
            return found


def test_every_goal_has_eight_quarters_of_observations_over_two_years(demo):
    quarterly = [o for o in every(demo, "observations") if o["period_kind"] == "quarter"]
    per_goal = Counter(o["goal_id"] for o in quarterly)
    assert per_goal == {str(demo_id("goal", g["key"])): 8 for g in DEMO["goals"]}
    assert {o["period"][:7] for o in quarterly} == {"2008-09", "2009-10"}


def test_the_police_year_runs_january_to_december_and_its_streams_are_apportioned(demo):
    police = demo.get(f"{BASE}/partners/{demo_id('partner', 'police')}").json()
    assert police["financial_year_start_month"] == 1
    rmap = demo.get(f"{BASE}/resource-map", params={"financial_year": "2009-10"}).json()
    parts = {(a["funding_stream_name"], a["partner_financial_year"]): (a["days"], a["of_days"], Decimal(a["amount"]))
             for a in rmap["apportioned"]}
    assert parts[("Police community safety and partnership fund", "2009-10")][:2] == (275, 365)
    assert parts[("Police community safety and partnership fund, 2010", "2010-11")][:2] == (90, 365)
    assert sum(amount for _, _, amount in parts.values()) == Decimal("2000000.00")


def test_the_draft_is_declined_by_the_police_then_revised_and_agreed(seeded):
    declined = seeded.get(f"{BASE}/proposals/{DECLINED_ID}").json()
    agreed = seeded.get(f"{BASE}/proposals/{AGREED_ID}").json()
    assert (declined["status"], declined["run_id"], declined["revised_by_id"]) == (
        "declined", str(DRAFT_RUN_ID), str(AGREED_ID))
    police = next(s for s in declined["sign_offs"] if s["partner_id"] == str(demo_id("partner", "police")))
    assert police["status"] == "declined" and police["comment"].startswith("Illustrative")
    assert (agreed["status"], agreed["run_id"], agreed["revises_id"]) == ("agreed", str(DEMO_RUN_ID), str(DECLINED_ID))
    assert all(s["status"] == "confirmed" for s in agreed["sign_offs"])


def test_a_year_of_monthly_spend_follows_the_agreed_allocation_with_some_over_and_under(seeded):
    actuals = every(seeded, "spend-actuals")
    assert {a["period"] for a in actuals} == {f"{m} {2009 if i < 9 else 2010}" for i, m in enumerate(
        ["April", "May", "June", "July", "August", "September", "October", "November", "December", "January",
         "February", "March"])}
    agreed = seeded.get(f"{BASE}/proposals/{AGREED_ID}").json()
    spent = sum(Decimal(a["amount"]) for a in actuals)
    assert abs(spent - Decimal(agreed["total"])) < Decimal(agreed["total"]) / 20  # within 5 % overall
    progress = seeded.get(f"{BASE}/progress", params={"financial_year": "2009-10"}).json()
    positions = Counter(p["position"] for p in progress["partners"])
    assert positions["overspend"] and positions["underspend"]
    assert {g["status"] for g in progress["goals"]} == {"red", "amber", "green"}
