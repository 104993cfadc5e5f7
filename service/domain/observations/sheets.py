"""Rows of an uploaded CSV or XLSX file as batch rows, through the spreadsheet package's cell parsers."""

from collections.abc import Callable
from dataclasses import dataclass

from service.domain.observations.batch import Row
from service.domain.spreadsheets.cells import Lookup, Unresolved, folded_choice
from service.domain.spreadsheets.csv_file import BadFile, read_rows
from service.domain.spreadsheets.xlsx_file import table_text

Cell = Callable[[str], object]


@dataclass(frozen=True)
class Column:
    name: str  # the header, canonical
    api_field: str
    read: Cell = str
    required: bool = True
    aliases: tuple[str, ...] = ()


def choice(text: str) -> str:
    """An enum cell as people type it: case, spaces and hyphens ignored (Out-turn, OUTTURN)."""
    return folded_choice(text)


def resolved(lookup: Lookup) -> Cell:
    return lookup.resolve


def rows_of(content: bytes, columns: list[Column], *, max_bytes: int, max_rows: int) -> list[Row]:
    """Each data row as a batch row; raises BadFile when the file as a whole cannot be read."""
    text = table_text(content, max_bytes=max_bytes)
    aliases = {alias: c.name for c in columns for alias in (c.name, c.api_field, *c.aliases)}
    present, read, misshapen = read_rows(text, aliases, max_rows=max_rows)
    missing = [c.name for c in columns if c.required and c.name not in present]
    if missing:
        raise BadFile(1, missing[0], f"The column {missing[0]} is missing; every row needs it.")
    rows = [Row(bad.row, {}, [(bad.field, bad.message)]) for bad in misshapen]
    for found in read:
        row = Row(found.number, {})
        for column in columns:
            if found.has(column.name):
                try:
                    row.payload[column.api_field] = column.read(found.cells[column.name])
                except Unresolved as exc:
                    row.errors.append((column.name, str(exc)))
        rows.append(row)
    return sorted(rows, key=lambda r: r.number)
