"""Metrics by route template, request ids in every JSON log line, and no secrets in the logs."""

import io
import json
import logging
import uuid

import pytest
from prometheus_client.parser import text_string_to_metric_families

from service.api.deps import get_session
from service.api.observability import configure_logging
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from service.domain.demo.load import load_demo
from service.main import app
from service.settings import get_settings
from tests import builders as b

PARTNERSHIP_ROUTE = "/v1/partnerships/{partnership_id}"


def sample(client, name, **labels):
    """The current value of one metric sample, 0 when it has not been recorded yet."""
    for family in text_string_to_metric_families(client.get("/metrics").text):
        for s in family.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                return s.value
    return 0.0


@pytest.fixture
def logged():
    """The JSON lines logged during the test, as the service writes them when it serves."""
    root = logging.getLogger()
    saved_handlers, saved_level = root.handlers[:], root.level
    stream = io.StringIO()
    configure_logging("INFO", json=True, stream=stream)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    root.handlers = saved_handlers
    root.setLevel(saved_level)


def test_metrics_count_requests_by_route_template_not_raw_path(client, anonymous):
    p = b.partnership(client)
    labels = {"method": "GET", "handler": PARTNERSHIP_ROUTE, "status": "200"}
    before = sample(anonymous, "http_requests_total", **labels)
    assert client.get(f"/v1/partnerships/{p['id']}").status_code == 200
    response = anonymous.get("/metrics")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/plain")
    assert sample(anonymous, "http_requests_total", **labels) == before + 1
    assert p["id"] not in response.text
    assert 'handler="/v1/partnerships/{partnership_id}"' in response.text
    assert sample(anonymous, "http_request_duration_seconds_count", method="GET", handler=PARTNERSHIP_ROUTE) >= 1


def test_unknown_paths_share_one_label(client):
    before = sample(client, "http_requests_total", handler="none", status="404")
    missing = uuid.uuid4()
    client.get(f"/nowhere/{missing}")
    assert sample(client, "http_requests_total", handler="none", status="404") == before + 1
    assert str(missing) not in client.get("/metrics").text


def test_a_finished_run_is_counted_by_status_and_timed(client, session):
    load_demo(session)
    optimal = sample(client, "optimiser_runs_total", status="optimal")
    timed = sample(client, "optimiser_run_duration_seconds_count")
    response = client.post(f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}/scenarios/{DEMO_SCENARIO_ID}/runs")
    assert response.status_code == 201 and response.json()["status"] == "optimal"
    assert sample(client, "optimiser_runs_total", status="optimal") == optimal + 1
    assert sample(client, "optimiser_run_duration_seconds_count") == timed + 1


def test_every_log_line_is_json_with_the_echoed_request_id(client, logged):
    response = client.get("/v1/partnerships")
    request_id = response.headers["x-request-id"]
    assert uuid.UUID(request_id)
    access = [line for line in logged() if line["name"] == "service.access"]
    assert len(access) == 1
    line = access[0]
    assert line["request_id"] == request_id and line["level"] == "INFO" and line["time"]
    assert (line["method"], line["path"], line["status"]) == ("GET", "/v1/partnerships", 200)
    assert line["duration_ms"] >= 0


def test_a_callers_request_id_is_kept_and_a_malformed_one_replaced(client, logged):
    assert client.get("/livez", headers={"X-Request-ID": "gateway-7f3a.42"}).headers["x-request-id"] == \
        "gateway-7f3a.42"
    replaced = client.get("/livez", headers={"X-Request-ID": "x" * 200}).headers["x-request-id"]
    assert uuid.UUID(replaced)
    assert not any("x" * 129 in json.dumps(line) for line in logged())


def test_an_unexpected_failure_is_logged_and_answered_with_the_same_request_id(client, logged):
    def broken():
        raise RuntimeError("boom")

    app.dependency_overrides[get_session] = broken
    response = client.get("/v1/partnerships", headers={"X-Request-ID": "trace-500"})
    b.assert_problem(response, 500)
    assert response.headers["x-request-id"] == "trace-500"
    errors = [line for line in logged() if line["level"] == "ERROR"]
    assert errors and all(line["request_id"] == "trace-500" for line in errors)
    assert "RuntimeError" in errors[0]["exc_info"]


def test_no_key_or_token_reaches_the_logs(client, anonymous, logged):
    p = b.partnership(client)
    issued = b.created(client.post(b.under(p, "api-keys"), json={"name": "Finance system", "role": "scrutiny"}))
    secret = issued["key"]
    assert client.get(b.under(p, "themes"), headers={"Authorization": f"Bearer {secret}"}).status_code == 200
    assert anonymous.get(b.under(p, "themes"), headers={"X-API-Key": secret}).status_code == 200
    unknown = "lsp_" + "Q" * 43
    b.assert_problem(anonymous.get("/v1/partnerships", headers={"Authorization": f"Bearer {unknown}"}), 401)
    token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl"
    b.assert_problem(anonymous.get("/v1/partnerships", headers={"Authorization": f"Bearer {token}"}), 401)
    logging.getLogger("service.test").warning("careless code logged %s and %s", secret, token)
    text = "\n".join(json.dumps(line) for line in logged())
    assert "careless code logged" in text and len(logged()) >= 5
    for leaked in (secret, unknown, token, get_settings().development_key):
        assert leaked not in text


def test_metrics_behind_a_token_need_it(anonymous, monkeypatch):
    monkeypatch.setattr(get_settings(), "metrics_token", "a-long-metrics-token")
    b.assert_problem(anonymous.get("/metrics"), 401, "METRICS_TOKEN")
    b.assert_problem(anonymous.get("/metrics", headers={"Authorization": "Bearer wrong"}), 401)
    assert anonymous.get("/metrics", headers={"Authorization": "Bearer a-long-metrics-token"}).status_code == 200


def test_metrics_on_a_port_of_their_own_are_not_on_the_api_port(anonymous, monkeypatch):
    monkeypatch.setattr(get_settings(), "metrics_port", 9999)
    b.assert_problem(anonymous.get("/metrics"), 404)
