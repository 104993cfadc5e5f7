"""Every operation in the OpenAPI document, for every role: allowed or denied exactly as the policy says,
and no key of one partnership reaches another's records."""

import uuid

import pytest

from service.api.policy import POLICY, SERVICE_ADMIN
from service.domain.models.access import Role
from service.main import app
from tests import builders as b

PUBLIC = {"livez", "readyz", "metrics"}
OPERATIONS = [(path, method, op["operationId"]) for path, methods in app.openapi()["paths"].items()
              for method, op in methods.items()]


def test_every_operation_has_a_policy():
    ids = {op for _, _, op in OPERATIONS}
    assert ids - PUBLIC == set(POLICY), "add the new operation to service/api/policy.py"


def fill(path: str, ids: dict[str, str]) -> str:
    for name in [part[1:-1] for part in path.split("/") if part.startswith("{")]:
        assert name in ids, f"tests/test_access_matrix.py does not know path parameter {name}"
        path = path.replace("{" + name + "}", ids[name])
    return path


def call(client, method: str, url: str, headers: dict[str, str]):
    if method in ("patch", "delete"):
        headers = headers | b.ANY
    if method in ("post", "patch", "put"):
        return client.request(method, url, headers=headers, json={})
    return client.request(method, url, headers=headers)


@pytest.fixture
def keys(client):
    p = b.partnership(client)
    partner = b.partner(client, p)
    headers = {role: b.key(client, p, role.value, partner["id"] if role == Role.PARTNER_FINANCE else None)
               for role in Role}
    return p, headers


def unknown_ids(partnership_id: str) -> dict[str, str]:
    names = ["partner_id", "theme_id", "funding_stream_id", "goal_id", "intervention_id", "scenario_id",
             "run_id", "key_id", "proposal_id", "analysis_id", "kind", "observation_id", "spend_actual_id"]
    return {name: str(uuid.uuid4()) for name in names} | {"partnership_id": partnership_id,
                                                          "kind": "funding-streams"}


@pytest.mark.parametrize(("path", "method", "operation"), [o for o in OPERATIONS if o[2] not in PUBLIC],
                         ids=[o[2] for o in OPERATIONS if o[2] not in PUBLIC])
def test_role_matrix(client, anonymous, keys, path, method, operation):
    p, headers = keys
    url = fill(path, unknown_ids(p["id"]))
    b.assert_problem(call(anonymous, method, url, {}), 401)
    allowed = POLICY[operation]
    for role in Role:
        response = call(anonymous, method, url, headers[role])
        denied = allowed is SERVICE_ADMIN or role not in allowed
        assert (response.status_code == 403) == denied, (role, response.status_code, response.text)
        assert response.status_code != 401 and response.status_code < 500, (role, response.text)
