"""Proposals: the state machine, who may move it, If-Match, the audit trail, supersession and immutability."""

import uuid
from dataclasses import dataclass
from typing import Any

import pytest

from service.domain import runs
from service.domain.access.principal import SYSTEM
from service.domain.models.access import Role
from tests import builders as b

STATUSES = ["draft", "submitted", "confirmed", "agreed", "rejected", "declined", "withdrawn", "superseded"]
ACTIONS = ["submit", "withdraw", "confirm", "decline", "approve", "reject"]
# The state machine: (status, action) -> status afterwards. Every other pair is a 409.
LEGAL = {("draft", "submit"): "submitted", ("draft", "withdraw"): "withdrawn",
         ("submitted", "confirm"): "submitted",  # one of two partners: the other has still to answer
         ("submitted", "decline"): "declined", ("submitted", "withdraw"): "withdrawn",
         ("confirmed", "approve"): "agreed", ("confirmed", "reject"): "rejected",
         ("confirmed", "withdraw"): "withdrawn"}
REVISABLE = ("declined", "withdrawn")  # revise makes a new proposal (tests/proposals/test_revisions.py)
ALLOWED_FROM = {status: sorted([*(a for s, a in LEGAL if s == status), *(["revise"] if status in REVISABLE else [])])
                for status in STATUSES}
WHO = {"submit": Role.EXECUTIVE, "withdraw": Role.EXECUTIVE, "confirm": Role.PARTNER_FINANCE,
       "decline": Role.PARTNER_FINANCE, "approve": Role.STRATEGIC_BOARD, "reject": Role.STRATEGIC_BOARD}


@dataclass
class World:
    p: dict[str, Any]
    run: dict[str, Any]
    council: dict[str, Any]
    health: dict[str, Any]
    scenario: dict[str, Any]
    streams: list[dict[str, Any]]


@pytest.fixture
def world(client) -> World:
    """One optimal run funding one intervention from two partners' pooled streams."""
    p = b.partnership(client)
    theme = b.theme(client, p)
    council = b.partner(client, p)
    health = b.partner(client, p, name="Northshire PCT", sector="health")
    goal = b.goal(client, p, theme["id"])
    streams = [b.stream(client, p, partner["id"], name=f"{partner['name']} budget") for partner in (council, health)]
    b.intervention(client, p, theme["id"], council["id"], effects=[{"goal_id": goal["id"], "per_thousand": "-0.01"}])
    scenario = b.created(client.post(b.under(p, "scenarios"), json={"name": "Default", "financial_year": "2009-10"}))
    run = b.created(client.post(b.under(p, f"scenarios/{scenario['id']}/runs")))
    assert run["status"] == "optimal"
    return World(p, run, council, health, scenario, streams)


def url(w: World, path: str = "") -> str:
    return b.under(w.p, f"proposals{path}")


def propose(client, w: World, run_id: str | None = None) -> dict[str, Any]:
    return b.created(client.post(url(w), json={"run_id": run_id or w.run["id"], "title": "2009-10 allocation"}))


def body_for(action: str, proposal: dict[str, Any]) -> dict[str, Any] | None:
    pending = [s["partner_id"] for s in proposal["sign_offs"] if s["status"] == "pending"]
    return {"confirm": {"partner_id": (pending or [str(uuid.uuid4())])[0], "comment": "Within our budget."},
            "decline": {"partner_id": (pending or [str(uuid.uuid4())])[0], "comment": "Not this year."},
            "approve": {"reason": "Meets the LAA targets."}, "reject": {"reason": "Too little for safety."}}.get(action)


def act(client, w: World, proposal: dict[str, Any], action: str, headers: dict[str, str] | None = None,
        **body: Any):
    payload = None if body_for(action, proposal) is None else body_for(action, proposal) | body
    return client.post(url(w, f"/{proposal['id']}/{action}"), json=payload, headers=headers or {})


def done(response) -> dict[str, Any]:
    assert response.status_code == 200, response.text
    assert response.headers["etag"] == f'"v{response.json()["version"]}"'
    return response.json()


STEPS = {"draft": [], "submitted": ["submit"], "confirmed": ["submit", "confirm", "confirm"],
         "agreed": ["submit", "confirm", "confirm", "approve"], "rejected": ["submit", "confirm", "confirm", "reject"],
         "declined": ["submit", "decline"], "withdrawn": ["withdraw"]}


def in_status(client, w: World, status: str) -> dict[str, Any]:
    """A new proposal driven through the API to `status`."""
    if status == "superseded":
        older = in_status(client, w, "agreed")
        in_status(client, w, "agreed")
        proposal = client.get(url(w, f"/{older['id']}")).json()
    else:
        proposal = propose(client, w)
        for action in STEPS[status]:
            proposal = done(act(client, w, proposal, action))
    assert proposal["status"] == status
    return proposal


def events(client, w: World) -> list[dict[str, Any]]:
    return client.get(b.under(w.p, "audit-events"), params={"entity": "proposal", "page_size": 200}).json()["items"]


def key(client, w: World, role: Role, partner: dict[str, Any] | None = None) -> tuple[dict[str, str], str]:
    """Headers of a new key of `role`, and the subject the audit trail records for it."""
    issued = b.created(client.post(b.under(w.p, "api-keys"), json={
        "name": f"{role} key", "role": role, **({"partner_id": partner["id"]} if partner else {})}))
    return {"Authorization": f"Bearer {issued['key']}"}, f"api-key:{issued['prefix']}"


def test_a_draft_copies_the_runs_allocation_and_asks_each_contributing_partner(client, world):
    allocation = client.get(b.under(world.p, f"runs/{world.run['id']}/allocation")).json()
    proposal = propose(client, world)
    assert proposal["status"] == "draft" and proposal["financial_year"] == "2009-10"
    assert proposal["total"] == allocation["total"] and proposal["run_id"] == world.run["id"]
    assert [{k: line[k] for k in allocation["lines"][0]} for line in proposal["allocation"]] == allocation["lines"]
    assert {line["theme"] for line in proposal["allocation"]} == {"Children and young people"}
    assert {(s["partner_id"], s["contribution"], s["status"]) for s in proposal["sign_offs"]} == {
        (p["id"], p["amount"], "pending") for p in allocation["by_partner"]}
    assert len(proposal["sign_offs"]) == 2 and proposal["allowed_actions"] == ["submit", "withdraw"]
    assert client.get(url(world, f"/{proposal['id']}")).json() == proposal
    [event] = events(client, world)
    assert (event["action"], event["before"], event["after"]) == ("create", None, proposal)


def test_the_lifecycle_with_each_roles_own_key(client, world):
    executive, executive_subject = key(client, world, Role.EXECUTIVE)
    board, board_subject = key(client, world, Role.STRATEGIC_BOARD)
    finance = {p["id"]: key(client, world, Role.PARTNER_FINANCE, p) for p in (world.council, world.health)}
    proposal = b.created(client.post(url(world), json={"run_id": world.run["id"], "title": "Plan"}, headers=executive))
    assert proposal["created_by"] == executive_subject
    steps = [("submit", executive, {}), *[("confirm", finance[s["partner_id"]][0], {"partner_id": s["partner_id"]})
                                          for s in proposal["sign_offs"]], ("approve", board, {})]
    for n, (action, headers, body) in enumerate(steps):
        before, trail = client.get(url(world, f"/{proposal['id']}")).json(), events(client, world)
        proposal = done(act(client, world, proposal, action, headers=headers, **body))
        after_trail = events(client, world)
        assert len(after_trail) == len(trail) + 1  # exactly one audit event per write
        assert (after_trail[-1]["action"], after_trail[-1]["before"], after_trail[-1]["after"]) == (
            action, before, proposal)
        if n == 1:
            assert proposal["status"] == "submitted"  # one partner of two has confirmed
            answered = [s for s in proposal["sign_offs"] if s["status"] == "confirmed"]
            assert [(s["comment"], s["decided_by"]) for s in answered] == [
                ("Within our budget.", finance[answered[0]["partner_id"]][1])]
    assert proposal["status"] == "agreed" and proposal["allowed_actions"] == []
    assert (proposal["decided_by"], proposal["decision_reason"]) == (board_subject, "Meets the LAA targets.")
    assert all(s["status"] == "confirmed" and s["decided_at"] for s in proposal["sign_offs"])
    assert proposal["version"] == 5
    council_finance = finance[world.council["id"]][0]
    for action, start_status, headers, body in (
            ("withdraw", "draft", executive, {}), ("reject", "confirmed", board, {}),
            ("decline", "submitted", council_finance, {"partner_id": world.council["id"]})):
        start = in_status(client, world, start_status)
        ended = done(act(client, world, start, action, headers=headers, **body))
        assert ended["status"] == LEGAL[start_status, action]


@pytest.mark.parametrize("status", STATUSES)
def test_every_action_from_every_status(client, world, status):
    refused = in_status(client, world, status)  # an illegal action changes nothing, so one proposal serves them all
    for action in ACTIONS:
        proposal = in_status(client, world, status) if (status, action) in LEGAL else refused
        trail = events(client, world)
        response = act(client, world, proposal, action)
        if (status, action) in LEGAL:
            after = done(response)
            assert after["status"] == LEGAL[status, action], (status, action)
            assert len(events(client, world)) == len(trail) + 1
            continue
        problem = b.assert_problem(response, 409, action, status, *(ALLOWED_FROM[status] or ["final"]))
        assert (problem["current_status"], sorted(problem["allowed_actions"])) == (status, ALLOWED_FROM[status])
        assert client.get(url(world, f"/{proposal['id']}")).json() == proposal
        assert events(client, world) == trail


def test_each_action_needs_its_role(client, world):
    keys = {role: key(client, world, role, world.council if role == Role.PARTNER_FINANCE else None)[0]
            for role in Role}
    proposal = in_status(client, world, "submitted")
    trail = events(client, world)
    for action, allowed in WHO.items():
        for role in set(Role) - {allowed}:
            b.assert_problem(act(client, world, proposal, action, headers=keys[role]), 403, allowed)
    for role in set(Role) - {Role.EXECUTIVE}:
        b.assert_problem(client.post(url(world), json={"run_id": world.run["id"], "title": "x"}, headers=keys[role]),
                         403, "executive")
    for role in Role:
        assert client.get(url(world, f"/{proposal['id']}"), headers=keys[role]).json() == proposal
        assert [p["id"] for p in client.get(url(world), headers=keys[role]).json()["items"]] == [proposal["id"]]
    assert events(client, world) == trail


def test_a_finance_officer_answers_only_for_their_own_partner(client, world):
    council_key, _ = key(client, world, Role.PARTNER_FINANCE, world.council)
    proposal = in_status(client, world, "submitted")
    for action in ("confirm", "decline"):
        b.assert_problem(act(client, world, proposal, action, headers=council_key, partner_id=world.health["id"]),
                         403, world.health["id"])
    assert client.get(url(world, f"/{proposal['id']}")).json() == proposal
    answered = done(act(client, world, proposal, "confirm", headers=council_key, partner_id=world.council["id"]))
    assert {s["partner_id"]: s["status"] for s in answered["sign_offs"]} == {
        world.council["id"]: "confirmed", world.health["id"]: "pending"}


def test_answers_must_come_from_a_contributing_partner_once(client, world):
    bystander = b.partner(client, world.p, name="Fire and Rescue", sector="fire_rescue")
    proposal = in_status(client, world, "submitted")
    b.assert_problem(act(client, world, proposal, "confirm", partner_id=bystander["id"]), 422, "contributes nothing")
    first = done(act(client, world, proposal, "confirm", partner_id=world.council["id"]))
    trail = events(client, world)
    for action in ("confirm", "decline"):
        b.assert_problem(act(client, world, first, action, partner_id=world.council["id"]), 409, "already confirmed")
    assert client.get(url(world, f"/{proposal['id']}")).json() == first and events(client, world) == trail


def test_stale_if_match_is_412_and_changes_nothing(client, world):
    proposal = propose(client, world)
    submit = url(world, f"/{proposal['id']}/submit")
    problem = b.assert_problem(client.post(submit, headers={"If-Match": '"v0"'}), 412, '"v1"')
    assert problem["current_etag"] == '"v1"'
    assert client.get(url(world, f"/{proposal['id']}")).json() == proposal and len(events(client, world)) == 1
    submitted = done(client.post(submit, headers={"If-Match": '"v1"'}))
    b.assert_problem(act(client, world, submitted, "confirm", headers={"If-Match": '"v1"'}), 412, '"v2"')
    assert client.get(url(world, f"/{proposal['id']}")).json() == submitted
    assert done(act(client, world, submitted, "confirm", headers={"If-Match": '"v2"'}))["version"] == 3


def test_rejection_needs_a_reason(client, world):
    proposal = in_status(client, world, "confirmed")
    for body in ({}, {"reason": "   "}):
        b.assert_problem(client.post(url(world, f"/{proposal['id']}/reject"), json=body), 422, "reason")
    assert client.get(url(world, f"/{proposal['id']}")).json() == proposal
    rejected = done(act(client, world, proposal, "reject"))
    assert (rejected["decision_reason"], rejected["decided_by"]) == ("Too little for safety.", "development-admin")


def test_only_a_finished_run_with_an_allocation_can_be_proposed(client, session, world):
    lock = {"intervention_id": client.get(b.under(world.p, "interventions")).json()["items"][0]["id"],
            "kind": "minimum", "amount": "900000000.00"}
    impossible = b.created(client.post(b.under(world.p, "scenarios"), json={
        "name": "Impossible", "financial_year": "2009-10", "options": {"locks": [lock]}}))
    infeasible = b.created(client.post(b.under(world.p, f"scenarios/{impossible['id']}/runs")))
    b.assert_problem(client.post(url(world), json={"run_id": infeasible["id"], "title": "x"}), 409, "infeasible")
    running = runs.start(session, uuid.UUID(world.p["id"]), scenario_id=uuid.UUID(world.scenario["id"]),
                         limits=runs.RunLimits(max_pairs=10_000, burst=100, window_seconds=60), actor=SYSTEM)
    b.assert_problem(client.post(url(world), json={"run_id": str(running.id), "title": "x"}), 409, "not finished")
    unknown = str(uuid.uuid4())
    b.assert_problem(client.post(url(world), json={"run_id": unknown, "title": "x"}), 404, unknown)
    other = b.partnership(client, name="Other")
    b.assert_problem(client.post(b.under(other, "proposals"), json={"run_id": world.run["id"], "title": "x"}), 404)
    b.assert_problem(client.post(url(world), json={"run_id": world.run["id"]}), 422, "name")
    assert client.get(url(world)).json()["items"] == [] and events(client, world) == []


def test_an_agreed_proposal_supersedes_the_years_previous_one_only(client, world):
    first = in_status(client, world, "agreed")
    second = in_status(client, world, "agreed")
    assert second["supersedes_id"] == first["id"]
    assert events(client, world)[-1]["after"] == second  # the approval's one event names what it superseded
    now = client.get(url(world, f"/{first['id']}")).json()
    assert (now["status"], now["superseded_by_id"]) == ("superseded", second["id"])
    assert now["version"] == first["version"] + 1 and now["allowed_actions"] == []
    moved = ("status", "superseded_by_id", "version", "updated_at")
    assert {k: v for k, v in now.items() if k not in moved} == {k: v for k, v in first.items() if k not in moved}
    for partner in (world.council, world.health):
        b.stream(client, world.p, partner["id"], name=f"{partner['name']} 2010-11", financial_year="2010-11")
    later = b.created(client.post(b.under(world.p, "scenarios"), json={"name": "Next", "financial_year": "2010-11"}))
    later_run = b.created(client.post(b.under(world.p, f"scenarios/{later['id']}/runs")))
    next_year = propose(client, world, later_run["id"])
    for action in STEPS["agreed"]:
        next_year = done(act(client, world, next_year, action))
    assert (next_year["financial_year"], next_year["supersedes_id"]) == ("2010-11", None)
    agreed = client.get(url(world), params={"status": "agreed"}).json()["items"]
    assert [p["id"] for p in agreed] == [second["id"], next_year["id"]]


def test_an_agreed_proposal_never_changes_when_the_register_or_runs_do(client, world):
    agreed = in_status(client, world, "agreed")
    read = client.get(url(world, f"/{agreed['id']}"))
    for stream in world.streams:
        assert client.patch(b.under(world.p, f"funding-streams/{stream['id']}"), json={
            "least_contribution": "0.00", "most_contribution": "50000.00"}, headers=b.ANY).status_code == 200
    assert client.delete(b.under(world.p, f"scenarios/{world.scenario['id']}"), headers=b.ANY).status_code == 204
    replay = b.created(client.post(b.under(world.p, f"runs/{world.run['id']}/replay")))
    assert replay["scenario_id"] is None and replay["result"]["total_allocated"] == agreed["total"]
    fresh = b.created(client.post(b.under(world.p, "scenarios"), json={"name": "Again", "financial_year": "2009-10"}))
    rerun = b.created(client.post(b.under(world.p, f"scenarios/{fresh['id']}/runs")))
    assert rerun["result"]["total_allocated"] == "100000.00"  # the register now offers far less
    again = client.get(url(world, f"/{agreed['id']}"))
    assert again.json() == read.json() == agreed and again.headers["etag"] == read.headers["etag"]


def test_proposals_are_listed_filtered_and_kept_to_their_partnership(client, world):
    draft = propose(client, world)
    submitted = in_status(client, world, "submitted")
    listed = client.get(url(world), params={"status": "submitted"}).json()
    assert [p["id"] for p in listed["items"]] == [submitted["id"]]
    by_year = client.get(url(world), params={"financial_year": "2009-10", "page_size": 1}).json()
    assert [p["id"] for p in by_year["items"]] == [draft["id"]] and by_year["next_cursor"]
    rest = client.get(url(world), params={"financial_year": "2009-10", "cursor": by_year["next_cursor"]}).json()
    assert [p["id"] for p in rest["items"]] == [submitted["id"]] and rest["items"][0] == submitted
    assert client.get(url(world), params={"financial_year": "2010-11"}).json()["items"] == []
    b.assert_problem(client.get(url(world), params={"financial_year": "2009-11"}), 422, "financial_year")
    b.assert_problem(client.get(url(world), params={"status": "pending"}), 422, "status")
    other = b.partnership(client, name="Other")
    b.assert_problem(client.get(b.under(other, f"proposals/{draft['id']}")), 404, draft["id"])
    b.assert_problem(client.post(b.under(other, f"proposals/{draft['id']}/submit")), 404, draft["id"])
    assert client.get(url(world, f"/{draft['id']}")).json() == draft
