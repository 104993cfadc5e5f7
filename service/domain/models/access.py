"""Who may act: API keys (stored only as hashes) and the append-only audit trail."""

import uuid
from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import JSON, String
from sqlmodel import Field, SQLModel

from service.domain.common.fields import Name, new_id, utcnow
from service.domain.common.types import UtcDateTime
from service.domain.models.base import Tenanted, TenantedPublic


class Role(StrEnum):
    """The Audit Commission's three layers, plus finance officers, scrutiny and administration."""

    STRATEGIC_BOARD = "strategic_board"
    EXECUTIVE = "executive"
    OPERATIONAL = "operational"
    PARTNER_FINANCE = "partner_finance"
    SCRUTINY = "scrutiny"
    ADMIN = "admin"


class ApiKeyBase(SQLModel):
    name: Name = Field(max_length=200, description="What the key is for, e.g. the calling system")
    role: Role = Field(sa_type=String(32))
    partner_id: uuid.UUID | None = Field(
        default=None, foreign_key="partner.id", ondelete="CASCADE",
        description="Required for partner_finance: the partner whose streams it may change")


class ApiKey(ApiKeyBase, Tenanted, table=True):
    __tablename__ = "api_key"
    key_hash: str = Field(max_length=64, unique=True)
    prefix: str = Field(max_length=16, description="The key's first characters, to recognise it")
    created_by: str = Field(max_length=200)
    last_used_at: datetime | None = Field(default=None, sa_type=UtcDateTime)
    revoked_at: datetime | None = Field(default=None, sa_type=UtcDateTime)


class ApiKeyCreate(ApiKeyBase):
    model_config = {"json_schema_extra": {"examples": [
        {"name": "Council finance system", "role": "executive"}]}}


class ApiKeyPublic(ApiKeyBase, TenantedPublic):
    prefix: str
    created_by: str
    last_used_at: datetime | None
    revoked_at: datetime | None


class ApiKeyIssued(ApiKeyPublic):
    key: str | None = Field(description=(
        "The key itself. It is shown this once and never stored: null in the replay of an Idempotency-Key "
        "retry"))


class AuditEvent(SQLModel, table=True):
    """One change, as it happened. Rows are only ever inserted."""

    __tablename__ = "audit_event"
    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    partnership_id: uuid.UUID = Field(index=True)  # no foreign key: the trail outlives what it records
    at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime, index=True)
    actor: str = Field(max_length=200, index=True)
    role: str = Field(max_length=200)
    action: str = Field(max_length=64)
    entity: str = Field(max_length=64, index=True)
    entity_id: uuid.UUID = Field(index=True)
    before: dict[str, Any] | None = Field(default=None, sa_type=JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=JSON)


class AuditEventPublic(SQLModel):
    id: uuid.UUID
    partnership_id: uuid.UUID
    at: datetime
    actor: str
    role: str
    action: str
    entity: str
    entity_id: uuid.UUID
    before: dict[str, Any] | None
    after: dict[str, Any] | None
