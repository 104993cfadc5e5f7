"""Checks that what a body refers to exists in the same partnership."""

import uuid
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, func, select

from service.domain.common.errors import Conflict


def require_in_partnership(
    session: Session, table: Any, partnership_id: uuid.UUID, ids: Iterable[uuid.UUID], field: str
) -> None:
    """Conflict naming `field` unless every id is a `table` row of this partnership."""
    wanted = set(ids)
    if not wanted:
        return
    found = set(session.exec(select(table.id).where(
        col(table.id).in_(wanted), col(table.partnership_id) == partnership_id)).all())
    missing = sorted(str(i) for i in wanted - found)
    if missing:
        raise Conflict(
            f"{field} refers to {', '.join(missing)}, which is not a {table.__tablename__} "
            "of this partnership.", extra={"field": field, "ids": missing})


def count_referring(session: Session, column: Any, value: uuid.UUID) -> int:
    return session.exec(select(func.count()).where(column == value)).one()


def refuse_if_referenced(session: Session, noun: str, value: uuid.UUID,
                         referrers: dict[str, Any]) -> None:
    """Conflict listing how many of each referrer still point at the row being deleted."""
    counts = {name: count_referring(session, column, value) for name, column in referrers.items()}
    still = [f"{n} {name}" for name, n in counts.items() if n]
    if still:
        raise Conflict(f"The {noun} is still used by {', '.join(still)}; "
                       "delete or re-point those first.", extra={"referenced_by": counts})
