"""The OpenAPI document as the service really answers: every error status an operation can return, as
`application/problem+json`, the headers of each response, and schema names a client generator can use.

The statuses that follow from how a route is built (its path, its body, its If-Match header, the
middleware in front of every /v1 route) are added here, once, rather than declared on each route;
routes declare only what is particular to them (409, 429, 400).
"""

import copy
import json
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from service.api import glossary, guide
from service.api.conventions import DEPRECATION_HEADERS, deprecated_fields
from service.api.policy import POLICY, SERVICE_ADMIN
from service.api.problems import PROBLEM_JSON, Problem, problem_example
from service.domain.common.demo_ids import demo_id

SCHEMAS = "#/components/schemas/"
EXAMPLES = Path(__file__).with_name("examples.json")  # real answers on the demo (`make examples`)
PROBLEM_REF = {"$ref": SCHEMAS + "Problem"}
FASTAPI_422 = {"$ref": SCHEMAS + "HTTPValidationError"}  # what FastAPI declares; problems.py sends a Problem
EVERY_OPERATION = (406,)
EVERY_V1_OPERATION = (401, 403, 422, 503)  # authentication, authorisation, parameters, the database
WITH_BODY = (413, 415)
# The key is shown once in the 201 and its ETag is not sent then; list the keys to read it.
NO_ETAG = frozenset({"create_api_key"})

STRING = {"type": "string"}
LOCATION = {"description": "The URL of the resource this answer describes; read it with GET.",
            "schema": STRING, "example": "/v1/partnerships/71c981f4-39d5-566d-b8ff-f26dc2f24a8f"}
ETAG = {"description": 'The resource\'s version as an entity tag, "v" and the version in double quotes; send it '
                       "back as If-Match to change or delete it.", "schema": STRING, "example": '"v1"'}
RETRY_AFTER = {"description": "Seconds to wait before trying again.", "schema": {"type": "integer"},
               "example": 5}
REPLAYED = {"description": "`true` when this is the stored answer to an earlier request with the same "
                           "Idempotency-Key, not a second piece of work. Absent otherwise.",
            "schema": {"type": "string", "enum": ["true"]}, "example": "true"}
DEPRECATION = {"description": "On an answer that still carries fields renamed inside /v1 (marked deprecated in "
                              "its schema): when they were deprecated, as @<unix time> (RFC 9745).",
               "schema": STRING, "example": DEPRECATION_HEADERS["Deprecation"]}
SUNSET = {"description": "With Deprecation: the date after which the deprecated fields may go (RFC 8594); "
                         "each has its replacement beside it.", "schema": STRING,
          "example": DEPRECATION_HEADERS["Sunset"]}
# Examples for parameters whose routes give none (filters built from the register's fields, shared headers).
# A cursor has none: it is opaque, taken from next_cursor; nor a proposal's or key's id: the demo has none.
PARAMETER_EXAMPLES: dict[str, Any] = {
    "Idempotency-Key": "council-finance-2010-03-04-0017", "if-match": '"v1"', "dry_run": True,
    "include_archived": True, "is_laa_target": True, "arrangement": "pooled", "kind": "mainstream",
    "mode": "maximise_attainment", "sector": "health", "since": "2026-12-01T00:00:00Z",
    "until": "2026-12-31T23:59:59Z", "theme_id": str(demo_id("theme", "cyp")),
    "partner_id": str(demo_id("partner", "police")), "lead_partner_id": str(demo_id("partner", "council"))}
CURRENT_ETAG = {**ETAG, "description": "The current version's entity tag: read again, reapply, resend with it."}


def install(app: FastAPI) -> None:
    """Serve the completed document as app.openapi() (and so /openapi.json and `make openapi`)."""
    generate = app.openapi
    completed: dict[str, Any] = {}

    def openapi() -> dict[str, Any]:
        if not completed:
            completed.update(complete(copy.deepcopy(generate())))
        return completed

    app.openapi = openapi  # type: ignore[method-assign]


def complete(document: dict[str, Any]) -> dict[str, Any]:
    distinct_schema_names(document)
    schemas = document["components"]["schemas"]
    schemas["Problem"] = Problem.model_json_schema(ref_template=SCHEMAS + "{model}")
    captured = json.loads(EXAMPLES.read_text()) if EXAMPLES.exists() else {}
    for path, method, operation in operations(document):
        declare_errors(path, method, operation)
        if path.startswith("/v1/") and operation["operationId"] in POLICY:
            operation["description"] = (operation.get("description", "") + "\n\n"
                                        + who_may_call(operation["operationId"])).lstrip()
        declare_headers(method, operation, versioned=lambda ref: "version" in schemas[ref].get("properties", {}))
        declare_deprecation(operation, schemas)
        give_examples(operation, captured.get(operation["operationId"], {}))
        guide.offer_years(operation)
        guide.link_answers(operation)
        for parameter in operation.get("parameters", []):
            if not {"example", "examples"} & set(parameter) and parameter["name"] in PARAMETER_EXAMPLES:
                parameter["example"] = PARAMETER_EXAMPLES[parameter["name"]]
    describe_fields(schemas)
    guide.describe_enums(schemas)
    guide.order_by_tags(document)
    for unused in ("HTTPValidationError", "ValidationError"):  # FastAPI's 422, which this service never sends
        schemas.pop(unused, None)
    return document


def describe_fields(schemas: dict[str, Any]) -> None:
    for schema in schemas.values():
        for name, field in schema.get("properties", {}).items():
            if not field.get("description") and name in glossary.FIELDS:
                field["description"] = glossary.FIELDS[name]


def who_may_call(operation_id: str) -> str:
    roles = POLICY[operation_id]
    if roles is SERVICE_ADMIN:
        return "**Who may call it:** the service administrator only (a key bound to no partnership)."
    return "**Who may call it:** " + ", ".join(sorted(roles)) + "."


def operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


def distinct_schema_names(document: dict[str, Any]) -> None:
    """Pydantic names a model that reads differently from how it writes `X-Input` and `X-Output`, both
    titled `X`, and client generators drop one of the two. What the service sends keeps the plain name
    (`ScenarioOptions`); what a client writes is `ScenarioOptionsInput`."""
    schemas = document["components"]["schemas"]
    renames = {name: name.removesuffix("-Output") if name.endswith("-Output") else name.replace("-Input", "Input")
               for name in schemas if name.endswith(("-Input", "-Output"))}
    for old, new in renames.items():
        schemas[new] = schemas.pop(old)
        schemas[new]["title"] = new
    text_refs = {SCHEMAS + old: SCHEMAS + new for old, new in renames.items()}
    _rewrite_refs(document, lambda ref: text_refs.get(ref, ref))


def _rewrite_refs(node: Any, rename: Callable[[str], str]) -> None:
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            node["$ref"] = rename(node["$ref"])
        for value in node.values():
            _rewrite_refs(value, rename)
    elif isinstance(node, list):
        for value in node:
            _rewrite_refs(value, rename)


def error_statuses(path: str, method: str, operation: dict[str, Any]) -> set[int]:
    declared = {int(code) for code in operation["responses"] if code[0] in "45"}
    statuses = declared | set(EVERY_OPERATION)
    if not path.startswith("/v1/"):
        return statuses
    statuses |= set(EVERY_V1_OPERATION)
    parameters = operation.get("parameters", [])
    if any(p["in"] == "path" for p in parameters):
        statuses.add(404)
    if_match = [p for p in parameters if p["in"] == "header" and p["name"].lower() == "if-match"]
    if if_match:
        statuses |= {400, 412} | ({428} if if_match[0].get("required") else set())
    if "requestBody" in operation:
        statuses |= set(WITH_BODY)
    if method != "get" and path.startswith("/v1/partnerships/{partnership_id}"):
        statuses.add(409)  # every write to an archived partnership (or its register) is refused
    return statuses


def declare_errors(path: str, method: str, operation: dict[str, Any]) -> None:
    responses = operation["responses"]
    for status in sorted(error_statuses(path, method, operation)):
        entry = responses.setdefault(str(status), {})
        json_schema = entry.get("content", {}).get("application/json", {}).get("schema")
        if entry.get("content") and json_schema not in (PROBLEM_REF, FASTAPI_422):
            continue  # an answer of its own (readyz's 503 body), not a problem
        entry["description"] = PROBLEM_DESCRIPTIONS[status]
        entry["content"] = {PROBLEM_JSON: {"schema": PROBLEM_REF, "example": problem_example(status)}}
        headers = {429: {"Retry-After": RETRY_AFTER}, 503: {"Retry-After": RETRY_AFTER},
                   412: {"ETag": CURRENT_ETAG}}.get(status)
        if headers:
            entry["headers"] = headers
    operation["responses"] = dict(sorted(responses.items()))


def declare_headers(method: str, operation: dict[str, Any], versioned: Callable[[str], bool]) -> None:
    responses = operation["responses"]
    for code, entry in responses.items():
        if not code.startswith("2") or code == "204":
            continue
        headers = entry.setdefault("headers", {})
        if code == "201" or (code == "202" and "201" in responses):
            headers["Location"] = LOCATION
        ref = entry.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref", "")
        if ref and versioned(ref.removeprefix(SCHEMAS)) and operation["operationId"] not in NO_ETAG:
            headers["ETag"] = ETAG
        if method == "post":
            headers["Idempotent-Replayed"] = REPLAYED
        if not headers:
            del entry["headers"]


def give_examples(operation: dict[str, Any], captured: dict[str, Any]) -> None:
    """The body sent and the answers given for this operation when the examples were captured."""
    if "request" in captured and "requestBody" in operation:
        operation["requestBody"]["content"]["application/json"]["example"] = captured["request"]
    for status, answers in captured.get("responses", {}).items():
        content = operation["responses"].get(status, {}).get("content", {})
        for media, answer in answers.items():
            if media in content:
                content[media]["example"] = answer


def declare_deprecation(operation: dict[str, Any], schemas: dict[str, Any]) -> None:
    for code, entry in operation["responses"].items():
        if code.startswith("2") and any(deprecated_fields(entry.get("content", {}), schemas)):
            entry.setdefault("headers", {}).update({"Deprecation": DEPRECATION, "Sunset": SUNSET})


PROBLEM_DESCRIPTIONS = {
    400: "A header is malformed, such as an If-Match without its double quotes; the detail says how to "
         "write it.",
    401: "No credentials, or an API key or token that is unknown, revoked or expired. Send "
         "`Authorization: Bearer <key>` or `X-API-Key: <key>`.",
    403: "The caller's role may not do this (the detail names the roles that may), or a partner finance "
         "key acted for another partner's money.",
    404: "No such partnership or record, or one that belongs to a partnership the caller's key is not for.",
    406: "The Accept header asks only for media types this operation cannot send.",
    409: "The request breaks a rule that spans fields or records, or the resource's state does not allow "
         "it (an archived partnership takes no more writes); the detail says which.",
    412: "If-Match names a version that is no longer current: someone changed the resource since you "
         "read it. The ETag header carries the current version.",
    413: "The body is larger than the service accepts (MAX_BODY_BYTES; for a file, MAX_UPLOAD_BYTES or "
         "MAX_UPLOAD_ROWS).",
    415: "The body's Content-Type is not one this operation reads.",
    422: "The request does not fit the schema; `errors` lists each field (`loc`) with what is wrong.",
    428: "If-Match is missing: read the resource and send its ETag back, or `*` to change whatever version "
         "is current.",
    429: "Too many runs started in a short time for this partnership; wait Retry-After seconds.",
    503: "The database cannot be reached or the service is at capacity; try again after Retry-After "
         "seconds.",
}
