"""Rows of an uploaded CSV or XLSX file as batch rows, through the spreadsheet package's cell parsers."""

import csv
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook

from service.domain.common.errors import UnsupportedMediaType
from service.domain.observations.batch import Row
from service.domain.spreadsheets.cells import Lookup, Unresolved, number
from service.domain.spreadsheets.csv_file import BadFile, UploadTooLarge, decode, read_rows

_ZIP = b"PK\x03\x04"
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
    return "".join(ch for ch in text.casefold() if ch not in " -_")


def resolved(lookup: Lookup) -> Cell:
    return lookup.resolve


def rows_of(content: bytes, columns: list[Column], *, max_bytes: int, max_rows: int) -> list[Row]:
    """Each data row as a batch row; raises BadFile when the file as a whole cannot be read."""
    text = _xlsx_as_csv(content, max_bytes) if content.startswith(_ZIP) else decode(content, max_bytes=max_bytes)
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


def _xlsx_as_csv(content: bytes, max_bytes: int) -> str:
    """The first sheet as CSV text, row for row, so that row numbers are the workbook's."""
    if len(content) > max_bytes:
        raise UploadTooLarge(f"The file is larger than the {max_bytes:,}-byte upload limit (max_upload_bytes); "
                             "split it into smaller files.",
                             extra={"limit": "max_upload_bytes", "max_bytes": max_bytes})
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UnsupportedMediaType("The file is neither an XLSX workbook nor UTF-8 CSV.") from None
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    sheet = book.worksheets[0]
    for values in sheet.iter_rows(values_only=True):
        writer.writerow([_text(v) for v in values])
    book.close()
    return out.getvalue()


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):  # Excel stores numbers as binary floats: its shortest spelling is the typed one
        return number(repr(value).removesuffix(".0"))
    if isinstance(value, int | Decimal):
        return str(value)
    return str(value)
