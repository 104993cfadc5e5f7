"""Runs as jobs: queued when asked for, solved by a worker in a child process, never left running.

`claims` holds every state change a worker makes to a run (take, beat, store, recover); `execute` is one
worker's turn; `solver` the child process; `local` the engine on SQLite (threads polling the run table),
`postgres` the engine on PostgreSQL (Procrastinate). `engine_for` picks one for a database.
"""

import uuid
from typing import Protocol

from sqlalchemy import Engine

from service.domain.jobs.claims import JobTimes
from service.domain.jobs.local import LocalEngine
from service.settings import Settings


class JobEngine(Protocol):
    def submitted(self, run_id: uuid.UUID) -> None:
        """A run was stored as queued: see that a worker takes it."""

    def start(self, workers: int, label: str = "web") -> None:
        """Start `workers` workers in the background of this process (0: none)."""

    def stop(self, timeout: float = 10.0) -> None: ...

    def work(self, workers: int) -> None:
        """Be a worker process: run `workers` workers in the foreground until stopped."""


def times(settings: Settings) -> JobTimes:
    return JobTimes(heartbeat_seconds=settings.job_heartbeat_seconds, stale_seconds=settings.job_stale_seconds,
                    max_attempts=settings.job_max_attempts, grace_seconds=settings.job_shutdown_grace_seconds)


def engine_for(engine: Engine, settings: Settings) -> JobEngine:
    if engine.dialect.name == "postgresql":
        from service.domain.jobs.postgres import PostgresEngine

        return PostgresEngine(engine, times(settings))
    return LocalEngine(engine, times(settings))


__all__ = ["JobEngine", "JobTimes", "engine_for", "times"]
