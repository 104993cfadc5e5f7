"""When each API key was last used, written down off the request's path.

Authenticating only reads, so that a GET never needs the write lock (on SQLite, a GET that writes waits
behind every writer). Uses are noted in memory, at most one per key per minute, and one background
thread writes them in short transactions of its own. Those transactions wait at most a second for a
lock and otherwise leave the uses noted for the next attempt: losing the race costs a late timestamp,
never a request's time.
"""

import logging
import threading
import uuid
from datetime import datetime, timedelta

from sqlalchemy import Engine, or_, update
from sqlalchemy.exc import SQLAlchemyError
from sqlmodel import col

from service.domain.common.db import BUSY_TIMEOUT_MS, open_session
from service.domain.models.access import ApiKey

RESOLUTION = timedelta(minutes=1)
LOCK_WAIT_MS = 1000
log = logging.getLogger("service.keys")


class UsageRecorder:
    def __init__(self, interval_seconds: float = 2.0) -> None:
        self.interval = interval_seconds
        self._pending: dict[tuple[Engine, uuid.UUID], datetime] = {}
        self._lock = threading.Lock()
        self._flushing = threading.Lock()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None

    def note(self, engine: Engine, key_id: uuid.UUID, last_recorded: datetime | None, now: datetime) -> None:
        """Remember that the key was used `now`, unless its recorded use is recent enough."""
        if last_recorded is not None and now - last_recorded < RESOLUTION:
            return
        with self._lock:
            self._pending[(engine, key_id)] = now
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._run, name="key-usage", daemon=True)
                self._thread.start()
        self._wake.set()

    def flush(self) -> None:
        """Write every noted use now (the background thread calls this; tests may too). One flush at a time:
        a caller waits for one under way, so that what it noted is written when it returns."""
        with self._flushing:
            with self._lock:
                pending, self._pending = self._pending, {}
            for engine in {engine for engine, _ in pending}:
                uses = {key_id: at for (e, key_id), at in pending.items() if e is engine}
                try:
                    self._write(engine, uses)
                except SQLAlchemyError as exc:
                    log.info("key usage not recorded yet (%s); will retry", type(exc).__name__)
                    with self._lock:
                        for key_id, at in uses.items():
                            self._pending.setdefault((engine, key_id), at)

    @staticmethod
    def _write(engine: Engine, uses: dict[uuid.UUID, datetime]) -> None:
        bind = engine.execution_options(**{BUSY_TIMEOUT_MS: LOCK_WAIT_MS})
        with open_session(bind) as session:
            if engine.dialect.name == "postgresql":
                session.connection().exec_driver_sql(f"SET LOCAL lock_timeout = '{LOCK_WAIT_MS}ms'")
            for key_id, at in uses.items():
                session.connection().execute(
                    update(ApiKey).where(col(ApiKey.id) == key_id)
                    .where(or_(col(ApiKey.last_used_at).is_(None), col(ApiKey.last_used_at) < at))
                    .values(last_used_at=at))
            session.commit()

    def _run(self) -> None:
        while True:
            self._wake.wait()
            self._wake.clear()
            self.flush()
            with self._lock:
                if not self._pending:
                    continue
            self._wake.wait(self.interval)  # something is left over: retry after a pause
            self._wake.set()


recorder = UsageRecorder()
