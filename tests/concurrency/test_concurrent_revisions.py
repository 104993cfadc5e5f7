"""Revising one declined proposal from two clients at once, against the real service on SQLite and on
PostgreSQL: one revision and one 409, every time; and after kill -9 in the middle of revisions, each
proposal is as it was or revised whole (the revision, its sign-offs, the link and the audit events)."""

import os
import signal
import threading
import uuid

import pytest
from sqlmodel import Session, col, select

from service.domain.common.demo_ids import DEMO_SCENARIO_ID
from service.domain.models.access import AuditEvent
from service.domain.models.proposal import Proposal, ProposalSignOff
from tests.live import DEMO, at_once, serving

TRIALS = 8  # each a real race; more add minutes, not confidence


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def live(request, tmp_path_factory):
    with serving(request.param, tmp_path_factory.mktemp("revisions")) as service:
        with service.client() as client:
            runs = [client.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs").json() for _ in range(2)]
        assert [r["status"] for r in runs] == ["optimal", "optimal"], runs
        service.runs = [r["id"] for r in runs]  # type: ignore[attr-defined]
        yield service


def declined(live, client) -> dict:
    made = client.post(f"{DEMO}/proposals", json={"run_id": live.runs[0], "name": "To be declined"})
    assert made.status_code == 201, made.text
    proposal = client.post(f"{DEMO}/proposals/{made.json()['id']}/submit").json()
    partner = proposal["sign_offs"][0]["partner_id"]
    proposal = client.post(f"{DEMO}/proposals/{proposal['id']}/decline", json={"partner_id": partner})
    assert proposal.json()["status"] == "declined", proposal.text
    return proposal.json()


def revise(live, client, proposal_id):
    return client.post(f"{DEMO}/proposals/{proposal_id}/revise", json={"run_id": live.runs[1]})


def test_two_revisions_of_one_proposal_at_once_make_one_and_a_409(live):
    for _ in range(TRIALS):
        with live.client() as client:
            old = declined(live, client)
        answers = at_once(2, lambda i, client, pid=old["id"]: revise(live, client, pid), live)
        assert sorted(a.status_code for a in answers) == [201, 409], [a.text for a in answers]
        won, lost = sorted(answers, key=lambda a: a.status_code)
        assert won.json()["id"] in lost.json()["detail"] or "just been revised" in lost.json()["detail"]
        with live.client() as client:
            assert client.get(f"{DEMO}/proposals/{old['id']}").json()["revised_by_id"] == won.json()["id"]
        with Session(live.engine) as session:
            found = session.exec(select(Proposal).where(col(Proposal.revises_id) == uuid.UUID(old["id"]))).all()
            assert len(found) == 1


def test_after_kill_9_each_proposal_is_as_it_was_or_revised_whole(live):
    with live.client() as client:
        olds = [declined(live, client)["id"] for _ in range(TRIALS)]
    answered: list[str] = []
    started = threading.Event()

    def reviser(i, client):
        for pid in olds:
            try:
                started.set()
                if revise(live, client, pid).status_code == 201:
                    answered.append(pid)
            except Exception:  # noqa: BLE001 - a killed server drops the connection mid-request
                return

    def killer(i, client):
        started.wait()
        with live.client() as watching:  # kill once a few revisions have gone through
            while len(answered) < 3:
                watching.get(f"{DEMO}/proposals", params={"page_size": 1})
        os.kill(live.process.pid, signal.SIGKILL)

    at_once(2, lambda i, client: reviser(i, client) if i == 0 else killer(i, client), live)
    live.process.wait()
    live.restart()
    with Session(live.engine) as session:
        for pid in olds:
            old = uuid.UUID(pid)
            revisions = session.exec(select(Proposal).where(col(Proposal.revises_id) == old)).all()
            events = session.exec(select(AuditEvent.action).where(col(AuditEvent.entity_id) == old)).all()
            assert len(revisions) <= 1
            assert ("revise" in events) == bool(revisions), (pid, events)
            if revisions:
                signs = session.exec(select(ProposalSignOff).where(
                    col(ProposalSignOff.proposal_id) == revisions[0].id)).all()
                assert signs and session.get(Proposal, old).version == 4  # create, submit, decline, revise
            if pid in answered:
                assert revisions, pid  # an acknowledged revision survives
    with live.client() as client:
        assert client.get(f"{DEMO}/proposals/{olds[-1]}").status_code == 200
