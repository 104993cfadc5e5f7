"""Every operation in the OpenAPI document shows a real answer (and the body it was sent), captured on the
demo by tests/api/examples.py; each fits its schema, and the ids a reader would send exist in the demo as
`service seed-demo` leaves it."""

import re
import uuid
from typing import Any

import pytest
from jsonschema_rs import Draft202012Validator
from sqlmodel import Session

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_RUN_ID
from service.domain.demo.run import solve_demo_run
from service.main import app

DOCUMENT = app.openapi()
OPERATIONS = [(path, method, operation) for path, methods in DOCUMENT["paths"].items()
              for method, operation in methods.items()]
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
BINARY = {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/pdf"}


def validator(schema: dict[str, Any]) -> Draft202012Validator:
    return Draft202012Validator({**schema, "components": DOCUMENT["components"]})


def successes(operation: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(status, media, content) for status, response in operation["responses"].items()
            if status.startswith("2") for media, content in response.get("content", {}).items()]


@pytest.mark.parametrize(("path", "method", "operation"), OPERATIONS, ids=[o["operationId"] for *_, o in OPERATIONS])
def test_every_answer_and_body_has_a_real_example_that_fits_its_schema(path, method, operation):
    for status, media, content in successes(operation):
        if media in BINARY:
            continue
        assert "example" in content, (status, media)
        if media == "application/json":
            errors = [e.message for e in validator(content["schema"]).iter_errors(content["example"])]
            assert errors == [], (status, errors[:3])
        else:
            assert isinstance(content["example"], str) and content["example"].strip()
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body is not None:
        assert "example" in body
        assert [e.message for e in validator(body["schema"]).iter_errors(body["example"])] == []


def ids_offered(node: Any) -> set[uuid.UUID]:
    """The ids in request bodies, parameter examples and create bodies' schema examples: what Swagger UI
    fills in for a reader."""
    found: set[uuid.UUID] = set()
    for _, _, operation in OPERATIONS:
        for parameter in operation.get("parameters", []):
            for example in [parameter.get("example"), *parameter.get("examples", {}).values()]:
                found |= {uuid.UUID(m) for m in UUID.findall(str(example))}
        body = operation.get("requestBody", {}).get("content", {}).get("application/json", {})
        found |= {uuid.UUID(m) for m in UUID.findall(str(body.get("example")))}
    for schema in DOCUMENT["components"]["schemas"].values():
        if schema.get("examples") and not schema.get("title", "").startswith("Problem"):
            found |= {uuid.UUID(m) for m in UUID.findall(str(schema["examples"]))}
    return found


def test_every_id_an_example_offers_exists_in_the_seeded_demo(demo, session: Session):
    solve_demo_run(session)
    offered = ids_offered(DOCUMENT)
    assert DEMO_RUN_ID in offered and DEMO_PARTNERSHIP_ID in offered
    known: set[uuid.UUID] = set()
    page: dict[str, Any] = {"next_cursor": None}
    while True:  # every page: the demo's observations and actuals alone are hundreds of events
        asked = {"page_size": 200} | ({"cursor": page["next_cursor"]} if page["next_cursor"] else {})
        page = demo.get(f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}/audit-events", params=asked).json()
        known |= {uuid.UUID(event["entity_id"]) for event in page["items"]}
        if not page["next_cursor"]:
            break
    assert offered - known - {DEMO_PARTNERSHIP_ID} == set()


def test_every_parameter_is_described_with_an_example():
    # From next_cursor, or from a create's answer: the demo has none of these.
    opaque = {"cursor", "proposal_id", "key_id", "analysis_id"}
    missing = sorted({(parameter["name"], operation["operationId"]) for _, _, operation in OPERATIONS
                      for parameter in operation.get("parameters", []) if parameter["name"] not in opaque
                      and not {"example", "examples"} & (set(parameter) | set(parameter.get("schema", {})))})
    assert missing == []
    undescribed = [(p["name"], o["operationId"]) for *_, o in OPERATIONS for p in o.get("parameters", [])
                   if not p.get("description")]
    assert undescribed == []
