"""The committed OpenAPI document is current, and every operation is documented for its users."""

import json
from pathlib import Path

from service.main import app

COMMITTED = Path(__file__).resolve().parents[2] / "openapi" / "openapi.json"


def test_committed_openapi_is_current():
    committed = json.loads(COMMITTED.read_text())
    assert committed == json.loads(json.dumps(app.openapi())), "run `make openapi` and commit"


def operations():
    for path, methods in app.openapi()["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def test_every_operation_is_documented():
    ids = [op["operationId"] for _, _, op in operations()]
    assert len(ids) == len(set(ids))
    for path, method, op in operations():
        assert op.get("tags") and op.get("summary"), (method, path)
        assert "\n" not in op["summary"]
        ok = [code for code in op["responses"] if code.startswith("2")]
        assert ok, (method, path)
        if path.startswith("/v1/"):
            errors = {code for code in op["responses"] if code.startswith(("4", "5"))}
            assert "422" in errors, (method, path)
            for code in errors:
                assert "application/problem+json" in op["responses"][code]["content"], (method, path, code)


def test_every_create_body_has_an_example():
    schemas = app.openapi()["components"]["schemas"]
    for path, method, op in operations():
        if method == "post" and "requestBody" in op:
            if "multipart/form-data" in op["requestBody"]["content"]:  # a file upload: its description
                assert op.get("description"), path  # documents the file's columns instead
                continue
            ref = op["requestBody"]["content"]["application/json"]["schema"]["$ref"]
            assert schemas[ref.rsplit("/", 1)[1]].get("examples"), path


def test_every_error_is_declared_as_the_problem_the_service_sends():
    for path, method, op in operations():
        for code, response in op["responses"].items():
            if code.startswith(("4", "5")) and path != "/readyz":
                assert list(response["content"]) == ["application/problem+json"], (method, path, code)
                assert response["content"]["application/problem+json"]["schema"] == {
                    "$ref": "#/components/schemas/Problem"}
                assert response["description"] and response["content"]["application/problem+json"]["example"]


def test_each_operation_declares_every_status_its_shape_can_answer_with():
    for path, method, op in operations():
        codes = set(op["responses"])
        assert "406" in codes, (method, path)
        if not path.startswith("/v1/"):
            continue
        assert {"401", "403", "422", "503"} <= codes, (method, path)
        if "{" in path:
            assert "404" in codes, (method, path)
        if "requestBody" in op:
            assert {"413", "415"} <= codes, (method, path)
        if_match = [p for p in op.get("parameters", []) if p["name"] == "If-Match"]
        if if_match:
            assert {"400", "412"} <= codes and ("428" in codes) == if_match[0]["required"], (method, path)
    for code in ("429", "503"):
        assert "Retry-After" in app.openapi()["paths"][
            "/v1/partnerships/{partnership_id}/scenarios/{scenario_id}/runs"]["post"]["responses"][code]["headers"]


def test_the_headers_of_each_answer_are_declared():
    for path, method, op in operations():
        for code, response in op["responses"].items():
            headers = response.get("headers", {})
            if code == "201":
                assert "Location" in headers, (method, path)
            if code.startswith("2") and code != "204" and method == "post":
                assert "Idempotent-Replayed" in headers, (method, path)
    read = app.openapi()["paths"]["/v1/partnerships/{partnership_id}/goals/{goal_id}"]
    for method in ("get", "patch"):
        assert "ETag" in read[method]["responses"]["200"]["headers"], method


def test_schema_names_are_distinct_for_client_generators():
    schemas = app.openapi()["components"]["schemas"]
    titles = [schema.get("title", name) for name, schema in schemas.items()]
    assert len(titles) == len(set(titles))
    assert not [name for name in schemas if "-" in name]


def test_every_operation_and_parameter_is_described():
    for path, method, op in operations():
        assert op.get("description"), (method, path)
        for parameter in op.get("parameters", []):
            assert parameter.get("description"), (method, path, parameter["name"])


# Schemas FastAPI or pydantic make rather than the service; none remain in the document (contract.py drops
# FastAPI's HTTPValidationError and ValidationError, which the service never sends).
FRAMEWORK_SCHEMAS: frozenset[str] = frozenset()


def test_every_field_of_every_schema_is_described():
    schemas = app.openapi()["components"]["schemas"]
    undescribed = [f"{name}.{field}" for name, schema in schemas.items() if name not in FRAMEWORK_SCHEMAS
                   for field, spec in schema.get("properties", {}).items()
                   if not str(spec.get("description", "")).strip()]
    assert not undescribed, f"describe these fields (Field(description=...) or glossary.FIELDS): {undescribed}"
