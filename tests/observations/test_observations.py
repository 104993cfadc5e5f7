"""Indicator observations: one at a time and in bulk (JSON, CSV, XLSX), periods, quality, all-or-none."""

import pytest

from tests import builders as b
from tests.observations.files import csv_file, xlsx_file


@pytest.fixture
def reg(client):
    p = b.partnership(client)
    made = b.one_of_each(client, p)
    return {"p": p, **made}


def observation(reg, **fields):
    return {"goal_id": reg["goal"]["id"], "partner_id": reg["partner"]["id"], "period": "2009-10 Q1",
            "value": "43.8", **fields}


def listed(client, reg):
    return client.get(b.under(reg["p"], "observations")).json()["items"]


@pytest.mark.parametrize(("sent", "label", "kind", "start", "end"), [
    ("2009-10", "2009-10", "year", "2009-04-01", "2010-03-31"),
    ("2009-10 q2", "2009-10 Q2", "quarter", "2009-07-01", "2009-09-30"),
    ("2009-10 Q4", "2009-10 Q4", "quarter", "2010-01-01", "2010-03-31"),
    ("feb 2010", "February 2010", "month", "2010-02-01", "2010-02-28"),
])
def test_a_period_is_stored_with_its_first_and_last_day(client, reg, sent, label, kind, start, end):
    made = b.created(client.post(b.under(reg["p"], "observations"), json=observation(reg, period=sent)))
    assert (made["period"], made["period_kind"], made["period_start"], made["period_end"]) == (
        label, kind, start, end)
    assert made["value"] == "43.8" and made["data_quality"] == "estimate"
    assert client.get(b.under(reg["p"], f"observations/{made['id']}")).json() == made


def test_quarters_follow_the_partnerships_financial_year(client):
    p = b.partnership(client, financial_year_start_month=1)
    made = b.one_of_each(client, p)
    body = {"goal_id": made["goal"]["id"], "partner_id": made["partner"]["id"], "period": "2009-10 Q1",
            "value": "40"}
    stored = b.created(client.post(b.under(p, "observations"), json=body))
    assert (stored["period_start"], stored["period_end"]) == ("2009-01-01", "2009-03-31")


@pytest.mark.parametrize("period", ["2009-11", "2009-10 Q5", "Smarch 2009", "2009"])
def test_a_period_that_is_none_of_the_partnerships_is_422(client, reg, period):
    response = client.post(b.under(reg["p"], "observations"), json=observation(reg, period=period))
    b.assert_problem(response, 422, period)
    assert listed(client, reg) == []


def test_budgeted_is_not_an_observations_quality(client, reg):
    response = client.post(b.under(reg["p"], "observations"), json=observation(reg, data_quality="budgeted"))
    body = b.assert_problem(response, 422)
    assert "budgeted is a plan" in response.text and body["errors"][0]["loc"][-1] == "data_quality"


def test_a_second_observation_for_the_same_goal_partner_and_period_is_409(client, reg):
    b.created(client.post(b.under(reg["p"], "observations"), json=observation(reg)))
    b.assert_problem(client.post(b.under(reg["p"], "observations"), json=observation(reg, value="41")), 409)
    assert [o["value"] for o in listed(client, reg)] == ["43.8"]


def test_delete_and_filters(client, reg):
    first = b.created(client.post(b.under(reg["p"], "observations"), json=observation(reg)))
    b.created(client.post(b.under(reg["p"], "observations"), json=observation(reg, period="2009-10 Q2")))
    only = client.get(b.under(reg["p"], "observations"), params={"period": "2009-10 Q1"}).json()["items"]
    assert [o["id"] for o in only] == [first["id"]]
    assert client.delete(b.under(reg["p"], f"observations/{first['id']}"), headers=b.ANY).status_code == 204
    assert [o["period"] for o in listed(client, reg)] == ["2009-10 Q2"]


def test_another_partnerships_goal_is_409(client, reg):
    other = b.partnership(client, name="Elsewhere")
    theirs = b.one_of_each(client, other)
    response = client.post(b.under(reg["p"], "observations"), json=observation(reg, goal_id=theirs["goal"]["id"]))
    b.assert_problem(response, 409, "goal_id")


def test_a_json_batch_is_stored_whole_with_an_audit_event_each(client, reg):
    items = [observation(reg, period=q) for q in ("2009-10 Q1", "2009-10 Q2", "2009-10 Q3")]
    report = client.post(b.under(reg["p"], "observation-batches"), json={"items": items})
    assert report.status_code == 201, report.text
    assert report.json()["valid"] and len(report.json()["created"]) == 3
    assert sorted(o["period"] for o in listed(client, reg)) == ["2009-10 Q1", "2009-10 Q2", "2009-10 Q3"]
    events = client.get(b.under(reg["p"], "audit-events"), params={"entity": "indicator_observation"}).json()
    assert sorted(e["entity_id"] for e in events["items"]) == sorted(report.json()["created"])


def test_a_json_batch_with_bad_rows_stores_nothing_and_names_each(client, reg):
    items = [observation(reg), observation(reg, period="2009-10 Q2", value="lots"),
             observation(reg, period="2009-10 Q1"), observation(reg, period="2009-10 Q9")]
    response = client.post(b.under(reg["p"], "observation-batches"), json={"items": items})
    body = b.assert_problem(response, 422, "3 rows")
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(2, "value"), (3, "period"), (4, "period")]
    assert listed(client, reg) == []


def test_a_dry_run_reports_and_stores_nothing(client, reg):
    response = client.post(b.under(reg["p"], "observation-batches"), params={"dry_run": True},
                           json={"items": [observation(reg)]})
    assert response.status_code == 200 and response.json()["valid"] and response.json()["created"] == []
    assert listed(client, reg) == []


def test_a_batch_row_for_a_stored_period_is_a_409_and_with_a_bad_row_too_a_422(client, reg):
    """A clash with what is stored alone is a conflict (as one create of it is); with any invalid row the
    batch is invalid. Either way every row's errors are listed and nothing is stored."""
    b.created(client.post(b.under(reg["p"], "observations"), json=observation(reg)))
    body = b.assert_problem(client.post(b.under(reg["p"], "observation-batches"), json={"items": [
        observation(reg, period="2009-10 Q2"), observation(reg, value="1")]}), 409)
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(2, "period")]
    body = b.assert_problem(client.post(b.under(reg["p"], "observation-batches"), json={"items": [
        observation(reg, period="2009-10 Q2", value="x"), observation(reg, value="1")]}), 422)
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(1, "value"), (2, "period")]
    assert len(listed(client, reg)) == 1


HEADER = ["Goal", "Partner", "Period", "Value", "Data quality", "Note"]


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_a_file_is_imported_by_names_as_people_type_them(client, reg, make):
    rows = [HEADER, ["NI 112", "northshire council", "2009-10 Q1", "43.8", "Out-turn", "validated"],
            ["NI 112", "Northshire Council", "May 2009", "44", "", ""]]
    response = client.post(b.under(reg["p"], "imports/observations"), files=make(rows))
    assert response.status_code == 200, response.text
    stored = {o["period"]: (o["value"], o["data_quality"]) for o in listed(client, reg)}
    assert stored == {"2009-10 Q1": ("43.8", "outturn"), "May 2009": ("44", "estimate")}


@pytest.mark.parametrize("make", [csv_file, xlsx_file])
def test_a_file_with_one_bad_row_stores_nothing_and_names_the_row_and_column(client, reg, make):
    rows = [HEADER, ["NI 112", "Northshire Council", "2009-10 Q1", "43.8", "", ""],
            ["NI 112", "Northshire Council", "2009-10 Q2", "43.1", "", ""],
            ["NI 999", "Northshire Council", "2009-10 Q3", "42.9", "", ""]]
    body = b.assert_problem(client.post(b.under(reg["p"], "imports/observations"), files=make(rows)), 422, "row 4")
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(4, "goal")]
    assert "NI 999" in body["errors"][0]["message"]
    assert listed(client, reg) == []


def test_an_excel_date_in_the_period_column_is_its_month(client, reg):
    import datetime

    rows = [HEADER[:4], ["NI 112", "Northshire Council", datetime.datetime(2009, 6, 1), 43.5]]
    assert client.post(b.under(reg["p"], "imports/observations"), files=xlsx_file(rows)).status_code == 200
    assert [(o["period"], o["value"]) for o in listed(client, reg)] == [("June 2009", "43.5")]


def test_a_file_without_a_required_column_is_422_naming_it(client, reg):
    body = b.assert_problem(client.post(b.under(reg["p"], "imports/observations"),
                                        files=csv_file([["Goal", "Partner", "Period"], ["NI 112", "x", "2009-10"]])),
                            422, "value")
    assert body["errors"] == [{"row": 1, "field": "value", "message": body["errors"][0]["message"]}]
