"""Spreadsheets in and out: CSV imports (all rows or none) and CSV/XLSX exports that never run formulas."""

import csv
import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from service.domain.demo.load import load_demo
from service.settings import get_settings
from tests import builders as b

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
STREAM_HEADER = "partner,name,financial_year,amount,kind,arrangement,least_contribution,most_contribution,themes\n"
PENNY = Decimal("0.01")


@pytest.fixture
def reg(client):
    p = b.partnership(client)
    council = b.partner(client, p)
    police = b.partner(client, p, name="Northshire Police", sector="police")
    cyp, safer = b.theme(client, p), b.theme(client, p, name="Safer communities")
    return {"p": p, "council": council, "police": police, "cyp": cyp, "safer": safer}


def upload(client, p, kind, text, *, dry_run=False, headers=None, encoding="utf-8"):
    data = text.encode(encoding) if isinstance(text, str) else text
    return client.post(b.under(p, f"imports/{kind}"), params={"dry_run": dry_run} if dry_run else None,
                       files={"file": (f"{kind}.csv", data, "text/csv")}, headers=headers)


def items(client, p, path):
    return client.get(b.under(p, path)).json()["items"]


def audited(client, p, entity):
    """The audit trail's create events for `entity`, as {entity_id: event}."""
    events = client.get(b.under(p, "audit-events"), params={"entity": entity}).json()["items"]
    assert {(e["action"], e["actor"]) for e in events} <= {("create", "development-admin")}
    return {e["entity_id"]: e for e in events}


def errors_by_row(body):
    found = {}
    for error in body["errors"]:
        found.setdefault(error["row"], []).append(error)
    return found


def test_funding_streams_import_by_name_and_money_as_excel_writes_it(client, reg):
    p = reg["p"]
    text = ("\ufeff" + STREAM_HEADER
            + 'Northshire Council,Youth offer,2009-10,"£1,250,000.00",mainstream,pooled,"£100,000",900000,'
            '"Children and young people; safer communities"\r\n'
            f"{reg['police']['id']},BCU fund,2009-10,400000.5,mainstream,aligned,,300000,\r\n"
            ",,,,,,,,\r\n")
    response = upload(client, p, "funding-streams", text)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report | {"created": None} == {"dry_run": False, "rows": 2, "records": 2, "valid": True,
                                          "created": None, "new_rows": [2, 3], "updated": [], "unchanged": [],
                                          "errors": []}
    stored = {s["id"]: s for s in items(client, p, "funding-streams")}
    assert set(stored) == set(report["created"])
    youth, bcu = (stored[i] for i in report["created"])
    assert (youth["partner_id"], youth["amount"], youth["least_contribution"]) == (
        reg["council"]["id"], "1250000.00", "100000.00")
    assert sorted(youth["theme_ids"]) == sorted([reg["cyp"]["id"], reg["safer"]["id"]])
    assert (bcu["partner_id"], bcu["amount"], bcu["least_contribution"], bcu["theme_ids"]) == (
        reg["police"]["id"], "400000.50", "0.00", [])
    assert set(audited(client, p, "funding_stream")) == set(report["created"])


def test_goals_import(client, reg):
    p = reg["p"]
    text = ("Theme,Indicator code,Title,Unit,Polarity,Baseline value,Baseline year,Target value,Target year,"
            "Weight,Is LAA target\n"
            "Children and young people,NI 112,Under-18 conception rate,per 1000,lower_is_better,45.2,2008,"
            "38.0,2010-11,3,TRUE\n"
            'Safer communities,NI 39,Alcohol-related admissions,per 100000,lower_is_better,"2,254",2008-09,'
            "2000,2010-11,,no\n")
    report = upload(client, p, "goals", text).json()
    assert report["valid"] and len(report["created"]) == 2
    goals = {g["indicator_code"]: g for g in items(client, p, "goals")}
    assert (goals["NI 112"]["theme_id"], goals["NI 112"]["weight"], goals["NI 112"]["is_laa_target"]) == (
        reg["cyp"]["id"], "3", True)
    assert (goals["NI 39"]["baseline_value"], goals["NI 39"]["weight"], goals["NI 39"]["is_laa_target"]) == (
        "2254", "1", False)
    assert set(audited(client, p, "goal")) == set(report["created"])


def test_interventions_import_groups_effect_rows_by_title(client, reg):
    p = reg["p"]
    ni112 = b.goal(client, p, reg["cyp"]["id"])
    ni113 = b.goal(client, p, reg["cyp"]["id"], indicator_code="NI 113", title="Chlamydia", baseline_value="5",
                   target_value="4")
    text = ("title,theme,lead_partner,capacity,committed_funding,goal,per_thousand,low,high,evidence_note\n"
            "Sexual health outreach,Children and young people,Northshire Council,600000,,NI 112,-0.006,-0.003,"
            '-0.009,"Illustrative: £11 saved per £1, claimed"\n'
            "Street triage,Safer communities,Northshire Police,80000,10000,,,,,\n"
            f"sexual health  OUTREACH,,,,,{ni113['id']},-0.01,,,\n")  # the same title, as typed again
    report = upload(client, p, "interventions", text).json()
    assert (report["rows"], report["records"], report["valid"]) == (3, 2, True)
    stored = {i["title"]: i for i in items(client, p, "interventions")}
    outreach, triage = stored["Sexual health outreach"], stored["Street triage"]
    assert {e["goal_id"]: e["per_thousand"] for e in outreach["effects"]} == {ni112["id"]: "-0.006",
                                                                             ni113["id"]: "-0.01"}
    assert "£11 saved per £1, claimed" in next(e["evidence_note"] for e in outreach["effects"]
                                                if e["goal_id"] == ni112["id"])
    assert (triage["effects"], triage["tranches"], triage["committed_funding"]) == ([], [], "10000.00")
    assert triage["lead_partner_id"] == reg["police"]["id"]
    events = audited(client, p, "intervention")
    assert set(events) == set(report["created"])
    assert len(events[outreach["id"]]["after"]["effects"]) == 2


def test_a_dry_run_reports_and_stores_nothing(client, reg):
    text = STREAM_HEADER + "Northshire Council,Youth offer,2009-10,1000,mainstream,pooled,0,500,\n"
    response = upload(client, reg["p"], "funding-streams", text, dry_run=True)
    assert response.status_code == 200
    assert response.json() == {"dry_run": True, "rows": 1, "records": 1, "valid": True, "created": [],
                               "new_rows": [2], "updated": [], "unchanged": [], "errors": []}
    assert items(client, reg["p"], "funding-streams") == []
    assert audited(client, reg["p"], "funding_stream") == {}


BAD_STREAMS = (STREAM_HEADER
               + "Northshire Council,Fine,2009-10,1000,mainstream,pooled,0,500,\n"
               + "Northshire Council,Bad amount,2009-10,ten pounds,mainstream,pooled,0,500,\n"
               + "Fire and Rescue,Unknown partner,2009-10,1000,mainstream,pooled,0,500,\n"
               + "Northshire Council,Least above most,2009-10,1000,mainstream,pooled,600,500,\n"
               + "Northshire Council,Unknown theme,2009-10,1000,mainstream,pooled,0,500,Housing\n"
               + "Northshire Council,Two faults,2009,1000,mainstream,shared,0,500,\n"
               + "Northshire Council,Fine,2009-10,1000,mainstream,pooled,0,500,\n")


@pytest.mark.parametrize("dry_run", [False, True])
def test_every_bad_row_is_reported_and_nothing_is_stored(client, reg, dry_run):
    response = upload(client, reg["p"], "funding-streams", BAD_STREAMS, dry_run=dry_run)
    if dry_run:
        assert response.status_code == 200
        body = response.json()
    else:
        body = b.assert_problem(response, 422, "6 rows", "nothing was imported", "row 3", "amount")
    assert (body["valid"], body["rows"], body["created"]) == (False, 7, [])
    rows = errors_by_row(body)
    assert sorted(rows) == [3, 4, 5, 6, 7, 8]
    assert [e["field"] for e in rows[3]] == ["amount"]
    assert rows[4][0]["field"] == "partner" and "Fire and Rescue" in rows[4][0]["message"]
    assert "Northshire Police" in rows[4][0]["message"]  # the known partners are listed
    assert rows[5][0]["field"] == "least_contribution" and "above" in rows[5][0]["message"]
    assert rows[6][0]["field"] == "themes" and "Housing" in rows[6][0]["message"]
    assert sorted(e["field"] for e in rows[7]) == ["arrangement", "financial_year"]
    assert rows[8][0]["field"] is None and "Row 2" in rows[8][0]["message"]
    assert items(client, reg["p"], "funding-streams") == []
    assert audited(client, reg["p"], "funding_stream") == {}


def test_one_rule_conflict_rolls_back_the_valid_rows_before_it(client, reg):
    b.goal(client, reg["p"], reg["cyp"]["id"])
    text = ("theme,indicator_code,title,unit,polarity,baseline_value,baseline_year,target_value,target_year\n"
            "Safer communities,NI 16,Serious acquisitive crime,per 1000,lower_is_better,20,2008,18,2010-11\n"
            "Safer communities,NI 15,Serious violent crime,per 1000,lower_is_better,1.1,2008,1.0,2010-11\n"
            "Safer communities,NI 21,Local concerns about ASB,%,higher_is_better,28,2008,25,2010-11\n")
    body = b.assert_problem(upload(client, reg["p"], "goals", text), 422, "1 row of the file has", "row 4")
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(4, "target_value")]
    assert [g["indicator_code"] for g in items(client, reg["p"], "goals")] == ["NI 112"]


def test_a_row_repeating_a_stored_record_changes_it_rather_than_adding_one(client, reg):
    p = reg["p"]
    stored = b.stream(client, p, reg["council"]["id"], name="Youth offer")
    text = STREAM_HEADER + "Northshire Council, youth  OFFER ,2009-10,1000,mainstream,pooled,0,500,\n"
    report = upload(client, p, "funding-streams", text).json()
    assert (report["created"], [u["id"] for u in report["updated"]]) == ([], [stored["id"]])
    assert [s["amount"] for s in items(client, p, "funding-streams")] == ["1000.00"]


def test_intervention_rows_that_disagree_are_each_reported(client, reg):
    p = reg["p"]
    b.goal(client, p, reg["cyp"]["id"])
    text = ("title,theme,lead_partner,capacity,committed_funding,goal,per_thousand,low,high\n"
            "Outreach,Children and young people,Northshire Council,600000,,NI 112,-0.006,,\n"
            "Outreach,,Northshire Police,,,NI 112,-0.001,,\n"
            "Outreach,,,,,,0.5,,\n"
            "Outreach,,,,,NI 999,0.5,,\n"
            "Outreach,,,,,,,,\n"
            "Mentoring,Children and young people,Northshire Council,1000,2000,NI 112,-0.1,-0.05,-0.2\n"
            "Bad effect,Children and young people,Northshire Council,1000,,NI 112,-0.3,-0.1,-0.2\n")
    body = b.assert_problem(upload(client, p, "interventions", text), 422, "nothing was imported")
    found = {(e["row"], e["field"]) for e in body["errors"]}
    assert found == {(3, "lead_partner"), (3, "goal"), (4, "goal"), (5, "goal"), (7, "committed_funding"),
                     (8, "per_thousand")}
    assert body["records"] == 3 and items(client, p, "interventions") == []


@pytest.mark.parametrize(("setting", "text"), [
    ("max_upload_rows", STREAM_HEADER + "x\n" * 3),
    ("max_upload_bytes", STREAM_HEADER + "x" * 2000),
])
def test_uploads_over_the_limits_are_413(client, reg, monkeypatch, setting, text):
    monkeypatch.setattr(get_settings(), setting, 2 if setting == "max_upload_rows" else 1000)
    body = b.assert_problem(upload(client, reg["p"], "funding-streams", text), 413, setting)
    assert body["limit"] == setting
    assert items(client, reg["p"], "funding-streams") == []


def test_rows_up_to_the_limit_are_accepted(client, reg, monkeypatch):
    monkeypatch.setattr(get_settings(), "max_upload_rows", 2)
    text = STREAM_HEADER + "".join(f"Northshire Council,S{k},2009-10,1,mainstream,pooled,0,1,\n\n" for k in (1, 2))
    assert upload(client, reg["p"], "funding-streams", text).json()["valid"]


@pytest.mark.parametrize(("content", "fragment"), [
    ((STREAM_HEADER + "Northshire Council,£ sign,2009-10,1,mainstream,pooled,0,1,\n").encode("cp1252"),
     "not UTF-8"),
    (b"PK\x03\x04" + b"\x00" * 40, "workbook"),
    ((STREAM_HEADER + "Northshire Council,x,2009-10,1,mainstream,pooled,0,1,\n").encode("utf-16"), "UTF-16"),
])
def test_files_that_are_not_utf8_csv_are_415(client, reg, content, fragment):
    b.assert_problem(upload(client, reg["p"], "funding-streams", content), 415, fragment, "CSV UTF-8")
    assert items(client, reg["p"], "funding-streams") == []


@pytest.mark.parametrize(("text", "row", "field", "fragment"), [
    ("partner,name,financial_year,amount,kind,arrangement,most_contributon\n", 1, "most_contributon",
     "Unknown column"),
    ("partner;name;financial_year\n", 1, "partner;name;financial_year", "semicolons"),
    ("partner,name,financial_year,amount,kind,arrangement\n", 1, "most_contribution", "missing"),
    (STREAM_HEADER + 'Northshire Council,"Unclosed,2009-10\n', 2, None, "malformed"),
    ("", 1, None, "empty"),
])
def test_files_of_the_wrong_shape_are_422(client, reg, text, row, field, fragment):
    body = b.assert_problem(upload(client, reg["p"], "funding-streams", text), 422, fragment)
    assert (body["errors"][0]["row"], body["errors"][0]["field"]) == (row, field)


def test_partner_finance_imports_only_its_own_partners_streams(client, anonymous, reg):
    p = reg["p"]
    headers = b.key(client, p, "partner_finance", partner_id=reg["council"]["id"])
    text = (STREAM_HEADER + "Northshire Council,Ours,2009-10,1000,mainstream,pooled,0,500,\n"
            "Northshire Police,Theirs,2009-10,1000,mainstream,pooled,0,500,\n")
    body = b.assert_problem(upload(anonymous, p, "funding-streams", text, headers=headers), 403, "row 3",
                            reg["police"]["id"])
    assert [(e["row"], e["field"]) for e in body["errors"]] == [(3, "partner")]
    assert items(client, p, "funding-streams") == []
    own = upload(anonymous, p, "funding-streams", STREAM_HEADER.strip() + "\nNorthshire Council,Ours,2009-10,"
                 "1000,mainstream,pooled,0,500,", headers=headers)
    assert own.status_code == 200 and len(own.json()["created"]) == 1
    b.assert_problem(upload(anonymous, p, "goals", "theme\n", headers=headers), 403, "import goals")


def test_csv_exports_neutralise_formulas(client, reg):
    p = reg["p"]
    evil = b.partner(client, p, name='=HYPERLINK("http://x","y")', sector="other")
    b.theme(client, p, name="+SUM(A1)")
    b.stream(client, p, evil["id"], name="@import")
    response = client.get(b.under(p, "resource-map"), params={"financial_year": "2009-10"},
                          headers={"Accept": "text/csv"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert 'filename="resource-map-2009-10.csv"' in response.headers["content-disposition"]
    header, *rows = list(csv.reader(io.StringIO(response.text)))
    assert "'may_use: +SUM(A1)" not in header and "may_use: +SUM(A1)" in header  # not at the cell's start
    by_partner = {row[header.index("partner")]: row for row in rows}
    assert '\'=HYPERLINK("http://x","y")' in by_partner
    assert not any(cell.startswith(("=", "+", "@")) for row in rows for cell in row)
    total = by_partner["All partners"][header.index("amount")]
    assert total == client.get(b.under(p, "resource-map"), params={"financial_year": "2009-10"}).json()[
        "totals"]["amount"] == "1000000.00"


def test_resource_map_xlsx_keeps_text_as_text_and_money_as_pounds(client, reg):
    p = reg["p"]
    evil = b.partner(client, p, name='=HYPERLINK("http://x","y")', sector="other")
    b.stream(client, p, evil["id"], amount="1234567.89", most_contribution="1000.01", least_contribution="0")
    b.stream(client, p, reg["council"]["id"], amount="0.11", most_contribution="0.11", least_contribution="0",
             theme_ids=[reg["cyp"]["id"]])
    response = client.get(b.under(p, "resource-map"), params={"financial_year": "2009-10"},
                          headers={"Accept": XLSX})
    assert response.status_code == 200 and response.headers["content-type"] == XLSX
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [c.value for c in sheet[1]]
    cells = {row[header.index("Partner")].value: {h: c for h, c in zip(header, row, strict=True)}
             for row in sheet.iter_rows(min_row=2)}
    evil_cell = cells['=HYPERLINK("http://x","y")']["Partner"]
    assert evil_cell.data_type == "s" and evil_cell.quotePrefix
    assert not any(c.data_type == "f" for row in sheet.iter_rows() for c in row)
    rmap = client.get(b.under(p, "resource-map"), params={"financial_year": "2009-10"}).json()
    total = cells["All partners"]
    for column, key in (("Amount (£)", "amount"), ("Least contribution (£)", "least_contribution"),
                        ("Most contribution (£)", "most_contribution"), ("Kind: mainstream (£)", "amount")):
        assert Decimal(str(total[column].value)).quantize(PENNY) == Decimal(rmap["totals"][key])
        assert "£" in total[column].number_format and total[column].data_type == "n"
    assert Decimal(str(total["May use: Children and young people (£)"].value)) == Decimal(
        next(t["may_use"] for t in rmap["themes"] if t["theme"] == "Children and young people"))


def test_run_allocation_as_xlsx_matches_the_json(client, session):
    load_demo(session)
    base = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"
    scenario = b.created(client.post(f"{base}/scenarios", json={"name": "Default", "financial_year": "2009-10"}))
    assert scenario["id"] != str(DEMO_SCENARIO_ID)
    run = b.created(client.post(f"{base}/scenarios/{scenario['id']}/runs"))
    path = f"{base}/runs/{run['id']}/allocation"
    table = client.get(path).json()
    response = client.get(path, headers={"Accept": XLSX})
    assert response.status_code == 200 and f"allocation-{run['id']}.xlsx" in response.headers["content-disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames[:5] == ["Summary", "Allocation", "By partner", "By funding stream", "By intervention"]
    *lines, total = book["Allocation"].iter_rows(min_row=2, values_only=True)
    assert len(lines) == len(table["lines"]) > 0 and total[0] == "Total"
    assert sum(Decimal(str(line[4])).quantize(PENNY) for line in lines) == Decimal(table["total"])
    for title in ("By partner", "By funding stream", "By intervention"):
        *subtotals, total = book[title].iter_rows(min_row=2, values_only=True)
        amount = [c.value for c in book[title][1]].index("Amount (£)")
        assert total[0] == "Total" and Decimal(str(total[amount])).quantize(PENNY) == Decimal(table["total"])
        assert sum(Decimal(str(s[amount])).quantize(PENNY) for s in subtotals) == Decimal(table["total"])
    assert book["Goals"].max_row == 2 + len(run["result"]["goals"])  # the header, the goals and a total
    csv_lines = list(csv.DictReader(io.StringIO(client.get(path, headers={"Accept": "text/csv"}).text)))
    assert [row["amount"] for row in csv_lines] == [line["amount"] for line in table["lines"]]
