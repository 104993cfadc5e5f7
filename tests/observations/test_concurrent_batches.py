"""Two uploads at once against the real service, on SQLite and PostgreSQL: each batch is all or nothing,
no goal, partner and period is observed twice, and a batch cut short by kill -9 leaves nothing behind."""

import calendar
import os
import signal
import sqlite3
import threading
import time
from datetime import date
from typing import Any

import pytest
from sqlalchemy import text
from sqlmodel import Session, col, select

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, demo_id
from service.domain.models.performance import IndicatorObservation
from tests.live import DEMO, at_once, serving

TRIALS = 8  # each a real race; more add minutes, not confidence
GOALS = ["ni112", "ni111", "ni51", "ni16", "ni15", "ni40", "ni21", "ni39", "ni113", "ni175", "ni192", "ni186"]
PARTNERS = ["council", "health", "police", "fire", "probation", "voluntary"]


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def live(request, tmp_path_factory):
    with serving(request.param, tmp_path_factory.mktemp("batches")) as service:
        yield service


def row(goal: str, partner: str, month: int, year: int, value: str = "1") -> dict[str, str]:
    return {"goal_id": str(demo_id("goal", goal)), "partner_id": str(demo_id("partner", partner)),
            "period": f"{calendar.month_name[month]} {year}", "value": value}


def stored(live, year_from: int, year_to: int) -> list[IndicatorObservation]:
    with Session(live.engine) as session:
        return list(session.exec(select(IndicatorObservation).where(
            col(IndicatorObservation.partnership_id) == DEMO_PARTNERSHIP_ID,
            col(IndicatorObservation.period_start) >= date(year_from, 1, 1),
            col(IndicatorObservation.period_end) <= date(year_to, 12, 31))))


def test_two_overlapping_batches_at_once_store_one_whole_batch(live):
    for trial in range(TRIALS):
        year = 1900 + trial
        batches = [[row("ni112", "health", m, year, str(i)) for m in months]
                   for i, months in enumerate((range(1, 7), range(4, 10)))]

        def upload(i, client, batches=batches):
            return client.post(f"{DEMO}/observation-batches", json={"items": batches[i]})

        answers = at_once(2, upload, live)
        codes = sorted(a.status_code for a in answers)
        assert codes[0] == 201 and codes[1] in (409, 422), [a.text for a in answers]
        won = next(i for i, a in enumerate(answers) if a.status_code == 201)
        found = stored(live, year, year)
        assert sorted(str(o.id) for o in found) == sorted(answers[won].json()["created"])
        assert {o.value for o in found} == {won} and len(found) == 6
        lost = answers[1 - won].json()
        assert "nothing" in lost["detail"]


def test_kill_9_mid_batch_leaves_nothing_of_it(live):
    items = [row(goal, partner, month, year) for goal in GOALS for partner in PARTNERS
             for year in range(1980, 1992) for month in range(1, 13)]
    answered: list[Any] = []
    sent = threading.Event()

    def upload():
        with live.client() as client:
            try:
                sent.set()
                answered.append(client.post(f"{DEMO}/observation-batches", json={"items": items}))
            except Exception as exc:  # noqa: BLE001 - the killed server drops the connection
                answered.append(exc)

    thread = threading.Thread(target=upload)
    thread.start()
    sent.wait()
    while not answered and not _writing(live):  # killed once the batch's transaction is writing, not before
        time.sleep(0.01)
    os.kill(live.process.pid, signal.SIGKILL)
    thread.join()
    live.restart()
    found = stored(live, 1980, 1991)
    if isinstance(answered[0], Exception):
        assert found == [] or len(found) == len(items)
    else:
        assert answered[0].status_code == 201 and len(found) == len(items)
    assert len(found) in (0, len(items))


def _writing(live) -> bool:
    """Whether a transaction is writing observations: PostgreSQL shows its INSERT; on SQLite the writer holds
    the database's one write lock, so taking it at once fails."""
    with live.engine.connect() as connection:
        if live.kind == "postgres":
            return bool(connection.execute(text(
                "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE "
                "'INSERT INTO indicator_observation%'")).scalar())
        raw = connection.connection.driver_connection
        try:
            raw.execute("PRAGMA busy_timeout = 0")
            raw.execute("BEGIN IMMEDIATE")
            raw.execute("ROLLBACK")
        except sqlite3.OperationalError:
            return True
        return False
