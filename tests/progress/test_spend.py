"""Spend against the agreed proposal: profile, variance and outturn, reconciling to the penny."""

from decimal import Decimal
from typing import Any

import pytest

from tests import builders as b

MONTHS = 12


@pytest.fixture
def agreed(client) -> dict[str, Any]:
    """An agreed proposal funding one intervention from two partners' pooled streams."""
    p = b.partnership(client)
    theme = b.theme(client, p)
    council = b.partner(client, p)
    health = b.partner(client, p, name="Northshire PCT", sector="health")
    goal = b.goal(client, p, theme["id"])
    streams = [b.stream(client, p, partner["id"], name=f"{partner['name']} budget")
               for partner in (council, health)]
    effects = [{"goal_id": goal["id"], "per_thousand": "-0.01"}]
    job = b.intervention(client, p, theme["id"], council["id"], effects=effects)
    scenario = b.created(client.post(b.under(p, "scenarios"), json={"name": "Default", "financial_year": "2009-10"}))
    run = b.created(client.post(b.under(p, f"scenarios/{scenario['id']}/runs")))
    proposal = b.created(client.post(b.under(p, "proposals"), json={"run_id": run["id"], "title": "2009-10"}))
    url = b.under(p, f"proposals/{proposal['id']}")
    assert client.post(f"{url}/submit").status_code == 200
    for partner in (council, health):
        assert client.post(f"{url}/confirm", json={"partner_id": partner["id"]}).status_code == 200
    proposal = client.post(f"{url}/approve", json={"reason": "Agreed"}).json()
    assert proposal["status"] == "agreed"
    return {"p": p, "proposal": proposal, "council": council, "health": health, "streams": streams,
            "intervention": job}


def spend(client, w, partner: str, period: str, amount: str, stream: int | None = None) -> None:
    body = {"intervention_id": w["intervention"]["id"], "partner_id": w[partner]["id"], "period": period,
            "amount": amount}
    if stream is not None:
        body["funding_stream_id"] = w["streams"][stream]["id"]
    b.created(client.post(b.under(w["p"], "spend-actuals"), json=body))


def pence(text: str) -> int:
    return int(Decimal(text) * 100)


def test_spend_against_the_agreed_allocation_reconciles_to_the_penny(client, agreed):
    spend(client, agreed, "council", "April 2009", "10000.01", stream=0)
    spend(client, agreed, "council", "May 2009", "12345.67")
    spend(client, agreed, "health", "2009-10 Q1", "30000.00", stream=1)
    spend(client, agreed, "health", "2009-10 Q2", "99.99")  # after as_of: left out
    report = client.get(b.under(agreed["p"], "progress"), params={"financial_year": "2009-10",
                                                                   "as_of": "2009-10 Q1"}).json()
    assert report["proposal_id"] == agreed["proposal"]["id"] and report["months_elapsed"] == 3
    [line] = report["interventions"]
    contributions = {s["partner_id"]: pence(s["contribution"]) for s in agreed["proposal"]["sign_offs"]}
    assert pence(line["allocation"]) == pence(agreed["proposal"]["total"]) == sum(contributions.values())
    assert pence(line["spend_to_date"]) == 1000001 + 1234567 + 3000000
    for part in line["by_partner"]:
        allocation = contributions[part["partner_id"]]
        assert pence(part["allocation"]) == allocation
        assert pence(part["profile_to_date"]) == allocation // MONTHS * 3 + min(allocation % MONTHS, 3)
        assert pence(part["variance_to_profile"]) == pence(part["spend_to_date"]) - pence(part["profile_to_date"])
        assert pence(part["remaining"]) == allocation - pence(part["spend_to_date"])
        assert pence(part["forecast_outturn"]) == pence(part["spend_to_date"]) * 4  # a quarter's run rate
        assert pence(part["forecast_variance"]) == pence(part["forecast_outturn"]) - allocation
    for field in ("allocation", "spend_to_date", "profile_to_date", "forecast_outturn", "forecast_variance"):
        assert pence(line[field]) == sum(pence(part[field]) for part in line["by_partner"])
        assert sum(pence(p[field]) for p in report["partners"]) == pence(line[field])


def test_the_whole_years_profile_is_the_allocation(client, agreed):
    spend(client, agreed, "council", "March 2010", "1.00")
    report = client.get(b.under(agreed["p"], "progress"), params={"financial_year": "2009-10"}).json()
    assert report["months_elapsed"] == MONTHS and report["as_of"] == "2010-03-31"
    [line] = report["interventions"]
    assert line["profile_to_date"] == line["allocation"] and line["forecast_outturn"] == line["spend_to_date"]


def test_over_and_underspends_say_what_the_pool_does_with_them(client, agreed):
    contributions = {s["partner_id"]: Decimal(s["contribution"]) for s in agreed["proposal"]["sign_offs"]}
    council_share = contributions[agreed["council"]["id"]]
    spend(client, agreed, "council", "2009-10", f"{council_share + Decimal('500.00'):.2f}")
    spend(client, agreed, "health", "2009-10", "100.00")
    report = client.get(b.under(agreed["p"], "progress"), params={"financial_year": "2009-10"}).json()
    positions = {p["partner_id"]: p for p in report["partners"]}
    council, health = positions[agreed["council"]["id"]], positions[agreed["health"]["id"]]
    assert (council["position"], council["forecast_variance"]) == ("overspend", "500.00")
    assert "underspends elsewhere in the pool" in council["what_happens"] and "£500.00" in council["what_happens"]
    health_under = contributions[agreed["health"]["id"]] - Decimal("100.00")
    assert health["position"] == "underspend" and Decimal(health["forecast_variance"]) == -health_under
    assert "one-off" in health["what_happens"]
    pool = report["pool"]
    assert (Decimal(pool["overspend"]), Decimal(pool["underspend"])) == (Decimal("500.00"), health_under)
    assert Decimal(pool["covered_by_underspends"]) == min(Decimal(500), health_under)
    assert Decimal(pool["left_to_cover"]) == Decimal(500) - min(Decimal(500), health_under)
    assert any("risk pool" in rule for rule in pool["rules"])


def test_without_an_agreed_proposal_every_pound_spent_is_over(client, agreed):
    other = b.partnership(client, name="Elsewhere")
    made = b.one_of_each(client, other)
    b.created(client.post(b.under(other, "spend-actuals"), json={
        "intervention_id": made["intervention"]["id"], "partner_id": made["partner"]["id"], "period": "May 2009",
        "amount": "120.00"}))
    report = client.get(b.under(other, "progress"), params={"financial_year": "2009-10"}).json()
    assert report["proposal_id"] is None and report["months_elapsed"] == 2
    [line] = report["interventions"]
    assert (line["allocation"], line["forecast_outturn"], line["forecast_variance"]) == ("0.00", "720.00", "720.00")
