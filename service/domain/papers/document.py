"""A board paper as the renderers see it: a title block, a summary and sections of text, tables and charts.

Every number a table or chart shows is held as the JSON answer has it (`Row.values`, `Chart.data`), so the
HTML can carry it beside its formatted text and a test can check both against the API's answer.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Any

from service.domain.common.money import format_pounds


class Unit(StrEnum):
    TEXT = "text"
    MONEY = "money"  # pounds as a decimal string with two places
    PERCENT = "percent"  # already a percentage, to 0.1
    POINTS = "points"  # weighted attainment points
    MEASURE = "measure"  # an indicator's value in its own units
    COUNT = "count"
    DATE = "date"  # an ISO 8601 timestamp in UTC


def shown(value: Any, unit: Unit) -> str:
    """A value as a person reads it: £1,234.56, 83.4 %, 21.51 points; a dash for none."""
    if value is None:
        return "–"
    if unit == Unit.MONEY:
        amount = Decimal(str(value))
        return ("-" if amount < 0 else "") + format_pounds(abs(amount))
    if unit == Unit.PERCENT:
        return f"{float(value):,.1f} %"
    if unit == Unit.POINTS:
        return f"{float(value):,.2f}"
    if unit == Unit.MEASURE:
        return f"{float(value):,.6g}"
    if unit == Unit.COUNT:
        return f"{int(value):,}"
    if unit == Unit.DATE:
        return str(value)[:16].replace("T", " ") + " UTC"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@dataclass(frozen=True)
class Column:
    field: str  # the JSON field the value comes from
    label: str
    unit: Unit = Unit.TEXT


@dataclass(frozen=True)
class Row:
    id: str  # the id of what the row is about (a goal, a partner, …), as the JSON gives it
    values: dict[str, Any]
    units: dict[str, Unit] = field(default_factory=dict)  # where a cell's unit is not its column's

    def unit(self, column: "Column") -> Unit:
        return self.units.get(column.field, column.unit)


@dataclass(frozen=True)
class Table:
    key: str  # names the table for tests and styles
    title: str
    columns: list[Column]
    rows: list[Row]
    total: Row | None = None
    note: str = ""


@dataclass(frozen=True)
class Chart:
    key: str
    title: str
    caption: str
    data: list[dict[str, Any]]  # the figures drawn, one dict per mark, as the JSON has them
    draw: Callable[[Any], None]  # draws on a matplotlib Figure
    height: float = 3.2  # inches, at a width of 7.5


@dataclass(frozen=True)
class Section:
    title: str
    paragraphs: list[str] = field(default_factory=list)
    blocks: list[Table | Chart] = field(default_factory=list)


@dataclass(frozen=True)
class Paper:
    kind: str  # run, proposal or scrutiny
    title: str
    facts: list[tuple[str, str]]  # the title block: partnership, scenario, year, ids, dates
    summary: list[str]
    summary_facts: list[tuple[str, str]]
    sections: list[Section]
    filename: str  # without extension
