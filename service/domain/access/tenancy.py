"""The partnership a request acts in: the one place it is looked up (404 when it does not exist) or locked.

An archived partnership (DELETE archives; register/partnerships.py) can still be read in full, but every
write is refused: `require_writable` and `lock_partnership` are what each write use case calls first.
"""

import uuid
from datetime import datetime

from pydantic import TypeAdapter
from sqlmodel import Session, col, select

from service.domain.common.errors import Conflict, NotFound
from service.domain.models.partnership import Partnership


def require_partnership(session: Session, partnership_id: uuid.UUID) -> None:
    """For reads: the partnership exists, archived or not."""
    if session.exec(select(Partnership.id).where(col(Partnership.id) == partnership_id)).first() is None:
        raise NotFound("partnership", partnership_id)


def require_writable(session: Session, partnership_id: uuid.UUID) -> None:
    """For a write: the partnership exists and is not archived, and stays so until commit.

    FOR KEY SHARE on PostgreSQL: writers do not wait for one another, but an archive (FOR UPDATE) waits
    for the writes already under way, and a write that arrives during an archive waits for it and then
    reads the row afresh, so it sees the archive and is refused. SQLite's writers go one at a time.
    """
    _check(session, partnership_id, read=True)


def lock_partnership(session: Session, partnership_id: uuid.UUID) -> None:
    """Hold the partnership's row until commit, so that its writers of one kind go one at a time.

    FOR NO KEY UPDATE on PostgreSQL: it orders those writers without blocking inserts that merely
    refer to the partnership. SQLite's write transactions are one at a time already (db.py).
    Refused, like `require_writable`, once the partnership is archived.
    """
    _check(session, partnership_id, read=False)


def refuse_if_archived(partnership_id: uuid.UUID, archived_at: datetime | None) -> None:
    if archived_at is not None:
        when = f"{archived_at.day} {archived_at:%B %Y at %H:%M} UTC"
        raise Conflict(f"Partnership {partnership_id} was archived on {when}; its records are kept for "
                       "scrutiny and can be read, but no longer changed.",
                       extra={"archived_at": TypeAdapter(datetime).dump_python(archived_at, mode="json")})


def _check(session: Session, partnership_id: uuid.UUID, *, read: bool) -> None:
    found = session.exec(select(Partnership.id, Partnership.archived_at)
                         .where(col(Partnership.id) == partnership_id)
                         .with_for_update(key_share=True, read=read)).first()
    if found is None:
        raise NotFound("partnership", partnership_id)
    refuse_if_archived(partnership_id, found[1])
