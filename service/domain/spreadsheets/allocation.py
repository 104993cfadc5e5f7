"""A run's allocation as a workbook that carries the whole story: a summary sheet first, then the lines
with their themes, subtotals with totals rows, the goals and the partners."""

from collections import defaultdict
from collections.abc import Callable
from decimal import Decimal

from service.domain.models.report import AllocationTable, NamedLine, RunReport
from service.domain.models.run import Run, RunPublic
from service.domain.models.snapshot import Snapshot
from service.domain.models.summary import RunSummary
from service.domain.runs import public, snapshot
from service.domain.spreadsheets.exports import Figure, Row, Sheet
from service.domain.spreadsheets.unfunded import unfunded
from service.domain.spreadsheets.workbook import PERCENT, POINTS, POUNDS

ALLOCATION_COLUMNS = ["funding_stream_id", "funding_stream", "partner_id", "partner",
                      "intervention_id", "intervention", "amount"]  # the CSV's, as the JSON names them
HEADERS = {"item": "Item", "value": "Value", "note": "Note", "theme": "Theme", "intervention": "Intervention",
           "partner": "Partner", "funding_stream": "Funding stream", "amount": "Amount (£)",
           "share": "Share of the total", "interventions": "Interventions funded", "goal": "Goal",
           "laa": "LAA target", "baseline": "Baseline", "projected": "Projected", "target": "Target",
           "weight": "Weight", "attainment": "Attainment", "points": "Weighted points",
           "contribution": "Contribution (£)", "unallocated": "Unallocated (£)", "theme_id": "Theme id",
           "intervention_id": "Intervention id", "partner_id": "Partner id", "funding_stream_id": "Funding stream id",
           "goal_id": "Goal id"}
MONEY = frozenset({"amount", "contribution", "unallocated"})
PERCENTS = frozenset({"share", "attainment"})


def run_sheets(run: Run, table: AllocationTable) -> list[Sheet]:
    """The workbook's sheets for a finished run and its allocation (runs.allocation)."""
    return allocation_sheets(public(run), table, snapshot.of(run.snapshot))


def allocation_sheets(run: RunPublic, table: AllocationTable, snap: Snapshot) -> list[Sheet]:
    themes = {t.id: t.name for t in snap.themes}
    theme_of = {i.id: themes.get(i.theme_id, "") for i in snap.interventions}
    sheets = [summary_sheet(run, table, snap), _lines(table, theme_of, snap),
              _by("By partner", ["partner", "amount", "share", "partner_id"], table.lines, "partner_id",
                  lambda line: {"partner": line.partner}, table.total),
              _by("By funding stream", ["funding_stream", "partner", "amount", "share", "funding_stream_id"],
                  table.lines, "funding_stream_id",
                  lambda line: {"funding_stream": line.funding_stream, "partner": line.partner}, table.total),
              _by("By intervention", ["intervention", "theme", "amount", "share", "intervention_id"], table.lines,
                  "intervention_id", lambda line: {"intervention": line.intervention,
                                                   "theme": theme_of.get(str(line.intervention_id), "")},
                  table.total),
              _themes(table, theme_of)]
    if run.result is not None:
        sheets += [_goals(run.result, snap), _partners(run.result)]
    return sheets


def _sheet(title: str, columns: list[str], rows: list[Row], totals: int = 1) -> Sheet:
    return Sheet(title, columns, rows, MONEY & set(columns), PERCENTS & set(columns),
                 {c: HEADERS.get(c, c) for c in columns}, frozenset(range(len(rows) - totals, len(rows))))


def _share(amount: Decimal, total: Decimal) -> float:
    return float(amount / total) if total else 0.0


def _lines(table: AllocationTable, theme_of: dict[str, str], snap: Snapshot) -> Sheet:
    theme_ids = {i.id: i.theme_id for i in snap.interventions}
    rows: list[Row] = [{"theme": theme_of.get(str(line.intervention_id), ""), "intervention": line.intervention,
                        "partner": line.partner, "funding_stream": line.funding_stream, "amount": line.amount,
                        "intervention_id": str(line.intervention_id), "partner_id": str(line.partner_id),
                        "funding_stream_id": str(line.funding_stream_id),
                        "theme_id": theme_ids.get(str(line.intervention_id), "")} for line in table.lines]
    rows.append({"theme": "Total", "amount": table.total})
    return _sheet("Allocation", ["theme", "intervention", "partner", "funding_stream", "amount", "intervention_id",
                                 "partner_id", "funding_stream_id", "theme_id"], rows)


def _by(title: str, columns: list[str], lines: list[NamedLine], key: str, named: Callable[[NamedLine], Row],
        total: Decimal) -> Sheet:
    sums: dict[str, Decimal] = defaultdict(Decimal)
    first: dict[str, Row] = {}
    for line in lines:
        ident = str(getattr(line, key))
        sums[ident] += line.amount
        first.setdefault(ident, {key: ident, **named(line)})
    order = sorted(sums, key=lambda ident: (-sums[ident], str(first[ident].get(columns[0], ""))))
    rows = [{**first[i], "amount": sums[i], "share": _share(sums[i], total)} for i in order]
    rows.append({columns[0]: "Total", "amount": total, "share": 1.0 if total else 0.0})
    return _sheet(title, columns, rows)


def _themes(table: AllocationTable, theme_of: dict[str, str]) -> Sheet:
    sums: dict[str, Decimal] = defaultdict(Decimal)
    funded: dict[str, set[str]] = defaultdict(set)
    for line in table.lines:
        theme = theme_of.get(str(line.intervention_id), "")
        sums[theme] += line.amount
        funded[theme].add(str(line.intervention_id))
    rows: list[Row] = [{"theme": t, "amount": sums[t], "share": _share(sums[t], table.total),
                        "interventions": len(funded[t])} for t in sorted(sums, key=lambda t: (-sums[t], t))]
    rows.append({"theme": "Total", "amount": table.total, "share": 1.0 if table.total else 0.0,
                 "interventions": sum(len(f) for f in funded.values())})
    return _sheet("By theme", ["theme", "amount", "share", "interventions"], rows)


def _goals(report: RunReport, snap: Snapshot) -> Sheet:
    laa = {g.id for g in snap.goals if g.laa}
    rows: list[Row] = [{"goal": g.name, "laa": "Yes" if str(g.goal_id) in laa else "No", "baseline": g.baseline,
                        "projected": g.projected, "target": g.target, "weight": g.weight,
                        "attainment": g.attainment, "points": g.weight * g.attainment, "goal_id": str(g.goal_id)}
                       for g in report.goals]
    rows.append({"goal": "Total", "weight": sum(g.weight for g in report.goals),
                 "points": sum(g.weight * g.attainment for g in report.goals)})
    return _sheet("Goals", ["goal", "laa", "baseline", "projected", "target", "weight", "attainment", "points",
                            "goal_id"], rows)


def _partners(report: RunReport) -> Sheet:
    rows: list[Row] = [{"partner": p.name, "contribution": p.contribution, "unallocated": p.unallocated,
                        "share": p.share_of_total, "partner_id": str(p.partner_id)} for p in report.partners]
    rows.append({"partner": "Total", "contribution": sum((p.contribution for p in report.partners), Decimal("0.00")),
                 "unallocated": sum((p.unallocated for p in report.partners), Decimal("0.00")),
                 "share": sum(p.share_of_total for p in report.partners)})
    return _sheet("Partners", ["partner", "contribution", "unallocated", "share", "partner_id"], rows)


def summary_sheet(run: RunPublic, table: AllocationTable, snap: Snapshot) -> Sheet:
    """Item, value and note: the run, its summary's facts, joint working, then each unfunded intervention."""
    rows: list[Row] = [{"item": "Scenario", "value": run.scenario_name}, {"item": "Financial year",
                       "value": run.financial_year}, {"item": "Mode", "value": str(run.mode)},
                       {"item": "Status", "value": str(run.status)}]
    headings: set[int] = set()
    s, report = run.summary, run.result
    if s is not None:
        rows += _facts(s)
    if report is not None and report.joint_working is not None:
        headings.add(len(rows) + 1)
        rows += _joint(report)
    if report is not None:
        funded = {str(line.intervention_id) for line in table.lines}
        headings.add(len(rows) + 1)
        rows += [{}, {"item": "Unfunded intervention", "value": "Theme", "note": "Why"}]
        rows += [{"item": u.intervention, "value": u.theme, "note": u.why} for u in unfunded(snap, report, funded)]
    sheet = _sheet("Summary", ["item", "value", "note"], rows, totals=0)
    return Sheet(sheet.title, sheet.columns, sheet.rows, headers=sheet.headers, totals=frozenset(headings))


def _facts(s: RunSummary) -> list[Row]:
    missed = ", ".join(f"{m.goal_name} ({m.attainment_percent:g} %)" for m in s.laa_targets_missed)
    exact = s.weighted_attainment
    share = None if exact is None or not s.weighted_attainment_max else exact / s.weighted_attainment_max
    rows: list[Row] = [{"item": "Summary", "value": s.sentence},
            {"item": "Weighted attainment (points)", "value": Figure(s.weighted_attainment, POINTS),
             "note": f"out of a possible {s.weighted_attainment_max:g}"},
            {"item": "Most possible (points)", "value": Figure(s.weighted_attainment_max, POINTS),
             "note": s.scale_note},
            {"item": "Attainment of the most possible", "value": Figure(share, PERCENT)},
            {"item": "Goals", "value": s.goals_total},
            {"item": f"Goals at or above {s.threshold_percent:g} % of target",
             "value": s.goals_at_or_above_threshold},
            {"item": "LAA targets", "value": s.laa_targets_total},
            {"item": "LAA targets missed", "value": len(s.laa_targets_missed), "note": missed},
            {"item": "Total allocated", "value": Figure(s.total_allocated, POUNDS)},
            {"item": "Interventions funded", "value": s.interventions_funded,
             "note": f"of {s.interventions_total}"}]
    if s.pooling_note:
        rows.append({"item": "Joint working", "note": s.pooling_note})
    return rows


def _joint(report: RunReport) -> list[Row]:
    j = report.joint_working
    assert j is not None
    rows: list[Row] = [{}, {"item": "Joint working", "value": "Pooled against silos", "note": j.sentence},
            {"item": "Pooled weighted attainment (points)", "value": Figure(j.pooled_attainment, POINTS)},
            {"item": "Silo weighted attainment (points)", "value": Figure(j.silo_attainment, POINTS)},
            {"item": "Points pooling adds", "value": Figure(j.attainment_gained, POINTS)},
            {"item": "Pooled money spent", "value": Figure(report.total_allocated, POUNDS)},
            {"item": "Silo spend", "value": Figure(j.silo_spend, POUNDS)},
            {"item": "Pooled money for the silo attainment",
             "value": Figure(j.pooled_money_for_silo_attainment, POUNDS)},
            {"item": "Money pooling saves", "value": Figure(j.money_saved, POUNDS)}]
    return rows + [{"item": "Relaxed in silos", "note": r} for r in j.silo_relaxations]
