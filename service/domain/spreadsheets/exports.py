"""The resource map, a run's allocation and the audit trail as flat tables that a spreadsheet opens as they are."""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from service.domain.models.access import AuditEventPublic
from service.domain.register.resource_map import PartnerResources, ResourceMap, ThemeUse, Totals

PENNY = Decimal("0.01")
AUDIT_COLUMNS = ["id", "at", "actor", "role", "action", "entity", "entity_id", "before", "after"]
Row = dict[str, object]


@dataclass(frozen=True)
class Figure:
    """A number with a format of its own, in a column whose rows hold different measures."""

    value: Decimal | float | int | None
    number_format: str

    def __str__(self) -> str:
        return "" if self.value is None else str(self.value)


@dataclass(frozen=True)
class Sheet:
    """One table: its columns in order, its rows, which columns hold pounds and which fractions shown as
    percentages, the headers a workbook shows (a CSV keeps the column names) and which rows are totals."""

    title: str  # the workbook's tab (Excel allows 31 characters)
    columns: list[str]
    rows: list[Row]
    money: frozenset[str] = field(default_factory=frozenset)
    percent: frozenset[str] = field(default_factory=frozenset)
    headers: Mapping[str, str] = field(default_factory=dict)
    totals: frozenset[int] = field(default_factory=frozenset)  # indices into rows


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
    columns = ["financial_year", "partner_id", "partner", "sector", "stream_count", *money]
    return Sheet(f"Resource map {rmap.financial_year}", columns,
                 [{"financial_year": rmap.financial_year, **row} for row in rows], frozenset(money),
                 headers={c: _readable(c, c in money) for c in columns}, totals=frozenset({len(rows) - 1}))


READABLE = {"financial_year": "Financial year", "partner_id": "Partner id", "partner": "Partner",
            "sector": "Sector", "stream_count": "Funding streams", "amount": "Amount",
            "least_contribution": "Least contribution", "most_contribution": "Most contribution",
            "kind": "Kind", "arrangement": "Arrangement", "data_quality": "Data quality", "may_use": "May use",
            "ring_fenced": "Ring-fenced for"}


def _readable(column: str, money: bool) -> str:
    """"kind: grant" -> "Kind: grant (£)": a person's header for a column a CSV names for a program."""
    measure, _, what = column.partition(": ")
    text = READABLE.get(measure, measure.replace("_", " ").capitalize()) + (f": {what.replace('_', ' ')}"
                                                                           if what else "")
    return f"{text} (£)" if money else text


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


def audit_sheet(events: Sequence[AuditEventPublic]) -> Sheet:
    """One row per event; `before` and `after` as JSON text with sorted keys (`null` when absent)."""
    rows = [{**event.model_dump(mode="json"), "before": _json_text(event.before),
             "after": _json_text(event.after)} for event in events]
    return Sheet("Audit trail", AUDIT_COLUMNS, rows)


def _json_text(value: dict[str, Any] | None) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
