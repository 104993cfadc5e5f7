"""Spend actuals: one at a time and in bulk, the partner's own streams, finance keys, all-or-none."""

import pytest

from tests import builders as b
from tests.observations.files import csv_file, xlsx_file


@pytest.fixture
def reg(client):
    p = b.partnership(client)
    made = b.one_of_each(client, p)
    made["health"] = b.partner(client, p, name="Northshire PCT", sector="health")
    made["health_stream"] = b.stream(client, p, made["health"]["id"], name="PCT budget")
    return {"p": p, **made}


def actual(reg, **fields):
    return {"intervention_id": reg["intervention"]["id"], "partner_id": reg["partner"]["id"],
            "period": "May 2009", "amount": "18250.00", **fields}


def listed(client, reg):
    return client.get(b.under(reg["p"], "spend-actuals")).json()["items"]


def test_an_actual_is_stored_exactly_with_its_period(client, reg):
    made = b.created(client.post(b.under(reg["p"], "spend-actuals"), json=actual(
        reg, amount="1234567.89", funding_stream_id=reg["funding_stream"]["id"], data_quality="outturn")))
    assert (made["amount"], made["period"], made["period_start"], made["period_end"]) == (
        "1234567.89", "May 2009", "2009-05-01", "2009-05-31")
    assert made["funding_stream_id"] == reg["funding_stream"]["id"]


def test_fractions_of_a_penny_are_422(client, reg):
    b.assert_problem(client.post(b.under(reg["p"], "spend-actuals"), json=actual(reg, amount="1.005")), 422)


def test_another_partners_stream_is_409(client, reg):
    response = client.post(b.under(reg["p"], "spend-actuals"), json=actual(
        reg, funding_stream_id=reg["health_stream"]["id"]))
    b.assert_problem(response, 409, "funding_stream_id")


@pytest.mark.parametrize("stream", [True, False])
def test_one_actual_per_line_and_period_with_or_without_a_stream(client, reg, stream):
    body = actual(reg, **({"funding_stream_id": reg["funding_stream"]["id"]} if stream else {}))
    b.created(client.post(b.under(reg["p"], "spend-actuals"), json=body))
    b.assert_problem(client.post(b.under(reg["p"], "spend-actuals"), json=body), 409)
    assert len(listed(client, reg)) == 1


def test_a_finance_key_records_only_its_own_partners_spend(client, reg):
    headers = b.key(client, reg["p"], "partner_finance", reg["health"]["id"])
    b.assert_problem(client.post(b.under(reg["p"], "spend-actuals"), json=actual(reg), headers=headers), 403)
    mine = actual(reg, partner_id=reg["health"]["id"])
    assert client.post(b.under(reg["p"], "spend-actuals"), json=mine, headers=headers).status_code == 201
    batch = {"items": [actual(reg, partner_id=reg["health"]["id"], period="June 2009"), actual(reg)]}
    body = b.assert_problem(client.post(b.under(reg["p"], "spend-actual-batches"), json=batch, headers=headers), 403)
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(2, "partner_id")]
    assert len(listed(client, reg)) == 1


def test_a_scrutiny_key_reads_but_does_not_record(client, reg):
    headers = b.key(client, reg["p"], "scrutiny")
    assert client.post(b.under(reg["p"], "spend-actuals"), json=actual(reg), headers=headers).status_code == 403
    assert client.get(b.under(reg["p"], "spend-actuals"), headers=headers).status_code == 200


HEADER = ["Intervention", "Partner", "Funding stream", "Period", "Amount", "Data quality"]


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_a_file_is_imported_with_money_as_excel_shows_it(client, reg, make):
    rows = [HEADER, ["Sexual health outreach", "Northshire Council", "Mainstream budget", "April 2009",
                     '"£1,250.50"' if make is csv_file else "£1,250.50", "OUTTURN"],
            ["sexual health outreach", "Northshire PCT", "", "2009-10 Q1", "300", ""]]
    response = client.post(b.under(reg["p"], "imports/spend-actuals"), files=make(rows))
    assert response.status_code == 200, response.text
    stored = {(a["partner_id"], a["period"]): (a["amount"], a["funding_stream_id"], a["data_quality"])
              for a in listed(client, reg)}
    assert stored == {(reg["partner"]["id"], "April 2009"): ("1250.50", reg["funding_stream"]["id"], "outturn"),
                      (reg["health"]["id"], "2009-10 Q1"): ("300.00", None, "estimate")}


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_a_file_with_one_bad_row_stores_nothing_and_names_the_row_and_column(client, reg, make):
    rows = [HEADER, ["Sexual health outreach", "Northshire Council", "", "April 2009", "100", ""],
            ["Sexual health outreach", "Northshire Council", "", "May 2009", "-5", ""],
            ["Sexual health outreach", "Northshire PCT", "Mainstream budget", "June 2009", "10", ""]]
    body = b.assert_problem(client.post(b.under(reg["p"], "imports/spend-actuals"), files=make(rows)), 422)
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(3, "amount"), (4, "funding_stream")]
    assert listed(client, reg) == []


def test_a_json_batch_with_a_bad_row_stores_nothing(client, reg):
    """A reference to another partnership's record alone is a clash (409, as one create of it is); with an
    invalid row too the batch is invalid (422). Either way every row's errors are named."""
    elsewhere = actual(reg, period="June 2009", intervention_id=reg["p"]["id"])
    body = b.assert_problem(client.post(b.under(reg["p"], "spend-actual-batches"), json={"items": [
        actual(reg), elsewhere]}), 409)
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(2, "intervention_id")]
    body = b.assert_problem(client.post(b.under(reg["p"], "spend-actual-batches"), json={"items": [
        actual(reg, amount="1.005"), elsewhere]}), 422)
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(1, "amount"), (2, "intervention_id")]
    assert listed(client, reg) == []
