"""Archiving while others write, on committed databases of both kinds: an archive waits for the writes
already under way, and a write that arrives during an archive waits for it and is then refused."""

import threading
import time
import uuid
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from sqlalchemy import Engine

from service.domain import register
from service.domain.access import audit
from service.domain.access.principal import SYSTEM
from service.domain.common.db import open_session
from service.domain.common.errors import Conflict
from service.domain.models.partnership import PartnerCreate, PartnershipCreate
from service.domain.register import partnerships
from service.domain.register.resources import PARTNERS
from tests.conftest import migrated_database

WAITING = 0.5  # long enough for a request that is not held back to have finished


@pytest.fixture(params=["sqlite", "postgres"])
def committed(request: pytest.FixtureRequest, tmp_path) -> Iterator[tuple[Engine, uuid.UUID]]:
    with migrated_database(request.param, tmp_path) as engine:
        with open_session(engine) as session:
            created = partnerships.create(session, PartnershipCreate(name="P", area_code="E06000047"), SYSTEM)
        yield engine, created.id


def in_thread(work: Callable[[], Any]) -> tuple[threading.Thread, list[Any]]:
    outcome: list[Any] = []

    def run() -> None:
        try:
            outcome.append(work())
        except Exception as exc:  # the test inspects what the other client saw
            outcome.append(exc)

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def archive(engine: Engine, partnership_id: uuid.UUID) -> Callable[[], Any]:
    def work() -> Any:
        with open_session(engine) as session:
            return partnerships.archive(session, partnership_id, None, SYSTEM)
    return work


def add_partner(engine: Engine, partnership_id: uuid.UUID, name: str) -> Callable[[], Any]:
    def work() -> Any:
        with open_session(engine) as session:
            return register.create(session, PARTNERS, partnership_id,
                                   PartnerCreate(name=name, sector="health"), SYSTEM)
    return work


def partner_names(engine: Engine, partnership_id: uuid.UUID) -> list[str]:
    with open_session(engine, writes=False) as session:
        found = register.list_rows(session, PARTNERS, partnership_id, filters={}, cursor=None, size=10)
    return [p.name for p in found.items]


def test_an_archive_waits_for_a_write_under_way_which_is_kept(committed):
    engine, pid = committed
    writer = open_session(engine)
    register.create(writer, PARTNERS, pid, PartnerCreate(name="Early", sector="health"), SYSTEM, commit=False)
    writer.flush()
    thread, outcome = in_thread(archive(engine, pid))
    time.sleep(WAITING)
    assert thread.is_alive() and outcome == []
    writer.commit()
    writer.close()
    thread.join(10)
    assert outcome[0].archived_at is not None
    assert partner_names(engine, pid) == ["Early"]


def test_a_write_during_an_archive_waits_for_it_and_is_refused(committed, monkeypatch):
    engine, pid = committed
    started, release = threading.Event(), threading.Event()
    original = audit.record

    def held_archive(*args: Any) -> None:
        original(*args)
        if args[3] == "archive":  # the partnership's row is held now, the archive not yet committed
            started.set()
            release.wait(10)

    monkeypatch.setattr(audit, "record", held_archive)
    archiver, archived = in_thread(archive(engine, pid))
    assert started.wait(10)
    writer, written = in_thread(add_partner(engine, pid, "Late"))
    time.sleep(WAITING)
    assert writer.is_alive() and written == []
    release.set()
    archiver.join(10)
    writer.join(10)
    assert archived[0].archived_at is not None
    assert isinstance(written[0], Conflict) and "archived on" in written[0].detail
    assert partner_names(engine, pid) == []
