"""Bursts of simultaneous requests against the real service, on SQLite and on PostgreSQL: every request
is answered without a 5xx, the liveness probe keeps answering within an orchestrator's timeout, and the
run burst limit holds exactly however many runs arrive at once."""

import threading

import httpx
import pytest

from tests.live import DEMO, at_once, serving
from tests.processes import free_port

READS = [f"{DEMO}/interventions", f"{DEMO}/funding-streams", f"{DEMO}/goals",
         f"{DEMO}/resource-map?financial_year=2009-10", f"{DEMO}/proposals", f"{DEMO}/themes"]
PROBE_TIMEOUT = 1.0  # seconds, as an orchestrator's liveness probe would allow


METRICS_PORT = free_port()


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def live(request, tmp_path_factory):
    with serving(request.param, tmp_path_factory.mktemp("load"), run_burst="10",
                 metrics_port=str(METRICS_PORT)) as service:
        yield service


def api_key(live, role="scrutiny"):
    with live.client() as client:
        issued = client.post(f"{DEMO}/api-keys", json={"name": f"{role} load", "role": role})
        assert issued.status_code == 201, issued.text
        return {"Authorization": f"Bearer {issued.json()['key']}"}


class Prober:
    """Calls /livez over and over while a burst is served, as an orchestrator would."""

    def __init__(self, live):
        self.url, self.answers, self.failures = f"{live.url}/livez", 0, []
        self.done = threading.Event()
        self.thread = threading.Thread(target=self._probe, daemon=True)

    def _probe(self):
        with httpx.Client(timeout=PROBE_TIMEOUT) as client:
            while not self.done.is_set():
                try:
                    response = client.get(self.url)
                    self.answers += response.status_code == 200
                except httpx.TimeoutException as exc:
                    self.failures.append(repr(exc))

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.done.set()
        self.thread.join()


@pytest.mark.parametrize("burst", [60, 200])
def test_a_burst_of_simultaneous_reads_is_served_without_5xx(live, burst):
    headers = api_key(live)

    def read(i, client):
        return client.get(READS[i % len(READS)], headers=headers).status_code

    with Prober(live) as probe:
        statuses = at_once(burst, read, live)
    assert statuses == [200] * burst
    assert probe.failures == [] and probe.answers > 0


def small_partnership(client):
    """A partnership whose runs solve in milliseconds: the burst test is about counting, not solving."""
    p = client.post("/v1/partnerships", json={"name": "Burst Partnership", "area_code": "E06000001"}).json()
    base = f"/v1/partnerships/{p['id']}"
    partner = client.post(f"{base}/partners", json={"name": "Council", "sector": "local_authority"}).json()
    theme = client.post(f"{base}/themes", json={"name": "Safer"}).json()
    client.post(f"{base}/funding-streams", json={
        "partner_id": partner["id"], "name": "Budget", "financial_year": "2009-10", "amount": "100000.00",
        "kind": "mainstream", "arrangement": "pooled", "most_contribution": "100000.00"})
    goal = client.post(f"{base}/goals", json={
        "theme_id": theme["id"], "indicator_code": "NI 16", "title": "Serious acquisitive crime", "unit": "per 1,000",
        "polarity": "lower_is_better", "baseline_value": "20", "baseline_year": "2008", "target_value": "15",
        "target_year": "2010-11"}).json()
    client.post(f"{base}/interventions", json={
        "theme_id": theme["id"], "lead_partner_id": partner["id"], "title": "Target hardening",
        "capacity": "50000.00", "effects": [{"goal_id": goal["id"], "per_thousand": "-0.05"}]})
    scenario = client.post(f"{base}/scenarios", json={"name": "Base", "financial_year": "2009-10"}).json()
    return base, scenario["id"]


def test_the_run_burst_limit_is_exact_under_simultaneous_runs(live):
    with live.client() as client:
        base, scenario_id = small_partnership(client)

    def start(i, client):
        return client.post(f"{base}/scenarios/{scenario_id}/runs")

    answers = at_once(20, start, live)
    codes = sorted(a.status_code for a in answers)
    assert codes.count(429) == 10 and all(c in (201, 202) for c in codes if c != 429), [a.text for a in answers]
    assert all(int(a.headers["retry-after"]) > 0 for a in answers if a.status_code == 429)
    with live.client() as client:
        assert len(client.get(f"{base}/runs", params={"page_size": 100}).json()["items"]) == 10


def test_metrics_are_served_on_their_own_port_and_not_on_the_api_s(live):
    with live.client() as client:
        assert client.get(f"{DEMO}/themes").status_code == 200
        assert client.get("/metrics").status_code == 404
    scraped = httpx.get(f"http://127.0.0.1:{METRICS_PORT}/metrics", timeout=10)
    assert scraped.status_code == 200 and 'handler="/v1/partnerships/{partnership_id}/themes"' in scraped.text
