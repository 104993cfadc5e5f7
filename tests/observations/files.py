"""CSV and XLSX bodies for upload tests, built as a finance officer's spreadsheet would be."""

import io
from typing import Any

from openpyxl import Workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def csv_file(rows: list[list[Any]]) -> dict[str, tuple[str, bytes, str]]:
    text = "\n".join(",".join(str(c) for c in row) for row in rows) + "\n"
    return {"file": ("rows.csv", text.encode(), "text/csv")}


def xlsx_file(rows: list[list[Any]]) -> dict[str, tuple[str, bytes, str]]:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return {"file": ("rows.xlsx", out.getvalue(), XLSX)}
