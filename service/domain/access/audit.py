"""The audit trail: one appended event per change, in the same transaction as the change."""

import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel
from sqlmodel import Session, col

from service.domain.access.principal import Principal
from service.domain.access.tenancy import require_partnership
from service.domain.common.paging import page
from service.domain.models.access import AuditEvent, AuditEventPublic
from service.domain.models.base import Page


def record(session: Session, actor: Principal, partnership_id: uuid.UUID, action: str, entity: str,
           entity_id: uuid.UUID, before: BaseModel | dict[str, Any] | None,
           after: BaseModel | dict[str, Any] | None) -> None:
    session.add(AuditEvent(partnership_id=partnership_id, actor=actor.subject, role=actor.role_label,
                           action=action, entity=entity, entity_id=entity_id,
                           before=_json(before), after=_json(after)))


def _json(value: BaseModel | dict[str, Any] | None) -> dict[str, Any] | None:
    return value.model_dump(mode="json") if isinstance(value, BaseModel) else value


def list_events(session: Session, partnership_id: uuid.UUID, *, entity: str | None,
                entity_id: uuid.UUID | None, actor: str | None, since: datetime | None,
                until: datetime | None, cursor: str | None, size: int) -> Page[AuditEventPublic]:
    require_partnership(session, partnership_id)
    where = [col(AuditEvent.partnership_id) == partnership_id]
    for column, value in ((AuditEvent.entity, entity), (AuditEvent.entity_id, entity_id),
                          (AuditEvent.actor, actor)):
        if value is not None:
            where.append(col(column) == value)
    if since is not None:
        where.append(col(AuditEvent.at) >= since)
    if until is not None:
        where.append(col(AuditEvent.at) < until)
    rows, next_cursor = page(session, AuditEvent, where=where, cursor=cursor, size=size)
    return Page(items=[AuditEventPublic.model_validate(r) for r in rows], next_cursor=next_cursor)
