"""Importing a CSV or XLSX file of funding streams, goals or interventions: all rows or none.

A row naming a stored record (by `id`, or by its natural key) changes that record; any other row adds one.
"""

import uuid
from enum import StrEnum
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from service.domain import register
from service.domain.access.principal import Principal
from service.domain.common.errors import Conflict
from service.domain.models.goal import Goal
from service.domain.models.partnership import Partner, Theme
from service.domain.spreadsheets.cells import Lookup
from service.domain.spreadsheets.columns import Lookups
from service.domain.spreadsheets.csv_file import BadFile, read_rows
from service.domain.spreadsheets.layouts import LAYOUTS, Layout
from service.domain.spreadsheets.report import Errors, ImportReport, finish
from service.domain.spreadsheets.upsert import Key, Stager
from service.domain.spreadsheets.xlsx_file import table_text


class ImportKind(StrEnum):
    FUNDING_STREAMS = "funding-streams"
    GOALS = "goals"
    INTERVENTIONS = "interventions"


def import_file(session: Session, kind: ImportKind, partnership_id: uuid.UUID, content: bytes,
               actor: Principal, *, dry_run: bool, max_bytes: int, max_rows: int) -> ImportReport:
    """Check every row as the API would and store them all in one transaction, unless any fails.

    A dry run, or a file with any error, stores nothing; the report names every row's errors. Imports of
    one partnership go one at a time (its row is locked), so each reads the records the one before stored.
    """
    register.lock_partnership(session, partnership_id)
    layout = LAYOUTS[kind]
    text = table_text(content, max_bytes=max_bytes)
    errors = Errors()
    report = ImportReport(dry_run=dry_run, rows=0, records=0, valid=False, created=[], errors=[])
    try:
        present, rows, misshapen = read_rows(text, layout.aliases(), max_rows=max_rows)
    except BadFile as unreadable:
        errors.add(unreadable.row, unreadable.field, unreadable.message)
        return finish(session, errors, report)
    for bad in misshapen:
        errors.add(bad.row, bad.field, bad.message)
    # a file that names records by id may give only the columns it changes; one that adds needs them all
    missing = [] if "id" in present else [c for c in layout.required() if c not in present]
    for column in missing:
        errors.add(1, column, f"The column {column} is missing; every {layout.kind.noun} needs it.")
    records = [] if missing else layout.records(rows, _lookups(session, partnership_id))
    report.rows, report.records = len(rows) + len(misshapen), len(records)
    stager = Stager(session, layout, partnership_id, actor, present, _stored(session, layout, partnership_id),
                    report, errors)
    try:
        with session.no_autoflush:  # the rows go to the database together, in one flush at the end
            for record in records:
                stager.stage(record)
    except IntegrityError:
        session.rollback()
        raise Conflict("The file's records conflict with records stored meanwhile; nothing was imported. "
                       "Try again.") from None
    return finish(session, errors, report)


def _lookups(session: Session, partnership_id: uuid.UUID) -> Lookups:
    def pairs(table: Any, name: Any) -> list[tuple[uuid.UUID, str]]:
        return list(session.exec(select(table.id, name).where(col(table.partnership_id) == partnership_id)))

    return {"partner": Lookup("partner", pairs(Partner, Partner.name)),
            "theme": Lookup("theme", pairs(Theme, Theme.name)),
            "goal": Lookup("goal", pairs(Goal, Goal.indicator_code))}


def _stored(session: Session, layout: Layout, partnership_id: uuid.UUID) -> dict[Key, uuid.UUID]:
    table = layout.kind.table
    rows = session.exec(select(table).where(col(table.partnership_id) == partnership_id)).all()
    return {layout.key(row): row.id for row in rows}
