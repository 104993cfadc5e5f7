"""Workbooks that carry the whole story: the allocation's summary sheet first, themes on every line, totals
rows that equal the lines and the JSON to the penny, pounds and percentages as formatted numbers, and the
scrutiny pack and resource map with headers a person reads."""

import io
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from service.domain.spreadsheets.workbook import PERCENT, POUNDS
from tests import builders as b
from tests.scrutiny.test_scrutiny import agreed
from tests.summaries.test_run_summaries import small_run

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
BASE = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"
PENNY = Decimal("0.01")


def book(client, path, **params):
    response = client.get(path, params=params, headers={"Accept": XLSX})
    assert response.status_code == 200 and response.headers["content-type"] == XLSX, response.text
    return load_workbook(io.BytesIO(response.content))


def table(sheet):
    """Rows as dicts by header, and the cells by header (for formats)."""
    header = [c.value for c in sheet[1]]
    rows = [dict(zip(header, row, strict=True)) for row in sheet.iter_rows(min_row=2)]
    return header, rows


def pounds(cell) -> Decimal:
    assert cell.data_type == "n" and cell.number_format == POUNDS, (cell.coordinate, cell.number_format)
    return Decimal(str(cell.value)).quantize(PENNY)


def split_total(rows, first):
    *lines, total = rows
    assert total[first].value == "Total" and total[first].font.b
    return lines, total


@pytest.fixture
def demo_run(demo):
    return demo.post(f"{BASE}/scenarios/{DEMO_SCENARIO_ID}/runs").json()


def test_the_allocation_workbook_opens_with_the_runs_summary(demo, demo_run):
    wb = book(demo, f"{BASE}/runs/{demo_run['id']}/allocation")
    assert wb.sheetnames == ["Summary", "Allocation", "By partner", "By funding stream", "By intervention",
                             "By theme", "Goals", "Partners"]
    header, rows = table(wb["Summary"])
    assert header == ["Item", "Value", "Note"]
    items = {r["Item"].value: r for r in rows if r["Item"].value}
    s = demo_run["summary"]
    assert items["Scenario"]["Value"].value == demo_run["scenario_name"]
    assert items["Financial year"]["Value"].value == "2009-10" and items["Summary"]["Value"].value == s["sentence"]
    assert items["Weighted attainment (points)"]["Value"].value == s["weighted_attainment"]
    assert items["Most possible (points)"]["Value"].value == 26
    share = items["Attainment of the most possible"]["Value"]
    assert share.number_format == PERCENT and share.value == pytest.approx(s["weighted_attainment"] / 26)
    assert pounds(items["Total allocated"]["Value"]) == Decimal(s["total_allocated"])
    assert items["Goals at or above 75 % of target"]["Value"].value == s["goals_at_or_above_threshold"]
    assert items["LAA targets missed"]["Value"].value == len(s["laa_targets_missed"])
    joint = demo_run["result"]["joint_working"]
    assert items["Joint working"]["Note"].value == joint["sentence"] and items["Joint working"]["Item"].font.b
    assert items["Silo weighted attainment (points)"]["Value"].value == joint["silo_attainment"]
    assert pounds(items["Money pooling saves"]["Value"]) == Decimal(joint["money_saved"])
    assert pounds(items["Silo spend"]["Value"]) == Decimal(joint["silo_spend"])
    start = next(i for i, r in enumerate(rows) if r["Item"].value == "Unfunded intervention")
    unfunded = rows[start + 1:]
    assert len(unfunded) == s["interventions_total"] - s["interventions_funded"] == 5
    allocation = demo.get(f"{BASE}/runs/{demo_run['id']}/allocation").json()
    funded = {line["intervention"] for line in allocation["lines"]}
    assert all(r["Item"].value not in funded and r["Value"].value and r["Note"].value.endswith(".")
               for r in unfunded)
    assert any("weighted points, less than the money buys" in r["Note"].value for r in unfunded)


def test_every_line_has_its_theme_and_every_total_is_the_sum_of_its_lines_and_the_json(demo, demo_run):
    path = f"{BASE}/runs/{demo_run['id']}/allocation"
    wb, json = book(demo, path), demo.get(path).json()
    themes = {t["id"]: t["name"] for t in demo.get(f"{BASE}/themes?page_size=200").json()["items"]}
    theme_of = {i["id"]: themes[i["theme_id"]]
                for i in demo.get(f"{BASE}/interventions?page_size=200").json()["items"]}
    header, rows = table(wb["Allocation"])
    assert header[:5] == ["Theme", "Intervention", "Partner", "Funding stream", "Amount (£)"]
    lines, total = split_total(rows, "Theme")
    assert len(lines) == len(json["lines"])
    for row, line in zip(lines, json["lines"], strict=True):
        assert row["Theme"].value == theme_of[line["intervention_id"]] and row["Intervention id"].value == line[
            "intervention_id"]
        assert pounds(row["Amount (£)"]) == Decimal(line["amount"])
    assert sum(pounds(r["Amount (£)"]) for r in lines) == pounds(total["Amount (£)"]) == Decimal(json["total"])
    for title, first, key in [("By partner", "Partner", "by_partner"),
                              ("By funding stream", "Funding stream", "by_funding_stream"),
                              ("By intervention", "Intervention", "by_intervention")]:
        header, rows = table(wb[title])
        subtotals, total = split_total(rows, first)
        assert sum(pounds(r["Amount (£)"]) for r in subtotals) == pounds(total["Amount (£)"]) == Decimal(
            json["total"])
        assert {r[first].value: pounds(r["Amount (£)"]) for r in subtotals} == {
            s["name"]: Decimal(s["amount"]) for s in json[key]}
        assert all(r["Share of the total"].number_format == PERCENT for r in rows)
        assert sum(r["Share of the total"].value for r in subtotals) == pytest.approx(1)
    _, rows = table(wb["By theme"])
    by_theme, total = split_total(rows, "Theme")
    assert sum(pounds(r["Amount (£)"]) for r in by_theme) == pounds(total["Amount (£)"]) == Decimal(json["total"])
    assert total["Interventions funded"].value == demo_run["summary"]["interventions_funded"]


def test_goals_and_partners_show_percentages_as_percentages(demo, demo_run):
    wb, report = book(demo, f"{BASE}/runs/{demo_run['id']}/allocation"), demo_run["result"]
    _, rows = table(wb["Goals"])
    goals, total = split_total(rows, "Goal")
    for row, goal in zip(goals, report["goals"], strict=True):
        assert row["Goal"].value == goal["name"] and row["Attainment"].value == goal["attainment"]
        assert row["Attainment"].number_format == PERCENT and row["Attainment"].data_type == "n"
    assert total["Weight"].value == 26
    assert total["Weighted points"].value == pytest.approx(report["weighted_attainment"], abs=1e-6)
    _, rows = table(wb["Partners"])
    partners, total = split_total(rows, "Partner")
    assert sum(pounds(r["Contribution (£)"]) for r in partners) == pounds(total["Contribution (£)"]) == Decimal(
        report["total_allocated"])
    assert [r["Share of the total"].value for r in partners] == [p["share_of_total"] for p in report["partners"]]
    assert all(r["Share of the total"].number_format == PERCENT for r in rows)


def test_the_scrutiny_pack_comes_as_a_workbook_with_readable_headers(demo):
    _, proposal = agreed(demo)
    pack = demo.get(f"{BASE}/scrutiny-pack", params={"financial_year": "2009-10"}).json()
    wb = book(demo, f"{BASE}/scrutiny-pack", financial_year="2009-10")
    assert wb.sheetnames == ["Summary", "Themes", "Goals", "Weight changes", "Agreed allocation", "Runs",
                             "Partners", "Sign-offs"]
    _, rows = table(wb["Summary"])
    items = {r["Item"].value: r["Value"] for r in rows}
    assert items["Agreed proposal"].value == proposal["title"] == pack["agreed_proposal"]["title"]
    assert pounds(items["Agreed total"]) == Decimal(pack["agreed_proposal"]["total"])
    header, rows = table(wb["Agreed allocation"])
    assert header == ["Theme", "Intervention", "Amount (£)"]
    lines, total = split_total(rows, "Theme")
    assert sum(pounds(r["Amount (£)"]) for r in lines) == pounds(total["Amount (£)"]) == Decimal(
        pack["agreed_proposal"]["total"])
    _, rows = table(wb["Themes"])
    themes, total = split_total(rows, "Theme")
    assert {r["Theme"].value: pounds(r["Amount (£)"]) for r in themes} == {
        t["name"]: Decimal(t["agreed_amount"]) for t in pack["themes"]}
    header, rows = table(wb["Partners"])
    assert header[:3] == ["Partner", "Contribution (£)", "Share of the contribution"]
    partners, total = split_total(rows, "Partner")
    assert sum(pounds(r["Contribution (£)"]) for r in partners) == pounds(total["Contribution (£)"]) == Decimal(
        pack["agreed_proposal"]["total"])
    assert all(r["Share of the contribution"].number_format == PERCENT for r in partners)
    assert [r["Share of the attainment"].value for r in partners] == pytest.approx(
        [p["share_of_attainment"] for p in pack["partners"]], rel=1e-12)
    header, rows = table(wb["Goals"])
    assert header[:3] == ["Theme", "Indicator", "Goal"] and len(rows) == sum(len(t["goals"]) for t in pack["themes"])
    assert all(r["Attainment in the agreed allocation"].number_format == PERCENT for r in rows)
    _, rows = table(wb["Runs"])
    assert len(rows) == len(pack["runs"]) and all(r["Finished (UTC)"].is_date for r in rows)
    _, rows = table(wb["Sign-offs"])
    assert {r["Partner"].value for r in rows} >= {s["partner_name"] for s in pack["agreed_proposal"]["sign_offs"]}


def test_the_resource_map_workbook_has_readable_headers_and_a_totals_row(demo):
    rmap = demo.get(f"{BASE}/resource-map", params={"financial_year": "2009-10"}).json()
    wb = book(demo, f"{BASE}/resource-map", financial_year="2009-10")
    header, rows = table(wb.active)
    assert header[:6] == ["Financial year", "Partner id", "Partner", "Sector", "Funding streams", "Amount (£)"]
    assert "Least contribution (£)" in header and "Kind: mainstream (£)" in header
    assert all(h.endswith("(£)") for h in header if h.startswith(("May use: ", "Ring-fenced for: ")))
    *partners, total = rows
    assert total["Partner"].value == "All partners" and total["Partner"].font.b
    for column, key in [("Amount (£)", "amount"), ("Most contribution (£)", "most_contribution")]:
        assert sum(pounds(r[column]) for r in partners) == pounds(total[column]) == Decimal(rmap["totals"][key])


def test_the_summary_says_why_each_intervention_is_unfunded(client):
    run = small_run(client)
    p_base = f"/v1/partnerships/{run['partnership_id']}"
    ids = {i["title"]: i["id"] for i in client.get(f"{p_base}/interventions").json()["items"]}
    excluded = b.created(client.post(f"{p_base}/scenarios", json={
        "name": "Without outreach", "financial_year": "2009-10",
        "options": {"excluded_intervention_ids": [ids["Sexual health outreach"]]}}))
    wb = book(client, f"{p_base}/runs/{run['id']}/allocation")
    _, rows = table(wb["Summary"])
    start = next(i for i, r in enumerate(rows) if r["Item"].value == "Unfunded intervention")
    assert [(r["Item"].value, r["Note"].value) for r in rows[start + 1:]] == [
        ("Leaflets", "It has no recorded effect on any goal, so money on it adds no weighted attainment.")]
    other = b.created(client.post(f"{p_base}/scenarios/{excluded['id']}/runs"))
    _, rows = table(book(client, f"{p_base}/runs/{other['id']}/allocation")["Summary"])
    start = next(i for i, r in enumerate(rows) if r["Item"].value == "Unfunded intervention")
    assert ("Sexual health outreach", "The scenario leaves it out.") in [
        (r["Item"].value, r["Note"].value) for r in rows[start + 1:]]
