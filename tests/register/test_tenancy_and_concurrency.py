"""Ids never cross partnerships; stale If-Match is refused. Checked on every register resource."""

import pytest

from tests import builders as b

RESOURCES = ["partners", "themes", "funding-streams", "goals", "interventions"]


@pytest.fixture
def two(client):
    """Partnership A with one of everything, and an empty partnership B."""
    a = b.partnership(client, name="A")
    theme = b.theme(client, a)
    partner = b.partner(client, a)
    ids = {"partners": partner["id"], "themes": theme["id"],
           "funding-streams": b.stream(client, a, partner["id"])["id"],
           "goals": b.goal(client, a, theme["id"])["id"],
           "interventions": b.intervention(client, a, theme["id"], partner["id"])["id"]}
    return a, b.partnership(client, name="B"), ids


@pytest.mark.parametrize("resource", RESOURCES)
def test_an_id_of_another_partnership_is_404_and_touches_nothing(client, two, resource):
    a, other, ids = two
    own_url = b.under(a, f"{resource}/{ids[resource]}")
    before = client.get(own_url).json()
    foreign_url = b.under(other, f"{resource}/{ids[resource]}")
    b.assert_problem(client.get(foreign_url), 404, ids[resource])
    b.assert_problem(client.patch(foreign_url, json={}, headers=b.ANY), 404, ids[resource])
    b.assert_problem(client.delete(foreign_url, headers=b.ANY), 404, ids[resource])
    assert client.get(own_url).json() == before
    assert client.get(b.under(other, resource)).json()["items"] == []


@pytest.mark.parametrize("resource", RESOURCES)
def test_stale_if_match_is_412_and_changes_nothing(client, two, resource):
    a, _, ids = two
    url = b.under(a, f"{resource}/{ids[resource]}")
    first = client.get(url)
    assert first.headers["etag"] == '"v1"'
    assert client.patch(url, json={}, headers={"If-Match": first.headers["etag"]}).status_code == 200
    current = client.get(url).json()
    assert current["version"] == 2
    for response in (client.patch(url, json={}, headers={"If-Match": '"v1"'}),
                     client.delete(url, headers={"If-Match": '"v1"'})):
        body = b.assert_problem(response, 412, '"v2"')
        assert body["current_etag"] == '"v2"'
    assert client.get(url).json() == current


def test_if_match_accepts_lists_weak_tags_and_star(client, two):
    a, _, ids = two
    url = b.under(a, f"themes/{ids['themes']}")
    assert client.patch(url, json={"description": "x"}, headers={"If-Match": '"v9", W/"v1"'}).status_code == 200
    assert client.patch(url, json={"description": "y"}, headers={"If-Match": "*"}).status_code == 200
    b.assert_problem(client.patch(url, json={"description": "z"}, headers={"If-Match": '"v1"'}), 412, '"v3"')
    assert client.delete(url, headers={"If-Match": '"v3"'}).status_code == 409  # still used by a goal


@pytest.mark.parametrize("header", ["v3", "garbage", '"v3', "W/v3", '"v3", v4'])
def test_a_malformed_if_match_is_400_saying_how_to_write_it(client, two, header):
    a, _, ids = two
    url = b.under(a, f"themes/{ids['themes']}")
    body = b.assert_problem(client.patch(url, json={"description": "z"}, headers={"If-Match": header}), 400,
                            'in double quotes', '"v3"')
    assert body["header"] == "If-Match"
    assert client.get(url).json()["version"] == 1


@pytest.mark.parametrize("resource", RESOURCES)
def test_patch_and_delete_without_if_match_are_428_and_change_nothing(client, two, resource):
    a, _, ids = two
    url = b.under(a, f"{resource}/{ids[resource]}")
    before = client.get(url).json()
    for response in (client.patch(url, json={}), client.delete(url)):
        b.assert_problem(response, 428, "If-Match")
    assert client.get(url).json() == before


def test_partner_names_are_unique_within_a_partnership(client, two):
    a, other, _ = two
    b.assert_problem(client.post(b.under(a, "partners"), json={
        "name": "Northshire Council", "sector": "health"}), 409, "unique")
    assert b.partner(client, other)["name"] == "Northshire Council"


def test_partner_sector_and_month_are_validated(client, two):
    a, _, _ = two
    b.assert_problem(client.post(b.under(a, "partners"), json={"name": "X", "sector": "army"}), 422, "sector")
    b.assert_problem(client.post(b.under(a, "partners"), json={
        "name": "X", "sector": "police", "financial_year_start_month": 13}), 422, "financial_year_start_month")


def test_partners_filter_by_sector(client, two):
    a, _, ids = two
    police = b.partner(client, a, name="Police", sector="police")
    found = client.get(b.under(a, "partners"), params={"sector": "police"}).json()["items"]
    assert [p["id"] for p in found] == [police["id"]]
    b.assert_problem(client.get(b.under(a, "partners"), params={"sector": "navy"}), 422, "sector")
