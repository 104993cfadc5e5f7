"""Spreadsheets in and out: register imports (CSV or XLSX, all rows or none, adding and changing) and exports."""

from service.domain.spreadsheets.csv_file import NotCsv, UploadTooLarge
from service.domain.spreadsheets.importer import ImportKind, import_file
from service.domain.spreadsheets.report import ImportRejected, ImportReport, RowError

__all__ = ["ImportKind", "ImportRejected", "ImportReport", "NotCsv", "RowError", "UploadTooLarge", "import_file"]
