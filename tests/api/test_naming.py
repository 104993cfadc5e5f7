"""One naming rule across the API (README, Conventions): a record's label is `name`, and a result that
refers to a record by `<kind>_id` gives its `<kind>_name` beside it. Fields renamed to keep the rule are
still sent under their old names, marked deprecated, with Deprecation and Sunset on the answer."""

from collections.abc import Iterator
from typing import Any

from service.api.conventions import deprecated_fields
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, demo_id
from service.main import app

DOCUMENT = app.openapi()
SCHEMAS = DOCUMENT["components"]["schemas"]
DEMO = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"
RESULTS = ("get_run", "get_run_allocation", "get_proposal", "get_scrutiny_pack", "get_resource_map")
# References that need no name: the partnership of the path, runs (named by their scenario_name), and a
# proposal's links to the other versions of itself.
NAMELESS = {"partnership_id", "run_id", "supersedes_id", "superseded_by_id", "revises_id", "revised_by_id"}


def reachable(schema: Any, seen: set[str]) -> Iterator[str]:
    if isinstance(schema, list):
        for item in schema:
            yield from reachable(item, seen)
    elif isinstance(schema, dict):
        name = schema.get("$ref", "").rsplit("/", 1)[-1]
        if name and name not in seen:
            seen.add(name)
            yield name
            yield from reachable(SCHEMAS[name], seen)
        for value in schema.values():
            if isinstance(value, dict | list):
                yield from reachable(value, seen)


def result_schemas() -> list[str]:
    seen: set[str] = set()
    operations = {op["operationId"]: op for methods in DOCUMENT["paths"].values() for op in methods.values()}
    for operation_id in RESULTS:
        yield from reachable(operations[operation_id]["responses"]["200"]["content"], seen)


def test_every_reference_in_a_result_names_what_it_refers_to():
    names = list(result_schemas())
    assert {"RunReport", "GoalOutcome", "NamedLine", "ScrutinyPack", "ThemeUse"} <= set(names)
    missing = [f"{name}.{field}" for name in names for field in SCHEMAS[name].get("properties", {})
               if field.endswith("_id") and field not in NAMELESS
               and field.removesuffix("_id") + "_name" not in SCHEMAS[name]["properties"]]
    assert missing == []


def test_every_record_is_labelled_name():
    records = [name for name, schema in SCHEMAS.items()
               if {"id", "version"} <= set(schema.get("properties", {}))
               and name not in ("RunPublic", "AnalysisPublic")  # named by their scenario_name
               and name not in ("ObservationPublic", "ActualPublic")]  # by what they observe and their period
    assert len(records) >= 9
    assert [name for name in records if "name" not in SCHEMAS[name]["properties"]] == []


def test_each_deprecated_field_says_what_replaces_it_and_has_it_beside_it():
    deprecated = [(name, field, spec) for name, schema in SCHEMAS.items()
                  for field, spec in schema.get("properties", {}).items() if spec.get("deprecated")]
    assert len(deprecated) >= 20
    for name, field, spec in deprecated:
        replacement = spec["description"].split("use `", 1)[1].split("`", 1)[0]
        assert replacement in SCHEMAS[name]["properties"], (name, field, replacement)
        assert "sunset 30 June 2027" in spec["description"], (name, field)


def test_an_answer_with_deprecated_fields_carries_deprecation_and_sunset(demo):
    goal = demo.get(f"{DEMO}/goals/{demo_id('goal', 'ni112')}")
    assert goal.status_code == 200
    assert goal.json()["name"] == goal.json()["title"] == "Under-18 conception rate"
    assert goal.headers["Deprecation"] == "@1796083200"
    assert goal.headers["Sunset"] == "Wed, 30 Jun 2027 23:59:59 GMT"
    partner = demo.get(f"{DEMO}/partners/{demo_id('partner', 'health')}")
    assert partner.status_code == 200 and "Deprecation" not in partner.headers
    failed = demo.get(f"{DEMO}/goals/{demo_id('goal', 'no-such-goal')}")
    assert failed.status_code == 404 and "Deprecation" not in failed.headers


def test_a_goal_is_written_with_name_and_still_with_title(demo):
    body = {"theme_id": str(demo_id("theme", "cyp")), "indicator_code": "NI 999", "unit": "rate",
            "polarity": "lower_is_better", "baseline_value": "5", "baseline_year": "2008", "target_value": "4",
            "target_year": "2010-11"}
    by_name = demo.post(f"{DEMO}/goals", json={**body, "name": "Written with name"})
    by_title = demo.post(f"{DEMO}/goals", json={**body, "indicator_code": "NI 998", "title": "Written with title"})
    assert (by_name.status_code, by_title.status_code) == (201, 201)
    assert by_name.json()["name"] == by_name.json()["title"] == "Written with name"
    assert by_title.json()["name"] == "Written with title"
    renamed = demo.patch(by_name.headers["Location"], json={"name": "Renamed"}, headers={"If-Match": '"v1"'})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Renamed"


def test_the_deprecated_fields_found_are_the_ones_the_document_marks():
    paths = DOCUMENT["paths"]
    run = paths["/v1/partnerships/{partnership_id}/runs/{run_id}"]["get"]["responses"]["200"]
    assert {"GoalOutcome.name", "Contributor.name", "Shortfall.name"} <= set(deprecated_fields(run["content"], SCHEMAS))
    allocation = paths["/v1/partnerships/{partnership_id}/runs/{run_id}/allocation"]["get"]["responses"]["200"]
    assert "NamedLine.partner" in set(deprecated_fields(allocation["content"], SCHEMAS))
    for response in (run, allocation):
        assert set(response["headers"]) >= {"Deprecation", "Sunset"}
    partner = paths["/v1/partnerships/{partnership_id}/partners/{partner_id}"]["get"]["responses"]["200"]
    assert "Deprecation" not in partner.get("headers", {})
