"""Partnerships: the tenants. Deleting one archives it: nothing of it is erased, and nothing may change.

The archive holds the partnership's row FOR UPDATE, so it waits for the writes under way in the
partnership and every later write sees it (access/tenancy.py).
"""

import uuid
from collections.abc import Collection, Mapping
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, col, select

from service.domain import register
from service.domain.access import audit
from service.domain.access.principal import Principal
from service.domain.access.tenancy import refuse_if_archived
from service.domain.common.errors import InvalidInput, NotFound
from service.domain.common.fields import utcnow
from service.domain.common.paging import page
from service.domain.models.base import Page
from service.domain.models.partnership import Partnership, PartnershipCreate, PartnershipPublic


def get(session: Session, partnership_id: uuid.UUID, *, lock: bool = False) -> Partnership:
    """The partnership; `lock` holds its row until commit and reads it afresh (see register.fetch)."""
    row = session.get(Partnership, partnership_id, with_for_update=True if lock else None, populate_existing=lock)
    if row is None:
        raise NotFound("partnership", partnership_id)
    return row


def list_all(session: Session, actor: Principal, *, area_code: str | None, include_archived: bool,
             cursor: str | None, size: int) -> Page[PartnershipPublic]:
    """The partnerships the caller may see (its own, or all for the service administrator), active ones
    unless `include_archived`."""
    where = [] if area_code is None else [col(Partnership.area_code) == area_code]
    if not include_archived:
        where.append(col(Partnership.archived_at).is_(None))
    if actor.partnership_id is not None:
        where.append(col(Partnership.id) == actor.partnership_id)
    rows, next_cursor = page(session, Partnership, where=where, cursor=cursor, size=size)
    return Page(items=[PartnershipPublic.model_validate(r) for r in rows], next_cursor=next_cursor)


def create(session: Session, data: PartnershipCreate, actor: Principal,
           row_id: uuid.UUID | None = None) -> PartnershipPublic:
    row = Partnership.model_validate(data, update={"id": row_id} if row_id else None)
    session.add(row)
    session.flush()
    after = PartnershipPublic.model_validate(row)
    audit.record(session, actor, row.id, "create", "partnership", row.id, None, after)
    session.commit()
    return after


def update(session: Session, partnership_id: uuid.UUID, patch: Mapping[str, Any],
           if_match: Collection[int] | None, actor: Principal) -> PartnershipPublic:
    row = get(session, partnership_id, lock=True)
    refuse_if_archived(row.id, row.archived_at)
    register.require_version(row, if_match)
    before = PartnershipPublic.model_validate(row)
    try:
        merged = PartnershipCreate.model_validate({**row.model_dump(), **patch})
    except ValidationError as exc:
        raise InvalidInput.from_validation(exc) from None
    row.sqlmodel_update(merged.model_dump())
    row.version += 1
    row.updated_at = utcnow()
    after = PartnershipPublic.model_validate(row)
    audit.record(session, actor, row.id, "update", "partnership", row.id, before, after)
    session.commit()
    return after


def archive(session: Session, partnership_id: uuid.UUID, if_match: Collection[int] | None,
            actor: Principal) -> PartnershipPublic:
    """Mark the partnership archived. A second archive is a 409 saying when the first was, whatever its
    If-Match: a retried DELETE learns that it already happened rather than that its ETag is stale."""
    row = get(session, partnership_id, lock=True)
    refuse_if_archived(row.id, row.archived_at)
    register.require_version(row, if_match)
    before = PartnershipPublic.model_validate(row)
    row.archived_at = row.updated_at = utcnow()
    row.archived_by = actor.subject
    row.version += 1
    after = PartnershipPublic.model_validate(row)
    audit.record(session, actor, row.id, "archive", "partnership", row.id, before, after)
    session.commit()
    return after


def is_empty(session: Session) -> bool:
    return session.exec(select(Partnership.id).limit(1)).first() is None
