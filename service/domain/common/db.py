"""Engine, sessions and the metadata every table shares.

SQLite takes concurrent use the way its documentation advises: write-ahead logging, so that readers
never wait for the writer; and write transactions that take the write lock when they begin (BEGIN
IMMEDIATE), so that a busy database makes them wait up to the busy timeout. A deferred transaction
that reads and then writes would instead fail at once when another connection holds the lock.
Sessions that only read say so and begin a plain deferred transaction.
"""

from functools import lru_cache
from typing import Any

from sqlalchemy import Engine, event
from sqlmodel import Session, create_engine

from service.settings import Settings, get_settings

READS_ONLY = "lsp_reads_only"  # execution option: the transaction never writes
BUSY_TIMEOUT_MS = "lsp_busy_timeout_ms"  # execution option: SQLite's wait for the write lock


def make_engine(url: str, settings: Settings | None = None) -> Engine:
    """An engine for `url` with the pool the settings size; SQLite as described above."""
    settings = settings or get_settings()
    pool: dict[str, Any] = {"pool_size": settings.db_pool_size, "max_overflow": settings.db_max_overflow,
                            "pool_timeout": settings.db_pool_timeout_seconds}
    if not url.startswith("sqlite"):
        return create_engine(url, pool_pre_ping=True, **pool)
    engine = create_engine(url, connect_args={"check_same_thread": False}, **pool)
    busy_ms = round(settings.sqlite_busy_timeout_seconds * 1000)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # pysqlite's own BEGIN handling breaks SAVEPOINT; the "begin" listener below emits BEGIN itself.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        options = conn.get_execution_options()
        if options.get(READS_ONLY):  # in WAL mode a reader never waits for the lock
            conn.exec_driver_sql("BEGIN")
            return
        conn.exec_driver_sql(f"PRAGMA busy_timeout={int(options.get(BUSY_TIMEOUT_MS, busy_ms))}")
        conn.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


@lru_cache
def get_engine() -> Engine:
    return make_engine(get_settings().sqlalchemy_url)


@lru_cache(maxsize=16)
def _reading(engine: Engine) -> Engine:
    """`engine` for sessions that only read, made once per engine rather than once per request."""
    return engine.execution_options(**{READS_ONLY: True})


def open_session(engine: Engine, *, writes: bool = True) -> Session:
    """A session whose transactions take the write lock up front unless `writes` is False."""
    return Session(engine if writes else _reading(engine), expire_on_commit=False)
