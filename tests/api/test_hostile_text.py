"""Hostile text never reaches the database: a NUL or other control character, a bidirectional override
or a blank name in any text field or text filter is a 422 naming the field, on SQLite and PostgreSQL.

The fields are walked from the OpenAPI document, so a new field is covered the day it is added.
"""

import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from service.api.deps import get_engine
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID, demo_id
from service.main import app
from tests import builders as b
from tests.conftest import DEV_AUTH, migrated_database

DOCUMENT = app.openapi()
HOSTILE = ["a\x00b", "a\x07b", "a\u202eb", "a\u2066b"]


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = DOCUMENT["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]]
    return schema


def text_leaves(schema: dict[str, Any], path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """The path of every place in a body where a string may go."""
    schema = resolve(schema)
    options = schema.get("anyOf", [schema])
    if any(resolve(o).get("type") == "string" for o in options):
        yield path
        return
    for option in map(resolve, options):
        if option.get("type") == "array":
            yield from text_leaves(option["items"], (*path, 0))
        for name, sub in option.get("properties", {}).items():
            yield from text_leaves(sub, (*path, name))


def body_with(path: tuple[Any, ...], value: str) -> Any:
    if not path:
        return value
    head, rest = path[0], path[1:]
    return [body_with(rest, value)] if head == 0 else {head: body_with(rest, value)}


def cases() -> Iterator[tuple[str, str, str, tuple[Any, ...]]]:
    for url, methods in DOCUMENT["paths"].items():
        for method, operation in methods.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" in content:
                for leaf in text_leaves(content["application/json"]["schema"]):
                    yield method, url, "body", leaf
            for parameter in operation.get("parameters", []):
                options = parameter["schema"].get("anyOf", [parameter["schema"]])
                if parameter["in"] == "query" and any(resolve(o).get("type") == "string" for o in options):
                    yield method, url, "query", (parameter["name"],)


CASES = list(cases())


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def walked(request, tmp_path_factory) -> Iterator[tuple[TestClient, dict[str, str]]]:
    """The demo with a run and a proposal, committed once: every request of the walk is refused, so
    the cases share it (and the last assertion checks that none of them wrote anything)."""
    with migrated_database(request.param, tmp_path_factory.mktemp("walk"), demo=True) as engine:
        yield from _walked(engine)


def _walked(engine) -> Iterator[tuple[TestClient, dict[str, str]]]:
    app.dependency_overrides[get_engine] = lambda: engine
    try:
        with TestClient(app, raise_server_exceptions=False, headers=DEV_AUTH) as client:
            base = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"
            run = b.created(client.post(f"{base}/scenarios/{DEMO_SCENARIO_ID}/runs"))
            proposal = b.created(client.post(f"{base}/proposals", json={"run_id": run["id"], "title": "Walked"}))
            analysis = b.created(client.post(f"{base}/runs/{run['id']}/analyses",
                                             json={"kind": "comparison", "compared_with_run_id": run["id"]}))
            yield client, {"analysis_id": analysis["id"],
                "partnership_id": str(DEMO_PARTNERSHIP_ID), "proposal_id": proposal["id"], "run_id": run["id"],
                "scenario_id": str(DEMO_SCENARIO_ID), "theme_id": str(demo_id("theme", "safer")),
                "partner_id": str(demo_id("partner", "police")), "goal_id": str(demo_id("goal", "ni112")),
                "intervention_id": str(uuid.uuid4()), "funding_stream_id": str(uuid.uuid4()),
                "key_id": str(uuid.uuid4()), "observation_id": str(uuid.uuid4()),
                "spend_actual_id": str(uuid.uuid4())}
    finally:
        app.dependency_overrides.clear()


def test_the_walk_finds_the_fields_it_must():
    found = {(url.rsplit("/", 1)[-1], where, ".".join(map(str, leaf))) for _, url, where, leaf in CASES}
    for expected in [("themes", "body", "name"), ("interventions", "body", "effects.0.evidence_note"),
                     ("goals", "body", "indicator_code"), ("audit-events", "query", "actor"),
                     ("reject", "body", "reason"), ("scenarios", "body", "description")]:
        assert expected in found
    assert len(CASES) > 60


@pytest.mark.parametrize(("method", "url", "where", "leaf"), CASES,
                         ids=[f"{m} {u} {w}:{'.'.join(map(str, leaf))}" for m, u, w, leaf in CASES])
def test_control_and_bidirectional_characters_are_refused_naming_the_field(walked, method, url, where, leaf):
    client, ids = walked
    target = url.format(**ids)
    before = client.get(f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}/audit-events", params={"page_size": 1}).json()
    for value in HOSTILE:
        if where == "body":
            response = client.request(method, target, json=body_with(leaf, value), headers=b.ANY)
        else:
            response = client.request(method, target, params={leaf[0]: value}, headers=b.ANY)
        body = b.assert_problem(response, 422)
        named = [e["loc"] if "loc" in e else ["body", "items", e["row"] - 1, e["field"]]  # a batch's own rows
                 for e in body["errors"]]
        assert [where, *leaf] in named, (value, body["errors"])
    after = client.get(f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}/audit-events", params={"page_size": 1}).json()
    assert after == before  # nothing was written


@pytest.mark.parametrize("name", ["", "   ", "\t", " \u00a0 "])
def test_blank_names_are_refused(client, name):
    p = b.partnership(client)
    body = b.assert_problem(client.post(b.under(p, "themes"), json={"name": name}), 422, "name")
    assert body["errors"][0]["loc"] == ["body", "name"]
    assert client.get(b.under(p, "themes")).json()["items"] == []


def test_names_are_stored_without_surrounding_spaces(client):
    p = b.partnership(client)
    assert b.theme(client, p, name="  Safer  ")["name"] == "Safer"
    b.assert_problem(client.post(b.under(p, "themes"), json={"name": "Safer "}), 409, "unique")


def test_a_spreadsheet_cell_with_a_control_character_is_a_row_error(client):
    p = b.partnership(client)
    b.theme(client, p, name="Safer")
    csv = "theme,indicator_code,title,unit,polarity,baseline_value,baseline_year,target_value,target_year\n" \
          "Safer,NI 16,Crime\x01,per 1\u202e000,lower_is_better,20,2008,15,2010-11\n"
    response = client.post(b.under(p, "imports/goals"), files={"file": ("goals.csv", csv.encode(), "text/csv")})
    body = b.assert_problem(response, 422)
    fields = {e.get("field") or e.get("column") for e in body["errors"]}
    assert {"title", "unit"} <= fields, body["errors"]
    assert client.get(b.under(p, "goals")).json()["items"] == []
