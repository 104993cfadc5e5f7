"""A register read goes to a worker thread once, for the route itself: the dependencies run on the event loop,
and the route gives its session's connection back on its own thread (each trip costs every request time)."""

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient

from service.api.deps import get_engine
from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, demo_id
from service.main import app
from tests.conftest import DEV_AUTH

BASE = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"


@pytest.mark.parametrize("path", [f"{BASE}/funding-streams?page_size=50", f"{BASE}/goals",
                                  f"{BASE}/interventions/{demo_id('intervention', 'teen-preg-outreach')}"])
def test_a_read_goes_to_a_worker_thread_once(committed_demo, monkeypatch, path):
    async def engine():  # the fixture's plain lambda would itself be sent to a worker thread
        return committed_demo

    app.dependency_overrides[get_engine] = engine
    trips: list[object] = []
    run_sync = anyio.to_thread.run_sync

    async def counted(func, *args, **kwargs):
        trips.append(func)
        return await run_sync(func, *args, **kwargs)

    with TestClient(app, headers=DEV_AUTH) as client:
        assert client.get(path).status_code == 200  # warm: the first request may start threads
        monkeypatch.setattr(anyio.to_thread, "run_sync", counted)
        answer = client.get(path)
    assert answer.status_code == 200, answer.text
    assert len(trips) == 1, trips
