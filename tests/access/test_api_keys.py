"""API keys: deny by default, shown once, stored hashed, bound to a partnership, revocable."""

import hashlib

from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlmodel import Session, select

from service.domain.access import key_usage
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID
from service.domain.models.access import ApiKey
from service.main import app
from service.settings import Settings
from tests import builders as b
from tests.conftest import DEV_AUTH


def test_everything_but_health_and_docs_needs_credentials(anonymous):
    for url in ("/livez", "/docs", "/openapi.json"):
        assert anonymous.get(url).status_code == 200
    response = anonymous.get("/v1/partnerships")
    b.assert_problem(response, 401, "API key")
    assert response.headers["www-authenticate"].startswith("Bearer")
    b.assert_problem(anonymous.get("/v1/partnerships", headers={"Authorization": "Bearer lsp_nope"}), 401)
    b.assert_problem(anonymous.get("/v1/partnerships", headers={"X-API-Key": "wrong"}), 401)


def test_a_key_is_shown_once_and_stored_only_as_a_hash(client, session):
    p = b.partnership(client)
    issued = b.created(client.post(b.under(p, "api-keys"), json={"name": "Finance system", "role": "executive"}))
    assert issued["key"].startswith("lsp_") and len(issued["key"]) > 40
    listed = client.get(b.under(p, "api-keys")).json()["items"]
    assert [k["id"] for k in listed] == [issued["id"]] and "key" not in listed[0]
    stored = session.exec(select(ApiKey)).one()
    assert stored.key_hash == hashlib.sha256(issued["key"].encode()).hexdigest()
    raw_row = session.execute(text("SELECT * FROM api_key")).one()
    assert all(issued["key"] not in str(value) for value in raw_row)


def test_a_key_works_as_bearer_or_header(client, anonymous):
    p = b.partnership(client)
    headers = b.key(client, p, "scrutiny")
    raw = headers["Authorization"].removeprefix("Bearer ")
    assert anonymous.get(b.under(p, "partners"), headers=headers).status_code == 200
    assert anonymous.get(b.under(p, "partners"), headers={"X-API-Key": raw}).status_code == 200


def test_a_key_records_its_last_use_without_writing_on_the_read(committed_demo):
    with TestClient(app, raise_server_exceptions=False, headers=DEV_AUTH) as client:
        p = {"id": str(DEMO_PARTNERSHIP_ID)}
        headers = b.key(client, p, "scrutiny")
        with Session(committed_demo) as session:  # holds the write lock: a read must not need it
            session.connection().exec_driver_sql("UPDATE partnership SET name = name")
            assert client.get(b.under(p, "partners"), headers=headers).status_code == 200
        key_usage.recorder.flush()
        used = client.get(b.under(p, "api-keys")).json()["items"][-1]["last_used_at"]
    assert used is not None


def test_a_revoked_key_stops_working(client, anonymous):
    p = b.partnership(client)
    headers = b.key(client, p, "executive")
    key_id = client.get(b.under(p, "api-keys")).json()["items"][0]["id"]
    assert client.delete(b.under(p, f"api-keys/{key_id}"), headers=b.ANY).status_code == 204
    b.assert_problem(anonymous.get(b.under(p, "partners"), headers=headers), 401, "revoked")
    assert client.get(b.under(p, "api-keys")).json()["items"][0]["revoked_at"] is not None


def test_partner_finance_keys_name_their_partner(client):
    p = b.partnership(client)
    b.assert_problem(client.post(b.under(p, "api-keys"), json={"name": "x", "role": "partner_finance"}), 409,
                     "partner_id")
    other = b.partnership(client, name="Other")
    foreign = b.partner(client, other)
    b.assert_problem(client.post(b.under(p, "api-keys"), json={
        "name": "x", "role": "partner_finance", "partner_id": foreign["id"]}), 409, "partner_id")
    assert client.get(b.under(p, "api-keys")).json()["items"] == []


def test_partner_finance_changes_only_its_own_partners_streams(client, anonymous):
    p = b.partnership(client)
    mine, theirs = b.partner(client, p), b.partner(client, p, name="Police", sector="police")
    headers = b.key(client, p, "partner_finance", partner_id=mine["id"])
    own = b.created(anonymous.post(b.under(p, "funding-streams"), headers=headers, json={
        "partner_id": mine["id"], "name": "Ours", "financial_year": "2009-10", "amount": "10.00",
        "kind": "mainstream", "arrangement": "pooled", "most_contribution": "10.00"}))
    police_stream = b.stream(client, p, theirs["id"])
    b.assert_problem(anonymous.patch(b.under(p, f"funding-streams/{police_stream['id']}"), headers=headers | b.ANY,
                                     json={"name": "Taken"}), 403, theirs["id"])
    b.assert_problem(anonymous.patch(b.under(p, f"funding-streams/{own['id']}"), headers=headers | b.ANY,
                                     json={"partner_id": theirs["id"]}), 403)
    b.assert_problem(anonymous.delete(b.under(p, f"funding-streams/{police_stream['id']}"), headers=headers | b.ANY),
                     403)
    assert client.get(b.under(p, f"funding-streams/{police_stream['id']}")).json() == police_stream


def test_keys_see_only_their_partnership(client, anonymous):
    p, other = b.partnership(client), b.partnership(client, name="Other")
    headers = b.key(client, p, "scrutiny")
    listed = anonymous.get("/v1/partnerships", headers=headers).json()["items"]
    assert [x["id"] for x in listed] == [p["id"]]
    b.assert_problem(anonymous.get(f"/v1/partnerships/{other['id']}", headers=headers), 404)


def test_production_refuses_the_development_key_sqlite_and_public_metrics():
    for env in ({"DEV_ADMIN_KEY": "x", "DATABASE_URL": "postgresql://h/db", "METRICS_PORT": "9100"},
                {"DATABASE_URL": "sqlite:///x.db", "METRICS_PORT": "9100"},
                {"DATABASE_URL": "postgresql://h/db", "FORWARDED_ALLOW_IPS": "*", "METRICS_PORT": "9100"},
                {"DATABASE_URL": "postgresql://h/db"}):  # /metrics would be open on the API port
        try:
            Settings(environment="production", **{k.lower(): v for k, v in env.items()})
        except ValueError:
            continue
        raise AssertionError(f"production accepted {env}")
    assert Settings(environment="production", database_url="postgresql://h/db",
                    metrics_port=9100).development_key is None
    assert Settings(environment="production", database_url="postgresql://h/db", metrics_token="t" * 16)
