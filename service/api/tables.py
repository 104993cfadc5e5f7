"""CSV (RFC 4180) and XLSX responses that a spreadsheet opens safely."""

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from fastapi import Request, Response

from service.domain.spreadsheets.cells import FORMULA_STARTS
from service.domain.spreadsheets.exports import Sheet
from service.domain.spreadsheets.workbook import workbook

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    """A workbook, one tab per sheet (service/domain/spreadsheets/workbook.py says how cells are written)."""
    return Response(workbook(sheets), media_type=XLSX,
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
