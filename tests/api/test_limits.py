"""Bounded consumption: request bodies (413) and bursts of optimisation runs (429 with Retry-After)."""

from datetime import timedelta

import pytest
from sqlmodel import select

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from service.domain.models.run import Run
from service.domain.runs import throttle
from service.settings import get_settings
from tests import builders as b

BASE = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}"
RUNS = f"{BASE}/scenarios/{DEMO_SCENARIO_ID}/runs"


def names(client):
    return [p["name"] for p in client.get("/v1/partnerships", params={"page_size": 200}).json()["items"]]


def test_a_body_declared_over_the_limit_is_413_and_creates_nothing(client, monkeypatch):
    monkeypatch.setattr(get_settings(), "max_body_bytes", 1_000)
    before = names(client)
    response = client.post("/v1/partnerships", json={"name": "N" * 2_000, "area_code": "E06000047"})
    body = b.assert_problem(response, 413, "1,000 bytes", "max_body_bytes")
    assert body["limit"] == "max_body_bytes" and body["max_bytes"] == 1_000
    assert names(client) == before


def test_a_streamed_body_is_cut_off_once_it_passes_the_limit(client, monkeypatch):
    monkeypatch.setattr(get_settings(), "max_body_bytes", 1_000)
    before = names(client)

    def chunks():  # no Content-Length: the bytes are counted as they arrive
        yield b'{"area_code": "E06000047", "name": "'
        yield b"N" * 2_000
        yield b'"}'

    response = client.post("/v1/partnerships", content=chunks(), headers={"content-type": "application/json"})
    b.assert_problem(response, 413, "max_body_bytes")
    assert names(client) == before


def test_a_body_within_the_limit_is_served(client, monkeypatch):
    monkeypatch.setattr(get_settings(), "max_body_bytes", 1_000)
    b.partnership(client, name="N" * 200)


def test_uploads_have_their_own_larger_limit(client, monkeypatch):
    monkeypatch.setattr(get_settings(), "max_body_bytes", 1_000)
    monkeypatch.setattr(get_settings(), "max_upload_bytes", 10_000)
    p = b.partnership(client)
    csv = b"name\n" + b"Children and young people\n" * 100  # 2.6 kB: over the JSON limit, within the upload one
    upload = client.post(b.under(p, "imports/goals"), params={"dry_run": True},
                         files={"file": ("goals.csv", csv, "text/csv")})
    assert upload.status_code != 413, upload.text
    too_big = client.post(b.under(p, "imports/goals"), files={"file": ("goals.csv", csv * 40, "text/csv")})
    b.assert_problem(too_big, 413, "request body exceeds", "max_upload_bytes")


def test_a_burst_of_runs_is_throttled_with_retry_after(demo, monkeypatch):
    monkeypatch.setattr(get_settings(), "run_burst", 2)
    done = [demo.post(RUNS) for _ in range(2)]
    assert [r.status_code for r in done] == [201, 201]
    response = demo.post(RUNS)
    body = b.assert_problem(response, 429, "limit is 2", "run_burst")
    window = get_settings().run_burst_window_seconds
    assert 1 <= int(response.headers["retry-after"]) <= window and body["retry_after"] == int(
        response.headers["retry-after"])
    b.assert_problem(demo.post(f"{BASE}/runs/{done[0].json()['id']}/replay"), 429)
    assert len(demo.get(f"{BASE}/runs").json()["items"]) == 2


def test_the_burst_is_counted_per_partnership(demo, monkeypatch):
    monkeypatch.setattr(get_settings(), "run_burst", 1)
    assert demo.post(RUNS).status_code == 201
    other = b.partnership(demo)
    scenario = b.created(demo.post(b.under(other, "scenarios"), json={"name": "Empty", "financial_year": "2009-10"}))
    assert demo.post(b.under(other, f"scenarios/{scenario['id']}/runs")).status_code == 201


def test_retry_after_is_when_the_oldest_counted_run_leaves_the_window(demo, session):
    assert demo.post(RUNS).status_code == demo.post(RUNS).status_code == 201
    first, second = session.exec(select(Run.created_at).where(Run.partnership_id == DEMO_PARTNERSHIP_ID)
                                 .order_by(Run.created_at)).all()
    with pytest.raises(throttle.TooManyRequests) as refused:
        throttle.check_run_burst(session, DEMO_PARTNERSHIP_ID, burst=2, window_seconds=60,
                                 now=first + timedelta(seconds=10))
    assert refused.value.headers["Retry-After"] == "50"
    throttle.check_run_burst(session, DEMO_PARTNERSHIP_ID, burst=2, window_seconds=60,
                             now=first + timedelta(seconds=60))
    throttle.check_run_burst(session, DEMO_PARTNERSHIP_ID, burst=3, window_seconds=60, now=second)
