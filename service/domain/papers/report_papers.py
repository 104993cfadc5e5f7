"""The layered reports as board papers: the strategic report's red/amber/green table by theme, the executive
report's spend against allocation (a chart and tables) with its exceptions, the operational report's
interventions. Every figure is the report's JSON (model_dump(mode="json"))."""

from typing import Any

from sqlmodel import Session

from service.domain.models.reports import ExecutiveReport, OperationalReport, Period, StrategicReport
from service.domain.papers import charts, sources
from service.domain.papers.document import Chart, Column, Paper, Row, Section, Table, Unit

SPEND = [Column("allocation", "Allocation", Unit.MONEY), Column("profile_to_date", "Profile to date", Unit.MONEY),
         Column("spend_to_date", "Spend to date", Unit.MONEY),
         Column("variance_to_profile", "Variance to profile", Unit.MONEY),
         Column("forecast_outturn", "Forecast outturn", Unit.MONEY)]
RAG = [Column("indicator_code", "Indicator"), Column("goal_name", "Goal"), Column("is_laa_target", "LAA target"),
       Column("baseline_value", "Baseline", Unit.MEASURE), Column("latest_value", "Latest", Unit.MEASURE),
       Column("latest_period", "Period"), Column("expected_at_latest", "Expected", Unit.MEASURE),
       Column("target_value", "Target", Unit.MEASURE), Column("status", "Status")]


def _facts(session: Session, report: Period, layer: str) -> list[tuple[str, str]]:
    body = report.model_dump(mode="json")
    return [("Partnership", sources.partnership_name(session, report.partnership_id)), ("Layer", layer),
            ("Financial year", body["financial_year"]),
            ("Period", body["period"]), ("As of", body["as_of"]), ("Cadence", body["cadence"])]


def _paper(kind: str, title: str, facts: list[tuple[str, str]], summary: list[str], sections: list[Section],
           report: Period) -> Paper:
    return Paper(kind, title, facts, summary, [], sections,
                 f"{kind}-report-{report.financial_year}-{report.period.replace(' ', '-')}")


def strategic(session: Session, report: StrategicReport) -> Paper:
    body = report.model_dump(mode="json")
    sections = [Section(theme["theme_name"], [theme["sentence"]], [Table(
        f"rag_{theme['theme_id']}", "Goals: red, amber or green against their trajectories", RAG,
        [Row(g["goal_id"], g) for g in theme["goals"]])]) for theme in body["themes"]]
    laa = Table("laa_targets", "The designated LAA targets", RAG, [Row(g["goal_id"], g) for g in body["laa_targets"]])
    return _paper("strategic", f"Strategic report: outcomes to {report.period}",
                  _facts(session, report, "strategic"), [report.summary],
                  [Section("LAA targets", [], [laa]), *sections], report)


def spend_chart(rows: list[dict[str, Any]], what: str) -> Chart:
    """rows: id, name and the spend figures, as the JSON has them."""
    series = [("allocation", "allocation", charts.GREY), ("profile_to_date", "profile to date", charts.BLUE),
              ("spend_to_date", "spend to date", charts.ORANGE), ("forecast_outturn", "forecast outturn", charts.GREEN)]

    def draw(figure: Any) -> None:
        axes = figure.subplots()
        height = 0.8 / len(series)
        for offset, (field, label, colour) in enumerate(series):
            positions = [i + (offset - (len(series) - 1) / 2) * height for i in range(len(rows))]
            axes.barh(positions, [charts.millions(r[field]) for r in rows], height=height, color=colour, label=label)
        axes.set_yticks(range(len(rows)), [charts.short(r["name"], 36) for r in rows], fontsize=7)
        axes.invert_yaxis()
        axes.set_xlabel("£ million")
        axes.legend(fontsize=7, loc="lower right")
    return Chart(f"spend_by_{what}", f"Spend against allocation by {what}", "Each one's allocation for the year, "
                 "its profile and spend to date, and its forecast outturn.", rows, draw, 0.8 + 0.45 * len(rows))


def executive(session: Session, report: ExecutiveReport) -> Paper:
    body = report.model_dump(mode="json")
    partners = [{"id": p["partner_id"], "name": p["partner_name"], **p} for p in body["by_partner"]]
    themes = [{"id": t["theme_id"] or "none", "name": t["theme_name"], **t} for t in body["by_theme"]]
    total = Row("total", {"name": "Total", **body["totals"]})
    name = [Column("name", "Name")]
    spend = Section("Spend against allocation", [], [
        spend_chart(partners, "partner"),
        Table("by_partner", "By partner", [*name, *SPEND, Column("position", "Position")],
              [Row(p["id"], p) for p in partners], total=total),
        Table("by_theme", "By theme", [*name, *SPEND], [Row(t["id"], t) for t in themes], total=total)])
    exceptions = Section("Exceptions", [f"Interventions are listed when off profile by more than "
                                        f"{report.variance_threshold:.0%}; goals when red or amber."], [
        Table("goal_exceptions", "Goals behind their trajectories", RAG,
              [Row(g["goal_id"], g) for g in body["goal_exceptions"]]),
        Table("intervention_exceptions", "Interventions off profile",
              [Column("intervention_name", "Intervention"), *SPEND, Column("why", "Why")],
              [Row(i["intervention_id"], i) for i in body["intervention_exceptions"]])])
    return _paper("executive", f"Executive report: spend and outputs to {report.period}",
                  _facts(session, report, "executive"), [report.summary],
                  [spend, exceptions], report)


def operational(session: Session, report: OperationalReport) -> Paper:
    body = report.model_dump(mode="json")
    rows = [Row(i["intervention_id"], {**i, "goals": ", ".join(f"{g['indicator_code']} ({g['status']})"
                                                              for g in i["goals"])}) for i in body["interventions"]]
    table = Table("interventions", "Every intervention", [
        Column("theme_name", "Theme"), Column("intervention_name", "Intervention"), *SPEND,
        Column("goals", "Goals it moves")], rows, total=Row("total", {"intervention_name": "Total", **body["totals"]}))
    said = (f"{sum(1 for i in body['interventions'] if i['allocation'] != '0.00')} of {len(rows)} interventions "
            f"have an allocation for {report.financial_year}.")
    return _paper("operational", f"Operational report: interventions to {report.period}",
                  _facts(session, report, "operational"), [said], [Section("Interventions", [], [table])], report)
