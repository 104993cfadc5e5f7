"""Many observations or actuals at once: every row checked, all stored in one transaction or none."""

import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, Field, ValidationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from service.domain.access import audit
from service.domain.access.principal import Forbidden, Principal
from service.domain.access.tenancy import lock_partnership, require_writable
from service.domain.common.errors import Conflict, InvalidInput
from service.domain.models.partnership import Partnership
from service.domain.observations import periods
from service.domain.observations.changes import Changes, identity
from service.domain.register.core import Kind
from service.domain.spreadsheets.report import Changed

Key = tuple[object, ...]


class BatchRowError(BaseModel):
    row: int = Field(description="The row: in a spreadsheet as it shows it (the header is row 1); in JSON the "
                     "item's position, from 1")
    field: str | None = Field(description="The column (or JSON field) to blame, when one is")
    message: str = Field(description="What is wrong and how to put it right")


class BatchReport(Changed):
    dry_run: bool = Field(description="True when the rows were only checked: nothing is stored")
    rows: int = Field(description="Rows read (blank spreadsheet rows are skipped)")
    valid: bool = Field(description="True when every row is valid; only then is anything stored")
    created: list[uuid.UUID] = Field(description="Ids of the records stored; empty for a dry run")
    errors: list[BatchRowError]


class BatchRejected(InvalidInput):
    """A batch with any invalid row: the report, with every row's errors, is the problem's body."""


@dataclass
class Row:
    number: int
    payload: dict[str, Any]
    errors: list[tuple[str | None, str]] = field(default_factory=list)
    row_id: uuid.UUID | None = None  # the id to store it with; a new one when None


@dataclass(frozen=True)
class Rules:
    """What a batch of one kind checks beyond the schema, from what it read once for the whole batch."""

    kind: Kind
    key: Callable[[Any], Key]  # what no two records may share (with the period's start and end)
    check: Callable[[Any], list[tuple[str, str]]]  # (field, message) for each broken rule
    column: Callable[[str], str] = str  # the column a schema field is read from


def store(session: Session, partnership_id: uuid.UUID, rows: Sequence[Row], rules: Rules, actor: Principal,
          *, dry_run: bool, existing: Mapping[Key, uuid.UUID], upsert: bool = False) -> BatchReport:
    """Validate every row; unless any fails (or it is a dry run) store them all, each with its audit event.

    With `upsert` (a file) a row naming a stored record by id, or by its key and period, changes it;
    otherwise such a row is an error. A file that changes records locks them one by one, so files of one
    partnership take turns (as the register's imports do): two changing the same rows in another order
    would otherwise wait on each other until the database aborted one.
    """
    (lock_partnership if upsert else require_writable)(session, partnership_id)
    start_month = session.get_one(Partnership, partnership_id).financial_year_start_month
    errors: list[BatchRowError] = []
    forbidden = False
    conflicts = 0  # errors with what is stored (a period recorded, a reference elsewhere): 409 when they are all
    stored = "A stored record"
    seen: dict[Key, str] = {} if upsert else dict.fromkeys(existing, stored)
    changes = Changes(session, rules.kind, partnership_id, actor)
    staged: list[Any] = []
    for row in rows:
        record_id, version, named = identity(row.payload) if upsert else (None, None, [])
        row.errors += named
        errors += [BatchRowError(row=row.number, field=f, message=m) for f, m in row.errors]
        try:
            body: Any = rules.kind.create.model_validate(row.payload)
        except ValidationError as exc:
            blamed = {f for f, _ in row.errors}  # a cell already refused is missing from the payload: said once
            found_errors = [BatchRowError(row=row.number, message=err["msg"],
                                     field=rules.column(str(err["loc"][0])) if err["loc"] else None)
                            for err in exc.errors(include_url=False, include_context=False)]
            errors += [e for e in found_errors if e.field not in blamed]
            continue
        broken = rules.check(body)
        conflicts += len(broken)
        try:
            found = periods.parse(body.period, start_month)
        except periods.NotAPeriod as exc:
            broken.append(("period", str(exc)))
        try:
            rules.kind.require_owner(actor, body)
        except Forbidden as exc:
            forbidden = True
            broken.append(("partner_id", exc.detail))
        errors += [BatchRowError(row=row.number, field=rules.column(f), message=m) for f, m in broken]
        if broken or row.errors:
            continue
        key = (*rules.key(body), found.start, found.end)
        if key in seen:
            conflicts += seen[key] == stored
            errors.append(BatchRowError(row=row.number, field=rules.column("period"), message=(
                f"{seen[key]} has the same {rules.kind.noun} for {found.label}; change that one instead.")))
            continue
        seen[key] = f"Row {row.number}"
        target = record_id or (existing.get(key) if upsert else None)
        if target is not None:
            broken = changes.stage(row.number, target, version, body.model_dump() | {"period": found.label},
                                   rules.column, holder=existing.get(key))
            errors += [BatchRowError(row=row.number, field=rules.column(f), message=m) for f, m in broken]
            continue
        staged.append(rules.kind.table.model_validate(body.model_dump(exclude={"period"}), update={
            "partnership_id": partnership_id, "period": found.label, "period_kind": found.kind,
            "period_start": found.start, "period_end": found.end, **({"id": row.row_id} if row.row_id else {})}))
    return _finish(session, rules.kind, actor, staged, sorted(errors, key=lambda e: e.row), rows=len(rows),
                   dry_run=dry_run, forbidden=forbidden, changes=changes, conflicts=conflicts)


def _finish(session: Session, kind: Kind, actor: Principal, staged: list[Any], errors: list[BatchRowError], *,
            rows: int, dry_run: bool, forbidden: bool, changes: Changes, conflicts: int) -> BatchReport:
    valid = not errors
    if valid and not dry_run:
        session.add_all(staged)
        try:
            session.flush()
        except IntegrityError:
            session.rollback()
            raise Conflict(f"Another upload stored {kind.noun}s for some of the same periods while this batch was "
                           "being stored; nothing of this batch was stored. Read them and try again.") from None
        for row in staged:
            audit.record(session, actor, row.partnership_id, "create", kind.entity, row.id, None, kind.public(row))
        session.commit()
    else:
        session.rollback()
    report = BatchReport(dry_run=dry_run, rows=rows, valid=valid,
                         created=[r.id for r in staged] if valid and not dry_run else [], errors=errors,
                         updated=changes.updated if valid else [], unchanged=changes.unchanged if valid else [])
    if valid or dry_run:
        return report
    failing = len({e.row for e in errors})
    first = errors[0]
    detail = (f"{failing} row{'s' if failing != 1 else ''} of the batch {'have' if failing != 1 else 'has'} errors, "
              f"so nothing was stored; the first is row {first.row}{f' ({first.field})' if first.field else ''}: "
              f"{first.message}")
    clash = changes.stale or conflicts == len(errors)
    problem = Forbidden if forbidden or changes.forbidden else Conflict if clash else BatchRejected
    raise problem(detail, extra=report.model_dump(mode="json"))


def ids(session: Session, table: Any, partnership_id: uuid.UUID) -> set[uuid.UUID]:
    return set(session.exec(select(table.id).where(col(table.partnership_id) == partnership_id)))


def missing(field_name: str, value: uuid.UUID | None, known: set[uuid.UUID], noun: str) -> list[tuple[str, str]]:
    if value is None or value in known:
        return []
    return [(field_name, f"{field_name} refers to {value}, which is not a {noun} of this partnership.")]
