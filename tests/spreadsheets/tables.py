"""Exports read as a finance officer's spreadsheet holds them, edited, and written back for an import."""

import csv
import io
from decimal import Decimal, InvalidOperation
from typing import Any

from openpyxl import Workbook, load_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Table = list[dict[str, Any]]


def exported(client, p_id: str, kind: str, media: str = "text/csv") -> Table:
    response = client.get(f"/v1/partnerships/{p_id}/exports/{kind}", headers={"Accept": media})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith(media)
    if media == XLSX:
        sheet = load_workbook(io.BytesIO(response.content)).active
        header, *rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        return [dict(zip(header, row, strict=True)) for row in rows]
    return list(csv.DictReader(io.StringIO(response.text)))


def as_file(table: Table, media: str = "text/csv") -> dict[str, tuple[str, bytes, str]]:
    columns = list(table[0])
    if media == XLSX:
        book = Workbook()
        sheet = book.active
        sheet.append(columns)
        for row in table:
            sheet.append([row[c] for c in columns])
        out = io.BytesIO()
        book.save(out)
        return {"file": ("edited.xlsx", out.getvalue(), XLSX)}
    out_text = io.StringIO()
    writer = csv.DictWriter(out_text, columns, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(table)
    return {"file": ("edited.csv", out_text.getvalue().encode(), "text/csv")}


def imported(client, p_id: str, kind: str, table: Table, media: str = "text/csv", *, dry_run: bool = False,
             headers: dict[str, str] | None = None):
    return client.post(f"/v1/partnerships/{p_id}/imports/{kind}", files=as_file(table, media),
                       params={"dry_run": "true"} if dry_run else None, headers=headers)


def differences(before: Table, after: Table) -> set[tuple[str, str, Any, Any]]:
    """(row id, column, before, after) for every cell that differs, rows matched by id and position."""
    def keyed(table: Table) -> dict[tuple[str, int], dict[str, Any]]:
        seen: dict[str, int] = {}
        out = {}
        for row in table:
            n = seen[row["id"]] = seen.get(row["id"], -1) + 1
            out[(row["id"], n)] = row
        return out

    old, new = keyed(before), keyed(after)
    assert old.keys() == new.keys()
    return {(k[0], c, same(old[k][c]), same(new[k][c])) for k in old for c in old[k]
            if same(old[k][c]) != same(new[k][c])}


def same(value: Any) -> str:
    """A cell as compared: a number by its value (1000, 1000.00 and 1000.0 are one), blank as empty text."""
    text = "" if value is None else str(value)
    try:
        return str(Decimal(text).normalize()) if text else ""
    except InvalidOperation:
        return text
