"""The illustrative demo partnership loads through the register's rules, and the docs' examples work on it."""

from decimal import Decimal

import pytest

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from service.domain.demo.data import DEMO
from service.main import app
from tests.placeholders import filled, placeholders

BASE = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


def test_demo_is_labelled_illustrative_and_realistic(demo):
    p = demo.get(BASE).json()
    assert "illustrative" in p["name"].lower() or "demo" in p["name"].lower()
    partners = demo.get(f"{BASE}/partners").json()["items"]
    assert len(partners) >= 6 and len({x["sector"] for x in partners}) >= 5
    assert len(demo.get(f"{BASE}/themes").json()["items"]) == 5
    goals = demo.get(f"{BASE}/goals", params={"page_size": 200}).json()["items"]
    assert len(goals) == 12 and {"NI 112", "NI 39", "NI 40"} <= {g["indicator_code"] for g in goals}
    interventions = demo.get(f"{BASE}/interventions", params={"page_size": 200}).json()["items"]
    assert len(interventions) >= 20 and all(i["effects"] for i in interventions)
    assert all("llustrative" in s["source_note"] for s in
               demo.get(f"{BASE}/funding-streams", params={"page_size": 200}).json()["items"])


def test_demo_resource_map_reconciles_to_the_penny(demo):
    rmap = demo.get(f"{BASE}/resource-map", params={"financial_year": DEMO["financial_year"]}).json()
    total = Decimal(rmap["totals"]["amount"])
    # The police's calendar-2009 streams lend January-March 2009 to 2008-09 and its equal calendar-2010 streams
    # bring January-March 2010 in, so the year holds exactly what its 2009-10 streams amount to.
    assert total == sum(Decimal(s["amount"]) for s in DEMO["funding_streams"] if s["financial_year"] == "2009-10")
    assert sum(Decimal(p["totals"]["amount"]) for p in rmap["partners"]) == total
    for breakdown in rmap["totals"]["by"].values():
        assert sum(Decimal(v) for v in breakdown.values()) == total
    assert Decimal("20000000") < Decimal(rmap["totals"]["most_contribution"]) < Decimal("35000000")


def _create_operations():
    for path, methods in app.openapi()["paths"].items():
        operation = methods.get("post")
        body = (operation or {}).get("requestBody", {}).get("content", {})
        creates = path.startswith("/v1/partnerships/{partnership_id}/") and path.count("{") == 1  # not approve …
        if "application/json" in body and creates:  # not uploads
            yield path, operation


@pytest.mark.parametrize(("path", "operation"), list(_create_operations()),
                         ids=lambda v: v if isinstance(v, str) else "")
def test_every_create_example_succeeds_against_the_demo(demo, path, operation):
    """What a finance officer gets pressing "Try it out" with the documented example: sent as it is, its
    `<placeholders>` are refused (422 naming each, nothing stored); with them written over, it is stored."""
    schema_ref = operation["requestBody"]["content"]["application/json"]["schema"]["$ref"]
    schema = app.openapi()["components"]["schemas"][schema_ref.rsplit("/", 1)[1]]
    example = schema["examples"][0]
    if operation["operationId"] == "create_proposal":  # its example names a run: start one first, as a user would
        example = example | {"run_id": demo.post(f"{BASE}/scenarios/{DEMO_SCENARIO_ID}/runs").json()["id"]}
    url = path.replace("{partnership_id}", str(DEMO_PARTNERSHIP_ID))
    if unfilled := placeholders(example):
        refused = demo.post(url, json=example)
        assert refused.status_code == 422, refused.text
        named = [tuple(e["loc"][1:]) if "loc" in e else ("items", e["row"] - 1, e["field"])  # a batch's rows
                 for e in refused.json()["errors"]]
        assert sorted(named) == sorted(unfilled), refused.text
        assert "placeholder" in refused.json()["detail"]
    response = demo.post(url, json=filled(example))
    assert response.status_code == 201, response.text
