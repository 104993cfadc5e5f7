"""Imports that add and change: a dry run's report of what would be created, changed and left alone, rows
matched by id or natural key, choices typed as people type them, and the rules a change keeps."""

import pytest

from tests import builders as b
from tests.spreadsheets.tables import XLSX, exported, imported


@pytest.fixture
def reg(client):
    p = b.partnership(client)
    council = b.partner(client, p)
    police = b.partner(client, p, name="Northshire Police", sector="police")
    cyp = b.theme(client, p)
    streams = [b.stream(client, p, council["id"], name="Youth offer", theme_ids=[cyp["id"]]),
               b.stream(client, p, police["id"], name="BCU fund")]
    return {"p": p, "council": council, "police": police, "cyp": cyp, "streams": streams}


def streams_of(client, p):
    return {s["id"]: s for s in client.get(b.under(p, "funding-streams")).json()["items"]}


def test_a_dry_run_reports_what_would_be_created_changed_and_left_alone(client, reg):
    p = reg["p"]
    table = exported(client, p["id"], "funding-streams")
    youth, bcu = table
    youth["most_contribution"], youth["source_note"] = "750000.00", "Where the figure comes from"
    new = {**bcu, "id": "", "version": "", "name": "New fund"}
    before = streams_of(client, p)
    response = imported(client, p["id"], "funding-streams", [youth, bcu, new], dry_run=True)
    assert response.status_code == 200, response.text
    report = response.json()
    assert (report["dry_run"], report["valid"], report["created"], report["new_rows"]) == (True, True, [], [4])
    assert report["unchanged"] == [bcu["id"]]
    assert report["updated"] == [{"id": youth["id"], "row": 2, "changes": [
        {"column": "most_contribution", "before": "800000.00", "after": "750000.00"},
        {"column": "source_note", "before": "", "after": "Where the figure comes from"}]}]
    assert streams_of(client, p) == before  # nothing stored

    stored = imported(client, p["id"], "funding-streams", [youth, bcu, new]).json()
    assert len(stored["created"]) == 1 and [u["id"] for u in stored["updated"]] == [youth["id"]]
    after = streams_of(client, p)
    assert after[youth["id"]]["most_contribution"] == "750000.00" and after[youth["id"]]["version"] == 2
    assert after[bcu["id"]] == before[bcu["id"]] and after[stored["created"][0]]["name"] == "New fund"
    events = client.get(b.under(p, "audit-events"), params={"entity_id": youth["id"]}).json()["items"]
    assert [e["action"] for e in events] == ["create", "update"]
    assert (events[1]["before"]["most_contribution"], events[1]["after"]["most_contribution"]) == (
        "800000.00", "750000.00")
    assert client.get(b.under(p, "audit-events"), params={"entity_id": bcu["id"]}).json()["items"][-1][
        "action"] == "create"  # left alone: no event


def test_a_row_without_id_changes_the_record_with_its_natural_key(client, reg):
    p = reg["p"]
    text = ("partner,name,financial_year,amount,kind,arrangement,most_contribution\n"
            "Northshire Council,Youth offer,2009-10,1000000,Mainstream,Pooled,700000\n")
    response = client.post(b.under(p, "imports/funding-streams"), files={"file": ("s.csv", text.encode(), "text/csv")})
    assert response.status_code == 200, response.text
    report = response.json()
    youth = reg["streams"][0]["id"]
    assert report["created"] == [] and [u["id"] for u in report["updated"]] == [youth]
    assert [c["column"] for c in report["updated"][0]["changes"]] == ["most_contribution"]
    stored = streams_of(client, p)[youth]
    assert (stored["name"], stored["theme_ids"], stored["least_contribution"]) == (
        "Youth offer", [reg["cyp"]["id"]], "100000.00")  # columns left out of the file keep their values


def test_choices_are_read_as_people_type_them_and_an_unknown_one_lists_the_allowed(client, reg):
    p = reg["p"]
    text = ("partner,name,financial_year,amount,kind,arrangement,most_contribution,data_quality\n"
            "Northshire Council,Grant,2009-10,1000,Ring-fenced grant,POOLED,500,Budgeted\n"
            "Northshire Council,Area grant,2009-10,1000,area based_grant,not-shared,0,out turn\n"
            "Northshire Council,Shared,2009-10,1000,mainstream,shared,500,\n")
    upload = {"file": ("s.csv", text.encode(), "text/csv")}
    body = b.assert_problem(client.post(b.under(p, "imports/funding-streams"), files=upload), 422, "row 4")
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(4, "arrangement")]
    assert "pooled, aligned, not_shared" in body["errors"][0]["message"]
    upload = {"file": ("s.csv", text.rsplit("\n", 2)[0].encode() + b"\n", "text/csv")}
    report = client.post(b.under(p, "imports/funding-streams"), files=upload).json()
    made = [streams_of(client, p)[i] for i in report["created"]]
    assert [(s["kind"], s["arrangement"], s["data_quality"]) for s in made] == [
        ("ring_fenced_grant", "pooled", "budgeted"), ("area_based_grant", "not_shared", "outturn")]
    goals = ("theme,indicator_code,title,unit,polarity,baseline_value,baseline_year,target_value,target_year\n"
             "Children and young people,NI 21,Concerns about ASB,%,Higher is better,28,2008,35,2010-11\n")
    report = client.post(b.under(p, "imports/goals"), files={"file": ("g.csv", goals.encode(), "text/csv")}).json()
    assert client.get(b.under(p, f"goals/{report['created'][0]}")).json()["polarity"] == "higher_is_better"
    description = client.get("/openapi.json").json()["paths"]["/v1/partnerships/{partnership_id}/imports/goals"]
    assert "lower_is_better, higher_is_better" in description["post"]["description"]


def test_an_xlsx_upload_adds_and_changes(client, reg):
    p = reg["p"]
    table = exported(client, p["id"], "funding-streams", XLSX)
    table[1]["amount"] = 2000000
    table.append({**table[1], "id": None, "version": None, "name": "Workbook fund"})
    report = imported(client, p["id"], "funding-streams", table, XLSX).json()
    assert (len(report["created"]), report["new_rows"], report["unchanged"]) == (1, [4], [table[0]["id"]])
    assert streams_of(client, p)[table[1]["id"]]["amount"] == "2000000.00"


def test_a_bad_row_stores_nothing_not_even_the_changes(client, reg):
    p = reg["p"]
    table = exported(client, p["id"], "funding-streams")
    before = streams_of(client, p)
    table[0]["amount"] = "1"  # below most_contribution
    table[1]["source_note"] = "A valid change"
    body = b.assert_problem(imported(client, p["id"], "funding-streams", table), 422, "nothing was imported")
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(2, "most_contribution")]
    assert (body["updated"], body["created"]) == ([], [])
    assert streams_of(client, p) == before


def test_ids_of_another_partnership_or_kind_and_two_rows_for_one_record_are_row_errors(client, reg):
    p = reg["p"]
    other = b.partnership(client, name="Southshire Partnership", area_code="E06000048")
    theirs = b.stream(client, other, b.partner(client, other)["id"])
    goal = b.goal(client, p, reg["cyp"]["id"])
    table = exported(client, p["id"], "funding-streams")
    rows = [table[0], {**table[1], "id": theirs["id"]}, {**table[1], "id": goal["id"]}, {**table[0], "version": ""}]
    body = b.assert_problem(imported(client, p["id"], "funding-streams", rows), 422)
    found = {(e["row"], e["field"]): e["message"] for e in body["errors"]}
    assert set(found) == {(3, "id"), (4, "id"), (5, None)}
    assert "No funding stream with id" in found[(3, "id")] and "Row 2" in found[(5, None)]


def test_a_row_changing_a_record_changed_since_the_export_is_409(client, reg):
    p = reg["p"]
    table = exported(client, p["id"], "funding-streams")
    youth = reg["streams"][0]
    assert client.patch(b.under(p, f"funding-streams/{youth['id']}"), json={"source_note": "Changed meanwhile"},
                        headers=b.ANY).status_code == 200
    table[0]["amount"] = "1100000.00"
    body = b.assert_problem(imported(client, p["id"], "funding-streams", table), 409, "export it again")
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(2, "version")]
    assert streams_of(client, p)[youth["id"]]["amount"] == "1000000.00"
    unchanged_rows = imported(client, p["id"], "funding-streams", table[1:])
    assert unchanged_rows.status_code == 200  # a stale row that changes nothing is no conflict


def test_partner_finance_changes_only_its_own_partners_streams(client, anonymous, reg):
    p = reg["p"]
    headers = b.key(client, p, "partner_finance", partner_id=reg["council"]["id"])
    table = exported(client, p["id"], "funding-streams")
    theirs = [dict(r) for r in table]
    theirs[1]["amount"] = "1200000.00"
    body = b.assert_problem(imported(anonymous, p["id"], "funding-streams", theirs, headers=headers), 403, "row 3")
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(3, "partner")]
    ours = [dict(r) for r in table]
    ours[0]["amount"] = "1200000.00"
    report = imported(anonymous, p["id"], "funding-streams", ours, headers=headers).json()
    assert [u["id"] for u in report["updated"]] == [table[0]["id"]] and report["unchanged"] == [table[1]["id"]]
    moved = exported(client, p["id"], "funding-streams")  # the versions ours changed
    moved[0]["partner"] = "Northshire Police"  # giving its stream away is changing another partner's money
    b.assert_problem(imported(anonymous, p["id"], "funding-streams", moved, headers=headers), 403)


def test_interventions_effects_in_the_file_replace_the_stored_ones(client, reg):
    p = reg["p"]
    ni112 = b.goal(client, p, reg["cyp"]["id"])
    ni113 = b.goal(client, p, reg["cyp"]["id"], indicator_code="NI 113", title="Chlamydia", baseline_value="5",
                   target_value="4")
    made = b.intervention(client, p, reg["cyp"]["id"], reg["council"]["id"], tranches=[
        {"width": "300000.00", "multiplier": "1"}], effects=[
        {"goal_id": ni112["id"], "per_thousand": "-0.01"}, {"goal_id": ni113["id"], "per_thousand": "-0.02"}])
    table = exported(client, p["id"], "interventions")
    assert sorted(r["goal"] for r in table) == ["NI 112", "NI 113"] and {r["id"] for r in table} == {made["id"]}
    kept = [r for r in table if r["goal"] == "NI 113"]
    report = imported(client, p["id"], "interventions", kept).json()
    assert [c["column"] for c in report["updated"][0]["changes"]] == ["effects"]
    stored = client.get(b.under(p, f"interventions/{made['id']}")).json()
    assert [e["goal_id"] for e in stored["effects"]] == [ni113["id"]]
    assert stored["tranches"] == made["tranches"]  # not in the file: kept
