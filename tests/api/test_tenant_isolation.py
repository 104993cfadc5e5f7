"""A key of partnership A can neither read nor change anything of partnership B, on any route."""

import pytest

from service.api.policy import POLICY, SERVICE_ADMIN
from service.domain.models.access import Role
from tests import builders as b
from tests.api.test_access_matrix import OPERATIONS, call, fill

ID_ROUTES = [o for o in OPERATIONS if "{partnership_id}" in o[0] and POLICY[o[2]] is not SERVICE_ADMIN]
COLLECTIONS = ["partners", "themes", "funding-streams", "goals", "interventions", "scenarios", "runs",
               "api-keys", "audit-events"]


@pytest.fixture
def world(client):
    """Partnership B with one of everything; partnership A with a key for every role."""
    other = b.partnership(client, name="B")
    theme, partner = b.theme(client, other), b.partner(client, other)
    goal = b.goal(client, other, theme["id"])
    stream = b.stream(client, other, partner["id"])
    intervention = b.intervention(client, other, theme["id"], partner["id"],
                                  effects=[{"goal_id": goal["id"], "per_thousand": "-0.01"}])
    scenario = b.created(client.post(b.under(other, "scenarios"), json={"name": "s", "financial_year": "2009-10"}))
    run = client.post(b.under(other, f"scenarios/{scenario['id']}/runs")).json()
    analysis = client.post(b.under(other, f"runs/{run['id']}/analyses"),
                           json={"kind": "comparison", "compared_with_run_id": run["id"]}).json()
    observation = b.created(client.post(b.under(other, "observations"), json={
        "goal_id": goal["id"], "partner_id": partner["id"], "period": "2009-10", "value": "40"}))
    actual = b.created(client.post(b.under(other, "spend-actuals"), json={
        "intervention_id": intervention["id"], "partner_id": partner["id"], "period": "2009-10", "amount": "1.00"}))
    b.key(client, other, "scrutiny")
    key_id = client.get(b.under(other, "api-keys")).json()["items"][0]["id"]
    ids = {"partnership_id": other["id"], "partner_id": partner["id"], "theme_id": theme["id"],
           "goal_id": goal["id"], "funding_stream_id": stream["id"], "intervention_id": intervention["id"],
           "scenario_id": scenario["id"], "run_id": run["id"], "key_id": key_id,
           "proposal_id": run["id"], "analysis_id": analysis["id"], "kind": "funding-streams",
           "observation_id": observation["id"], "spend_actual_id": actual["id"]}
    own = b.partnership(client, name="A")
    partner_a = b.partner(client, own)
    keys = {role: b.key(client, own, role.value, partner_a["id"] if role == Role.PARTNER_FINANCE else None)
            for role in Role}
    return own, other, ids, keys


def state(client, partnership):
    return {c: client.get(b.under(partnership, c), params={"page_size": 200}).json() for c in COLLECTIONS} | {
        "self": client.get(f"/v1/partnerships/{partnership['id']}").json()}


@pytest.mark.parametrize(("path", "method", "operation"), ID_ROUTES, ids=[o[2] for o in ID_ROUTES])
def test_other_partnerships_records_are_invisible(client, anonymous, world, path, method, operation):
    own, other, ids, keys = world
    headers = keys[sorted(POLICY[operation])[0]]
    before = state(client, other)
    response = call(anonymous, method, fill(path, ids), headers)
    b.assert_problem(response, 404)
    if path.count("{") > 1:
        cross = call(anonymous, method, fill(path, ids | {"partnership_id": own["id"]}), headers)
        b.assert_problem(cross, 404)
    assert state(client, other) == before
