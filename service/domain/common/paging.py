"""Cursor pagination over UUIDv7 ids, which sort in creation order."""

import base64
import binascii
import uuid
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session, col, select

from service.domain.common.errors import InvalidInput


def encode_cursor(last_id: uuid.UUID) -> str:
    return base64.urlsafe_b64encode(last_id.bytes).decode().rstrip("=")


def decode_cursor(cursor: str) -> uuid.UUID:
    try:
        return uuid.UUID(bytes=base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (ValueError, binascii.Error):
        raise InvalidInput(
            "cursor is not one this service issued; pass next_cursor from the previous page",
            errors=[{"loc": ["query", "cursor"], "msg": "unrecognised cursor"}],
        ) from None


def page(
    session: Session, model: Any, *, where: Sequence[Any], cursor: str | None, size: int,
    loading: Sequence[Any] = (),
) -> tuple[list[Any], str | None]:
    """Rows matching `where` after `cursor`, oldest first, and the cursor of the next page. `loading` are
    loader options (selectinload) for the children the caller will read, one query per relationship."""
    query = select(model).where(*where).order_by(col(model.id)).limit(size + 1).options(*loading)
    if cursor is not None:
        query = query.where(col(model.id) > decode_cursor(cursor))
    rows = list(session.exec(query).all())
    if len(rows) <= size:
        return rows, None
    return rows[:size], encode_cursor(rows[size - 1].id)
