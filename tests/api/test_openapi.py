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
