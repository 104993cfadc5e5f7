"""The layered reports as spreadsheets: `csv_sheet` is the one table a CSV holds, `sheets` the XLSX workbook's
tabs (a summary first; pounds formatted as pounds, shares as percentages, totals rows in bold)."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from pydantic import BaseModel

from service.domain.models.reports import ExecutiveReport, OperationalReport, Outcome, Period, StrategicReport
from service.domain.reports.common import SPEND
from service.domain.spreadsheets.exports import Row, Sheet

OUTCOME = ["theme_id", "theme_name", "goal_id", "indicator_code", "goal_name", "is_laa_target", "baseline_value",
           "target_value", "latest_period", "latest_value", "expected_at_latest", "behind_share", "status",
           "forecast_at_target", "forecast_meets_target"]
SECTIONS = ["section", "id", "name", *SPEND, "variance_share", "status", "detail"]
OPERATIONAL = ["intervention_id", "intervention_name", "theme_name", "lead_partner_name", *SPEND, "goals"]
PARTS = ["intervention_id", "intervention_name", "partner_id", "partner_name", *SPEND]
MONEY = frozenset(SPEND)
SHARES = frozenset({"behind_share", "variance_share"})
MEASURES = frozenset({"baseline_value", "target_value", "latest_value", "expected_at_latest", "forecast_at_target"})


def _headers(columns: list[str]) -> dict[str, str]:
    return {c: c.replace("_", " ").capitalize() + (" (£)" if c in MONEY else "") for c in columns}


def _sheet(title: str, columns: list[str], rows: list[Row], totals: Iterable[int] = ()) -> Sheet:
    return Sheet(title, columns, rows, MONEY & set(columns), SHARES & set(columns), _headers(columns),
                 frozenset(totals))


def _plain(value: Decimal) -> Decimal:
    """A measure as the JSON writes it (45.2, not 45.20000000), still a number for the workbook."""
    return Decimal(format(value.normalize(), "f"))


def _share(value: Decimal | None) -> Decimal | None:
    return None if value is None else _plain(value)


def _text(value: Decimal | None) -> str:
    return "–" if value is None else str(_plain(value))


def _values(model: BaseModel, **extra: Any) -> Row:
    """Ids, enums and dates as the JSON has them; pounds, shares and measures as Decimal."""
    row: Row = model.model_dump(mode="json")
    for name in (MONEY | SHARES | MEASURES) & row.keys():
        value = getattr(model, name)
        row[name] = value if value is None or name in MONEY else _plain(value)
    return row | extra


def _summary(report: Period, lines: list[tuple[str, str]]) -> Sheet:
    facts = [("Financial year", report.financial_year), ("Period", report.period), ("As of", str(report.as_of)),
             ("Months elapsed", str(report.months_elapsed)), ("Cadence", report.cadence), *lines]
    return Sheet("Summary", ["field", "value"], [{"field": k, "value": v} for k, v in facts],
                 headers={"field": "Field", "value": "Value"})


def _outcomes(title: str, goals: list[tuple[str, str, Outcome]]) -> Sheet:
    rows = [_values(g, theme_id=theme_id, theme_name=theme) for theme_id, theme, g in goals]
    return _sheet(title, OUTCOME, rows)


def strategic_csv(report: StrategicReport) -> Sheet:
    return _outcomes("Outcomes by theme", [(str(t.theme_id), t.theme_name, g) for t in report.themes for g in t.goals])


def strategic_sheets(report: StrategicReport) -> list[Sheet]:
    theme_of = {g.goal_id: (str(t.theme_id), t.theme_name) for t in report.themes for g in t.goals}
    return [_summary(report, [("Summary", report.summary), *((t.theme_name, t.sentence) for t in report.themes)]),
            strategic_csv(report),
            _outcomes("LAA targets", [(*theme_of[g.goal_id], g) for g in report.laa_targets])]


def _section(section: str, ident: object, name: str, model: BaseModel | None, **rest: object) -> Row:
    money = {c: getattr(model, c) for c in SPEND} if model is not None else {}
    return {"section": section, "id": "" if ident is None else str(ident), "name": name, **money, **rest}


def executive_rows(report: ExecutiveReport) -> dict[str, list[Row]]:
    return {
        "partner": [_section("partner", p.partner_id, p.partner_name, p, detail=p.position) for p in report.by_partner],
        "theme": [_section("theme", t.theme_id, t.theme_name, t, detail=(
            f"goals: {t.outputs.green} green, {t.outputs.amber} amber, {t.outputs.red} red, "
            f"{t.outputs.no_data} without data")) for t in report.by_theme],
        "goal_exception": [_section("goal_exception", g.goal_id, f"{g.indicator_code} {g.goal_name}", None,
                                    variance_share=None, status=g.status.value, detail=(
                                        f"latest {_text(g.latest_value)} ({g.latest_period}) against "
                                        f"{_text(g.expected_at_latest)} expected")) for g in report.goal_exceptions],
        "intervention_exception": [_section("intervention_exception", i.intervention_id, i.intervention_name, i,
                                            variance_share=_share(i.variance_share), detail=i.why)
                                   for i in report.intervention_exceptions],
        "total": [_section("total", None, "All interventions", report.totals)],
    }


def executive_csv(report: ExecutiveReport) -> Sheet:
    rows = [row for part in executive_rows(report).values() for row in part]
    return _sheet("Executive report", SECTIONS, rows, totals=[len(rows) - 1])


def executive_sheets(report: ExecutiveReport) -> list[Sheet]:
    found = executive_rows(report)
    total = {**found["total"][0], "name": "All partners"}
    pool = report.pool
    return [_summary(report, [("Summary", report.summary), ("Variance threshold", f"{report.variance_threshold:%}"),
                              ("Pool: overspend", str(pool.overspend)), ("Pool: underspend", str(pool.underspend)),
                              ("Pool: left to cover", str(pool.left_to_cover))]),
            _sheet("By partner", SECTIONS, [*found["partner"], total], totals=[len(found["partner"])]),
            _sheet("By theme", SECTIONS, [*found["theme"], {**total, "name": "All themes"}],
                   totals=[len(found["theme"])]),
            _sheet("Goal exceptions", SECTIONS, found["goal_exception"]),
            _sheet("Intervention exceptions", SECTIONS, found["intervention_exception"])]


def _operational_row(line: Any) -> Row:
    goals = "; ".join(f"{g.indicator_code} ({g.status.value})" for g in line.goals)
    return {"intervention_id": str(line.intervention_id), "intervention_name": line.intervention_name,
            "theme_name": line.theme_name, "lead_partner_name": line.lead_partner_name,
            **{c: getattr(line, c) for c in SPEND}, "goals": goals}


def operational_csv(report: OperationalReport) -> Sheet:
    rows = [_operational_row(line) for line in report.interventions]
    rows.append({"intervention_name": "All interventions", **{c: getattr(report.totals, c) for c in SPEND}})
    return _sheet("Interventions", OPERATIONAL, rows, totals=[len(rows) - 1])


def operational_sheets(report: OperationalReport) -> list[Sheet]:
    parts = [{"intervention_id": str(line.intervention_id), "intervention_name": line.intervention_name,
              "partner_id": str(p.partner_id), "partner_name": p.partner_name, **{c: getattr(p, c) for c in SPEND}}
             for line in report.interventions for p in line.by_partner]
    return [_summary(report, []), operational_csv(report), _sheet("By partner", PARTS, parts)]
