"""Sheets as an XLSX workbook: pounds as numbers formatted in pounds, fractions as percentages, readable
headers, totals in bold, and text never run as a formula."""

import io
from collections.abc import Sequence
from datetime import UTC, datetime
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet._write_only import WriteOnlyWorksheet

from service.domain.spreadsheets.cells import FORMULA_STARTS
from service.domain.spreadsheets.exports import Figure, Sheet

POUNDS = '"£"#,##0.00'
PERCENT = "0.0%"
WHOLE_PERCENT = "0%"
POINTS = "0.00"
WHEN = "yyyy-mm-dd hh:mm"  # UTC: a workbook's dates carry no zone
BOLD = Font(bold=True)


def workbook(sheets: Sequence[Sheet]) -> bytes:
    book = Workbook(write_only=True)
    for sheet in sheets:
        tab = book.create_sheet(sheet.title[:31])
        tab.freeze_panes = "A2"
        for index, column in enumerate(sheet.columns, start=1):
            wide = 16 if column in sheet.money or column in sheet.percent else 24
            tab.column_dimensions[get_column_letter(index)].width = 60 if column in WIDE else wide
        tab.append([_cell(tab, sheet.headers.get(column, column), "", bold=True) for column in sheet.columns])
        for index, row in enumerate(sheet.rows):
            bold = index in sheet.totals
            tab.append([_cell(tab, row.get(column), _format(sheet, column), bold=bold) for column in sheet.columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


WIDE = frozenset({"sentence", "note", "why", "detail", "value"})


def _format(sheet: Sheet, column: str) -> str:
    return POUNDS if column in sheet.money else PERCENT if column in sheet.percent else ""


def _cell(tab: WriteOnlyWorksheet, value: object, number_format: str, *, bold: bool = False) -> WriteOnlyCell:
    if isinstance(value, Figure):
        number_format = value.number_format
        value = value.value
    if isinstance(value, datetime):
        value, number_format = value.astimezone(UTC).replace(tzinfo=None), WHEN
    if isinstance(value, bool | int | float | Decimal | datetime) or value is None:
        cell = WriteOnlyCell(tab, value=value)
        if number_format and value is not None and not isinstance(value, bool):
            cell.number_format = number_format
    else:
        cell = WriteOnlyCell(tab, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
        # Typed as text, and marked as a spreadsheet marks 'text typed after an apostrophe, so editing the
        # cell does not turn it into a formula either.
        cell.data_type = "s"
        if cell.value.startswith(FORMULA_STARTS):
            cell.quotePrefix = True
    if bold:
        cell.font = BOLD
    return cell
