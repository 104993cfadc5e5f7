"""What every register table carries: a UUID, its partnership, a version and timestamps."""

import uuid
from datetime import datetime
from typing import Any, Generic, TypeVar

from pydantic import BaseModel
from sqlalchemy import Table
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

from service.domain.common.fields import new_id, utcnow
from service.domain.common.types import UtcDateTime


class Versioned(SQLModel):
    """Columns for optimistic concurrency and history; `version` goes up by one per change.

    The database holds every writer to it: each UPDATE and DELETE carries `WHERE version = <the version
    read>`, so a change to a row someone else changed in the meantime matches nothing and fails
    (StaleDataError, a 412) instead of overwriting. The use cases set the next version themselves.
    """

    id: uuid.UUID = Field(default_factory=new_id, primary_key=True)
    version: int = Field(default=1)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UtcDateTime)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, Any]:
        table: Table = cls.__table__  # type: ignore[attr-defined]  # SQLModel sets it on table classes only
        return {"version_id_col": table.c.version, "version_id_generator": False}


class Tenanted(Versioned):
    """A row that belongs to exactly one partnership and goes when the partnership goes."""

    partnership_id: uuid.UUID = Field(
        foreign_key="partnership.id", ondelete="CASCADE", index=True
    )


class PublicMeta(SQLModel):
    id: uuid.UUID
    version: int
    created_at: datetime
    updated_at: datetime


class TenantedPublic(PublicMeta):
    partnership_id: uuid.UUID


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a collection; pass `next_cursor` back as `cursor` for the next."""

    items: list[T]
    next_cursor: str | None = None
