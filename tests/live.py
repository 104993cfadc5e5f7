"""The service as a real process on a real database, for tests where many clients act at once.

`serving(kind, tmp)` migrates a fresh database (SQLite file or PostgreSQL database), loads the demo,
starts `python -m service serve` on a free port and stops it afterwards. `at_once` runs one function
in many threads released together by a barrier, each with its own HTTP connection.
"""

import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import httpx
from sqlalchemy import Engine

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID
from tests.conftest import migrated_database
from tests.processes import answers_200, free_port, service_environment, start, stop, wait_until

KEY = "lsp_dev_admin_key_for_the_live_tests_only"
AUTH = {"Authorization": f"Bearer {KEY}"}
DEMO = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"
T = TypeVar("T")


@dataclass
class Live:
    kind: str
    url: str
    database_url: str
    engine: Engine
    log: Path
    argv: list[str] = field(default_factory=list)
    env: dict[str, str] = field(default_factory=dict)
    process: Any = None

    def client(self, **options: Any) -> httpx.Client:
        return httpx.Client(base_url=self.url, headers=AUTH, **{"timeout": 120, **options})

    def restart(self) -> None:
        """Start the process again after it stopped (or was killed), on the same database."""
        self.process = start(self.argv, self.env, self.log)
        wait_until(answers_200(f"{self.url}/readyz"), self.process, self.log, "the service")


@contextmanager
def serving(kind: str, tmp: Path, *, demo: bool = True, **settings: str) -> Iterator[Live]:
    with migrated_database(kind, tmp, demo=demo) as engine:
        database_url = engine.url.render_as_string(hide_password=False)
        port = free_port()
        env = service_environment(database_url, PORT=str(port), DEV_ADMIN_KEY=KEY, LOG_LEVEL="WARNING",
                                  **{name.upper(): value for name, value in settings.items()})
        live = Live(kind, f"http://127.0.0.1:{port}", database_url, engine, tmp / f"service-{port}.log",
                    [sys.executable, "-m", "service", "serve", "--no-migrate"], env)
        live.restart()
        try:
            yield live
        finally:
            stop(live.process)


def at_once(count: int, act: Callable[[int, httpx.Client], T], live: Live, **client_options: Any) -> list[T]:
    """`act(i, client)` in `count` threads that start together; the results in order of i."""
    clients = [live.client(**client_options) for _ in range(count)]
    barrier = threading.Barrier(count)
    results: list[Any] = [None] * count

    def run(i: int) -> None:
        barrier.wait()
        try:
            results[i] = act(i, clients[i])
        except Exception as exc:  # noqa: BLE001 - reported to the test, which asserts on it
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for client in clients:
        client.close()
    return results


@contextmanager
def also_serving(live: Live, **settings: str) -> Iterator[Live]:
    """A second web process (a replica) on the same database."""
    port = free_port()
    env = {**live.env, "PORT": str(port), **{name.upper(): value for name, value in settings.items()}}
    replica = Live(live.kind, f"http://127.0.0.1:{port}", live.database_url, live.engine,
                   live.log.with_name(f"replica-{port}.log"), live.argv, env)
    replica.restart()
    try:
        yield replica
    finally:
        stop(replica.process)


@dataclass
class Worker:
    """A `python -m service worker` process on a live service's database."""

    argv: list[str]
    env: dict[str, str]
    log: Path
    process: Any = None

    def restart(self) -> None:
        self.process = start(self.argv, self.env, self.log)
        wait_until(lambda: "worker solving up to" in self.log.read_text(errors="replace"), self.process,
                   self.log, "the worker")


@contextmanager
def working(live: Live, concurrency: int = 1, **settings: str) -> Iterator[Worker]:
    env = {**live.env, **{name.upper(): value for name, value in settings.items()}}
    worker = Worker([sys.executable, "-m", "service", "worker", "--concurrency", str(concurrency)], env,
                    live.log.with_name(f"worker-{free_port()}.log"))
    worker.restart()
    try:
        yield worker
    finally:
        stop(worker.process)
