"""Under overload the service says so quickly (503 with Retry-After) and stays alive; an unexpected
error is a 500 problem that leaves the client's connection open."""

import http.client
import json
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
import uvicorn
from fastapi.testclient import TestClient

from service.api.app import create_app
from service.api.deps import get_engine, get_session
from service.domain.common.db import make_engine, open_session
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID
from service.settings import get_settings
from tests import builders as b
from tests.conftest import DEV_AUTH
from tests.processes import free_port

DEMO = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


def test_requests_beyond_the_admitted_wait_and_then_get_a_fast_503(committed_demo, monkeypatch):
    monkeypatch.setattr(get_settings(), "max_concurrent_requests", 2)
    monkeypatch.setattr(get_settings(), "request_queue_seconds", 0.5)
    app, release, entered = create_app(), threading.Event(), threading.Semaphore(0)

    def held_session():
        entered.release()
        assert release.wait(30)
        with open_session(committed_demo) as session:
            yield session

    app.dependency_overrides.update({get_engine: lambda: committed_demo, get_session: held_session})
    with TestClient(app, headers=DEV_AUTH) as client, ThreadPoolExecutor(4) as threads:
        admitted = [threads.submit(client.get, DEMO) for _ in range(2)]
        for _ in admitted:
            assert entered.acquire(timeout=30)  # both slots are taken by requests that are waiting
        refused = client.get(f"{DEMO}/themes")
        assert client.get("/livez").status_code == 200  # probes never queue
        release.set()
        assert [a.result(timeout=30).status_code for a in admitted] == [200, 200]
        assert client.get(f"{DEMO}/themes").status_code == 200
    body = b.assert_problem(refused, 503, "busy")
    assert int(refused.headers["retry-after"]) > 0 and body["type"].endswith("unavailable")


def test_no_free_connection_in_time_is_a_503_not_a_500(committed_demo, tmp_path):
    settings = get_settings().model_copy(update={"db_pool_size": 1, "db_max_overflow": 0,
                                                 "db_pool_timeout_seconds": 0.2})
    tiny = make_engine(str(committed_demo.url), settings)
    app = create_app()
    app.dependency_overrides[get_engine] = lambda: tiny
    try:
        with tiny.connect(), TestClient(app, headers=DEV_AUTH) as client:  # the pool's one connection is taken
            response = client.get(f"{DEMO}/themes")
    finally:
        tiny.dispose()
    b.assert_problem(response, 503, "busy")
    assert int(response.headers["retry-after"]) > 0


@pytest.fixture
def served_app(committed_demo):
    """The app with one route that fails unexpectedly, served by uvicorn in a thread."""
    app = create_app()
    app.dependency_overrides[get_engine] = lambda: committed_demo

    @app.get("/v1/broken")
    def broken() -> None:
        raise RuntimeError("secret internals")

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    while not server.started and thread.is_alive():
        thread.join(0.05)
    yield port
    server.should_exit = True
    thread.join(30)


def test_an_unexpected_error_is_a_500_problem_on_a_connection_that_stays_open(served_app):
    connection = http.client.HTTPConnection("127.0.0.1", served_app, timeout=30)
    connection.request("GET", "/v1/broken", headers=DEV_AUTH)
    failed = connection.getresponse()
    body = json.loads(failed.read())
    assert failed.status == 500 and failed.getheader("content-type") == "application/problem+json"
    assert "secret" not in json.dumps(body) and body["type"].endswith("internal")
    assert (failed.getheader("connection") or "").lower() != "close"
    connection.request("GET", "/livez")  # the same connection: a server that dropped it would fail here
    again = connection.getresponse()
    assert again.status == 200 and json.loads(again.read()) == {"status": "ok"}
    connection.close()
