"""The reports as board papers (few tests: rendering is slow): the strategic RAG table in HTML, the executive
paper's figures in its PDF's text, and the operational table's figures in HTML."""

from tests.papers.reading import Paper, pdf_text, pounds
from tests.reports.conftest import get

AS_OF = "2009-10 Q3"


def test_the_strategic_paper_is_a_rag_table_per_theme_and_the_laa_targets(seeded):
    report = get(seeded, "reports/strategic", as_of=AS_OF)
    response = get(seeded, "reports/strategic", "text/html", as_of=AS_OF)
    assert 'filename="strategic-report-2009-10-2009-10-Q3.html"' in response.headers["content-disposition"]
    read = Paper(response.text)
    assert read.summary == [report["summary"]]
    laa = {row.id: row.cells["status"].text for row in read.tables["laa_targets"]}
    assert laa == {g["goal_id"]: g["status"] for g in report["laa_targets"]}
    for theme in report["themes"]:
        rows = read.tables[f"rag_{theme['theme_id']}"]
        assert [(r.id, r.cells["status"].text) for r in rows] == [(g["goal_id"], g["status"]) for g in theme["goals"]]


def test_the_executive_paper_prints_its_totals_and_exceptions(seeded, tmp_path):
    report = get(seeded, "reports/executive", as_of=AS_OF)
    text = " ".join(pdf_text(get(seeded, "reports/executive", "application/pdf", as_of=AS_OF).content,
                             tmp_path).split())
    for name in ("allocation", "spend_to_date", "profile_to_date", "forecast_outturn"):
        assert pounds(report["totals"][name]) in text, name
    for partner in report["by_partner"]:
        assert pounds(partner["spend_to_date"]) in text, partner["partner_name"]
    assert report["intervention_exceptions"]
    for item in report["intervention_exceptions"]:
        assert pounds(item["variance_to_profile"]) in text, item["intervention_name"]


def test_the_operational_paper_shows_every_intervention_and_the_total(seeded):
    report = get(seeded, "reports/operational", as_of=AS_OF)
    read = Paper(get(seeded, "reports/operational", "text/html", as_of=AS_OF).text)
    rows = {r.id: r for r in read.tables["interventions"]}
    assert set(rows) == {i["intervention_id"] for i in report["interventions"]} | {"total"}
    for line in report["interventions"]:
        assert rows[line["intervention_id"]].cells["spend_to_date"].value == line["spend_to_date"]
    assert rows["total"].cells["allocation"].text == pounds(report["totals"]["allocation"])
