"""Observation and spend-actual files that change what they name: by the goal (or line), partner and period of
a stored record, or by id; a dry run reports it and stores nothing; a JSON batch still only adds."""

from tests import builders as b
from tests.observations.files import csv_file
from tests.spreadsheets.tables import exported, imported


def test_an_observation_file_row_for_a_stored_period_changes_it(client):
    p = b.partnership(client)
    made = b.one_of_each(client, p)
    stored = b.created(client.post(b.under(p, "observations"), json={
        "goal_id": made["goal"]["id"], "partner_id": made["partner"]["id"], "period": "2009-10 Q1", "value": "43.8"}))
    rows = [["goal", "partner", "period", "value", "data_quality"],
            ["NI 112", "Northshire Council", "2009-10 q1", "43.8", "Out-turn"],
            ["NI 112", "Northshire Council", "2009-10 Q2", "43.1", ""]]
    dry = client.post(b.under(p, "imports/observations"), files=csv_file(rows), params={"dry_run": "true"}).json()
    assert (dry["created"], [u["id"] for u in dry["updated"]]) == ([], [stored["id"]])
    assert dry["updated"][0]["changes"] == [{"column": "data_quality", "before": "estimate", "after": "outturn"}]
    assert client.get(b.under(p, f"observations/{stored['id']}")).json()["version"] == 1
    report = client.post(b.under(p, "imports/observations"), files=csv_file(rows)).json()
    assert len(report["created"]) == 1 and [u["id"] for u in report["updated"]] == [stored["id"]]
    changed = client.get(b.under(p, f"observations/{stored['id']}")).json()
    assert (changed["data_quality"], changed["version"]) == ("outturn", 2)
    again = client.post(b.under(p, "observation-batches"), json={"items": [
        {"goal_id": made["goal"]["id"], "partner_id": made["partner"]["id"], "period": "2009-10 Q1", "value": "1"}]})
    b.assert_problem(again, 409)  # a JSON batch only adds: change a stored record with PATCH or a file


def test_a_spend_actual_changed_since_the_export_is_409_and_an_unknown_id_a_row_error(client):
    p = b.partnership(client)
    made = b.one_of_each(client, p)
    actual = b.created(client.post(b.under(p, "spend-actuals"), json={
        "intervention_id": made["intervention"]["id"], "partner_id": made["partner"]["id"], "period": "May 2009",
        "amount": "10.00"}))
    table = exported(client, p["id"], "spend-actuals")
    assert [(r["id"], r["amount"], r["funding_stream"]) for r in table] == [(actual["id"], "10.00", "")]
    url = b.under(p, f"spend-actuals/{actual['id']}")
    assert client.patch(url, json={"note": "Changed meanwhile"}, headers=b.ANY).status_code == 200
    table[0]["amount"] = "12.00"
    body = b.assert_problem(imported(client, p["id"], "spend-actuals", table), 409, "export it again")
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(2, "version")]
    table[0] |= {"id": made["goal"]["id"], "version": ""}
    body = b.assert_problem(imported(client, p["id"], "spend-actuals", table), 422, "No spend actual with id")
    assert client.get(url).json()["amount"] == "10.00"
