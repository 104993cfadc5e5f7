"""With PostgreSQL stopped: 503 problems with Retry-After, /readyz fails, /livez passes; then recovery.

This stops and starts the real server (root and pg_ctlcluster needed), so it runs against a database of its
own and leaves the server running.
"""

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from service.domain.db import get_engine
from service.domain.migrate import upgrade
from service.main import app
from tests import builders as b
from tests.conftest import DEV_AUTH, drop_postgres_database, fresh_postgres_database, postgres_unavailable


def cluster(action: str) -> None:
    """Stop, or start and wait until it answers (starting a running server is not an error here)."""
    version = sorted(p.name for p in Path("/etc/postgresql").iterdir())[-1]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action],
                   check=action == "stop", capture_output=True, timeout=120)
    if action == "start":
        subprocess.run(["pg_isready", "-q", "-h", "127.0.0.1", "-t", "60"], check=True, timeout=90)


@pytest.fixture
def outage_client() -> Iterator[TestClient]:
    if shutil.which("pg_ctlcluster") is None or os.geteuid() != 0:
        postgres_unavailable("stopping the server needs root and pg_ctlcluster")
    admin, engine, name = fresh_postgres_database("outage")
    upgrade(engine)

    app.dependency_overrides[get_engine] = lambda: engine
    try:
        with TestClient(app, raise_server_exceptions=False, headers=DEV_AUTH) as client:
            yield client
    finally:
        app.dependency_overrides.clear()
        cluster("start")  # whatever happened, leave the server running for the other tests
        drop_postgres_database(admin, engine, name)


def test_outage_gives_503_and_the_service_recovers_by_itself(outage_client):
    p = b.partnership(outage_client)
    cluster("stop")
    try:
        for response in (outage_client.get(f"/v1/partnerships/{p['id']}"),
                         outage_client.post("/v1/partnerships", json={"name": "x", "area_code": "E06000047"})):
            body = b.assert_problem(response, 503, "database")
            assert int(response.headers["retry-after"]) > 0 and "Traceback" not in response.text
            assert body["type"].endswith("unavailable")
        ready = outage_client.get("/readyz")
        assert ready.status_code == 503 and ready.headers["retry-after"]
        assert outage_client.get("/livez").status_code == 200
    finally:
        cluster("start")
    assert outage_client.get("/readyz").status_code == 200
    assert outage_client.get(f"/v1/partnerships/{p['id']}").json()["name"] == p["name"]
    names = [x["name"] for x in outage_client.get("/v1/partnerships", params={"page_size": 200}).json()["items"]]
    assert names.count(p["name"]) >= 1 and "x" not in names
