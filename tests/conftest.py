"""Test databases built by the real migrations, one rolled-back transaction per test.

Every test that takes `session` or `client` runs twice: on SQLite and on PostgreSQL. PostgreSQL
tests skip when no server answers, except on CI (CI=true), where that is a failure.
"""

import os
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import Engine, create_engine, text
from sqlalchemy.exc import OperationalError
from sqlmodel import Session

from service.api.deps import get_engine, get_job_engine, get_session
from service.domain import jobs
from service.domain.common import db
from service.domain.common.db import make_engine, open_session
from service.domain.common.migrate import upgrade
from service.domain.jobs import JobEngine, claims
from service.domain.jobs.work import outcome_of
from service.domain.models.run import Run
from service.main import app
from service.settings import Settings, get_settings

DEV_AUTH = {"Authorization": f"Bearer {get_settings().development_key}"}
POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test")


def postgres_unavailable(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"PostgreSQL is required on CI but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason}")


def fresh_postgres_database(name_hint: str) -> tuple[Engine, Engine, str]:
    """A new empty database (admin engine, engine, name); drop it with `drop_postgres_database`."""
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as connection:
            name = f"lsp_{name_hint}_{uuid.uuid4().hex[:10]}"
            connection.execute(text(f'CREATE DATABASE "{name}"'))
    except OperationalError as exc:
        admin.dispose()
        postgres_unavailable(f"{POSTGRES_ADMIN_URL} does not answer ({type(exc.orig).__name__})")
    url = admin.url.set(database=name)
    return admin, make_engine(url.render_as_string(hide_password=False)), name


def drop_postgres_database(admin: Engine, engine: Engine, name: str) -> None:
    engine.dispose()
    admin.dispose()  # pooled connections may predate a server restart
    with admin.connect() as connection:
        connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@contextmanager
def migrated_database(kind: str, folder: Path, *, demo: bool = False) -> Iterator[Engine]:
    """A new database of `kind` (a SQLite file in `folder`, or a PostgreSQL database of its own), migrated
    to head, with the demo committed when asked; removed afterwards."""
    if kind == "sqlite":
        engine = make_engine(f"sqlite:///{folder / 'database.db'}")
        cleanup: Callable[[], None] = engine.dispose
    else:
        admin, engine, name = fresh_postgres_database(folder.name[:20].replace("-", "_"))

        def cleanup() -> None:
            drop_postgres_database(admin, engine, name)
    try:
        upgrade(engine)
        if demo:
            from service.domain.demo import load_demo

            with Session(engine) as session:
                load_demo(session)
        yield engine
    finally:
        cleanup()


@pytest.fixture(scope="session", params=["sqlite", "postgres"])
def engine(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Engine]:
    """A migrated database of each kind, shared by the session's tests."""
    if request.param == "sqlite":
        path: Path = tmp_path_factory.mktemp("db") / "test.db"
        engine = make_engine(f"sqlite:///{path}")
        upgrade(engine)
        yield engine
        engine.dispose()
        return
    admin, engine, name = fresh_postgres_database("test")
    upgrade(engine)
    yield engine
    drop_postgres_database(admin, engine, name)


@pytest.fixture
def session(engine: Engine) -> Iterator[Session]:
    """A session whose commits are savepoints inside one transaction rolled back afterwards."""
    connection = engine.connect()
    transaction = connection.begin()
    session = Session(bind=connection, join_transaction_mode="create_savepoint",
                      expire_on_commit=False)
    yield session
    session.close()
    transaction.rollback()
    connection.close()


class InlineJobs:
    """The job engine for tests that drive the app in process (TestClient): a queued run is taken, solved
    in this thread and stored at once, through the same claims a worker makes: in the test's session
    when given (one rolled-back transaction, which no worker could see), else in a session of its own on
    the database the app's routes use. With `hold`, runs stay queued, as when every worker is busy.
    Workers in processes of their own, on committed databases, are tested in tests/jobs."""

    def __init__(self, session: Session | None = None, hold: bool = False) -> None:
        self.session, self.hold = session, hold

    def submitted(self, run_id: uuid.UUID) -> None:
        if self.hold:
            return
        if self.session is not None:
            self._solve(self.session, run_id)
            return
        override = app.dependency_overrides.get(get_engine)
        with open_session(override() if override else db.get_engine()) as session:
            self._solve(session, run_id)

    @staticmethod
    def _solve(session: Session, run_id: uuid.UUID) -> None:
        claim = claims.begin(session, session.get_one(Run, run_id, with_for_update=True), "inline")
        claims.store(session, claim, outcome_of(claim.job))

    def start(self, workers: int, label: str = "web") -> None: ...

    def stop(self, timeout: float = 10.0) -> None: ...

    def work(self, workers: int) -> None: ...


def _inline_engine_for(engine: Engine, settings: Settings) -> JobEngine:
    return InlineJobs()


jobs.engine_for = _inline_engine_for  # the app's own job engine under TestClient (app.py's lifespan)


@pytest.fixture
def inline_jobs(session: Session) -> InlineJobs:
    return InlineJobs(session)


@pytest.fixture
def client(session: Session, engine: Engine, inline_jobs: InlineJobs) -> Iterator[TestClient]:
    app.dependency_overrides[get_session] = lambda: session
    app.dependency_overrides[get_engine] = lambda: engine
    app.dependency_overrides[get_job_engine] = lambda: inline_jobs
    with TestClient(app, raise_server_exceptions=False, headers=DEV_AUTH) as client:
        yield client
    app.dependency_overrides.clear()


@pytest.fixture
def demo(client: TestClient, session: Session) -> TestClient:
    """The client, with the demo partnership loaded into the test's rolled-back transaction."""
    from service.domain.demo import load_demo

    load_demo(session)
    return client


@pytest.fixture
def anonymous(client: TestClient) -> TestClient:
    """The same app and database, with no credentials."""
    return TestClient(app, raise_server_exceptions=False)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Everything under tests/system is a system test (fuzzing, containers, the gateway, outages, the
    command line): `make check` leaves them out, `make test` runs them."""
    for item in items:
        if "system" in item.path.relative_to(config.rootpath).parts:
            item.add_marker(pytest.mark.system)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """On CI a skip is a failure: everything CI's machine can run must run."""
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if os.environ.get("CI") == "true" and reporter and reporter.stats.get("skipped"):
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture
def committed_demo(tmp_path: Path) -> Iterator[Engine]:
    """The app on a file database with the demo loaded and real commits (no rolled-back transaction),
    for tests where a second session or thread must see what a request committed."""
    from service.domain.demo.load import load_demo

    engine = make_engine(f"sqlite:///{tmp_path / 'committed.db'}")
    upgrade(engine)
    with Session(engine) as session:
        load_demo(session)

    app.dependency_overrides[get_engine] = lambda: engine  # the app's own sessions, on this database
    yield engine
    app.dependency_overrides.clear()
    engine.dispose()
