"""The migrations make the schema the models describe, and undo it."""

from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, inspect, text
from sqlmodel import Session, SQLModel

from service.domain.common.db import make_engine
from service.domain.common.migrate import current_revision, downgrade, head_revision, ours, upgrade
from tests.conftest import drop_postgres_database, fresh_postgres_database


@pytest.fixture(params=["sqlite", "postgres"])
def empty_engine(request, tmp_path) -> Iterator[Engine]:
    if request.param == "sqlite":
        engine = make_engine(f"sqlite:///{tmp_path / 'm.db'}")
        yield engine
        engine.dispose()
        return
    admin, engine, name = fresh_postgres_database("migrations")
    yield engine
    drop_postgres_database(admin, engine, name)


def test_upgrade_matches_the_models_and_downgrade_empties(empty_engine):
    upgrade(empty_engine)
    with empty_engine.connect() as connection:
        assert current_revision(connection) == head_revision()
        context = MigrationContext.configure(connection, opts={"compare_type": True, "include_name": ours})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []
    tables = set(inspect(empty_engine).get_table_names())
    assert {"partnership", "partner", "theme", "funding_stream", "goal", "intervention"} <= tables
    downgrade(empty_engine)
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    upgrade(empty_engine)
    with empty_engine.connect() as connection:
        assert current_revision(connection) == head_revision()


def test_constraints_are_named_by_convention(empty_engine):
    upgrade(empty_engine)
    inspector = inspect(empty_engine)
    fks = inspector.get_foreign_keys("funding_stream")
    assert {fk["name"] for fk in fks} >= {"fk_funding_stream_partner_id_partner"}
    if empty_engine.dialect.name == "postgresql":  # SQLite does not report constraint names reliably
        checks = {c["name"] for c in inspector.get_check_constraints("funding_stream")}
        assert "ck_funding_stream_least_within_most" in checks
        assert inspector.get_pk_constraint("partner")["name"] == "pk_partner"


def test_undoing_the_archive_columns_keeps_the_register(empty_engine):
    """0007's downgrade must not copy and drop the partnership table: on SQLite that cascades."""
    from service.domain.demo import load_demo

    upgrade(empty_engine)
    with Session(empty_engine) as session:
        load_demo(session)
    tables = ["partner", "funding_stream", "funding_stream_theme", "goal", "intervention", "intervention_effect"]

    def counts() -> dict[str, int]:
        with empty_engine.connect() as connection:
            return {t: connection.execute(text(f"SELECT count(*) FROM {t}")).scalar_one() for t in tables}

    before = counts()
    downgrade(empty_engine, "0006")
    assert counts() == before and all(before.values())
    assert "archived_at" not in {c["name"] for c in inspect(empty_engine).get_columns("partnership")}


def test_going_down_and_up_again_keeps_every_row(empty_engine):
    """Recreating a table (SQLite's way to change a constraint) must not fire the cascades of the rows
    that refer to it: the migrations run with SQLite's foreign keys off and check them afterwards."""
    from service.domain.demo import load_demo

    upgrade(empty_engine)
    with Session(empty_engine) as session:
        load_demo(session)

    def counts() -> dict[str, int]:
        with empty_engine.connect() as connection:
            return {t: connection.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one()
                    for t in inspect(empty_engine).get_table_names()
                    if t != "alembic_version" and not t.startswith("procrastinate_")}

    before = counts()
    downgrade(empty_engine, "0004")
    kept = set(inspect(empty_engine).get_table_names())  # tables made after 0004 go down with their rows
    upgrade(empty_engine)
    assert {t: n for t, n in counts().items() if t in kept} == {t: n for t, n in before.items() if t in kept}
    assert before["intervention_effect"] and before["funding_stream_theme"]
