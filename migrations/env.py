"""Alembic environment: the service's own engine and metadata, so migrations match the models."""

from alembic import context
from sqlmodel import SQLModel

import service.domain.models  # noqa: F401  (registers every table on the metadata)
from service.domain.common.db import make_engine
from service.domain.common.migrate import migrating, ours
from service.domain.common.types import ExactDecimal, Money, UtcDateTime
from service.settings import get_settings

target_metadata = SQLModel.metadata


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if connection is not None:  # tests and the app hand in their own connection
        _run(connection)
        return
    engine = make_engine(get_settings().sqlalchemy_url)  # the alembic command line: the same safeguards
    with migrating(engine) as connection:
        _run(connection)
    engine.dispose()


def _render_item(kind: str, item: object, _autogen_context: object) -> str | bool:
    """Write the exact types as plain SQLAlchemy, so old migrations never import service code."""
    if kind == "type" and isinstance(item, Money):
        return "sa.BigInteger()"
    if kind == "type" and isinstance(item, ExactDecimal):
        return "sa.Numeric(24, 8).with_variant(sa.String(40), 'sqlite')"
    if kind == "type" and isinstance(item, UtcDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def _run(connection) -> None:  # type: ignore[no-untyped-def]
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
        include_name=ours,
        render_item=_render_item,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise SystemExit("Offline (SQL script) migrations are not supported; run against a database.")
run_migrations_online()
