"""Analyses on real workers, on both databases: computed in a worker's child process, asked for by many
clients at once, and taken back and finished by the next worker when theirs is killed (kill -9)."""

import time

import pytest

from service.domain.common.demo_ids import DEMO_SCENARIO_ID
from tests.jobs.test_workers import QUICK_JOBS, alive, descendants, poll_until
from tests.live import DEMO, at_once, serving, working
from tests.polling import poll_until_final

KINDS = ["sqlite", "postgres"]
ASKED = [{"kind": "frontier"}, {"kind": "weights"}, {"kind": "alternatives"}, {"kind": "fair_shares"},
         {"kind": "robustness", "draws": 3}, {"kind": "frontier"}]


@pytest.mark.parametrize("kind", KINDS)
def test_a_worker_process_computes_an_analysis(kind, tmp_path):
    with (serving(kind, tmp_path, optimiser_workers="0", run_wait_seconds="30") as live, working(live),
          live.client() as client):
        run = client.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs")
        assert run.status_code == 201, run.text
        answer = client.post(f"{DEMO}/runs/{run.json()['id']}/analyses",
                             json={"kind": "comparison", "compared_with_run_id": run.json()["id"]})
        assert answer.status_code == 201, answer.text
        analysis = answer.json()
        assert analysis["status"] == "done" and analysis["worker"].startswith("worker@")
        assert analysis["attempts"] == 1 and analysis["findings"]
        assert client.get(answer.headers["location"]).json() == analysis


@pytest.mark.parametrize("kind", KINDS)
def test_six_clients_asking_for_analyses_at_once_each_get_one_and_all_finish(kind, tmp_path):
    with (serving(kind, tmp_path, optimiser_workers="0", run_wait_seconds="0", run_burst="20") as live,
          working(live, concurrency=2), live.client() as client):
        run = client.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs")
        location = run.headers["location"]
        assert poll_until_final(client, location, timeout=60)["status"] == "optimal"
        under = f"{location}/analyses"
        answers = at_once(len(ASKED), lambda i, c: c.post(under, json=ASKED[i]), live)
        assert all(not isinstance(a, Exception) and a.status_code in (201, 202) for a in answers), answers
        ids = [a.json()["id"] for a in answers]
        assert len(set(ids)) == len(ids)
        finals = [poll_until_final(client, a.headers["location"], timeout=120) for a in answers]
        assert [f["status"] for f in finals] == ["done"] * len(ASKED), [f["message"] for f in finals]
        assert [f["kind"] for f in finals] == [a["kind"] for a in ASKED]
        listed = client.get(under, params={"page_size": 50}).json()["items"]
        assert sorted(a["id"] for a in listed) == sorted(ids)
        events = client.get(f"{DEMO}/audit-events", params={"entity": "analysis", "page_size": 50}).json()["items"]
        assert sorted(e["entity_id"] for e in events if e["action"] == "create") == sorted(ids)


@pytest.mark.parametrize("kind", KINDS)
def test_an_analysis_whose_worker_is_killed_is_finished_by_the_next_worker(kind, tmp_path):
    # a worker silent for 15 s is stalled: long enough that a loaded machine does not stall a live one
    jobs = {**QUICK_JOBS, "job_stale_seconds": "15"}
    with (serving(kind, tmp_path, optimiser_workers="0", **jobs) as live, live.client() as client,
          working(live, **jobs) as worker):
        run = client.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs")
        assert poll_until_final(client, run.headers["location"], timeout=60)["status"] == "optimal"
        asked = client.post(f"{run.headers['location']}/analyses",
                            json={"kind": "robustness", "draws": 400, "seed": 7})
        location = asked.headers["location"]
        running = poll_until(client, location, "running")
        assert running["attempts"] == 1
        solvers = descendants(worker.process.pid)
        worker.process.kill()
        worker.process.wait()
        deadline = time.monotonic() + 10  # the orphaned child notices its lifeline close and exits
        while any(alive(pid) for pid in solvers):
            assert time.monotonic() < deadline, "the killed worker's child went on for nobody"
            time.sleep(0.05)
        worker.restart()
        final = poll_until_final(client, location, timeout=180)
    assert final["status"] == "done" and final["attempts"] == 2, final
    assert final["result"]["draws"] == 400 and final["result"]["seed"] == 7
