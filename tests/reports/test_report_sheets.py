"""Each report as CSV (one table: what the JSON says, a row per goal, section or intervention) and as XLSX
(a summary sheet first, pounds formatted as pounds, totals in bold)."""

import csv
import io
from decimal import Decimal

from openpyxl import load_workbook

from tests.reports.conftest import SPEND, XLSX, get

AS_OF = "2009-10 Q3"


def rows(response) -> list[dict[str, str]]:
    assert response.headers["content-type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.text)))


def test_the_strategic_csv_is_a_row_per_goal_as_the_json_has_it(seeded):
    report = get(seeded, "reports/strategic", as_of=AS_OF)
    response = get(seeded, "reports/strategic", "text/csv", as_of=AS_OF)
    assert 'filename="strategic-report-2009-10-2009-10-Q3.csv"' in response.headers["content-disposition"]
    found = {r["goal_id"]: r for r in rows(response)}
    goals = [(t, g) for t in report["themes"] for g in t["goals"]]
    assert len(found) == len(goals) == 12
    for theme, goal in goals:
        row = found[goal["goal_id"]]
        assert (row["theme_name"], row["status"], row["latest_period"]) == (
            theme["theme_name"], goal["status"], goal["latest_period"])
        assert Decimal(row["latest_value"]) == Decimal(goal["latest_value"])
        assert Decimal(row["behind_share"]) == Decimal(goal["behind_share"])


def test_the_executive_csv_has_a_section_per_part_and_totals_that_reconcile(seeded):
    report = get(seeded, "reports/executive", as_of=AS_OF)
    found = rows(get(seeded, "reports/executive", "text/csv", as_of=AS_OF))
    sections = {s: [r for r in found if r["section"] == s] for s in
                ("partner", "theme", "goal_exception", "intervention_exception", "total")}
    assert len(sections["partner"]) == len(report["by_partner"]) and len(sections["theme"]) == len(report["by_theme"])
    assert [r["id"] for r in sections["intervention_exception"]] == [
        i["intervention_id"] for i in report["intervention_exceptions"]]
    assert [r["id"] for r in sections["goal_exception"]] == [g["goal_id"] for g in report["goal_exceptions"]]
    [total] = sections["total"]
    for name in SPEND:
        assert Decimal(total[name]) == Decimal(report["totals"][name])
        assert sum(Decimal(r[name]) for r in sections["partner"]) == Decimal(total[name])
        assert sum(Decimal(r[name]) for r in sections["theme"]) == Decimal(total[name])


def test_the_operational_csv_is_a_row_per_intervention_and_a_total(seeded):
    report = get(seeded, "reports/operational", as_of=AS_OF)
    *lines, total = rows(get(seeded, "reports/operational", "text/csv", as_of=AS_OF))
    assert [r["intervention_id"] for r in lines] == [i["intervention_id"] for i in report["interventions"]]
    assert total["intervention_name"] == "All interventions"
    for name in SPEND:
        assert sum(Decimal(r[name]) for r in lines) == Decimal(total[name]) == Decimal(report["totals"][name])
    first = report["interventions"][0]
    assert lines[0]["goals"] == "; ".join(f"{g['indicator_code']} ({g['status']})" for g in first["goals"])


def test_each_workbook_opens_with_a_summary_pounds_and_bold_totals(seeded):
    expected = {"strategic": ["Summary", "Outcomes by theme", "LAA targets"],
                "executive": ["Summary", "By partner", "By theme", "Goal exceptions", "Intervention exceptions"],
                "operational": ["Summary", "Interventions", "By partner"]}
    for layer, sheets in expected.items():
        response = get(seeded, f"reports/{layer}", XLSX, as_of=AS_OF)
        assert response.headers["content-type"] == XLSX
        book = load_workbook(io.BytesIO(response.content))
        assert book.sheetnames == sheets, layer
        summary = {row[0]: row[1] for row in book["Summary"].iter_rows(min_row=2, values_only=True)}
        assert summary["Period"] == AS_OF and summary["Financial year"] == "2009-10"
    report = get(seeded, "reports/executive", as_of=AS_OF)
    sheet = load_workbook(io.BytesIO(get(seeded, "reports/executive", XLSX, as_of=AS_OF).content))["By partner"]
    header = [c.value for c in sheet[1]]
    assert "Allocation (£)" in header
    *partners, total = list(sheet.iter_rows(min_row=2))
    cell = total[header.index("Allocation (£)")]
    assert cell.font.bold and cell.number_format == '"£"#,##0.00'
    assert Decimal(str(cell.value)).quantize(Decimal("0.01")) == Decimal(report["totals"]["allocation"])
    assert len(partners) == len(report["by_partner"])
