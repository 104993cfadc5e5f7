"""Partnerships: the tenant resource, its validation and paging (DELETE archives: test_archiving.py)."""

import pytest

from tests import builders as b


def test_create_defaults_to_an_april_financial_year(client):
    p = b.partnership(client)
    assert p["financial_year_start_month"] == 4 and p["version"] == 1
    got = client.get(f"/v1/partnerships/{p['id']}")
    assert got.json() == p and got.headers["etag"] == '"v1"'


@pytest.mark.parametrize("code", ["E06000047", "E07000008", "E08000001", "E09000033", "E10000003",
                                  "W06000015"])
def test_accepts_council_gss_codes(client, code):
    assert b.partnership(client, area_code=code)["area_code"] == code


@pytest.mark.parametrize("code", ["E05000047", "S12000033", "E0600004", "e06000047", "E06000047X", ""])
def test_rejects_other_area_codes_and_stores_nothing(client, code):
    response = client.post("/v1/partnerships", json={"name": "X", "area_code": code})
    body = b.assert_problem(response, 422, "area_code")
    assert body["errors"][0]["loc"] == ["body", "area_code"]
    assert client.get("/v1/partnerships").json()["items"] == []


def test_list_pages_with_a_cursor_in_creation_order(client):
    made = [b.partnership(client, name=f"P{n}")["id"] for n in range(5)]
    first = client.get("/v1/partnerships", params={"page_size": 2}).json()
    second = client.get("/v1/partnerships", params={"page_size": 2, "cursor": first["next_cursor"]}).json()
    third = client.get("/v1/partnerships", params={"page_size": 2, "cursor": second["next_cursor"]}).json()
    seen = [p["id"] for page in (first, second, third) for p in page["items"]]
    assert seen == made and third["next_cursor"] is None


def test_page_size_is_bounded_and_cursor_checked(client):
    b.assert_problem(client.get("/v1/partnerships", params={"page_size": 100000}), 422, "page_size")
    b.assert_problem(client.get("/v1/partnerships", params={"page_size": 0}), 422, "page_size")
    b.assert_problem(client.get("/v1/partnerships", params={"cursor": "not-a-cursor!"}), 422, "cursor")


def test_filter_by_area_code(client):
    b.partnership(client, area_code="E06000047")
    other = b.partnership(client, area_code="W06000015")
    items = client.get("/v1/partnerships", params={"area_code": "W06000015"}).json()["items"]
    assert [p["id"] for p in items] == [other["id"]]


def test_patch_changes_only_the_named_fields(client):
    p = b.partnership(client)
    response = client.patch(f"/v1/partnerships/{p['id']}", json={"name": "Renamed"},
                            headers={"If-Match": '"v1"'})
    assert response.status_code == 200
    assert response.json()["name"] == "Renamed" and response.json()["area_code"] == p["area_code"]
    assert response.json()["version"] == 2 and response.headers["etag"] == '"v2"'


def test_patch_rejects_null_for_a_required_field(client):
    p = b.partnership(client)
    b.assert_problem(client.patch(f"/v1/partnerships/{p['id']}", json={"name": None}, headers=b.ANY), 422, "name")
    assert client.get(f"/v1/partnerships/{p['id']}").json() == p


def test_patch_rejects_unknown_fields(client):
    p = b.partnership(client)
    b.assert_problem(client.patch(f"/v1/partnerships/{p['id']}", json={"nmae": "typo"}, headers=b.ANY), 422, "nmae")


def test_unknown_partnership_is_404_everywhere(client):
    missing = "/v1/partnerships/01900000-0000-7000-8000-000000000000"
    for response in (client.get(missing), client.patch(missing, json={"name": "x"}, headers=b.ANY),
                     client.delete(missing, headers=b.ANY), client.get(missing + "/goals"),
                     client.post(missing + "/themes", json={"name": "t"}),
                     client.get(missing + "/resource-map", params={"financial_year": "2009-10"})):
        b.assert_problem(response, 404, "partnership")


def test_malformed_ids_are_422_naming_the_parameter(client):
    b.assert_problem(client.get("/v1/partnerships/not-a-uuid"), 422, "partnership_id")
