"""Idempotency keys: a retried POST gets the first answer instead of doing the work twice.

A key is claimed in a transaction of its own, committed before the work starts, so a concurrent
duplicate finds the claim and is refused. Only a success is kept to replay: a refused request changed
nothing (each use case commits only when it succeeds), so its key is released for the retry.
"""

import uuid
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, delete, select

from service.domain.access.principal import Principal
from service.domain.common.errors import Conflict, InvalidInput
from service.domain.common.fields import utcnow
from service.domain.models.idempotency import IdempotencyRecord

KEPT_FOR = timedelta(hours=24)
REPLAYED_HEADERS = ("location", "etag", "content-type")


@dataclass(frozen=True)
class StoredResponse:
    status: int
    headers: dict[str, str]
    body: str


def _owner(actor: Principal) -> str:
    return f"api-key:{actor.key_id}" if actor.key_id else actor.subject[:200]


def claim(session: Session, actor: Principal, key: str, *, method: str, path: str,
          request_hash: str) -> uuid.UUID | StoredResponse:
    """Claim `key` for this request (its record's id), or the stored first response to replay."""
    session.exec(delete(IdempotencyRecord).where(col(IdempotencyRecord.created_at) < utcnow() - KEPT_FOR))
    owner = _owner(actor)
    found = _claimed(session, owner, key)
    if found is None:
        record = IdempotencyRecord(principal=owner, key=key, method=method, path=path[:2000],
                                   request_hash=request_hash)
        session.add(record)
        try:
            session.commit()
            return record.id
        except IntegrityError:  # a concurrent request claimed it between our read and our insert
            session.rollback()
        # PostgreSQL held our insert until that claim committed: judge it as if we had read it first, so
        # that a different request is a 422 there too, not a 409 whose retry could never succeed.
        found = _claimed(session, owner, key)
        if found is None:  # and it has been released since (that request was refused): retry
            raise _in_progress() from None
    session.commit()
    if (found.method, found.path, found.request_hash) != (method, path[:2000], request_hash):
        raise InvalidInput(
            "This Idempotency-Key was first used for a different request (method, path or body); "
            "send a new key with a new request.",
            errors=[{"loc": ["header", "Idempotency-Key"], "msg": "reused for a different request",
                     "type": "idempotency_key_reused"}])
    if not found.completed or found.response_status is None:
        raise _in_progress()
    return StoredResponse(found.response_status, dict(found.response_headers or {}), found.response_body or "")


def _claimed(session: Session, owner: str, key: str) -> IdempotencyRecord | None:
    return session.exec(select(IdempotencyRecord).where(
        col(IdempotencyRecord.principal) == owner, col(IdempotencyRecord.key) == key)).first()


def _in_progress() -> Conflict:
    busy = Conflict("A request with this Idempotency-Key is still being processed; "
                    "retry once it has finished to get its response.")
    busy.headers = {"Retry-After": "1"}
    return busy


def complete(session: Session, record_id: uuid.UUID, status: int, headers: dict[str, Any], body: str) -> None:
    """Keep a successful response to replay; release the key after any other outcome."""
    if not 200 <= status < 300:
        release(session, record_id)
        return
    record = session.get(IdempotencyRecord, record_id)
    if record is not None:
        record.completed, record.response_status, record.response_body = True, status, body
        record.response_headers = {k: str(v) for k, v in headers.items() if k.lower() in REPLAYED_HEADERS}
        session.commit()


def release(session: Session, record_id: uuid.UUID) -> None:
    session.rollback()  # whatever the failed request left unfinished
    session.exec(delete(IdempotencyRecord).where(col(IdempotencyRecord.id) == record_id))
    session.commit()
