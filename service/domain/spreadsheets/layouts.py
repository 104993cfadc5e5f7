"""The three upload layouts: their columns, and how rows become the API's create bodies."""

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from service.domain.register import resources
from service.domain.register.core import Kind
from service.domain.spreadsheets.cells import Lookup, Unresolved, number, pounds
from service.domain.spreadsheets.csv_file import CsvRow

Lookups = dict[str, Lookup]
Reader = Callable[[str, Lookups], Any]
NOBODY = uuid.UUID(int=0)  # stands in for a reference that failed, so the schema checks the rest


def _text(text: str, _: Lookups) -> str:
    return text


def _money(text: str, _: Lookups) -> str:
    return pounds(text)


def _number(text: str, _: Lookups) -> str:
    return number(text)


def _yes_no(text: str, _: Lookups) -> bool | str:
    """Spreadsheet booleans (TRUE/FALSE, yes/no, 1/0); anything else is left for validation to reject."""
    return {"true": True, "yes": True, "y": True, "1": True,
            "false": False, "no": False, "n": False, "0": False}.get(text.strip().lower(), text)


def _one(noun: str) -> Reader:
    return lambda text, lookups: lookups[noun].resolve(text)


def _several(noun: str) -> Reader:
    return lambda text, lookups: lookups[noun].resolve_list(text)


@dataclass(frozen=True)
class Column:
    name: str  # the header, and the name errors use
    field: str = ""  # the API field it fills; the same as `name` when empty
    read: Reader = _text
    aliases: tuple[str, ...] = ()
    placeholder: Any = NOBODY

    @property
    def api_field(self) -> str:
        return self.field or self.name


def _partner(name: str) -> Column:
    return Column(name, f"{name}_id", _one("partner"), (f"{name}_id",))


THEME = Column("theme", "theme_id", _one("theme"), ("theme_id",))
STREAM_COLUMNS = (
    _partner("partner"), Column("name"), Column("financial_year"), Column("amount", read=_money),
    Column("kind"), Column("arrangement"), Column("least_contribution", read=_money),
    Column("most_contribution", read=_money),
    Column("themes", "theme_ids", _several("theme"), ("theme_ids",), placeholder=[]),
    Column("data_quality"), Column("source_note"))
GOAL_COLUMNS = (
    THEME, Column("indicator_code"), Column("title", aliases=("name",)), Column("unit"), Column("polarity"),
    Column("baseline_value", read=_number), Column("baseline_year"), Column("target_value", read=_number),
    Column("target_year"), Column("weight", read=_number), Column("is_laa_target", read=_yes_no))
INTERVENTION_COLUMNS = (
    Column("title", aliases=("name",)), THEME, _partner("lead_partner"), Column("description"),
    Column("min_viable_funding", read=_money), Column("capacity", read=_money),
    Column("committed_funding", read=_money))
EFFECT_COLUMNS = (
    Column("goal", "goal_id", _one("goal"), ("goal_id",)), Column("per_thousand", read=_number),
    Column("low", read=_number), Column("high", read=_number), Column("evidence_note"))


@dataclass
class Record:
    """One create body, the rows it came from (the first holds its own fields) and what went wrong."""

    rows: list[int]
    payload: dict[str, Any] = field(default_factory=dict)
    effect_rows: list[int] = field(default_factory=list)  # the row of each of payload["effects"]
    errors: list[tuple[int, str | None, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Layout:
    kind: Kind
    columns: tuple[Column, ...]
    key_names: str  # what makes two records the same, for messages
    key: Callable[[Any], tuple[str, ...]]
    effect_columns: tuple[Column, ...] = ()

    def aliases(self) -> dict[str, str]:
        return {alias: c.name for c in self.columns + self.effect_columns for alias in (c.name, *c.aliases)}

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
        return [self._grouped(group, lookups) for group in _by_title(rows).values()]

    def locate(self, record: Record, loc: tuple[int | str, ...]) -> tuple[int, str | None]:
        """The row and column that a schema error's location points at."""
        if len(loc) >= 2 and loc[0] == "effects" and isinstance(loc[1], int):
            return record.effect_rows[loc[1]], self.column_of(str(loc[2])) if len(loc) > 2 else "per_thousand"
        return record.rows[0], self.column_of(str(loc[0])) if loc else None

    def _grouped(self, group: list[CsvRow], lookups: Lookups) -> Record:
        first = group[0]
        record = Record([row.number for row in group])
        _fill(record, first, self.columns, lookups, record.payload)
        for row in group[1:]:
            for column in self.columns:
                given = row.cells.get(column.name)
                if column.name != "title" and given is not None and given != first.cells.get(column.name):
                    record.errors.append((row.number, column.name, (
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


def _fill(record: Record, row: CsvRow, columns: tuple[Column, ...], lookups: Lookups,
          target: dict[str, Any]) -> None:
    """Read `row`'s cells into `target`; a reference that names nothing is an error of the record."""
    for column in columns:
        if row.has(column.name):
            try:
                target[column.api_field] = column.read(row.cells[column.name], lookups)
            except Unresolved as exc:
                record.errors.append((row.number, column.name, str(exc)))
                target[column.api_field] = column.placeholder


def _by_title(rows: list[CsvRow]) -> dict[str | int, list[CsvRow]]:
    """Rows of one intervention share its title; a row without a title stands alone."""
    groups: dict[str | int, list[CsvRow]] = {}
    for row in rows:
        groups.setdefault(_folded(row.cells.get("title", "")) or row.number, []).append(row)
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
