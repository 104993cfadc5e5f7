"""Reading an uploaded CSV (RFC 4180, UTF-8): limits, encoding, headers and rows."""

import csv
import io
from dataclasses import dataclass

from service.domain.common.errors import DomainError, UnsupportedMediaType
from service.domain.spreadsheets.cells import unquoted

_OLD_WORKBOOK = b"\xd0\xcf\x11\xe0"  # the old .xls (an .xlsx is a zip, read by xlsx_file)
SAVE_AS_CSV = ("Upload the .xlsx workbook, or in Excel use File > Save As > 'CSV UTF-8 (Comma delimited) (*.csv)' "
               "and upload that file.")


class UploadTooLarge(DomainError):
    status = 413
    title = "Upload too large"
    slug = "upload-too-large"


class NotCsv(UnsupportedMediaType):
    """A file that is not UTF-8 CSV (a workbook, say)."""


class BadFile(Exception):
    """The file cannot be read as a table; reported as an error of `row` in the import's report."""

    def __init__(self, row: int, field: str | None, message: str) -> None:
        super().__init__(message)
        self.row, self.field, self.message = row, field, message


@dataclass(frozen=True)
class CsvRow:
    number: int  # as a spreadsheet shows it: the header is row 1
    cells: dict[str, str]  # canonical column -> stripped text; blank cells are left out

    def has(self, column: str) -> bool:
        return column in self.cells


def refuse_if_too_large(content: bytes, max_bytes: int) -> None:
    if len(content) > max_bytes:
        raise UploadTooLarge(f"The file is larger than the {max_bytes:,}-byte upload limit "
                             "(max_upload_bytes); split it into smaller files.",
                             extra={"limit": "max_upload_bytes", "max_bytes": max_bytes})


def decode(content: bytes, *, max_bytes: int) -> str:
    refuse_if_too_large(content, max_bytes)
    if content.startswith(_OLD_WORKBOOK):
        raise NotCsv(f"This is an old-style .xls workbook, not XLSX or CSV. {SAVE_AS_CSV}")
    if b"\x00" in content:
        raise NotCsv(f"The file is binary or UTF-16 text, not UTF-8 CSV. {SAVE_AS_CSV}")
    try:
        return content.decode("utf-8-sig")  # Excel's "CSV UTF-8" starts with a byte-order mark
    except UnicodeDecodeError as exc:
        line = content[:exc.start].count(b"\n") + 1
        raise NotCsv(f"The file is not UTF-8 text (line {line} has byte 0x{content[exc.start]:02X}, "
                     f"perhaps a £ sign saved as Windows-1252). {SAVE_AS_CSV}") from None


def read_rows(text: str, aliases: dict[str, str], *,
              max_rows: int) -> tuple[set[str], list[CsvRow], list[BadFile]]:
    """The columns present (canonical names), the non-blank data rows and rows of the wrong shape.

    Raises BadFile when the file as a whole cannot be read (no header, unknown columns, bad quoting).
    """
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
        if header is None or not any(cell.strip() for cell in header):
            raise BadFile(1, None, "The file is empty: the first row must name the columns.")
        columns = _columns(header, aliases)
        rows: list[CsvRow] = []
        misshapen: list[BadFile] = []
        for number, record in enumerate(reader, start=2):
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) + len(misshapen) == max_rows:
                raise UploadTooLarge(f"The file has more than {max_rows:,} rows, the upload limit "
                                     "(max_upload_rows); split it into smaller files.",
                                     extra={"limit": "max_upload_rows", "max_rows": max_rows})
            row = _row(number, record, columns)
            if isinstance(row, BadFile):
                misshapen.append(row)
            else:
                rows.append(row)
    except csv.Error as exc:
        raise BadFile(reader.line_num, None, f"The CSV is malformed near line {reader.line_num}: {exc}. "
                      "Quote a cell that holds commas, quotes or line breaks, doubling its quotes.") from None
    return {c for c in columns if c is not None}, rows, misshapen


def _columns(header: list[str], aliases: dict[str, str]) -> list[str | None]:
    """Canonical column per position (None for an unnamed one); unknown or repeated names are errors."""
    columns: list[str | None] = []
    for cell in header:
        name = "_".join(cell.strip().lower().split())
        if not name:
            columns.append(None)
            continue
        if name not in aliases:
            hint = " Separate cells with commas, not semicolons or tabs." if any(c in cell for c in ";\t") else ""
            raise BadFile(1, cell.strip(), f"Unknown column '{cell.strip()}'; the columns are "
                          f"{', '.join(dict.fromkeys(aliases.values()))}.{hint}")
        if aliases[name] in columns:
            raise BadFile(1, aliases[name], f"The column {aliases[name]} appears twice.")
        columns.append(aliases[name])
    return columns


def _row(number: int, record: list[str], columns: list[str | None]) -> CsvRow | BadFile:
    if any(cell.strip() for cell in record[len(columns):]):
        return BadFile(number, None, f"The row has {len(record)} cells but the header names {len(columns)} "
                       "columns.")
    cells = {}
    for column, cell in zip(columns, record, strict=False):
        if cell.strip() and column is None:
            return BadFile(number, None, "The row has a value in a column with no header.")
        if column is not None and cell.strip():
            cells[column] = unquoted(cell.strip())
    return CsvRow(number, cells)
