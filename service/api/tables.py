"""CSV (RFC 4180) and XLSX responses that a spreadsheet opens safely."""

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from fastapi import Request, Response
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.utils import get_column_letter

from service.domain.spreadsheets.exports import Sheet

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
POUNDS = '"£"#,##0.00'


def _safe(value: object) -> str:
    """Text a spreadsheet would run as a formula gets a leading apostrophe; numbers stay numbers."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS) and not _is_number(text):
        return "'" + text
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def csv_response(columns: list[str], rows: Iterable[Mapping[str, object]], *, filename: str) -> Response:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_safe(c) for c in columns])
    writer.writerows([_safe(row.get(c)) for c in columns] for row in rows)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def wanted(request: Request) -> str:
    """XLSX or CSV when the Accept header asks for it (XLSX first), JSON otherwise."""
    accept = request.headers.get("accept", "")
    return XLSX if XLSX in accept else CSV if CSV in accept else "application/json"


def spreadsheet_responses(description: str) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI entry for a 200 that may also be CSV or XLSX, chosen by the Accept header."""
    return {200: {"description": description, "content": {
        CSV: {"schema": {"type": "string"}},
        XLSX: {"schema": {"type": "string", "format": "binary"}}}}}


def sheet_csv_response(sheet: Sheet, *, filename: str) -> Response:
    return csv_response(sheet.columns, sheet.rows, filename=filename)


def xlsx_response(sheets: Sequence[Sheet], *, filename: str) -> Response:
    """A workbook, one tab per sheet: pounds as numbers formatted £#,##0.00, text never a formula."""
    book = Workbook(write_only=True)
    for sheet in sheets:
        tab = book.create_sheet(sheet.title[:31])
        tab.freeze_panes = "A2"
        for index, column in enumerate(sheet.columns, start=1):
            tab.column_dimensions[get_column_letter(index)].width = 16 if column in sheet.money else 24
        tab.append([_xlsx_cell(tab, column, False) for column in sheet.columns])
        for row in sheet.rows:
            tab.append([_xlsx_cell(tab, row.get(column), column in sheet.money) for column in sheet.columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return Response(buffer.getvalue(), media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


def _xlsx_cell(tab: Any, value: object, money: bool) -> WriteOnlyCell:
    if isinstance(value, bool | int | float | Decimal) or value is None:
        cell = WriteOnlyCell(tab, value=value)
        if money:
            cell.number_format = POUNDS
        return cell
    cell = WriteOnlyCell(tab, value=ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    # Typed as text, and marked as a spreadsheet marks 'text typed after an apostrophe, so editing the
    # cell does not turn it into a formula either.
    cell.data_type = "s"
    if cell.value.startswith(FORMULA_STARTS):
        cell.quotePrefix = True
    return cell
