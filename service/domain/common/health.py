"""Readiness: the database answers and its schema is at the newest migration."""

from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from service.domain.common.db import READS_ONLY
from service.domain.common.migrate import current_revision, head_revision


def readiness_problem(engine: Engine) -> str | None:
    """None when ready, else a sentence saying why not."""
    try:
        with engine.execution_options(**{READS_ONLY: True}).connect() as connection:
            current = current_revision(connection)
    except SQLAlchemyError as exc:
        return f"database unreachable ({type(getattr(exc, 'orig', None) or exc).__name__})"
    head = head_revision()
    if current != head:
        return f"database schema is at {current or 'no revision'}, not {head}: run the migrations"
    return None
