"""A burst limit on optimisation runs, counted from the run table itself.

Counting a partnership's runs created in the last window needs no state of its own and holds across
replicas. It is exact when the count and the new run's insert are one transaction holding the
partnership's row (runs.start), so that runs started at the same instant take their turns.
"""

import math
import uuid
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from service.domain.common.errors import DomainError
from service.domain.common.fields import utcnow
from service.domain.models.run import Run


class TooManyRequests(DomainError):
    status = 429
    title = "Too many requests"
    slug = "too-many-requests"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail, extra={"retry_after": retry_after})
        self.headers = {"Retry-After": str(retry_after)}


def check_run_burst(session: Session, partnership_id: uuid.UUID, *, burst: int, window_seconds: int,
                    now: datetime | None = None) -> None:
    """Refuse a new run while the partnership has started `burst` runs within the last window."""
    now = now or utcnow()
    window = timedelta(seconds=window_seconds)
    started = session.exec(select(Run.created_at).where(
        col(Run.partnership_id) == partnership_id, col(Run.created_at) > now - window,
    ).order_by(col(Run.created_at))).all()
    if len(started) < burst:
        return
    frees_at = started[len(started) - burst] + window  # when the oldest run that counts leaves the window
    wait = max(1, math.ceil((frees_at - now).total_seconds()))
    raise TooManyRequests(
        f"This partnership has started {len(started)} optimisation runs in the last {window_seconds} s; "
        f"the limit is {burst} (run_burst). Retry after {wait} s.", retry_after=wait)
