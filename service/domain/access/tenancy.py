"""The partnership a request acts in: the one place it is looked up (404 when it does not exist) or locked."""

import uuid

from sqlmodel import Session, col, select

from service.domain.common.errors import NotFound
from service.domain.models.partnership import Partnership


def require_partnership(session: Session, partnership_id: uuid.UUID) -> None:
    if session.exec(select(Partnership.id).where(col(Partnership.id) == partnership_id)).first() is None:
        raise NotFound("partnership", partnership_id)


def lock_partnership(session: Session, partnership_id: uuid.UUID) -> None:
    """Hold the partnership's row until commit, so that its writers of one kind go one at a time.

    FOR NO KEY UPDATE on PostgreSQL: it orders those writers without blocking inserts that merely
    refer to the partnership. SQLite's write transactions are one at a time already (db.py).
    """
    found = session.exec(select(Partnership.id).where(col(Partnership.id) == partnership_id)
                         .with_for_update(key_share=True)).first()
    if found is None:
        raise NotFound("partnership", partnership_id)
