"""Swagger UI as a finance officer meets it: every field and enum value described, sections in the order of
the year's work, one place to paste a key (kept across refreshes), financial years offered from the data,
and no example text a person could submit as a statement of fact."""

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from selenium.webdriver.common.by import By

from service.api import docs, guide
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID
from service.domain.common.fields import NOTE_PATTERN
from service.main import app
from tests.live import KEY, serving
from tests.system.gateway import browser

DOCUMENT = app.openapi()
SCHEMAS = DOCUMENT["components"]["schemas"]
OPERATIONS = [operation for methods in DOCUMENT["paths"].values() for operation in methods.values()]
# The order a finance officer works in: the register, the resource map, scenarios and runs, proposals,
# scrutiny; then analyses, access and the service's health.
WORKING_ORDER = ["Partnerships", "Partners", "Themes", "Funding streams", "Goals", "Interventions",
                 "Spreadsheets", "Resource map", "Calendar", "Scenarios", "Runs", "Proposals", "Scrutiny",
                 "Indicator observations", "Spend actuals", "Progress", "Reports", "Analyses", "API keys",
                 "Audit trail", "Health"]
# What an example must not put in a person's mouth.
ASSERTIONS = re.compile(r"\b(meets?|met|agreed|approved|confirmed|achieved|on track)\b", re.IGNORECASE)


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    return SCHEMAS[schema["$ref"].rsplit("/", 1)[-1]] if "$ref" in schema else schema


def nodes(node: Any, described: str = "", where: str = "") -> Iterator[tuple[str, dict[str, Any], str]]:
    """Every schema object under node, with the description nearest it (its own or its property's)."""
    if isinstance(node, dict):
        described = node.get("description") or described
        yield where, node, described
        for key, value in node.items():
            inherited = described if key in ("anyOf", "oneOf", "allOf", "items", "schema") else ""
            yield from nodes(value, inherited, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from nodes(value, described, f"{where}/{index}")


def test_every_property_of_every_schema_is_described():
    undescribed = [f"{name}.{field}" for name, schema in SCHEMAS.items()
                   for _, node, _ in nodes(schema) for field, prop in node.get("properties", {}).items()
                   if not prop.get("description") and not resolve(prop).get("description")]
    assert undescribed == []


def test_the_scenario_options_say_what_each_does():
    for name in ("ScenarioOptionsInput", "ThemeFloor", "LockInput", "WeightOverride", "PartnerScaling",
                 "StreamScaling", "ExcludedPair", "RequiredAttainment"):
        schema = SCHEMAS.get(name) or SCHEMAS[name.removesuffix("Input")]
        generic = {field: prop["description"] for field, prop in schema["properties"].items()
                   if prop.get("description") in guide.glossary.FIELDS.values()}
        assert generic == {}, (name, "described only by the glossary's general sentence")


def test_every_enum_value_has_its_sentence():
    unexplained = [(where, value) for where, node, described in nodes(DOCUMENT)
                   if "enum" in node for value in node["enum"] if f"`{value}`" not in described]
    assert unexplained == []
    for name, schema in SCHEMAS.items():
        if "enum" in schema:
            lines = {line.split("`")[1] for line in schema["description"].splitlines() if line.startswith("- `")}
            assert lines == set(schema["enum"]), name


def test_sections_come_in_the_order_a_finance_officer_works():
    assert [tag["name"] for tag in DOCUMENT["tags"]] == WORKING_ORDER
    assert all(len(tag["description"]) > 20 for tag in DOCUMENT["tags"])
    used = [tag for operation in OPERATIONS for tag in operation["tags"]]
    assert set(used) <= set(WORKING_ORDER)
    first_seen = list(dict.fromkeys(used))
    assert first_seen == [tag for tag in WORKING_ORDER if tag in used]


def test_one_place_to_paste_a_key():
    schemes = DOCUMENT["components"]["securitySchemes"]
    assert list(schemes) == ["Bearer"]
    assert schemes["Bearer"]["scheme"] == "bearer"
    assert "lsp_" in schemes["Bearer"]["description"] and "without the word Bearer" in schemes["Bearer"]["description"]
    for operation in OPERATIONS:
        assert {name for requirement in operation.get("security", []) for name in requirement} <= {"Bearer"}


def test_the_docs_page_keeps_the_key_and_prints_no_patterns(anonymous):
    page = anonymous.get("/docs").text
    assert '"persistAuthorization": true' in page
    assert '"showCommonExtensions": false' in page
    assert "plugins: [ShortPatterns]" in page and "const ShortPatterns" in page
    assert docs.PARAMETERS["persistAuthorization"] is True


def test_financial_years_are_offered_from_the_demo_and_still_checked(demo):
    streams = demo.get(f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}/funding-streams", params={"page_size": 200})
    years = sorted({stream["financial_year"] for stream in streams.json()["items"]})
    offered = [(operation["operationId"], parameter) for operation in OPERATIONS
               for parameter in operation.get("parameters", []) if parameter["name"] == "financial_year"]
    assert len(offered) >= 5
    for operation_id, parameter in offered:
        assert [example["value"] for example in parameter["examples"].values()] == years, operation_id
        assert "2009-10" in parameter["description"] and len(parameter["description"]) < 200, operation_id
        assert "\\d" not in parameter["description"]
    answer = demo.get(f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}/resource-map", params={"financial_year": "2009-11"})
    assert answer.status_code == 422 and "financial_year" in answer.text


def free_text(example: Any, schema: dict[str, Any], where: str) -> Iterator[tuple[str, str]]:
    """The strings in an example that its schema says are free text (a note, a reason, a comment)."""
    schema = resolve(schema)
    branches = [resolve(branch) for branch in schema.get("anyOf", [schema])]
    if isinstance(example, str) and any(branch.get("pattern") == NOTE_PATTERN for branch in branches):
        yield where, example
    for branch in branches:
        if isinstance(example, dict) and "properties" in branch:
            for key, value in example.items():
                if key in branch["properties"]:
                    yield from free_text(value, branch["properties"][key], f"{where}.{key}")
        if isinstance(example, list) and "items" in branch:
            for index, value in enumerate(example):
                yield from free_text(value, branch["items"], f"{where}[{index}]")


def request_examples() -> Iterator[tuple[str, Any, dict[str, Any]]]:
    for operation in OPERATIONS:
        body = operation.get("requestBody", {}).get("content", {}).get("application/json")
        if body and "example" in body:
            yield operation["operationId"], body["example"], body["schema"]
            for example in resolve(body["schema"]).get("examples", []):
                yield operation["operationId"] + " (schema)", example, body["schema"]


def strings(node: Any) -> Iterator[str]:
    if isinstance(node, str):
        yield node
    elif isinstance(node, dict | list):
        for value in node.values() if isinstance(node, dict) else node:
            yield from strings(value)


def test_no_example_text_could_be_submitted_as_a_statement_of_fact():
    found = [(operation_id, where, text) for operation_id, example, schema in request_examples()
             for where, text in free_text(example, schema, "body")]
    assert {where.split(".")[-1] for _, where, _ in found} >= {"reason", "comment", "description", "source_note"}
    statements = [item for item in found if item[2] and not (item[2].startswith("<") and item[2].endswith(">"))]
    assert statements == []
    asserted = [(operation_id, text) for operation_id, example, _ in request_examples() for text in strings(example)
                if ASSERTIONS.search(text) and not text.startswith("<")]
    assert asserted == []
    assert "Meets every designated LAA target" not in str(list(request_examples()))


def test_in_the_browser_one_key_box_a_key_kept_across_a_refresh_and_no_patterns(tmp_path: Path):
    with serving("sqlite", tmp_path) as live, browser.chromium(tmp_path / "profile") as driver:
        ui = browser.SwaggerUI(driver)
        ui.open(f"{live.url}/docs")
        try:
            sections = [tag.get_attribute("data-tag") for tag in driver.find_elements(By.CSS_SELECTOR, ".opblock-tag")]
            assert sections == WORKING_ORDER
            ui.authorize_bearer(KEY)
            driver.find_element(By.CSS_SELECTOR, ".scheme-container button.authorize").click()
            assert len(driver.find_elements(By.CSS_SELECTOR, ".modal-ux .auth-container")) == 1
            driver.find_element(By.CSS_SELECTOR, ".modal-ux button.close-modal").click()
            ui.open(f"{live.url}/docs")  # a refresh: a new page load
            block = ui.try_it_out("Partnerships", "get_partnership", {"partnership_id": str(DEMO_PARTNERSHIP_ID)})
            status, body = browser.live_response(block)
            assert status == "200", body
            year = ui.expand("Resource_map", "get_resource_map").find_element(
                By.CSS_SELECTOR, "tr[data-param-name='financial_year']")
            assert "2009-10" in year.text and "pattern" not in year.text and "\\d" not in year.text
            request = ui.expand("Scenarios", "create_scenario").find_element(
                By.CSS_SELECTOR, ".opblock-section-request-body")
            tabs = request.find_elements(By.CSS_SELECTOR, "button")
            next(tab for tab in tabs if tab.text.strip() == "Schema").click()
            constraints = (By.CSS_SELECTOR, ".json-schema-2020-12__constraint")
            shown = ui.wait.until(lambda _: request.find_elements(*constraints))
            assert "matches a pattern (hover to read it)" in [constraint.text for constraint in shown]
            assert max(len(constraint.text) for constraint in shown) < 60
        except Exception:
            driver.save_screenshot(str(tmp_path / "swagger-ui.png"))
            raise


def test_an_answers_id_is_linked_to_where_it_goes_next():
    by_id = {operation["operationId"]: operation for operation in OPERATIONS}
    linked = {}
    for operation in OPERATIONS:
        for response in operation["responses"].values():
            for link in response.get("links", {}).values():
                target = by_id[link["operationId"]]
                names = {parameter["name"] for parameter in target.get("parameters", [])}
                assert set(link.get("parameters", {})) <= names, link
                linked.setdefault(operation["operationId"], set()).add(link["operationId"])
    assert {"create_run"} <= linked["create_scenario"] and {"get_run", "create_proposal"} <= linked["create_run"]
