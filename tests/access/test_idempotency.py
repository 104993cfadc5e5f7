"""Idempotency-Key on run creation: a retry replays the first answer and never runs twice."""

import threading
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

import pytest
from fastapi.testclient import TestClient
from sqlmodel import select

from service.api.deps import get_job_engine
from service.domain.access import idempotency
from service.domain.access.principal import SYSTEM
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from service.domain.common.errors import Conflict, InvalidInput
from service.domain.common.fields import utcnow
from service.domain.models.idempotency import IdempotencyRecord
from service.main import app
from service.settings import get_settings
from tests import builders as b
from tests.conftest import DEV_AUTH, InlineJobs

BASE = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"
RUNS = f"{BASE}/scenarios/{DEMO_SCENARIO_ID}/runs"


def keyed(key):
    return {"Idempotency-Key": key}


def run_ids(client):
    return [r["id"] for r in client.get(f"{BASE}/runs", params={"page_size": 200}).json()["items"]]


def test_a_retry_replays_the_first_response_and_runs_once(demo):
    first = demo.post(RUNS, headers=keyed("4f1c2a9e-run-1"))
    assert first.status_code == 201 and "idempotent-replayed" not in first.headers
    again = demo.post(RUNS, headers=keyed("4f1c2a9e-run-1"))
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == first.json()
    for header in ("location", "etag", "content-type"):
        assert again.headers[header] == first.headers[header]
    assert run_ids(demo) == [first.json()["id"]]


def test_the_same_key_for_a_different_request_is_422_and_runs_nothing(demo):
    done = demo.post(RUNS, headers=keyed("reused")).json()
    b.assert_problem(demo.post(f"{BASE}/runs/{done['id']}/replay", headers=keyed("reused")), 422,
                     "Idempotency-Key")
    b.assert_problem(demo.post(RUNS, headers=keyed("reused"), json={"note": "x"}), 422, "Idempotency-Key")
    assert run_ids(demo) == [done["id"]]


def test_a_duplicate_while_the_first_is_running_is_409(demo, session):
    done = demo.post(RUNS, headers=keyed("slow")).json()
    record = session.exec(select(IdempotencyRecord).where(IdempotencyRecord.key == "slow")).one()
    record.completed, record.response_status = False, None  # as it is while the first still runs
    session.commit()
    busy = demo.post(RUNS, headers=keyed("slow"))
    b.assert_problem(busy, 409, "still being processed")
    assert busy.headers["retry-after"] == "1"
    assert run_ids(demo) == [done["id"]]


def test_runs_without_a_key_behave_as_before(demo):
    first, second = demo.post(RUNS), demo.post(RUNS)
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]
    assert "idempotent-replayed" not in second.headers
    assert demo.post(RUNS, headers=keyed("new")).json()["id"] not in (first.json()["id"], second.json()["id"])


def test_a_refused_request_releases_its_key(demo, session):
    missing = f"{BASE}/scenarios/{DEMO_PARTNERSHIP_ID}/runs"  # no scenario has this id
    b.assert_problem(demo.post(missing, headers=keyed("retry-me")), 404)
    b.assert_problem(demo.post(missing, headers=keyed("retry-me")), 404)
    assert session.exec(select(IdempotencyRecord).where(IdempotencyRecord.key == "retry-me")).all() == []
    assert run_ids(demo) == []


def test_keys_belong_to_their_caller(demo):
    mine = demo.post(RUNS, headers=keyed("shared-name")).json()
    executive = b.key(demo, {"id": str(DEMO_PARTNERSHIP_ID)}, "executive")
    theirs = demo.post(RUNS, headers={**executive, **keyed("shared-name")})
    assert theirs.status_code == 201 and "idempotent-replayed" not in theirs.headers
    assert theirs.json()["id"] != mine["id"]


def test_a_key_older_than_a_day_is_forgotten(demo, session):
    first = demo.post(RUNS, headers=keyed("yesterday")).json()
    record = session.exec(select(IdempotencyRecord).where(IdempotencyRecord.key == "yesterday")).one()
    record.created_at = utcnow() - timedelta(hours=25)
    session.commit()
    again = demo.post(RUNS, headers=keyed("yesterday"))
    assert again.status_code == 201 and again.json()["id"] != first["id"]


@pytest.mark.parametrize("bad", ["", "x" * 201, "tab\there"])
def test_a_malformed_key_is_422(demo, bad):
    b.assert_problem(demo.post(RUNS, headers=keyed(bad)), 422, "Idempotency-Key")
    assert run_ids(demo) == []


def test_a_replay_is_never_throttled(demo, monkeypatch):
    monkeypatch.setattr(get_settings(), "run_burst", 1)
    first = demo.post(RUNS, headers=keyed("once"))
    assert demo.post(RUNS, headers=keyed("once")).json() == first.json()
    b.assert_problem(demo.post(RUNS), 429)
    assert run_ids(demo) == [first.json()["id"]]


def test_a_concurrent_duplicate_is_409_while_the_first_is_still_solving(committed_demo):
    """Real commits on a file database: the claim is visible to a second request at once."""
    solving, may_finish = threading.Event(), threading.Event()

    class HeldJobs(InlineJobs):
        def submitted(self, run_id):
            solving.set()
            may_finish.wait(timeout=60)
            super().submitted(run_id)  # on committed_demo, the app's database

    app.dependency_overrides[get_job_engine] = lambda: HeldJobs()
    with TestClient(app, headers=DEV_AUTH) as client, ThreadPoolExecutor(max_workers=1) as pool:
        first = pool.submit(client.post, RUNS, headers=keyed("twice"))
        assert solving.wait(timeout=60)
        b.assert_problem(client.post(RUNS, headers=keyed("twice")), 409, "still being processed")
        may_finish.set()
        answered = first.result(timeout=60)
        replayed = client.post(RUNS, headers=keyed("twice"))
        listed = client.get(f"{BASE}/runs").json()["items"]
    assert answered.status_code == 201 and replayed.headers["idempotent-replayed"] == "true"
    assert replayed.json() == answered.json() and [r["id"] for r in listed] == [answered.json()["id"]]


def test_a_different_request_whose_claim_collides_with_the_first_is_422_too(session, monkeypatch):
    """On PostgreSQL two claims of one key at once both read nothing; the second's insert waits for the first
    to commit and then fails. It must be judged like a claim that read the first one: a different request
    is a 422 (a 409 would say to retry, and a retry could never succeed), the same one a 409."""
    first = idempotency.claim(session, SYSTEM, "collide", method="POST", path="/v1/x", request_hash="a")
    assert isinstance(first, uuid.UUID)
    reads = iter([None])  # the second claim's first read came before the first claim committed
    claimed = idempotency._claimed
    monkeypatch.setattr(idempotency, "_claimed", lambda *args: next(reads, claimed(*args)))
    with pytest.raises(InvalidInput, match="different request"):
        idempotency.claim(session, SYSTEM, "collide", method="POST", path="/v1/x", request_hash="b")
    reads = iter([None])
    with pytest.raises(Conflict, match="still being processed"):
        idempotency.claim(session, SYSTEM, "collide", method="POST", path="/v1/x", request_hash="a")
    assert session.exec(select(IdempotencyRecord).where(IdempotencyRecord.key == "collide")).one().id == first


def test_a_keyed_api_key_is_issued_once_and_its_secret_is_never_kept(demo, session):
    body = {"name": "Council finance system", "role": "scrutiny"}
    first = demo.post(f"{BASE}/api-keys", json=body, headers=keyed("issue-once"))
    assert first.status_code == 201 and first.json()["key"]
    secret = first.json()["key"]
    again = demo.post(f"{BASE}/api-keys", json=body, headers=keyed("issue-once"))
    assert again.status_code == 201 and again.headers["idempotent-replayed"] == "true"
    assert again.json() == {**first.json(), "key": None}
    assert again.headers["location"] == first.headers["location"]
    stored = session.exec(select(IdempotencyRecord).where(IdempotencyRecord.key == "issue-once")).one()
    assert secret not in (stored.response_body or "") and secret[-12:] not in str(stored.response_headers)
    keys = demo.get(f"{BASE}/api-keys", params={"page_size": 200}).json()["items"]
    assert [k["id"] for k in keys if k["name"] == body["name"]] == [first.json()["id"]]
    reader = TestClient(app, headers={"Authorization": f"Bearer {secret}"})
    assert reader.get(f"{BASE}/scrutiny-pack", params={"financial_year": "2009-10"}).status_code == 200
