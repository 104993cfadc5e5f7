"""What an import reports: the records it creates, changes (field by field) and leaves alone, or every row's errors."""

import uuid
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session

from service.domain.access.principal import Forbidden
from service.domain.common.errors import Conflict, InvalidInput


class RowError(BaseModel):
    row: int = Field(description="The spreadsheet's row number: the header is row 1")
    field: str | None = Field(description="The column, when one is to blame")
    message: str = Field(description="What is wrong and how to put it right")


class FieldChange(BaseModel):
    column: str = Field(description="The column that differs (`effects`: the intervention's effect rows together)")
    before: Any = Field(description="The stored value, as the API shows it")
    after: Any = Field(description="The file's value, as the API will show it")


class RecordChange(BaseModel):
    id: uuid.UUID = Field(description="The record the file changes")
    row: int = Field(description="The record's first row in the file")
    changes: list[FieldChange] = Field(description="Only the fields whose values differ")


class Changed(BaseModel):
    """What a file changes in stored records, and which it names but leaves alone."""

    updated: list[RecordChange] = Field(default_factory=list, description=(
        "Records the file changes (with dry_run, would change), with each changed field before and after"))
    unchanged: list[uuid.UUID] = Field(default_factory=list, description=(
        "Records the file names whose fields all equal the stored ones: not written, no audit event"))


class ImportReport(Changed):
    dry_run: bool = Field(description="True when the file was only checked: nothing is stored")
    rows: int = Field(description="Data rows read (blank rows are skipped)")
    records: int = Field(description="Records the rows describe (an intervention may take several rows)")
    valid: bool = Field(description="True when every row is valid; only then is anything stored")
    created: list[uuid.UUID] = Field(description="Ids of the records created; empty for a dry run")
    new_rows: list[int] = Field(default_factory=list, description=(
        "The first row of each new record: created, or with dry_run would be"))
    errors: list[RowError]


class ImportRejected(InvalidInput):
    """A file with any invalid row: the report, with every row's errors, is the problem's body."""


class Errors(list[RowError]):
    forbidden = False  # a row is another partner's money: 403
    stale = False  # a row's record changed since the file was exported: 409

    def add(self, row: int, column: str | None, message: str) -> None:
        self.append(RowError(row=row, field=column, message=message))


def finish(session: Session, errors: Errors, report: ImportReport) -> ImportReport:
    """Commit the staged writes when every row is valid and it is no dry run; otherwise store nothing."""
    valid = not errors
    try:
        if valid:
            session.flush()  # the database's own constraints, for a dry run too
    except IntegrityError:
        session.rollback()
        raise Conflict("The file's records conflict with records stored meanwhile; nothing was imported. "
                       "Try again.") from None
    if valid and not report.dry_run:
        session.commit()
    else:
        session.rollback()
    if not valid or report.dry_run:
        report.created = []
    if not valid:
        report.new_rows, report.updated, report.unchanged = [], [], []
    report.valid, report.errors = valid, sorted(errors, key=lambda e: e.row)
    if valid or report.dry_run:
        return report
    failing = len({e.row for e in errors})
    first = report.errors[0]
    detail = (f"{failing} row{'s' if failing != 1 else ''} of the file {'have' if failing != 1 else 'has'} "
              f"errors, so nothing was imported; the first is row {first.row}"
              f"{f' ({first.field})' if first.field else ''}: {first.message}")
    problem = Forbidden if errors.forbidden else Conflict if errors.stale else ImportRejected
    raise problem(detail, extra=report.model_dump(mode="json"))
