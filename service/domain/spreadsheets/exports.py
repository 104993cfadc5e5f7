"""The resource map, a run's allocation and the audit trail as flat tables that a spreadsheet opens as they are."""

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from service.domain.models.access import AuditEventPublic
from service.domain.models.report import AllocationTable, RunReport, Subtotal
from service.domain.register.resource_map import PartnerResources, ResourceMap, ThemeUse, Totals

PENNY = Decimal("0.01")
ALLOCATION_COLUMNS = ["funding_stream_id", "funding_stream", "partner_id", "partner",
                      "intervention_id", "intervention", "amount"]
AUDIT_COLUMNS = ["id", "at", "actor", "role", "action", "entity", "entity_id", "before", "after"]
Row = dict[str, object]


@dataclass(frozen=True)
class Sheet:
    """One table: its columns in order, its rows, and which columns hold pounds."""

    title: str  # the workbook's tab (Excel allows 31 characters)
    columns: list[str]
    rows: list[Row]
    money: frozenset[str] = field(default_factory=frozenset)


def _pounds(value: Decimal) -> Decimal:
    return value.quantize(PENNY)


def resource_map_sheet(rmap: ResourceMap) -> Sheet:
    """One row per partner and an "All partners" row; a may_use and ring_fenced column per theme."""
    by = rmap.totals.by
    breakdown = ([f"kind: {k}" for k in by.kind] + [f"arrangement: {a}" for a in by.arrangement]
                 + [f"data_quality: {q}" for q in by.data_quality])
    themes = [f"{measure}: {use.theme}" for use in rmap.themes for measure in ("may_use", "ring_fenced")]
    money = ["amount", "least_contribution", "most_contribution", *breakdown, *themes]
    rows = [_partner_row(p) for p in rmap.partners]
    rows.append({"partner": "All partners", **_totals_row(rmap.totals), **_theme_cells(rmap.themes)})
    return Sheet(f"Resource map {rmap.financial_year}",
                 ["financial_year", "partner_id", "partner", "sector", "stream_count", *money],
                 [{"financial_year": rmap.financial_year, **row} for row in rows], frozenset(money))


def _partner_row(p: PartnerResources) -> Row:
    return {"partner_id": str(p.partner_id), "partner": p.partner, "sector": p.sector.value,
            **_totals_row(p.totals), **_theme_cells(p.themes)}


def _totals_row(t: Totals) -> Row:
    return {"stream_count": t.stream_count, "amount": _pounds(t.amount),
            "least_contribution": _pounds(t.least_contribution),
            "most_contribution": _pounds(t.most_contribution),
            **{f"kind: {k}": _pounds(v) for k, v in t.by.kind.items()},
            **{f"arrangement: {k}": _pounds(v) for k, v in t.by.arrangement.items()},
            **{f"data_quality: {k}": _pounds(v) for k, v in t.by.data_quality.items()}}


def _theme_cells(uses: list[ThemeUse]) -> Row:
    cells: Row = {}
    for use in uses:
        cells[f"may_use: {use.theme}"] = _pounds(use.may_use)
        cells[f"ring_fenced: {use.theme}"] = _pounds(use.ring_fenced)
    return cells


def allocation_sheets(table: AllocationTable, report: RunReport | None) -> list[Sheet]:
    """The lines (as the CSV has them), subtotals with a total row each, and the run's goal outcomes."""
    lines = [{**line.model_dump(mode="json"), "amount": _pounds(line.amount)} for line in table.lines]
    sheets = [Sheet("Allocation", ALLOCATION_COLUMNS, lines, frozenset({"amount"})),
              _subtotals("By partner", "partner", table.by_partner, table.total),
              _subtotals("By funding stream", "funding_stream", table.by_funding_stream, table.total),
              _subtotals("By intervention", "intervention", table.by_intervention, table.total)]
    if report is not None:
        sheets.append(Sheet("Goals", ["goal_id", "goal", "baseline", "projected", "target", "weight",
                                      "attainment"],
                            [{"goal_id": str(g.goal_id), "goal": g.name, "baseline": g.baseline,
                              "projected": g.projected, "target": g.target, "weight": g.weight,
                              "attainment": g.attainment} for g in report.goals]))
        sheets.append(Sheet("Partners", ["partner_id", "partner", "contribution", "unallocated",
                                         "share_of_total"],
                            [{"partner_id": str(p.partner_id), "partner": p.name,
                              "contribution": _pounds(p.contribution), "unallocated": _pounds(p.unallocated),
                              "share_of_total": p.share_of_total} for p in report.partners],
                            frozenset({"contribution", "unallocated"})))
    return sheets


def _subtotals(title: str, noun: str, subtotals: list[Subtotal], total: Decimal) -> Sheet:
    rows: list[Row] = [{f"{noun}_id": str(s.id), noun: s.name, "amount": _pounds(s.amount)} for s in subtotals]
    rows.append({noun: "Total", "amount": _pounds(total)})
    return Sheet(title, [f"{noun}_id", noun, "amount"], rows, frozenset({"amount"}))


def audit_sheet(events: Sequence[AuditEventPublic]) -> Sheet:
    """One row per event; `before` and `after` as JSON text with sorted keys (`null` when absent)."""
    rows = [{**event.model_dump(mode="json"), "before": _json_text(event.before),
             "after": _json_text(event.after)} for event in events]
    return Sheet("Audit trail", AUDIT_COLUMNS, rows)


def _json_text(value: dict[str, Any] | None) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
