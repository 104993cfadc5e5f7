"""Running and inspecting the Alembic migrations, the only way the schema is made."""

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


def upgrade(engine: Engine, revision: str = "head") -> None:
    with engine.begin() as connection:
        command.upgrade(alembic_config(connection), revision)


def downgrade(engine: Engine, revision: str = "base") -> None:
    with engine.begin() as connection:
        command.downgrade(alembic_config(connection), revision)


@lru_cache
def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(connection: Connection) -> str | None:
    return MigrationContext.configure(connection).get_current_revision()
