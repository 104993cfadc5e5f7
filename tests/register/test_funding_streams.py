"""Funding streams: exact money, contribution bounds and ring-fences."""

import pytest

from tests import builders as b


@pytest.fixture
def reg(client):
    p = b.partnership(client)
    return {"p": p, "partner": b.partner(client, p), "theme": b.theme(client, p)}


def streams(client, p):
    return client.get(b.under(p, "funding-streams")).json()["items"]


def test_money_goes_out_as_two_place_strings(client, reg):
    s = b.stream(client, reg["p"], reg["partner"]["id"], amount=1000000, least_contribution=0.1,
                 most_contribution="12.5")
    assert (s["amount"], s["least_contribution"], s["most_contribution"]) == (
        "1000000.00", "0.10", "12.50")


@pytest.mark.parametrize("amount", ["10.001", "-1.00", "NaN", "Infinity", "-Infinity",
                                    "1000000000000.01", "1e13", "ten pounds", None])
def test_bad_amounts_are_422_and_store_nothing(client, reg, amount):
    response = client.post(b.under(reg["p"], "funding-streams"), json={
        "partner_id": reg["partner"]["id"], "name": "x", "financial_year": "2009-10",
        "amount": amount, "kind": "mainstream", "arrangement": "pooled",
        "most_contribution": "0.00"})
    body = b.assert_problem(response, 422, "amount")
    assert body["errors"][0]["loc"] == ["body", "amount"]
    assert streams(client, reg["p"]) == []


def test_a_trillion_pounds_exactly_is_accepted(client, reg):
    s = b.stream(client, reg["p"], reg["partner"]["id"], amount="1000000000000.00")
    assert s["amount"] == "1000000000000.00"


@pytest.mark.parametrize("year", ["2009-11", "2009/10", "09-10", "2009", "2099-00x"])
def test_financial_years_are_written_like_2009_10(client, reg, year):
    response = client.post(b.under(reg["p"], "funding-streams"), json={
        "partner_id": reg["partner"]["id"], "name": "x", "financial_year": year,
        "amount": "1.00", "kind": "mainstream", "arrangement": "pooled", "most_contribution": "0"})
    b.assert_problem(response, 422, "financial_year")


def test_century_rollover_year_is_accepted(client, reg):
    assert b.stream(client, reg["p"], reg["partner"]["id"], financial_year="2099-00")["financial_year"] == "2099-00"


@pytest.mark.parametrize(("fields", "fragment"), [
    ({"least_contribution": "900000.00", "most_contribution": "800000.00"}, "least_contribution"),
    ({"most_contribution": "2000000.00"}, "most_contribution"),
    ({"arrangement": "not_shared"}, "not_shared"),
])
def test_contribution_conflicts_are_409_and_store_nothing(client, reg, fields, fragment):
    body = {"partner_id": reg["partner"]["id"], "name": "x", "financial_year": "2009-10",
            "amount": "1000000.00", "kind": "mainstream", "arrangement": "pooled",
            "least_contribution": "0.00", "most_contribution": "500000.00", **fields}
    b.assert_problem(client.post(b.under(reg["p"], "funding-streams"), json=body), 409, fragment)
    assert streams(client, reg["p"]) == []


def test_patch_that_would_put_least_above_most_is_409_and_changes_nothing(client, reg):
    s = b.stream(client, reg["p"], reg["partner"]["id"])
    url = b.under(reg["p"], f"funding-streams/{s['id']}")
    b.assert_problem(client.patch(url, json={"least_contribution": "900000.00"}, headers=b.ANY), 409, "least")
    assert client.get(url).json() == s


def test_ring_fence_is_stored_and_replaced(client, reg):
    other = b.theme(client, reg["p"], name="Safer and stronger communities")
    s = b.stream(client, reg["p"], reg["partner"]["id"], theme_ids=[reg["theme"]["id"]])
    assert s["theme_ids"] == [reg["theme"]["id"]]
    url = b.under(reg["p"], f"funding-streams/{s['id']}")
    patched = client.patch(url, json={"theme_ids": [other["id"]]}, headers=b.ANY).json()
    assert patched["theme_ids"] == [other["id"]] and patched["version"] == 2
    assert client.patch(url, json={"theme_ids": []}, headers=b.ANY).json()["theme_ids"] == []


def test_references_must_belong_to_the_partnership(client, reg):
    elsewhere = b.partnership(client, name="Elsewhere")
    foreign_partner = b.partner(client, elsewhere)
    foreign_theme = b.theme(client, elsewhere)
    response = client.post(b.under(reg["p"], "funding-streams"), json={
        "partner_id": foreign_partner["id"], "name": "x", "financial_year": "2009-10",
        "amount": "1.00", "kind": "mainstream", "arrangement": "pooled", "most_contribution": "1"})
    b.assert_problem(response, 409, "partner_id", foreign_partner["id"])
    response = client.post(b.under(reg["p"], "funding-streams"), json={
        "partner_id": reg["partner"]["id"], "name": "x", "financial_year": "2009-10",
        "amount": "1.00", "kind": "mainstream", "arrangement": "pooled", "most_contribution": "1",
        "theme_ids": [foreign_theme["id"]]})
    b.assert_problem(response, 409, "theme_ids")
    assert streams(client, reg["p"]) == []


def test_filters_by_partner_and_year(client, reg):
    police = b.partner(client, reg["p"], name="Police", sector="police")
    mine = b.stream(client, reg["p"], police["id"], financial_year="2010-11")
    b.stream(client, reg["p"], reg["partner"]["id"])
    by_partner = client.get(b.under(reg["p"], "funding-streams"), params={"partner_id": police["id"]})
    assert [s["id"] for s in by_partner.json()["items"]] == [mine["id"]]
    by_year = client.get(b.under(reg["p"], "funding-streams"), params={"financial_year": "2010-11"})
    assert [s["id"] for s in by_year.json()["items"]] == [mine["id"]]


def test_partner_with_streams_cannot_be_deleted(client, reg):
    b.stream(client, reg["p"], reg["partner"]["id"])
    url = b.under(reg["p"], f"partners/{reg['partner']['id']}")
    b.assert_problem(client.delete(url, headers=b.ANY), 409, "1 funding streams")
    assert client.get(url).status_code == 200


def test_theme_in_a_ring_fence_cannot_be_deleted(client, reg):
    b.stream(client, reg["p"], reg["partner"]["id"], theme_ids=[reg["theme"]["id"]])
    url = b.under(reg["p"], f"themes/{reg['theme']['id']}")
    b.assert_problem(client.delete(url, headers=b.ANY), 409, "ring-fences")
    assert client.get(url).status_code == 200
