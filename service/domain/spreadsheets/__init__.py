"""CSV uploads of funding streams, goals and interventions, checked as the API checks them."""

from service.domain.spreadsheets.csv_file import NotCsv, UploadTooLarge
from service.domain.spreadsheets.importer import ImportKind, ImportRejected, ImportReport, RowError, import_csv

__all__ = ["ImportKind", "ImportRejected", "ImportReport", "NotCsv", "RowError", "UploadTooLarge", "import_csv"]
