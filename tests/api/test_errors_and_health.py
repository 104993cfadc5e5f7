"""Errors are problem+json whoever caused them; health endpoints tell the orchestrator the truth."""

from fastapi.testclient import TestClient

from service.api.deps import get_engine, get_session
from service.domain.common.db import make_engine
from service.main import app
from tests import builders as b


def test_unknown_route_and_method_are_problems(client):
    b.assert_problem(client.get("/v1/nowhere"), 404)
    b.assert_problem(client.put("/v1/partnerships"), 405)


def test_malformed_json_is_422(client):
    response = client.post("/v1/partnerships", content=b"{not json",
                           headers={"content-type": "application/json"})
    b.assert_problem(response, 422)


def test_an_unexpected_failure_is_a_500_problem_without_a_trace(client):
    def broken():
        raise RuntimeError("secret internals")

    app.dependency_overrides[get_session] = broken
    response = client.get("/v1/partnerships")
    body = b.assert_problem(response, 500)
    assert "secret" not in response.text and "Traceback" not in response.text
    assert body["instance"] == "/v1/partnerships"


def test_livez_and_readyz(client):
    assert client.get("/livez").json() == {"status": "ok"}
    assert client.get("/readyz").status_code == 200


def test_readyz_is_503_before_migrations(tmp_path):
    app.dependency_overrides[get_engine] = lambda: make_engine(f"sqlite:///{tmp_path / 'empty.db'}")
    try:
        with TestClient(app) as client:
            response = client.get("/readyz")
    finally:
        app.dependency_overrides.clear()
    assert response.status_code == 503 and "migrations" in response.json()["detail"]
    assert response.headers["retry-after"]
