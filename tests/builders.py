"""Small builders that create register resources through the API, as a client would."""

from typing import Any

from fastapi.testclient import TestClient

ANY = {"If-Match": "*"}  # for a change that is not about concurrency: whatever version is current


def created(response: Any) -> dict[str, Any]:
    assert response.status_code == 201, response.text
    return response.json()


def partnership(client: TestClient, **fields: Any) -> dict[str, Any]:
    body = {"name": "Northshire Partnership", "area_code": "E06000047", **fields}
    return created(client.post("/v1/partnerships", json=body))


def under(p: dict[str, Any], path: str) -> str:
    return f"/v1/partnerships/{p['id']}/{path}"


def partner(client: TestClient, p: dict[str, Any], **fields: Any) -> dict[str, Any]:
    body = {"name": "Northshire Council", "sector": "local_authority", **fields}
    return created(client.post(under(p, "partners"), json=body))


def theme(client: TestClient, p: dict[str, Any], **fields: Any) -> dict[str, Any]:
    body = {"name": "Children and young people", **fields}
    return created(client.post(under(p, "themes"), json=body))


def stream(client: TestClient, p: dict[str, Any], partner_id: str, **fields: Any) -> dict[str, Any]:
    body = {"partner_id": partner_id, "name": "Mainstream budget", "financial_year": "2009-10",
            "amount": "1000000.00", "kind": "mainstream", "arrangement": "pooled",
            "least_contribution": "100000.00", "most_contribution": "800000.00", **fields}
    return created(client.post(under(p, "funding-streams"), json=body))


def goal(client: TestClient, p: dict[str, Any], theme_id: str, **fields: Any) -> dict[str, Any]:
    body = {"theme_id": theme_id, "indicator_code": "NI 112", "title": "Under-18 conception rate",
            "unit": "per 1,000 females aged 15-17", "polarity": "lower_is_better",
            "baseline_value": "45.2", "baseline_year": "2008", "target_value": "38.0",
            "target_year": "2010-11", "weight": "3", "is_laa_target": True, **fields}
    return created(client.post(under(p, "goals"), json=body))


def intervention(client: TestClient, p: dict[str, Any], theme_id: str, lead_partner_id: str,
                 **fields: Any) -> dict[str, Any]:
    body = {"theme_id": theme_id, "lead_partner_id": lead_partner_id,
            "title": "Sexual health outreach", "capacity": "600000.00", **fields}
    return created(client.post(under(p, "interventions"), json=body))


def one_of_each(client: TestClient, p: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """A theme, a partner, its funding stream, a goal and an intervention that moves the goal."""
    made = {"theme": theme(client, p), "partner": partner(client, p)}
    made["funding_stream"] = stream(client, p, made["partner"]["id"])
    made["goal"] = goal(client, p, made["theme"]["id"])
    made["intervention"] = intervention(client, p, made["theme"]["id"], made["partner"]["id"],
                                        effects=[{"goal_id": made["goal"]["id"], "per_thousand": "-0.01"}])
    return made


def assert_problem(response: Any, status: int, *fragments: str) -> dict[str, Any]:
    """The response is an RFC 9457 problem with `status` whose detail names every fragment."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body["type"].startswith("urn:") and body["title"]
    for fragment in fragments:
        assert fragment in body["detail"], (fragment, body["detail"])
    return body


def key(client: TestClient, p: dict[str, Any], role: str, partner_id: str | None = None) -> dict[str, str]:
    """Authorization headers for a new API key of `role` in partnership `p`."""
    body = {"name": f"{role} test key", "role": role, **({"partner_id": partner_id} if partner_id else {})}
    issued = created(client.post(under(p, "api-keys"), json=body))
    return {"Authorization": f"Bearer {issued['key']}"}
