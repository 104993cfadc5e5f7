"""CSV responses (RFC 4180) that a spreadsheet opens safely."""

import csv
import io
from collections.abc import Iterable, Mapping

from fastapi import Response

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


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
    writer.writerow(columns)
    writer.writerows([_safe(row.get(c)) for c in columns] for row in rows)
    return Response(buffer.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
