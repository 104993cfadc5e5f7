"""Reading an uploaded file that is either UTF-8 CSV or an XLSX workbook, as CSV text row for row."""

import csv
import io
import zipfile
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from openpyxl import load_workbook

from service.domain.common.errors import UnsupportedMediaType
from service.domain.spreadsheets.cells import number
from service.domain.spreadsheets.csv_file import SAVE_AS_CSV, decode, refuse_if_too_large

_ZIP = b"PK\x03\x04"


def table_text(content: bytes, *, max_bytes: int) -> str:
    """A CSV file's text, or an XLSX workbook's first sheet as CSV text (so row numbers are the workbook's)."""
    return _xlsx_as_csv(content, max_bytes) if content.startswith(_ZIP) else decode(content, max_bytes=max_bytes)


def _xlsx_as_csv(content: bytes, max_bytes: int) -> str:
    refuse_if_too_large(content, max_bytes)
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        raise UnsupportedMediaType(f"The file is neither an XLSX workbook nor UTF-8 CSV. {SAVE_AS_CSV}") from None
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
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):  # Excel stores numbers as binary floats: its shortest spelling is the typed one
        return number(repr(value).removesuffix(".0"))
    if isinstance(value, int | Decimal):
        return str(value)
    return str(value)
