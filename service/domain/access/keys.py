"""API keys: issued once, stored as SHA-256 hashes, bound to a partnership, a role and maybe a partner."""

import hashlib
import secrets
import uuid
from collections.abc import Collection

from sqlalchemy import Engine
from sqlmodel import Session, col, select

from service.domain.access import audit, key_usage
from service.domain.access.principal import Principal, Unauthenticated
from service.domain.access.tenancy import require_partnership, require_writable
from service.domain.common.errors import Conflict, NotFound
from service.domain.common.fields import utcnow
from service.domain.common.paging import page
from service.domain.common.references import require_in_partnership
from service.domain.common.versions import require_version
from service.domain.models.access import ApiKey, ApiKeyCreate, ApiKeyIssued, ApiKeyPublic, Role
from service.domain.models.base import Page
from service.domain.models.partnership import Partner

KEY_PREFIX = "lsp_"


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue(session: Session, partnership_id: uuid.UUID, data: ApiKeyCreate, actor: Principal) -> ApiKeyIssued:
    """A new key. An archived partnership may still be given scrutiny keys, which read and change nothing."""
    if data.role == Role.SCRUTINY:
        require_partnership(session, partnership_id)
    else:
        require_writable(session, partnership_id)
    if (data.role == Role.PARTNER_FINANCE) != (data.partner_id is not None):
        raise Conflict("partner_id is required for a partner_finance key and only for one.",
                       extra={"field": "partner_id"})
    if data.partner_id is not None:
        require_in_partnership(session, Partner, partnership_id, [data.partner_id], "partner_id")
    key = KEY_PREFIX + secrets.token_urlsafe(32)
    row = ApiKey.model_validate(data, update={
        "partnership_id": partnership_id, "key_hash": digest(key), "prefix": key[:12],
        "created_by": actor.subject})
    session.add(row)
    session.flush()
    public = ApiKeyPublic.model_validate(row)
    audit.record(session, actor, partnership_id, "create", "api_key", row.id, None, public)
    session.commit()
    return ApiKeyIssued.model_validate(public.model_dump() | {"key": key})


def revoke(session: Session, partnership_id: uuid.UUID, key_id: uuid.UUID, if_match: Collection[int] | None,
           actor: Principal) -> None:
    row = session.get(ApiKey, key_id, with_for_update=True, populate_existing=True)
    if row is None or row.partnership_id != partnership_id:
        raise NotFound("API key", key_id)
    require_version(row, if_match)
    if row.revoked_at is None:
        before = ApiKeyPublic.model_validate(row)
        row.revoked_at, row.version = utcnow(), row.version + 1
        audit.record(session, actor, partnership_id, "revoke", "api_key", row.id, before,
                     ApiKeyPublic.model_validate(row))
        session.commit()


def list_keys(session: Session, partnership_id: uuid.UUID, *, cursor: str | None,
              size: int) -> Page[ApiKeyPublic]:
    require_partnership(session, partnership_id)
    rows, next_cursor = page(session, ApiKey, where=[col(ApiKey.partnership_id) == partnership_id],
                             cursor=cursor, size=size)
    return Page(items=[ApiKeyPublic.model_validate(r) for r in rows], next_cursor=next_cursor)


def authenticate(session: Session, key: str, engine: Engine) -> Principal:
    """The key's principal; its use is noted for the background writer (key_usage.py), never written here."""
    row = session.exec(select(ApiKey).where(col(ApiKey.key_hash) == digest(key))).first()
    if row is None or row.revoked_at is not None:
        raise Unauthenticated("The API key is unknown or revoked.")
    key_usage.recorder.note(engine, row.id, row.last_used_at, utcnow())
    return Principal(subject=f"api-key:{row.prefix}", roles=frozenset({Role(row.role)}),
                     partnership_id=row.partnership_id, partner_id=row.partner_id, key_id=row.id)
