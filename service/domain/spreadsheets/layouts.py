"""The three register layouts: their columns, and how rows become the API's create bodies (and which record)."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from service.domain.register import resources
from service.domain.register.core import Kind
from service.domain.spreadsheets.cells import Unresolved
from service.domain.spreadsheets.columns import (
    EFFECT_COLUMNS,
    GOAL_COLUMNS,
    IDENTITY,
    INTERVENTION_COLUMNS,
    NOBODY,
    STREAM_COLUMNS,
    Column,
    Lookups,
)
from service.domain.spreadsheets.csv_file import CsvRow


@dataclass
class Record:
    """One create body, the rows it came from (the first holds its own fields) and what went wrong."""

    rows: list[int]
    payload: dict[str, Any] = field(default_factory=dict)
    effect_rows: list[int] = field(default_factory=list)  # the row of each of payload["effects"]
    errors: list[tuple[int, str | None, str]] = field(default_factory=list)
    target: uuid.UUID | None = None  # the stored record the row names by its id
    version: int | None = None  # the version of it that the file was exported from


@dataclass(frozen=True)
class Layout:
    kind: Kind
    columns: tuple[Column, ...]
    key_names: str  # what makes two records the same, for messages
    key: Callable[[Any], tuple[str, ...]]
    effect_columns: tuple[Column, ...] = ()

    def aliases(self) -> dict[str, str]:
        return {alias: c.name for c in self.columns + self.effect_columns for alias in (c.name, *c.aliases)} | {
            name: name for name in IDENTITY}

    def required(self) -> list[str]:
        fields = self.kind.create.model_fields
        return [c.name for c in self.columns if fields[c.api_field].is_required()]

    def column_of(self, api_field: str) -> str:
        """The CSV column behind an API field name such as partner_id or effects.goal_id."""
        last = api_field.rsplit(".", 1)[-1]
        return next((c.name for c in self.columns + self.effect_columns if c.api_field == last), last)

    def records(self, rows: list[CsvRow], lookups: Lookups) -> list[Record]:
        if not self.effect_columns:
            return [_one_row(row, self.columns, lookups) for row in rows]
        return [self._grouped(group, lookups) for group in _groups(rows).values()]

    def locate(self, record: Record, loc: tuple[int | str, ...]) -> tuple[int, str | None]:
        """The row and column that a schema error's location points at."""
        if len(loc) >= 2 and loc[0] == "effects" and isinstance(loc[1], int):
            return record.effect_rows[loc[1]], self.column_of(str(loc[2])) if len(loc) > 2 else "per_thousand"
        return record.rows[0], self.column_of(str(loc[0])) if loc else None

    def _grouped(self, group: list[CsvRow], lookups: Lookups) -> Record:
        first = group[0]
        record = Record([row.number for row in group])
        _fill(record, first, self.columns, lookups, record.payload)
        # grouped by title, the rows' titles agree as typed again; grouped by id, they must be the same
        same = [c.name for c in self.columns if c.name != "title" or first.has("id")] + ["version"]
        for row in group[1:]:
            for name in same:
                given = row.cells.get(name)
                if given is not None and given != first.cells.get(name):
                    record.errors.append((row.number, name, (
                        f"Differs from row {first.number} of the same intervention; give the intervention's "
                        "own columns on its first row only, or the same on every row.")))
        record.payload["effects"] = []
        goal_rows: dict[Any, int] = {}
        for row in group:
            if not any(row.has(c.name) for c in self.effect_columns):
                continue
            effect: dict[str, Any] = {}
            _fill(record, row, self.effect_columns, lookups, effect)
            goal = effect.get("goal_id")
            if goal is None:
                record.errors.append((row.number, "goal", "Name the goal (indicator code or id) this effect moves."))
            elif goal in goal_rows and goal != NOBODY:
                record.errors.append((row.number, "goal", f"Row {goal_rows[goal]} already gives this "
                                      "intervention's effect on that goal; give one row per goal."))
            goal_rows.setdefault(goal, row.number)
            record.payload["effects"].append(effect)
            record.effect_rows.append(row.number)
        return record


def _one_row(row: CsvRow, columns: tuple[Column, ...], lookups: Lookups) -> Record:
    record = Record([row.number])
    _fill(record, row, columns, lookups, record.payload)
    return record


def _identify(record: Record, row: CsvRow) -> None:
    """The id and version cells of a record's first row: an id names the record to change."""
    if row.has("id"):
        try:
            record.target = uuid.UUID(row.cells["id"])
        except ValueError:
            record.errors.append((row.number, "id", "Not an id; leave id blank for a new record, or keep the id "
                                  "an export wrote."))
    if row.has("version"):
        text = row.cells["version"].removeprefix("v")
        if not text.isdigit() or record.target is None:
            record.errors.append((row.number, "version", "version is the whole number an export wrote beside "
                                  "the record's id; leave it blank to change the record whatever its version."))
        else:
            record.version = int(text)


def _fill(record: Record, row: CsvRow, columns: tuple[Column, ...], lookups: Lookups,
          target: dict[str, Any]) -> None:
    """Read `row`'s cells into `target`; a reference that names nothing is an error of the record."""
    if target is record.payload:
        _identify(record, row)
    for column in columns:
        if row.has(column.name):
            try:
                target[column.api_field] = column.read(row.cells[column.name], lookups)
            except Unresolved as exc:
                record.errors.append((row.number, column.name, str(exc)))
                target[column.api_field] = column.placeholder


def _groups(rows: list[CsvRow]) -> dict[str | int, list[CsvRow]]:
    """Rows of one intervention share its id, or when they have none its title; a row with neither stands alone."""
    groups: dict[str | int, list[CsvRow]] = {}
    for row in rows:
        by = f"id {row.cells['id'].casefold()}" if row.has("id") else _folded(row.cells.get("title", ""))
        groups.setdefault(by or row.number, []).append(row)
    return groups


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


LAYOUTS = {
    "funding-streams": Layout(
        resources.FUNDING_STREAMS, STREAM_COLUMNS, "partner, name and financial_year",
        lambda s: (str(s.partner_id), _folded(s.name), s.financial_year)),
    "goals": Layout(resources.GOALS, GOAL_COLUMNS, "indicator_code and title",
                    lambda g: (_folded(g.indicator_code), _folded(g.title))),
    "interventions": Layout(resources.INTERVENTIONS, INTERVENTION_COLUMNS, "title",
                            lambda i: (_folded(i.title),), EFFECT_COLUMNS),
}
