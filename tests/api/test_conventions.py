"""The HTTP conventions (README, Conventions) hold on every operation in the OpenAPI document, on SQLite and
PostgreSQL: the operations are walked from the document, so a new endpoint that breaks one fails here.

Refused requests share one committed demo (as in test_hostile_text) and must leave it unchanged; the
POSTs that succeed run in the rolled-back `demo` fixture instead.
"""

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.api.observability import uvicorn_options
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID, demo_id
from service.main import app
from tests import builders as b
from tests.api.test_hostile_text import _walked
from tests.conftest import migrated_database

DOCUMENT = app.openapi()
OPERATIONS = [(method, path, operation) for path, methods in DOCUMENT["paths"].items()
              for method, operation in methods.items()]
NAMES = [f"{method.upper()} {path}" for method, path, _ in OPERATIONS]
UNKNOWN = {"not_a_parameter": "NI 40"}
AUDIT = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}/audit-events"
INVALID_REQUEST = "urn:lsp-allocation:problem:invalid-request"


def produced(operation: dict[str, Any]) -> list[str]:
    types = [media.split(";")[0] for status, response in operation["responses"].items() if status.startswith("2")
             for media in response.get("content", {})]
    return list(dict.fromkeys(types)) or ["application/json"]


def consumed(operation: dict[str, Any]) -> list[str]:
    return list(operation.get("requestBody", {}).get("content", {}))


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def walked(request, tmp_path_factory) -> Iterator[tuple[TestClient, dict[str, str]]]:
    with migrated_database(request.param, tmp_path_factory.mktemp("conventions"), demo=True) as engine:
        yield from _walked(engine)


def assert_headers(response: Any, path: str) -> None:
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "server" not in response.headers
    if path.startswith("/v1/"):
        assert response.headers["cache-control"] == "no-store"


def refused(walked, method: str, path: str, status: int, **request: Any) -> Any:
    """The request is refused with a `status` problem carrying the headers, and writes nothing."""
    client, ids = walked
    before = client.get(AUDIT, params={"page_size": 1}).json()
    headers = {"If-Match": "*", **request.pop("headers", {})}
    response = client.request(method, path.format(**ids), headers=headers, **request)
    b.assert_problem(response, status)
    assert_headers(response, path)
    assert client.get(AUDIT, params={"page_size": 1}).json() == before
    return response


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=NAMES)
def test_an_unknown_query_parameter_is_a_422_naming_it(walked, method, path, operation):
    body = refused(walked, method, path, 422, params=UNKNOWN).json()
    assert body["type"] == INVALID_REQUEST and "not_a_parameter" in body["detail"]
    assert body["errors"] == [{"loc": ["query", "not_a_parameter"], "msg": "Unknown query parameter",
                               "type": "extra_forbidden"}]


@pytest.mark.parametrize(("method", "path", "operation"), OPERATIONS, ids=NAMES)
def test_an_accept_it_cannot_answer_is_a_406_and_every_documented_one_passes(walked, method, path, operation):
    body = refused(walked, method, path, 406, headers={"Accept": "application/xml"}).json()
    assert body["type"].endswith(":not-acceptable") and "application/xml" in body["detail"]
    assert body["acceptable"] == [*produced(operation), "application/problem+json"]
    fine = [*produced(operation), "*/*", "application/*", "application/problem+json",
            "application/xml, */*;q=0.1", ""]
    for accept in fine:  # past the Accept check, the unknown parameter refuses it: nothing runs
        refused(walked, method, path, 422, headers={"Accept": accept}, params=UNKNOWN)
    refused(walked, method, path, 406, headers={"Accept": f"{produced(operation)[0]};q=0, application/xml"})


@pytest.mark.parametrize(("method", "path", "operation"), [o for o in OPERATIONS if consumed(o[2])],
                         ids=[n for n, o in zip(NAMES, OPERATIONS, strict=True) if consumed(o[2])])
def test_a_body_in_a_media_type_it_does_not_take_is_a_415(walked, method, path, operation):
    body = refused(walked, method, path, 415, content=b"{}", headers={"Content-Type": "text/plain"}).json()
    assert body["type"].endswith(":unsupported-media-type") and "text/plain" in body["detail"]
    assert body["accepted"] == consumed(operation)
    if "application/json" in consumed(operation):
        refused(walked, method, path, 415, content=b"{}")  # a body without Content-Type
        for json_type in ["application/json; charset=utf-8", "application/merge-patch+json"]:
            refused(walked, method, path, 422, content=b"{}", headers={"Content-Type": json_type}, params=UNKNOWN)
    else:
        refused(walked, method, path, 415, json={})
        refused(walked, method, path, 422, files={"file": ("x.csv", b"a\n", "text/csv")}, params=UNKNOWN)


IF_MATCH = [o for o in OPERATIONS if any(p["name"].lower() == "if-match" for p in o[2].get("parameters", []))]


@pytest.mark.parametrize(("method", "path", "operation"), IF_MATCH,
                         ids=[f"{m.upper()} {p}" for m, p, _ in IF_MATCH])
def test_a_malformed_if_match_is_a_400_saying_how_to_write_it(walked, method, path, operation):
    body = refused(walked, method, path, 400, headers={"If-Match": "v1"}).json()
    assert body["type"].endswith(":malformed-header") and body["header"] == "If-Match"
    assert '"v3"' in body["detail"] and "double quotes" in body["detail"]


@pytest.mark.parametrize("path", list(DOCUMENT["paths"]))
def test_a_method_the_path_does_not_serve_is_a_405_listing_those_it_does(walked, path):
    allow = refused(walked, "PUT", path, 405).headers["allow"]
    assert set(allow.split(", ")) == {m.upper() for m in DOCUMENT["paths"][path]}


@pytest.mark.parametrize(("method", "path", "operation"), [o for o in OPERATIONS if o[0] == "get"],
                         ids=[n for n, o in zip(NAMES, OPERATIONS, strict=True) if o[0] == "get"])
def test_every_answer_carries_the_security_headers_and_the_deprecation_it_declares(walked, method, path, operation):
    client, ids = walked
    for media in produced(operation):
        response = client.get(path.format(**ids), headers={"Accept": media})
        assert response.status_code < 500, response.text
        assert_headers(response, path)
        declared = operation["responses"].get(str(response.status_code), {}).get("headers", {})
        assert ("Deprecation" in response.headers) == ("Deprecation" in declared), response.status_code
        assert ("Sunset" in response.headers) == ("Sunset" in declared)


def test_the_docs_and_unknown_paths_carry_them_too(walked):
    client, _ = walked
    for path in ["/docs", "/openapi.json", "/livez"]:
        response = client.get(path)
        assert response.status_code == 200 and response.headers["x-content-type-options"] == "nosniff"
        assert "no-store" not in response.headers.get("cache-control", "")  # cacheable: no tenant data
    nowhere = client.get("/v1/nowhere")
    b.assert_problem(nowhere, 404)
    assert_headers(nowhere, "/v1/nowhere")


def test_the_server_sends_no_banner():
    assert uvicorn_options("INFO")["server_header"] is False


POSTS = [(path, operation) for method, path, operation in OPERATIONS if method == "post"]
GOALS_CSV = ("theme,indicator_code,title,unit,polarity,baseline_value,baseline_year,target_value,target_year\n"
             "Safer and stronger communities,NI 99,Imported goal,%,lower_is_better,20,2008,15,2010-11\n")
# Bodies that succeed on the demo, so that those POSTs are replayed; every other POST is refused, and
# its retry must then be refused the same way (a refusal releases the key).
SUCCEEDING = {
    "create_partnership": {"json": {"name": "Replayed Partnership", "area_code": "E06000001"}},
    "create_partner": {"json": {"name": "Replayed partner", "sector": "voluntary_community"}},
    "create_theme": {"json": {"name": "Replayed theme"}},
    "create_goal": {"json": {"theme_id": str(demo_id("theme", "safer")), "indicator_code": "NI 99",
                             "title": "Replayed goal", "unit": "%", "polarity": "lower_is_better",
                             "baseline_value": "20", "baseline_year": "2008", "target_value": "15",
                             "target_year": "2010-11"}},
    "create_scenario": {"json": {"name": "Replayed scenario", "financial_year": "2009-10"}},
    "create_api_key": {"json": {"name": "Replayed key", "role": "scrutiny"}},
    "create_proposal": {"json": {"title": "Replayed proposal"}},  # run_id added once the run exists
    "import_goals": {"files": {"file": ("goals.csv", GOALS_CSV.encode(), "text/csv")}},
    "create_run": {}, "replay_run": {}, "submit_proposal": {}, "withdraw_proposal": {},
    "create_analysis": {"json": {"kind": "comparison"}},  # compared_with_run_id added once the run exists
}


def test_every_post_documents_the_idempotency_key():
    for path, operation in POSTS:
        assert "Idempotency-Key" in [p["name"] for p in operation.get("parameters", [])], path


@pytest.mark.parametrize(("path", "operation"), POSTS, ids=[path for path, _ in POSTS])
def test_every_post_honours_the_idempotency_key(demo, path, operation):
    base = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"
    run = b.created(demo.post(f"{base}/scenarios/{DEMO_SCENARIO_ID}/runs"))
    proposal = b.created(demo.post(f"{base}/proposals", json={"run_id": run["id"], "title": "Walked"}))
    analysis = b.created(demo.post(f"{base}/runs/{run['id']}/analyses",
                                   json={"kind": "comparison", "compared_with_run_id": run["id"]}))
    ids = {"partnership_id": str(DEMO_PARTNERSHIP_ID), "scenario_id": str(DEMO_SCENARIO_ID),
           "run_id": run["id"], "proposal_id": proposal["id"], "analysis_id": analysis["id"]}
    request = SUCCEEDING.get(operation["operationId"], {"json": {}})
    if operation["operationId"] == "create_proposal":
        request = {"json": {**request["json"], "run_id": run["id"]}}
    if operation["operationId"] == "create_analysis":
        request = {"json": {**request["json"], "compared_with_run_id": run["id"]}}
    url, key = path.format(**ids), {"Idempotency-Key": str(uuid.uuid4())}
    first = demo.post(url, headers=key, **request)
    again = demo.post(url, headers=key, **request)
    assert again.status_code == first.status_code, (first.text, again.text)
    if operation["operationId"] not in SUCCEEDING:
        assert "idempotent-replayed" not in again.headers
        return
    assert 200 <= first.status_code < 300, first.text
    kept = {**first.json(), "key": None} if operation["operationId"] == "create_api_key" else first.json()
    assert again.headers["idempotent-replayed"] == "true" and again.json() == kept  # a key's secret is never kept
    changed = {"files": {"file": ("other.csv", b"changed\n", "text/csv")}} if "files" in request else \
        {"json": {"changed": True}}
    body = b.assert_problem(demo.post(url, headers=key, **changed), 422, "Idempotency-Key")
    assert body["type"] == INVALID_REQUEST
