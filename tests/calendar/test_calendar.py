"""The calendar's years, a January–December partner's streams apportioned in the resource map and in a
run, the budget-setting dates, who may set them and tenant isolation."""

import uuid
from decimal import Decimal

from service.domain.models.access import Role
from service.domain.models.run import Run
from tests import builders as b


def world(client):
    """An April–March partnership with an April partner and a January–December one, each with a stream."""
    p = b.partnership(client)
    theme = b.theme(client, p)
    council = b.partner(client, p)
    calendar_year = b.partner(client, p, name="Northshire Housing", sector="housing", financial_year_start_month=1)
    council_stream = b.stream(client, p, council["id"], name="Council budget")
    # calendar 2010: 90 of its 365 days fall in 2009-10, the other 275 in 2010-11
    housing_stream = b.stream(client, p, calendar_year["id"], name="Housing 2010", financial_year="2010-11",
                              amount="365000.01", least_contribution="0.00", most_contribution="365000.01")
    goal = b.goal(client, p, theme["id"])
    b.intervention(client, p, theme["id"], council["id"], capacity="2000000.00",
                   effects=[{"goal_id": goal["id"], "per_thousand": "-0.01"}])
    return p, council, calendar_year, council_stream, housing_stream


def test_the_year_lists_its_quarters_months_and_each_partners_overlapping_years(client):
    p, council, housing, _, housing_stream = world(client)
    year = client.get(b.under(p, "calendar"), params={"year": "2009-10"})
    assert year.status_code == 200, year.text
    body = year.json()
    assert (body["start"], body["end"], body["days"]) == ("2009-04-01", "2010-03-31", 365)
    assert [(q["name"], q["start"], q["end"]) for q in body["quarters"]] == [
        ("Q1", "2009-04-01", "2009-06-30"), ("Q2", "2009-07-01", "2009-09-30"),
        ("Q3", "2009-10-01", "2009-12-31"), ("Q4", "2010-01-01", "2010-03-31")]
    assert [m["name"] for m in body["months"]][::11] == ["April 2009", "March 2010"]
    assert sum(m["days"] for m in body["months"]) == 365
    years = {(y["partner_name"], y["financial_year"]):
             (y["start"], y["end"], y["days_in_partnership_year"], y["matches"]) for y in body["partner_years"]}
    assert years == {
        (council["name"], "2009-10"): ("2009-04-01", "2010-03-31", 365, True),
        (housing["name"], "2009-10"): ("2009-01-01", "2009-12-31", 275, False),
        (housing["name"], "2010-11"): ("2010-01-01", "2010-12-31", 90, False)}
    [apportioned] = body["apportioned"]
    assert (apportioned["funding_stream_id"], apportioned["days"], apportioned["of_days"]) == (
        housing_stream["id"], 90, 365)
    assert (apportioned["stream_amount"], apportioned["amount"]) == ("365000.01", "90000.00")


def test_the_resource_map_counts_the_apportioned_part_in_each_year_to_the_penny(client):
    p, _, housing, council_stream, housing_stream = world(client)
    maps = {year: client.get(b.under(p, "resource-map"), params={"financial_year": year}).json()
            for year in ("2009-10", "2010-11")}
    parts = {year: {x["partner_id"]: x for x in m["partners"]}[housing["id"]]["totals"]["amount"]
             for year, m in maps.items()}
    assert parts == {"2009-10": "90000.00", "2010-11": "275000.01"}  # 90000.0025 and 275000.0075: the penny
    assert sum(Decimal(v) for v in parts.values()) == Decimal(housing_stream["amount"])
    assert maps["2009-10"]["totals"]["amount"] == str(Decimal(council_stream["amount"]) + Decimal("90000.00"))
    assert [a["funding_stream_id"] for a in maps["2010-11"]["apportioned"]] == [housing_stream["id"]]
    assert maps["2009-10"]["apportioned"][0]["most_contribution"] == "90000.00"


def test_a_run_uses_the_apportioned_part_of_the_stream(client, session):
    p, _, housing, _, housing_stream = world(client)
    scenario = b.created(client.post(b.under(p, "scenarios"), json={"name": "Default", "financial_year": "2009-10"}))
    run = b.created(client.post(b.under(p, f"scenarios/{scenario['id']}/runs")))
    assert run["status"] == "optimal"
    allocation = client.get(b.under(p, f"runs/{run['id']}/allocation")).json()
    from_housing = sum((Decimal(line["amount"]) for line in allocation["lines"]
                        if line["funding_stream_id"] == housing_stream["id"]), Decimal(0))
    assert from_housing == Decimal("90000.00")  # all of its 2009-10 part, and no more, is worth spending
    [frozen] = session.get(Run, uuid.UUID(run["id"])).snapshot["apportioned"]
    assert frozen == {"stream_id": housing_stream["id"], "partner_year": "2010-11", "days": 90, "of_days": 365,
                      "stream_amount": 36_500_001, "amount": 9_000_000}


def test_budget_setting_dates_are_kept_one_a_partner_year_and_shown_in_the_calendar(client):
    p, _, housing, _, _ = world(client)
    url = b.under(p, "budget-dates")
    first = b.created(client.post(url, json={"partner_id": housing["id"], "financial_year": "2010-11",
                                             "set_by": "2009-12-10", "note": "Board meeting"}))
    changed = client.post(url, json={"partner_id": housing["id"], "financial_year": "2010-11", "set_by": "2009-12-17"})
    assert changed.status_code == 200 and changed.json()["id"] == first["id"] and changed.json()["version"] == 2
    assert [d["set_by"] for d in client.get(url).json()] == ["2009-12-17"]
    shown = client.get(b.under(p, "calendar"), params={"year": "2009-10"}).json()["partner_years"]
    assert {y["financial_year"]: y["budget_set_by"] for y in shown if y["partner_id"] == housing["id"]} == {
        "2009-10": None, "2010-11": "2009-12-17"}
    trail = client.get(b.under(p, "audit-events"), params={"entity": "budget_setting_date"}).json()["items"]
    assert [(e["action"], e["after"]["set_by"]) for e in trail] == [("create", "2009-12-10"), ("update", "2009-12-17")]


def test_bad_input_is_a_problem_naming_the_field_and_changes_nothing(client):
    p, council, _, _, _ = world(client)
    url = b.under(p, "budget-dates")
    for body, field in [({"partner_id": council["id"], "financial_year": "2009-11", "set_by": "2009-02-26"},
                         "financial_year"),
                        ({"partner_id": council["id"], "financial_year": "2009-10", "set_by": "26/02/2009"}, "set_by"),
                        ({"partner_id": "7e1d3a4e-0000-4000-8000-000000000000", "financial_year": "2009-10",
                          "set_by": "2009-02-26"}, "partner_id")]:
        problem = b.assert_problem(client.post(url, json=body), 422)
        assert problem["errors"][0]["loc"][-1] == field, problem
    assert client.get(url).json() == []
    assert b.assert_problem(client.get(b.under(p, "calendar"), params={"year": "2009"}), 422)["errors"][0][
        "loc"][-1] == "year"


def test_a_partners_finance_officer_sets_only_its_own_dates_and_other_partnerships_see_nothing(client):
    p, council, housing, _, _ = world(client)
    finance = b.key(client, p, Role.PARTNER_FINANCE, council["id"])
    body = {"partner_id": housing["id"], "financial_year": "2009-10", "set_by": "2008-12-11"}
    b.assert_problem(client.post(b.under(p, "budget-dates"), json=body, headers=finance), 403)
    own = client.post(b.under(p, "budget-dates"), json={**body, "partner_id": council["id"]}, headers=finance)
    assert own.status_code == 201
    scrutiny = b.key(client, p, Role.SCRUTINY)
    b.assert_problem(client.post(b.under(p, "budget-dates"), json=body, headers=scrutiny), 403)
    other = b.partnership(client, name="Southshire Partnership")
    b.assert_problem(client.post(b.under(other, "budget-dates"), json=body), 422, "not a partner")
    assert client.get(b.under(other, "budget-dates")).json() == []
    assert client.get(b.under(other, "calendar"), params={"year": "2009-10"}).json()["apportioned"] == []
