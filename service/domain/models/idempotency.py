"""Idempotency records: the first response to a POST with an Idempotency-Key, to replay on retries."""

import uuid
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, UniqueConstraint
from sqlmodel import Field, SQLModel

from service.domain.common.fields import new_id, utcnow
from service.domain.common.types import UtcDateTime


class IdempotencyRecord(SQLModel, table=True):
    __tablename__ = "idempotency_record"
    __table_args__ = (UniqueConstraint("principal", "key"),)
    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    principal: str = Field(max_length=200)
    key: str = Field(max_length=200)
    method: str = Field(max_length=10)
    path: str = Field(max_length=2000)
    request_hash: str = Field(max_length=64)
    completed: bool = Field(default=False)
    response_status: int | None = None
    response_headers: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    response_body: str | None = Field(default=None)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, index=True)
