"""With PostgreSQL stopped: 503 problems with Retry-After, /readyz fails, /livez passes; then recovery.

The server stopped is one of the test's own (tests/private_postgres.py), never the machine's shared one.
"""

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from service.api.deps import get_engine
from service.domain.common.db import make_engine
from service.domain.common.migrate import upgrade
from service.main import app
from tests import builders as b
from tests.conftest import DEV_AUTH
from tests.private_postgres import PrivateCluster


@pytest.fixture
def outage() -> Iterator[tuple[TestClient, PrivateCluster]]:
    cluster = PrivateCluster()
    cluster.start()
    engine = make_engine(cluster.url)
    upgrade(engine)
    app.dependency_overrides[get_engine] = lambda: engine
    try:
        with TestClient(app, raise_server_exceptions=False, headers=DEV_AUTH) as client:
            yield client, cluster
    finally:
        app.dependency_overrides.clear()
        engine.dispose()
        cluster.remove()


def test_outage_gives_503_and_the_service_recovers_by_itself(outage):
    outage_client, cluster = outage
    p = b.partnership(outage_client)
    cluster.stop()
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
        cluster.start()
    assert outage_client.get("/readyz").status_code == 200
    assert outage_client.get(f"/v1/partnerships/{p['id']}").json()["name"] == p["name"]
    names = [x["name"] for x in outage_client.get("/v1/partnerships", params={"page_size": 200}).json()["items"]]
    assert names.count(p["name"]) >= 1 and "x" not in names
