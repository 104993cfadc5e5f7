"""Create, read, list, update and delete for every register resource, scoped to one partnership."""

import uuid
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, SQLModel, col

from service.domain.errors import Conflict, InvalidInput, NotFound, PreconditionFailed
from service.domain.fields import utcnow
from service.domain.models.base import Page
from service.domain.models.partnership import Partnership
from service.domain.paging import page


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


def etag(row: Any) -> str:
    return f'"v{row.version}"'


def require_partnership(session: Session, partnership_id: uuid.UUID) -> None:
    if session.get(Partnership, partnership_id) is None:
        raise NotFound("partnership", partnership_id)


def fetch(session: Session, kind: Kind, partnership_id: uuid.UUID, row_id: uuid.UUID) -> Any:
    """The row, or NotFound when it does not exist or belongs to another partnership."""
    row = session.get(kind.table, row_id)
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
    rows, next_cursor = page(session, kind.table, where=where, cursor=cursor, size=size)
    return Page(items=[kind.public(row) for row in rows], next_cursor=next_cursor)


def create(session: Session, kind: Kind, partnership_id: uuid.UUID, data: SQLModel,
           row_id: uuid.UUID | None = None) -> Any:
    """Check and store a new row; `row_id` fixes its id (the demo data uses known ids)."""
    kind.check(session, partnership_id, data, None)
    fixed = {"partnership_id": partnership_id} | ({"id": row_id} if row_id else {})
    row = kind.table.model_validate(data.model_dump(exclude=set(kind.children)), update=fixed)
    session.add(row)
    if kind.write_children:
        kind.write_children(session, row, data)
    _commit(session, kind)
    return kind.public(row)


def update(
    session: Session, kind: Kind, partnership_id: uuid.UUID, row_id: uuid.UUID,
    patch: Mapping[str, Any], if_match: Collection[int] | None,
) -> Any:
    """Apply a partial change: the merged whole is validated and checked as a create would be."""
    row = fetch(session, kind, partnership_id, row_id)
    require_version(row, if_match)
    current = kind.public(row).model_dump()
    try:
        merged = kind.create.model_validate({**current, **patch})
    except ValidationError as exc:
        raise InvalidInput.from_validation(exc) from None
    kind.check(session, partnership_id, merged, row)
    for name, value in merged.model_dump(exclude=set(kind.children)).items():
        setattr(row, name, value)
    if kind.write_children:
        kind.write_children(session, row, merged)
    row.version += 1
    row.updated_at = utcnow()
    _commit(session, kind)
    return kind.public(row)


def delete(
    session: Session, kind: Kind, partnership_id: uuid.UUID, row_id: uuid.UUID,
    if_match: Collection[int] | None,
) -> None:
    row = fetch(session, kind, partnership_id, row_id)
    require_version(row, if_match)
    kind.guard_delete(session, row)
    session.delete(row)
    _commit(session, kind)


def require_version(row: Any, if_match: Collection[int] | None) -> None:
    if if_match is not None and row.version not in if_match:
        raise PreconditionFailed(etag(row))


def _commit(session: Session, kind: Kind) -> None:
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Conflict(
            f"The {kind.noun} conflicts with an existing record: names must be unique "
            "within a partnership and references must point at existing records."
        ) from None
