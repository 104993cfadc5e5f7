"""Importing a CSV of funding streams, goals or interventions: all rows or none."""

import uuid
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from service.domain import register
from service.domain.access.principal import Forbidden, Principal
from service.domain.common.errors import Conflict, InvalidInput
from service.domain.models.goal import Goal
from service.domain.models.partnership import Partner, Theme
from service.domain.spreadsheets.cells import Lookup
from service.domain.spreadsheets.csv_file import BadFile, decode, read_rows
from service.domain.spreadsheets.layouts import LAYOUTS, Layout, Lookups, Record


class ImportKind(StrEnum):
    FUNDING_STREAMS = "funding-streams"
    GOALS = "goals"
    INTERVENTIONS = "interventions"


class RowError(BaseModel):
    row: int = Field(description="The spreadsheet's row number: the header is row 1")
    field: str | None = Field(description="The column, when one is to blame")
    message: str = Field(description="What is wrong and how to put it right")


class ImportReport(BaseModel):
    dry_run: bool = Field(description="True when the file was only checked: nothing is stored")
    rows: int = Field(description="Data rows read (blank rows are skipped)")
    records: int = Field(description="Records the rows describe (an intervention may take several rows)")
    valid: bool = Field(description="True when every row is valid; only then is anything stored")
    created: list[uuid.UUID] = Field(description="Ids of the records stored; empty for a dry run")
    errors: list[RowError]


class ImportRejected(InvalidInput):
    """A file with any invalid row: the report, with every row's errors, is the problem's body."""


class _Errors(list[RowError]):
    forbidden = False

    def add(self, row: int, column: str | None, message: str) -> None:
        self.append(RowError(row=row, field=column, message=message))


def import_csv(session: Session, kind: ImportKind, partnership_id: uuid.UUID, content: bytes,
               actor: Principal, *, dry_run: bool, max_bytes: int, max_rows: int) -> ImportReport:
    """Check every row as the API would and store them all in one transaction, unless any fails.

    A dry run, or a file with any error, stores nothing; the report names every row's errors.
    """
    register.require_writable(session, partnership_id)
    layout = LAYOUTS[kind]
    text = decode(content, max_bytes=max_bytes)
    errors = _Errors()
    try:
        present, rows, misshapen = read_rows(text, layout.aliases(), max_rows=max_rows)
    except BadFile as unreadable:
        errors.add(unreadable.row, unreadable.field, unreadable.message)
        return _finish(session, errors, [], rows=0, records=0, dry_run=dry_run)
    for bad in misshapen:
        errors.add(bad.row, bad.field, bad.message)
    missing = [c for c in layout.required() if c not in present]
    for column in missing:
        errors.add(1, column, f"The column {column} is missing; every {layout.kind.noun} needs it.")
    records = [] if missing else layout.records(rows, _lookups(session, partnership_id))
    existing = _existing(session, layout, partnership_id)
    with session.no_autoflush:  # the rows go to the database together, in one flush at the end
        created = [row_id for record in records
                   if (row_id := _stage(session, layout, partnership_id, record, actor, existing, errors))]
    return _finish(session, errors, created, rows=len(rows) + len(misshapen), records=len(records),
                   dry_run=dry_run)


def _stage(session: Session, layout: Layout, partnership_id: uuid.UUID, record: Record, actor: Principal,
           seen: dict[tuple[str, ...], str], errors: _Errors) -> uuid.UUID | None:
    """Validate one record and add it to the open transaction; None (and errors) when it is invalid."""
    for row, column, message in record.errors:
        errors.add(row, column, message)
    try:
        body = layout.kind.create.model_validate(record.payload)
    except ValidationError as exc:
        for err in exc.errors(include_url=False, include_context=False):
            errors.add(*layout.locate(record, err["loc"]), err["msg"])
        return None
    if record.errors:
        return None
    key = layout.key(body)
    if key in seen:
        errors.add(record.rows[0], None, f"{seen[key]} has the same {layout.key_names}. An import only adds "
                   f"{layout.kind.noun}s: change an existing one with PATCH.")
        return None
    seen[key] = f"Row {record.rows[0]}"
    try:
        return register.create(session, layout.kind, partnership_id, body, actor, commit=False).id
    except Forbidden as exc:
        errors.forbidden = True
        owner = layout.kind.owner_partner
        errors.add(record.rows[0], layout.column_of(owner) if owner else None, exc.detail)
    except Conflict as exc:
        field = exc.extra.get("field")
        errors.add(record.rows[0], layout.column_of(field) if isinstance(field, str) else _named(layout, exc.detail),
                   exc.detail)
    return None


def _finish(session: Session, errors: _Errors, created: list[uuid.UUID], *, rows: int, records: int,
            dry_run: bool) -> ImportReport:
    valid = not errors
    try:
        if valid:
            session.flush()  # the database's own constraints, for a dry run too
    except IntegrityError:
        session.rollback()
        raise Conflict("The file's records conflict with records stored meanwhile; nothing was imported. "
                       "Try again.") from None
    if valid and not dry_run:
        session.commit()
    else:
        session.rollback()
    report = ImportReport(dry_run=dry_run, rows=rows, records=records, valid=valid,
                          created=created if valid and not dry_run else [],
                          errors=sorted(errors, key=lambda e: e.row))
    if valid or dry_run:
        return report
    failing = len({e.row for e in errors})
    first = report.errors[0]
    detail = (f"{failing} row{'s' if failing != 1 else ''} of the file {'have' if failing != 1 else 'has'} "
              f"errors, so nothing was imported; the first is row {first.row}"
              f"{f' ({first.field})' if first.field else ''}: {first.message}")
    raise (Forbidden if errors.forbidden else ImportRejected)(detail, extra=report.model_dump(mode="json"))


def _lookups(session: Session, partnership_id: uuid.UUID) -> Lookups:
    def pairs(table: Any, name: Any) -> list[tuple[uuid.UUID, str]]:
        return list(session.exec(select(table.id, name).where(col(table.partnership_id) == partnership_id)))

    return {"partner": Lookup("partner", pairs(Partner, Partner.name)),
            "theme": Lookup("theme", pairs(Theme, Theme.name)),
            "goal": Lookup("goal", pairs(Goal, Goal.indicator_code))}


def _existing(session: Session, layout: Layout, partnership_id: uuid.UUID) -> dict[tuple[str, ...], str]:
    table = layout.kind.table
    rows = session.exec(select(table).where(col(table.partnership_id) == partnership_id)).all()
    return {layout.key(row): f"The existing {layout.kind.noun} {row.id}" for row in rows}


def _named(layout: Layout, message: str) -> str | None:
    """The column a rule's message names first, for rules that do not say which field they concern."""
    places = [(message.find(c.api_field), c.name) for c in layout.columns if c.api_field in message]
    return min(places)[1] if places else None
