"""The job engine on PostgreSQL: Procrastinate carries the work to the workers.

Procrastinate (a PostgreSQL-only task queue, no broker) gives each queued run a job that exactly one
worker fetches (`SELECT … FOR UPDATE SKIP LOCKED`), wakes idle workers at once with LISTEN/NOTIFY, runs
several jobs per worker, keeps its workers' heartbeats and stops gracefully on SIGTERM. A job means
"a run is waiting": its task takes the fairest queued run from the run table (`claims.claim_next`), so
partnerships share the workers as on SQLite, and the run row stays the one record the API shows. Every
`heartbeat_seconds` each worker also takes back runs whose worker died (`claims.recover`), makes sure
there is a job for every queued run (a web process may die between storing a run and deferring its job)
and marks the jobs of vanished Procrastinate workers failed, so its table does not fill with them.
"""

import asyncio
import logging
import threading
import uuid

from procrastinate import App, JobContext, PsycopgConnector, SyncPsycopgConnector
from procrastinate.jobs import Status
from procrastinate.types import JSONValue
from sqlalchemy import Engine

from service.domain.common.db import open_session
from service.domain.jobs import claims, solver
from service.domain.jobs.claims import JobTimes
from service.domain.jobs.execute import work_one, worker_name

log = logging.getLogger("service.jobs")
TASK = "solve_run"


def _conninfo(engine: Engine) -> str:
    return engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def _job(run_id: uuid.UUID | None) -> dict[str, JSONValue]:
    """A job's arguments: which run prompted it, for the logs (the task takes the fairest queued run)."""
    return {"hint": str(run_id) if run_id else ""}


class PostgresEngine:
    def __init__(self, engine: Engine, times: JobTimes) -> None:
        self._engine, self._times = engine, times
        self._deferrer: App | None = None
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._main: asyncio.Task[None] | None = None

    def submitted(self, run_id: uuid.UUID) -> None:
        """Defer a job for a run just stored; if this fails the next sweep defers it (run stays queued)."""
        try:
            self._defer(1, run_id)
        except Exception:  # noqa: BLE001 - the run is stored; a worker's sweep gives it a job
            log.exception("could not defer a job for run %s; a worker's sweep will", run_id)

    def _defer(self, count: int, run_id: uuid.UUID | None = None) -> None:
        with self._lock:
            if self._deferrer is None:
                self._deferrer = App(connector=SyncPsycopgConnector(
                    conninfo=_conninfo(self._engine), min_size=0, max_size=2)).open()
        deferrer = self._deferrer.configure_task(name=TASK)
        deferrer.batch_defer(*[_job(run_id)] * count)

    def start(self, workers: int, label: str = "web") -> None:
        if workers > 0:
            self._thread = threading.Thread(target=asyncio.run, args=(self._serve(workers, label, signals=False),),
                                            name="lsp-procrastinate", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 10.0) -> None:
        if self._loop is not None and self._main is not None:
            self._loop.call_soon_threadsafe(self._main.cancel)
        if self._thread is not None:
            self._thread.join(timeout)
        if self._deferrer is not None:
            self._deferrer.close()

    def work(self, workers: int) -> None:
        """Run a Procrastinate worker with `workers` concurrent jobs until SIGTERM or SIGINT."""
        asyncio.run(self._serve(workers, "worker", signals=True))

    async def _serve(self, workers: int, label: str, *, signals: bool) -> None:
        self._loop, self._main = asyncio.get_running_loop(), asyncio.current_task()
        solver.warm_up()
        name = worker_name(label)
        app = App(connector=PsycopgConnector(conninfo=_conninfo(self._engine), min_size=1, max_size=workers + 3))
        sessions = lambda: open_session(self._engine)  # noqa: E731

        @app.task(name=TASK, pass_context=True)
        def solve_run(context: JobContext, hint: str = "") -> None:
            work_one(sessions, name, self._times, stopping=context.should_abort)

        async with app.open_async():
            sweeper = asyncio.create_task(self._sweep_forever(app))
            try:
                await app.run_worker_async(concurrency=workers, name=name, install_signal_handlers=signals,
                                           delete_jobs="always",
                                           shutdown_graceful_timeout=self._times.grace_seconds)
            finally:
                sweeper.cancel()

    async def _sweep_forever(self, app: App) -> None:
        while True:
            try:
                await self.sweep(app)
            except Exception:  # noqa: BLE001 - an outage must not end the worker
                log.exception("job sweep failed; trying again")
            await asyncio.sleep(self._times.heartbeat_seconds)

    async def sweep(self, app: App) -> None:
        def runs_waiting() -> int:
            with open_session(self._engine) as session:
                claims.recover(session, self._times)
                return claims.queued_count(session)

        waiting = await asyncio.to_thread(runs_waiting)
        jobs = len(list(await app.job_manager.list_jobs_async(task=TASK, status=Status.TODO.value)))
        if waiting > jobs:
            await app.configure_task(name=TASK).batch_defer_async(*[_job(None)] * (waiting - jobs))
        for job in await app.job_manager.get_stalled_jobs():
            await app.job_manager.finish_job(job, status=Status.FAILED, delete_job=True)
