"""Create, read, list, update and delete for every register resource, scoped to one partnership."""

import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload
from sqlmodel import Session, SQLModel, col

from service.domain.access import audit
from service.domain.access.principal import Principal
from service.domain.access.tenancy import require_partnership, require_writable
from service.domain.common.errors import Conflict, InvalidInput, NotFound
from service.domain.common.fields import utcnow
from service.domain.common.paging import page
from service.domain.common.versions import require_version
from service.domain.models.base import Page


def _no_check(session: Session, partnership_id: uuid.UUID, data: Any, row: Any) -> None:
    return None


def _no_guard(session: Session, row: Any) -> None:
    return None


@dataclass(frozen=True)
class Kind:
    """How one resource is stored, checked and shown. `children` are written by `write_children`."""

    noun: str
    table: Any
    create: type[SQLModel]
    public: Callable[[Any], SQLModel]
    check: Callable[[Session, uuid.UUID, Any, Any], None] = _no_check
    write_children: Callable[[Session, Any, Any], None] | None = None
    children: frozenset[str] = field(default_factory=frozenset)
    guard_delete: Callable[[Session, Any], None] = _no_guard
    filters: tuple[str, ...] = ()
    owner_partner: str | None = None  # field naming the partner whose money this is
    eager: tuple[str, ...] = ()  # relationships `public` reads: loaded with the page, not row by row
    # a page's public records at once, where one query for all their children beats loading relationships
    public_page: Callable[[Session, list[Any]], list[Any]] | None = None

    @property
    def entity(self) -> str:
        return str(self.table.__tablename__)

    def require_owner(self, actor: Principal, record: Any) -> None:
        if self.owner_partner is not None:
            actor.require_partner(getattr(record, self.owner_partner), f"this {self.noun}")


def fetch(session: Session, kind: Kind, partnership_id: uuid.UUID, row_id: uuid.UUID, *,
          lock: bool = False) -> Any:
    """The row, or NotFound when it does not exist or belongs to another partnership.

    `lock` (for a change) holds the row until commit and reads it afresh: a second writer waits for the
    first to commit, then sees the version the first wrote (and its If-Match fails with 412).
    """
    row = session.get(kind.table, row_id, with_for_update=True if lock else None, populate_existing=lock)
    if row is None or row.partnership_id != partnership_id:
        raise NotFound(kind.noun, row_id)
    return row


def list_rows(
    session: Session, kind: Kind, partnership_id: uuid.UUID, *,
    filters: Mapping[str, object], cursor: str | None, size: int,
) -> Page[Any]:
    where = [col(kind.table.partnership_id) == partnership_id]
    where += [col(getattr(kind.table, name)) == value for name, value in filters.items()
              if value is not None]
    loading = [selectinload(getattr(kind.table, name)) for name in kind.eager]
    rows, next_cursor = page(session, kind.table, where=where, cursor=cursor, size=size, loading=loading)
    if not rows:  # a row of the partnership proves it exists (a foreign key); only an empty page must ask
        require_partnership(session, partnership_id)
    items = kind.public_page(session, rows) if kind.public_page else [kind.public(row) for row in rows]
    return Page(items=items, next_cursor=next_cursor)


def create(session: Session, kind: Kind, partnership_id: uuid.UUID, data: SQLModel, actor: Principal,
           row_id: uuid.UUID | None = None, *, commit: bool = True) -> Any:
    """Check and store a new row; `row_id` fixes its id (the demo data uses known ids).

    `commit=False` audits the row but leaves it pending in the open transaction, so that a CSV
    import's rows are stored together or not at all (the caller flushes, then commits or rolls back).
    """
    require_writable(session, partnership_id)
    kind.require_owner(actor, data)
    kind.check(session, partnership_id, data, None)
    fixed = {"partnership_id": partnership_id} | ({"id": row_id} if row_id else {})
    row = kind.table.model_validate(data.model_dump(exclude=set(kind.children)), update=fixed)
    session.add(row)
    if kind.write_children:
        kind.write_children(session, row, data)
    return _commit(session, kind, actor, "create", row, None, commit=commit)


def update(
    session: Session, kind: Kind, partnership_id: uuid.UUID, row_id: uuid.UUID,
    patch: Mapping[str, Any], if_match: Collection[int] | None, actor: Principal, *, commit: bool = True,
) -> Any:
    """Apply a partial change: the merged whole is validated and checked as a create would be.

    `commit=False` (a spreadsheet import) audits the change but leaves it pending, as for `create`.
    """
    require_writable(session, partnership_id)
    row = fetch(session, kind, partnership_id, row_id, lock=True)
    require_version(row, if_match)
    kind.require_owner(actor, row)
    before = kind.public(row)
    current = before.model_dump(exclude=set(type(before).model_computed_fields))  # stored fields only
    try:
        merged = kind.create.model_validate({**current, **patch})
    except ValidationError as exc:
        raise InvalidInput.from_validation(exc) from None
    kind.require_owner(actor, merged)
    kind.check(session, partnership_id, merged, row)
    for name, value in merged.model_dump(exclude=set(kind.children)).items():
        setattr(row, name, value)
    if kind.write_children:
        kind.write_children(session, row, merged)
    row.version += 1
    row.updated_at = utcnow()
    return _commit(session, kind, actor, "update", row, before, commit=commit)


def delete(
    session: Session, kind: Kind, partnership_id: uuid.UUID, row_id: uuid.UUID,
    if_match: Collection[int] | None, actor: Principal,
) -> None:
    require_writable(session, partnership_id)
    row = fetch(session, kind, partnership_id, row_id, lock=True)
    require_version(row, if_match)
    kind.require_owner(actor, row)
    kind.guard_delete(session, row)
    before = kind.public(row)
    session.delete(row)
    audit.record(session, actor, partnership_id, "delete", kind.entity, row_id, before, None)
    _commit(session, kind)


def _commit(session: Session, kind: Kind, actor: Principal | None = None, action: str = "",
            row: Any = None, before: Any = None, *, commit: bool = True) -> Any:
    """Commit, with the audit event for `row` when given; returns the row as the public sees it."""
    try:
        if commit:
            session.flush()
        after = None
        if row is not None and actor is not None:
            after = kind.public(row)
            audit.record(session, actor, row.partnership_id, action, kind.entity, row.id, before, after)
        if commit:
            session.commit()
        return after
    except IntegrityError:
        session.rollback()
        raise Conflict(
            f"The {kind.noun} conflicts with an existing record: names must be unique "
            "within a partnership and references must point at existing records."
        ) from None
