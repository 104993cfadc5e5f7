"""Running and inspecting the Alembic migrations, the only way the schema is made."""

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from service.settings import PROJECT_DIR

JOB_ENGINE_PREFIX = "procrastinate_"  # the job engine's own tables (migration 0006), not in the models


def ours(name: str | None, kind: str, _parent: object) -> bool:
    """Alembic's `include_name`: compare only the service's own tables with the models."""
    return not (kind == "table" and (name or "").startswith(JOB_ENGINE_PREFIX))


def alembic_config(connection: Connection | None = None) -> Config:
    config = Config(str(PROJECT_DIR / "alembic.ini"))
    if connection is not None:
        config.attributes["connection"] = connection
    return config


@contextmanager
def migrating(engine: Engine) -> Iterator[Connection]:
    """One transaction for the migration. On SQLite, with foreign keys off while it runs: SQLite changes a
    constraint by copying a table and dropping the old one, which would otherwise fire the cascades of
    every row that refers to it (and empty them); the keys are checked before the transaction commits."""
    with engine.connect() as connection:
        sqlite = engine.dialect.name == "sqlite"
        if sqlite:  # outside any transaction, or SQLite ignores it
            _foreign_keys(connection, "OFF")
        try:
            with connection.begin():
                yield connection
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").all() if sqlite else []
                if broken:
                    raise RuntimeError(f"the migration left {len(broken)} rows referring to nothing: {broken[:5]}")
        finally:
            if sqlite:
                _foreign_keys(connection, "ON")


def _foreign_keys(connection: Connection, state: str) -> None:
    raw = connection.connection.driver_connection
    assert raw is not None
    raw.execute(f"PRAGMA foreign_keys={state}")


def upgrade(engine: Engine, revision: str = "head") -> None:
    with migrating(engine) as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    with migrating(engine) as connection:
        command.downgrade(alembic_config(connection), revision)


@lru_cache
def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
