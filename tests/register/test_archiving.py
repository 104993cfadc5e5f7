"""DELETE archives a partnership: everything is kept and can be read, nothing can be changed."""

from dataclasses import dataclass
from typing import Any

import pytest

from service.main import app
from tests import builders as b

WRITE_OPERATIONS = {op["operationId"] for methods in app.openapi()["paths"].values()
                    for method, op in methods.items() if method in ("post", "patch", "delete", "put")}
STILL_ALLOWED = {"create_partnership", "create_api_key", "revoke_api_key"}  # the keys: see test_keys_…
ARCHIVED = ("archived on", "kept for scrutiny")


@dataclass
class World:
    p: dict[str, Any]
    ids: dict[str, str]


@pytest.fixture
def world(client) -> World:
    """A partnership with one of everything, an optimal run and a draft proposal, then archived."""
    p = b.partnership(client)
    ids = {name: record["id"] for name, record in b.one_of_each(client, p).items()}

    def made(path: str, body: dict[str, Any] | None = None) -> str:
        return str(b.created(client.post(b.under(p, path), json=body))["id"])

    ids["scenario"] = made("scenarios", {"name": "S", "financial_year": "2009-10"})
    ids["run"] = made(f"scenarios/{ids['scenario']}/runs")
    ids["proposal"] = made("proposals", {"run_id": ids["run"], "title": "Pool"})
    ids["analysis"] = made(f"runs/{ids['run']}/analyses", {"kind": "comparison", "compared_with_run_id": ids["run"]})
    ids["observation"] = made("observations", {"goal_id": ids["goal"], "partner_id": ids["partner"],
                                               "period": "2009-10 Q1", "value": "1.5"})
    ids["spend_actual"] = made("spend-actuals", {"intervention_id": ids["intervention"], "partner_id": ids["partner"],
                                                 "period": "May 2009", "amount": "10.00"})
    assert client.delete(f"/v1/partnerships/{p['id']}", headers={"If-Match": '"v1"'}).status_code == 204
    return World(p, ids)


def writes(w: World) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Every refused write as (operation, method, path under the partnership, request arguments)."""
    ids, found = w.ids, []
    plural = {"partner": "partners", "theme": "themes", "funding_stream": "funding-streams", "goal": "goals",
              "intervention": "interventions", "scenario": "scenarios"}
    bodies = {"partner": {"name": "Fire", "sector": "fire_rescue"}, "theme": {"name": "Safer"},
              "funding_stream": {"partner_id": ids["partner"], "name": "B", "financial_year": "2009-10",
                                 "amount": "1.00", "kind": "mainstream", "arrangement": "pooled",
                                 "most_contribution": "1.00"},
              "goal": {"theme_id": ids["theme"], "indicator_code": "NI 40", "title": "t", "unit": "u",
                       "polarity": "higher_is_better", "baseline_value": "1", "baseline_year": "2008",
                       "target_value": "2", "target_year": "2010-11"},
              "intervention": {"theme_id": ids["theme"], "lead_partner_id": ids["partner"], "title": "T",
                               "capacity": "1.00"},
              "scenario": {"name": "S2", "financial_year": "2009-10"}}
    for singular, path in plural.items():
        found += [(f"create_{singular}", "post", path, {"json": bodies[singular]}),
                  (f"update_{singular}", "patch", f"{path}/{ids[singular]}", {"json": {}}),
                  (f"delete_{singular}", "delete", f"{path}/{ids[singular]}", {})]
    run, proposal = f"runs/{ids['run']}", f"proposals/{ids['proposal']}"
    answer = {"json": {"partner_id": ids["partner"]}}
    found += [("create_run", "post", f"scenarios/{ids['scenario']}/runs", {}),
              ("replay_run", "post", f"{run}/replay", {}), ("cancel_run", "post", f"{run}/cancel", {}),
              ("create_analysis", "post", f"{run}/analyses",
               {"json": {"kind": "comparison", "compared_with_run_id": ids["run"]}}),
              ("cancel_analysis", "post", f"{run}/analyses/{ids['analysis']}/cancel", {}),
              ("create_proposal", "post", "proposals", {"json": {"run_id": ids["run"], "title": "Again"}}),
              ("submit_proposal", "post", f"{proposal}/submit", {}),
              ("withdraw_proposal", "post", f"{proposal}/withdraw", {}),
              ("confirm_proposal_contribution", "post", f"{proposal}/confirm", answer),
              ("decline_proposal_contribution", "post", f"{proposal}/decline", answer),
              ("approve_proposal", "post", f"{proposal}/approve", {"json": {}}),
              ("reject_proposal", "post", f"{proposal}/reject", {"json": {"reason": "No"}})]
    for kind in ("funding-streams", "goals", "interventions"):
        upload = {"files": {"file": ("x.csv", b"name\r\nx\r\n", "text/csv")}}
        found += [(f"import_{kind.replace('-', '_')}", "post", f"imports/{kind}", upload),
                  (f"import_{kind.replace('-', '_')}", "post", f"imports/{kind}?dry_run=true", upload)]
    change = f"id,source_note\r\n{ids['funding_stream']},<changed>\r\n".encode()  # an import that changes
    found += [("import_funding_streams", "post", "imports/funding-streams",
               {"files": {"file": ("x.csv", change, "text/csv")}})]
    observation = {"goal_id": ids["goal"], "partner_id": ids["partner"], "period": "2009-10 Q2", "value": "2"}
    actual = {"intervention_id": ids["intervention"], "partner_id": ids["partner"], "period": "June 2009",
              "amount": "1.00"}
    for singular, path, batches, kind, body in [
            ("observation", "observations", "observation-batches", "observations", observation),
            ("spend_actual", "spend-actuals", "spend-actual-batches", "spend-actuals", actual)]:
        upload = {"files": {"file": ("x.csv", b"period\r\nMay 2009\r\n", "text/csv")}}
        plural_id = f"{path}/{ids[singular]}"
        found += [(f"create_{singular}", "post", path, {"json": body}),
                  (f"update_{singular}", "patch", plural_id, {"json": {}}),
                  (f"delete_{singular}", "delete", plural_id, {}),
                  (f"record_{path.replace('-', '_')}", "post", batches, {"json": {"items": [body]}}),
                  (f"import_{kind.replace('-', '_')}", "post", f"imports/{kind}", upload)]
    found += [("revise_proposal", "post", f"{proposal}/revise", {"json": {"run_id": ids["run"]}}),
              ("set_budget_setting_date", "post", "budget-dates",
               {"json": {"partner_id": ids["partner"], "financial_year": "2009-10", "set_by": "2009-03-01"}})]
    found += [("update_partnership", "patch", "", {"json": {"name": "Renamed"}}),
              ("delete_partnership", "delete", "", {})]
    return found


def test_delete_archives_keeping_the_register_and_records_who_and_when(client):
    p = b.partnership(client)
    partner = b.partner(client, p)
    stream = b.stream(client, p, partner["id"])
    url = f"/v1/partnerships/{p['id']}"
    assert client.delete(url, headers={"If-Match": '"v1"'}).status_code == 204
    got = client.get(url)
    assert got.status_code == 200 and got.headers["etag"] == '"v2"'
    archived = got.json()
    assert archived["archived_by"] == "development-admin" and archived["archived_at"] is not None
    assert {k: v for k, v in archived.items() if k not in ("archived_at", "archived_by", "version", "updated_at")} \
        == {k: v for k, v in p.items() if k not in ("archived_at", "archived_by", "version", "updated_at")}
    assert client.get(b.under(p, "funding-streams")).json()["items"] == [stream]
    events = client.get(b.under(p, "audit-events")).json()["items"]
    assert [(e["entity"], e["action"]) for e in events] == [
        ("partnership", "create"), ("partner", "create"), ("funding_stream", "create"), ("partnership", "archive")]
    assert events[-1]["before"] == p and events[-1]["after"] == archived


@pytest.mark.parametrize("if_match", ['"v1"', '"v2"', "*"])
def test_a_second_delete_is_409_saying_when_whatever_its_etag(client, if_match):
    p = b.partnership(client)
    url = f"/v1/partnerships/{p['id']}"
    assert client.delete(url, headers=b.ANY).status_code == 204
    count = len(client.get(b.under(p, "audit-events")).json()["items"])
    body = b.assert_problem(client.delete(url, headers={"If-Match": if_match}), 409, *ARCHIVED)
    assert body["archived_at"] == client.get(url).json()["archived_at"]
    assert len(client.get(b.under(p, "audit-events")).json()["items"]) == count


def test_archived_partnerships_leave_the_list_unless_asked_for(client):
    made = [b.partnership(client, name=f"P{n}", area_code="E06000047") for n in range(3)]
    client.delete(f"/v1/partnerships/{made[1]['id']}", headers=b.ANY)
    listed = client.get("/v1/partnerships").json()["items"]
    assert [p["id"] for p in listed] == [made[0]["id"], made[2]["id"]]
    everything = client.get("/v1/partnerships", params={"include_archived": "true", "area_code": "E06000047"})
    assert [p["id"] for p in everything.json()["items"]] == [p["id"] for p in made]
    assert everything.json()["items"][1]["archived_at"] is not None


def test_every_write_is_refused_with_409_and_changes_nothing(client, world):
    trail = client.get(b.under(world.p, "audit-events"), params={"page_size": 200}).json()
    seen = set()
    for operation, method, path, arguments in writes(world):
        url = b.under(world.p, path).rstrip("/")
        headers = b.ANY if method in ("patch", "delete") else {}
        b.assert_problem(client.request(method, url, headers=headers, **arguments), 409, *ARCHIVED)
        seen.add(operation)
    assert WRITE_OPERATIONS - seen - STILL_ALLOWED == set(), "say whether an archive refuses the new write"
    assert client.get(b.under(world.p, "audit-events"), params={"page_size": 200}).json() == trail


def test_what_scrutiny_reads_still_answers(client, world):
    ids = world.ids
    for path in ("partners", "themes", "funding-streams", "goals", "interventions", "scenarios", "runs",
                 f"runs/{ids['run']}", f"runs/{ids['run']}/allocation", "proposals",
                 f"proposals/{ids['proposal']}", "audit-events", "exports/funding-streams", "exports/goals",
                 "exports/interventions"):
        assert client.get(b.under(world.p, path)).status_code == 200, path
    assert client.get(b.under(world.p, "resource-map"), params={"financial_year": "2009-10"}).status_code == 200
    assert client.get(b.under(world.p, "proposals")).json()["items"][0]["id"] == ids["proposal"]


def test_keys_of_an_archived_partnership_read_revoke_and_issue_only_scrutiny_keys(client):
    p = b.partnership(client)
    executive, admin = b.key(client, p, "executive"), b.key(client, p, "admin")
    client.delete(f"/v1/partnerships/{p['id']}", headers=b.ANY)
    assert client.get(b.under(p, "themes"), headers=executive).status_code == 200
    b.assert_problem(client.post(b.under(p, "scenarios"), headers=executive,
                                 json={"name": "S", "financial_year": "2009-10"}), 409, *ARCHIVED)
    b.assert_problem(client.post(b.under(p, "api-keys"), headers=admin,
                                 json={"name": "k", "role": "executive"}), 409, *ARCHIVED)
    scrutiny = b.created(client.post(b.under(p, "api-keys"), headers=admin, json={"name": "k", "role": "scrutiny"}))
    as_scrutiny = {"Authorization": f"Bearer {scrutiny['key']}"}
    assert client.get(b.under(p, "audit-events"), headers=as_scrutiny).status_code == 200
    keys = client.get(b.under(p, "api-keys"), headers=admin).json()["items"]
    exec_key = next(k for k in keys if k["role"] == "executive")
    assert client.delete(b.under(p, f"api-keys/{exec_key['id']}"), headers={**admin, **b.ANY}).status_code == 204
    b.assert_problem(client.get(b.under(p, "themes"), headers=executive), 401)
    assert client.get("/v1/partnerships", headers=as_scrutiny).json()["items"] == []
    own = client.get("/v1/partnerships", headers=as_scrutiny, params={"include_archived": "true"}).json()["items"]
    assert [q["id"] for q in own] == [p["id"]]
