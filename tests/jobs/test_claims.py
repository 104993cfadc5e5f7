"""What a worker does to a run, step by step, on both databases: take the fairest queued run, show signs
of life, notice a cancellation, lose a run it was presumed dead for, and store nothing for it then."""

import uuid
from datetime import timedelta

import pytest
from sqlmodel import Session, col, select

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from service.domain.common.fields import utcnow
from service.domain.jobs import claims
from service.domain.jobs.claims import Beat, JobTimes
from service.domain.models.access import AuditEvent
from service.domain.models.run import Run, RunStage
from service.domain.runs.snapshot import of
from service.domain.runs.solving import compute
from service.settings import get_settings
from tests import builders as b

TIMES = JobTimes(heartbeat_seconds=2, stale_seconds=15, max_attempts=2)
DEMO = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


@pytest.fixture
def held(demo, inline_jobs, monkeypatch):
    """The demo, with runs left queued (no worker) and answered at once."""
    inline_jobs.hold = True
    monkeypatch.setattr(get_settings(), "run_wait_seconds", 0)
    return demo


def queue(client, base: str, scenario_id: str) -> str:
    answer = client.post(f"{base}/scenarios/{scenario_id}/runs")
    assert answer.status_code == 202 and answer.json()["status"] == "queued", answer.text
    return str(answer.json()["id"])


def small_partnership(client) -> tuple[str, str]:
    p = b.partnership(client, name="Small")
    theme, partner = b.theme(client, p), b.partner(client, p)
    b.stream(client, p, partner["id"])
    goal = b.goal(client, p, theme["id"])
    b.intervention(client, p, theme["id"], partner["id"], effects=[{"goal_id": goal["id"], "per_thousand": "1"}])
    s = b.created(client.post(b.under(p, "scenarios"), json={"name": "Small", "financial_year": "2009-10"}))
    return f"/v1/partnerships/{p['id']}", s["id"]


def test_the_next_run_taken_is_from_the_partnership_with_fewest_running_then_the_oldest(held, session: Session):
    first, second = queue(held, DEMO, str(DEMO_SCENARIO_ID)), queue(held, DEMO, str(DEMO_SCENARIO_ID))
    other = queue(held, *small_partnership(held))
    taken = [claims.claim_next(session, "w") for _ in range(4)]
    assert [str(c.run_id) if c else None for c in taken] == [first, other, second, None]
    assert all(c is not None and c.attempt == 1 for c in taken[:3])
    run = held.get(f"{DEMO}/runs/{first}").json()
    assert run["status"] == "running" and run["stage"] == "solving" and run["worker"] == "w"


def test_a_heartbeat_shows_life_and_a_new_stage_makes_a_new_version(held, session: Session):
    run_id = queue(held, DEMO, str(DEMO_SCENARIO_ID))
    claim = claims.claim_next(session, "w")
    assert claim is not None
    before = held.get(f"{DEMO}/runs/{run_id}").json()
    assert claims.beat(session, claim) == Beat.CARRY_ON
    same_stage = held.get(f"{DEMO}/runs/{run_id}").json()
    assert same_stage["version"] == before["version"] and same_stage["heartbeat_at"] >= before["heartbeat_at"]
    assert claims.beat(session, claim, RunStage.EXPLAINING) == Beat.CARRY_ON
    later = held.get(f"{DEMO}/runs/{run_id}")
    assert later.json()["stage"] == "explaining" and later.json()["version"] == before["version"] + 1
    assert later.headers["etag"] == f'"v{before["version"] + 1}"'


def test_cancelling_a_queued_run_ends_it_at_once_and_again_changes_nothing(held, session: Session):
    run_id = queue(held, DEMO, str(DEMO_SCENARIO_ID))
    answer = held.post(f"{DEMO}/runs/{run_id}/cancel")
    assert answer.status_code == 200 and answer.json()["status"] == "cancelled", answer.text
    assert answer.json()["message"] == "Cancelled before a worker took it."
    again = held.post(f"{DEMO}/runs/{run_id}/cancel")
    assert again.status_code == 200 and again.json()["version"] == answer.json()["version"]
    assert claims.claim_next(session, "w") is None  # no worker takes a cancelled run
    events = session.exec(select(AuditEvent).where(col(AuditEvent.action) == "cancel")).all()
    assert [(e.entity, str(e.entity_id), e.before["status"], e.after["status"]) for e in events] == [
        ("run", run_id, "queued", "cancelled")]


def test_cancelling_a_running_run_asks_its_worker_which_stops_at_its_next_heartbeat(held, session: Session):
    run_id = queue(held, DEMO, str(DEMO_SCENARIO_ID))
    claim = claims.claim_next(session, "w")
    assert claim is not None
    answer = held.post(f"{DEMO}/runs/{run_id}/cancel")
    assert answer.status_code == 202 and answer.json()["status"] == "running"
    assert answer.json()["cancel_requested_at"] is not None
    assert claims.beat(session, claim) == Beat.CANCEL
    assert claims.cancelled(session, claim)
    run = held.get(f"{DEMO}/runs/{run_id}").json()
    assert run["status"] == "cancelled" and run["message"] == "Cancelled while solving."
    assert held.get(f"{DEMO}/runs/{run_id}/allocation").json()["lines"] == []


def test_a_finished_run_cannot_be_cancelled_and_another_partnerships_run_is_not_found(demo):
    done = demo.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs").json()
    b.assert_problem(demo.post(f"{DEMO}/runs/{done['id']}/cancel"), 409, "already finished (optimal)")
    other = b.partnership(demo, name="Other")
    b.assert_problem(demo.post(b.under(other, f"runs/{done['id']}/cancel")), 404)


def _stale(session: Session, run_id: str) -> None:
    run = session.get_one(Run, uuid.UUID(run_id))
    run.heartbeat_at = utcnow() - timedelta(seconds=TIMES.stale_seconds + 1)
    session.add(run)
    session.commit()


def test_a_run_whose_worker_died_is_queued_again_then_failed_and_the_dead_worker_stores_nothing(
        held, session: Session):
    run_id = queue(held, DEMO, str(DEMO_SCENARIO_ID))
    first = claims.claim_next(session, "dead-worker")
    assert first is not None
    assert claims.recover(session, TIMES) == 0  # its heartbeat is fresh
    _stale(session, run_id)
    assert claims.recover(session, TIMES) == 1
    run = held.get(f"{DEMO}/runs/{run_id}").json()
    assert run["status"] == "queued" and run["attempts"] == 1
    assert run["message"] == "Its worker dead-worker stopped responding while solving (attempt 1); queued again."
    outcome = compute(of(first.snapshot))
    assert claims.beat(session, first) == Beat.LOST and not claims.store(session, first, outcome)
    second = claims.claim_next(session, "second-worker")
    assert second is not None and second.attempt == 2
    _stale(session, run_id)
    assert claims.recover(session, TIMES) == 0
    run = held.get(f"{DEMO}/runs/{run_id}").json()
    assert run["status"] == "error" and "on each of its 2 attempts" in run["message"]
    assert not claims.store(session, second, outcome)
