"""The job engine on SQLite: worker threads that take queued runs from the run table itself.

The run table is the queue, so nothing is lost across a restart: a run stays queued until a worker takes
it, and one whose worker died is taken back by `claims.recover`. SQLite's single writer makes taking a
run atomic. Threads started with the web process wake at once for the runs it accepts; those of another
process (`python -m service worker` on the same file) notice within `poll_seconds`.
"""

import logging
import signal
import threading
import time
import uuid

from sqlalchemy import Engine

from service.domain.common.db import open_session
from service.domain.jobs import claims, solver
from service.domain.jobs.claims import JobTimes
from service.domain.jobs.execute import work_one, worker_name

log = logging.getLogger("service.jobs")


class LocalEngine:
    def __init__(self, engine: Engine, times: JobTimes, poll_seconds: float = 0.5) -> None:
        self._engine, self._times, self._poll = engine, times, poll_seconds
        self._wake = threading.Condition()
        self._pending = 0
        self._stopping = False
        self._release_at: float | None = None  # when runs still being solved go back to the queue
        self._threads: list[threading.Thread] = []
        self._recovered_at = 0.0

    def submitted(self, run_id: uuid.UUID) -> None:
        with self._wake:
            self._pending += 1
            self._wake.notify()

    def start(self, workers: int, label: str = "web") -> None:
        if workers:
            solver.warm_up()
        for n in range(workers):
            thread = threading.Thread(target=self._loop, args=(f"{worker_name(label)}/{n + 1}",),
                                      name=f"lsp-worker-{n + 1}", daemon=True)
            thread.start()
            self._threads.append(thread)

    def stop(self, timeout: float = 10.0) -> None:
        """Take no more runs; give those being solved `grace_seconds` to finish, then hand them back."""
        deadline = time.monotonic() + timeout
        with self._wake:
            self._stopping = True
            self._release_at = time.monotonic() + self._times.grace_seconds
            self._wake.notify_all()
        for thread in self._threads:
            thread.join(max(deadline + self._times.grace_seconds - time.monotonic(), 0))
        self._threads.clear()

    def _handing_back(self) -> bool:
        return self._release_at is not None and time.monotonic() >= self._release_at

    def work(self, workers: int) -> None:
        """Run `workers` workers in this process until SIGTERM or SIGINT. A run being solved then is
        left to `claims.recover`, which queues it again once its heartbeat is stale."""
        stopped = threading.Event()
        for number in (signal.SIGTERM, signal.SIGINT):
            signal.signal(number, lambda *_: stopped.set())
        self.start(workers, label="worker")
        try:
            stopped.wait()
        finally:
            self.stop(timeout=10.0)

    def recover(self) -> None:
        with open_session(self._engine) as session:
            claims.recover(session, self._times)

    def _loop(self, name: str) -> None:
        sessions = lambda: open_session(self._engine)  # noqa: E731
        while not self._stopping:
            try:
                self._recover_when_due()
                if work_one(sessions, name, self._times, stopping=self._handing_back):
                    continue
            except Exception:  # a database outage must not end the worker: it tries again
                log.exception("worker %s: could not take or finish a run; trying again", name)
            with self._wake:
                if self._pending == 0 and not self._stopping:
                    self._wake.wait(self._poll)
                self._pending = max(self._pending - 1, 0)

    def _recover_when_due(self) -> None:
        now = time.monotonic()
        if now - self._recovered_at >= self._times.heartbeat_seconds:
            self._recovered_at = now
            self.recover()
