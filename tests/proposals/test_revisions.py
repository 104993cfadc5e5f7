"""Revising a declined or withdrawn proposal, and sign-offs due by each partner's budget-setting date."""

from datetime import date, timedelta

import pytest

from service.domain.models.calendar import DeadlineState
from service.domain.models.proposal import SignOffStatus
from service.domain.proposals import deadlines
from tests import builders as b
from tests.proposals.test_proposals import act, done, events, in_status, url


def new_run(client, w) -> dict:
    run = b.created(client.post(b.under(w.p, f"scenarios/{w.scenario['id']}/runs")))
    assert run["status"] == "optimal"
    return run


def revise(client, w, proposal, run_id, **body):
    return client.post(url(w, f"/{proposal['id']}/revise"), json={"run_id": run_id, **body})


@pytest.mark.parametrize("status", ["declined", "withdrawn"])
def test_a_declined_or_withdrawn_proposal_is_revised_from_a_new_run_keeping_its_history(client, world, status):
    old = in_status(client, world, status)
    run = new_run(client, world)
    trail = events(client, world)
    response = revise(client, world, old, run["id"], name="Revised plan")
    revision = b.created(response)
    assert response.headers["location"].endswith(f"/proposals/{revision['id']}")
    assert (revision["status"], revision["run_id"], revision["revises_id"], revision["title"]) == (
        "draft", run["id"], old["id"], "Revised plan")
    assert all(s["status"] == "pending" for s in revision["sign_offs"])
    kept = client.get(url(world, f"/{old['id']}")).json()
    assert kept["status"] == status and kept["revised_by_id"] == revision["id"] and kept["allowed_actions"] == []
    assert kept["sign_offs"] == old["sign_offs"] and kept["version"] == old["version"] + 1
    added = events(client, world)[len(trail):]
    assert [(e["action"], e["entity_id"]) for e in added] == [("create", revision["id"]), ("revise", old["id"])]
    assert added[1]["before"] == old and added[1]["after"] == kept
    submitted = done(act(client, world, revision, "submit"))  # a revision goes on as any draft
    assert submitted["status"] == "submitted"


def test_a_proposal_is_revised_once_and_only_when_declined_or_withdrawn(client, world):
    old = in_status(client, world, "declined")
    run, other = new_run(client, world), new_run(client, world)
    first = b.created(revise(client, world, old, run["id"]))
    second = revise(client, world, old, other["id"])
    problem = b.assert_problem(second, 409, "already been revised", first["id"])
    assert (problem["allowed_actions"], problem["revised_by_id"]) == ([], first["id"])
    draft = client.get(url(world, f"/{first['id']}")).json()
    b.assert_problem(revise(client, world, draft, other["id"]), 409, "Cannot revise a draft")
    assert [p["id"] for p in client.get(url(world)).json()["items"]] == [old["id"], first["id"]]


def test_a_revision_needs_a_new_run_for_the_same_year_and_bad_input_changes_nothing(client, world):
    old = in_status(client, world, "withdrawn")
    trail = events(client, world)
    same = revise(client, world, old, old["run_id"])
    assert b.assert_problem(same, 422, "own run")["errors"][0]["loc"] == ["body", "run_id"]
    malformed = revise(client, world, old, "not-a-uuid")
    assert b.assert_problem(malformed, 422)["errors"][0]["loc"][-1] == "run_id"
    assert client.get(url(world, f"/{old['id']}")).json() == old and events(client, world) == trail
    assert len(client.get(url(world)).json()["items"]) == 1


def test_sign_offs_are_due_by_the_partners_budget_setting_date_and_flagged_near_or_past(client, world):
    today = date.today()
    council_due, health_due = today + timedelta(days=3), today - timedelta(days=1)
    for partner, due in ((world.council, council_due), (world.health, health_due)):
        b.created(client.post(b.under(world.p, "budget-dates"), json={
            "partner_id": partner["id"], "financial_year": "2009-10", "set_by": due.isoformat()}))
    proposal = b.created(client.post(url(world), json={"run_id": world.run["id"], "name": "With deadlines"}))
    by_partner = {s["partner_id"]: s for s in proposal["sign_offs"]}
    council, health = by_partner[world.council["id"]], by_partner[world.health["id"]]
    assert (council["due_on"], council["deadline"], council["days_to_deadline"]) == (
        council_due.isoformat(), "near", 3)
    assert (health["due_on"], health["deadline"], health["days_to_deadline"]) == (health_due.isoformat(), "past", -1)
    assert proposal["deadline"] == "past"
    proposal = done(act(client, world, proposal, "submit"))
    proposal = done(act(client, world, proposal, "confirm", partner_id=world.health["id"]))
    answered = {s["partner_id"]: s["deadline"] for s in proposal["sign_offs"]}
    assert answered == {world.health["id"]: "answered", world.council["id"]: "near"}
    assert proposal["deadline"] == "near"


def test_without_a_budget_setting_date_there_is_no_deadline(client, world):
    proposal = b.created(client.post(url(world), json={"run_id": world.run["id"], "name": "No dates"}))
    assert {(s["due_on"], s["deadline"]) for s in proposal["sign_offs"]} == {(None, "none")}
    assert proposal["deadline"] == "none"


@pytest.mark.parametrize(("days_left", "expected"), [
    (15, DeadlineState.OPEN), (14, DeadlineState.NEAR), (0, DeadlineState.NEAR), (-1, DeadlineState.PAST)])
def test_the_deadline_is_near_from_the_warning_days_before_it_to_the_day_itself(days_left, expected):
    today = date(2010, 2, 28)
    due = today + timedelta(days=days_left)
    assert deadlines.state(due, SignOffStatus.PENDING, today, warning_days=14) == expected
    assert deadlines.state(due, SignOffStatus.CONFIRMED, today, warning_days=14) == DeadlineState.ANSWERED


def test_the_warning_days_are_the_settings(monkeypatch):
    from service.settings import get_settings

    monkeypatch.setattr(get_settings(), "deadline_warning_days", 3)
    assert deadlines.state(date(2010, 3, 4), SignOffStatus.PENDING, date(2010, 3, 1)) == DeadlineState.NEAR
    assert deadlines.state(date(2010, 3, 5), SignOffStatus.PENDING, date(2010, 3, 1)) == DeadlineState.OPEN
