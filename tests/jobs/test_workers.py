"""Runs on real workers, on both databases: the web process's own workers, `python -m service worker`
processes, replicas, cancellation of a solve in progress, and workers killed with SIGKILL."""

import os
import threading
import time
from pathlib import Path

import httpx
import pytest

from service.domain.common.demo_ids import DEMO_SCENARIO_ID, demo_id
from tests.jobs.slow import slow_scenario
from tests.live import DEMO, also_serving, at_once, serving, working
from tests.polling import poll_until_final

# Heartbeats every 0.3 s; stale after 5 s, so that a busy 2-core machine (writers holding SQLite's lock,
# solves using both cores) never takes a run from a live worker, while a dead one is noticed quickly.
QUICK_JOBS = {"job_heartbeat_seconds": "0.3", "job_stale_seconds": "5", "run_wait_seconds": "0"}
KINDS = ["sqlite", "postgres"]


def descendants(pid: int) -> set[int]:
    found, todo = set(), [pid]
    while todo:
        for task in Path(f"/proc/{todo.pop()}/task").glob("*/children"):
            children = {int(c) for c in task.read_text().split()}
            found |= children
            todo.extend(children)
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


def poll_until(client: httpx.Client, location: str, wanted: str, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while (run := client.get(location).json())["status"] != wanted:
        assert run["status"] in ("queued", "running"), run
        assert time.monotonic() < deadline, f"still {run['status']} after {timeout} s"
        time.sleep(0.05)
    return dict(run)


@pytest.mark.parametrize("kind", KINDS)
def test_a_long_run_shows_its_stage_and_heartbeat_solves_in_a_child_process_and_stops_when_cancelled(
        kind, tmp_path):
    with serving(kind, tmp_path, optimiser_workers="1", **QUICK_JOBS) as live, live.client() as client:
        base, sid = slow_scenario(live.engine, seconds=30)
        answer = client.post(f"{base}/scenarios/{sid}/runs")
        assert answer.status_code == 202 and answer.json()["status"] in ("queued", "running")
        location = answer.headers["location"]
        running = poll_until(client, location, "running")
        assert running["stage"] == "solving" and running["worker"].startswith("web@")
        deadline = time.monotonic() + 10
        while (later := client.get(location).json())["heartbeat_at"] == running["heartbeat_at"]:
            assert time.monotonic() < deadline, "no heartbeat within 10 s"
            time.sleep(0.05)
        assert later["status"] == "running"
        solvers = descendants(live.process.pid)
        assert solvers, "the solve runs in a process of its own, below the web process"
        livez = []
        for _ in range(20):
            started = time.perf_counter()
            assert client.get("/livez", timeout=2).status_code == 200
            livez.append(time.perf_counter() - started)
        cancelled = client.post(f"{location}/cancel")
        assert cancelled.status_code == 202 and cancelled.json()["cancel_requested_at"]
        final = poll_until_final(client, location, timeout=10)
        assert final["status"] == "cancelled" and final["message"] == "Cancelled while solving."
        deadline = time.monotonic() + 10
        while {p for p in solvers if alive(p)} >= solvers:  # the solve's process goes; its fork server stays
            assert time.monotonic() < deadline, "the cancelled solve's process is still there"
            time.sleep(0.05)
    print(f"/livez while solving ({kind}): median {sorted(livez)[10] * 1000:.1f} ms, max {max(livez) * 1000:.1f} ms")


@pytest.mark.parametrize("kind", KINDS)
def test_a_run_whose_worker_is_killed_is_taken_back_and_solved_by_the_next_worker(kind, tmp_path):
    with serving(kind, tmp_path, optimiser_workers="0", **QUICK_JOBS) as live, live.client() as client:
        base, sid = slow_scenario(live.engine, seconds=4)
        with working(live, **QUICK_JOBS) as worker:
            location = client.post(f"{base}/scenarios/{sid}/runs").headers["location"]
            running = poll_until(client, location, "running")
            assert running["worker"].startswith("worker@") and running["attempts"] == 1
            solvers = descendants(worker.process.pid)
            worker.process.kill()
            worker.process.wait()
            deadline = time.monotonic() + 10  # the orphaned solve notices its lifeline close and exits
            while any(alive(p) for p in solvers):
                assert time.monotonic() < deadline, "the killed worker's solver went on solving for nobody"
                time.sleep(0.05)
            assert client.get(location).json()["status"] == "running"  # until its heartbeat is stale
            worker.restart()
            final = poll_until_final(client, location, timeout=90)
    assert final["status"] in ("optimal", "time_limit"), final
    assert final["attempts"] == 2 and final["result"]["total_allocated"]


@pytest.mark.parametrize("kind", KINDS)
def test_a_worker_told_to_stop_hands_its_run_back_at_once_without_using_an_attempt(kind, tmp_path):
    """SIGTERM (a deploy): after its grace the worker puts the run back in the queue, not waiting for the
    heartbeat to go stale, and the next worker solves it as its first attempt."""
    with serving(kind, tmp_path, optimiser_workers="0", **QUICK_JOBS) as live, live.client() as client:
        base, sid = slow_scenario(live.engine, seconds=3)
        with working(live, job_shutdown_grace_seconds="0.5", **QUICK_JOBS) as worker:
            location = client.post(f"{base}/scenarios/{sid}/runs").headers["location"]
            poll_until(client, location, "running")
            worker.process.terminate()
            assert worker.process.wait(timeout=20) == 0
            handed_back = client.get(location).json()
            assert handed_back["status"] == "queued" and handed_back["attempts"] == 0, handed_back
            assert "shut down while solving; queued again" in handed_back["message"]
            worker.restart()
            final = poll_until_final(client, location, timeout=90)
    assert final["status"] in ("optimal", "time_limit") and final["attempts"] == 1, final


def test_a_run_asked_of_one_replica_is_solved_by_the_worker_and_read_from_the_other(tmp_path):
    with (serving("postgres", tmp_path, optimiser_workers="0", run_wait_seconds="30") as first,
          also_serving(first) as second, working(first), first.client() as one, second.client() as other):
        answer = one.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs")
        assert answer.status_code == 201, answer.text
        assert answer.json()["status"] == "optimal" and answer.json()["worker"].startswith("worker@")
        read = other.get(answer.headers["location"])
        assert read.json() == answer.json() and read.headers["etag"] == answer.headers["etag"]
        assert other.get(f"{answer.headers['location']}/allocation").json()["total"] == \
            answer.json()["result"]["total_allocated"]


def intervention(n: int) -> dict:
    return {"theme_id": str(demo_id("theme", "cyp")), "lead_partner_id": str(demo_id("partner", "health")),
            "title": f"Burst intervention {n}", "capacity": "50000.00",
            "tranches": [{"width": "20000.00", "multiplier": "1"}, {"width": "30000.00", "multiplier": "0.5"}],
            "effects": [{"goal_id": str(demo_id("goal", "ni112")), "per_thousand": "0.01"},
                        {"goal_id": str(demo_id("goal", "ni111")), "per_thousand": "0.02"}]}


@pytest.mark.parametrize("kind", KINDS)
def test_killing_the_web_process_and_its_worker_mid_burst_loses_no_acknowledged_write_or_run(kind, tmp_path):
    """Writes and runs from six clients; SIGKILL to the web process and a worker process in the middle.
    After a restart every acknowledged write is whole and every acknowledged run reaches a final status."""
    settings = {**QUICK_JOBS, "optimiser_workers": "1"}
    with serving(kind, tmp_path, **settings) as live, working(live, **QUICK_JOBS) as worker:
        written: list[str] = []
        runs: list[str] = []
        stop = threading.Event()

        def write(n: int) -> None:
            with live.client(timeout=10) as client:
                for k in range(10_000):
                    try:
                        answer = client.post(f"{DEMO}/interventions", json=intervention(n * 10_000 + k))
                    except httpx.TransportError:
                        return
                    if answer.status_code == 201:
                        written.append(answer.json()["id"])
                    if stop.is_set():
                        return

        def ask(_: int) -> None:
            with live.client(timeout=10) as client:
                while not stop.is_set():
                    try:
                        answer = client.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs")
                    except httpx.TransportError:
                        return
                    if answer.status_code in (201, 202):
                        runs.append(answer.json()["id"])

        threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
        threads += [threading.Thread(target=ask, args=(n,)) for n in range(2)]
        for thread in threads:
            thread.start()
        deadline = time.monotonic() + 30
        while (len(written) < 20 or len(runs) < 6) and time.monotonic() < deadline:
            time.sleep(0.05)
        live.process.kill()
        worker.process.kill()
        stop.set()
        for thread in threads:
            thread.join()
        live.process.wait()
        worker.process.wait()
        assert len(written) >= 20 and len(runs) >= 6, (len(written), len(runs))
        live.restart()
        worker.restart()
        with live.client() as client:
            for intervention_id in written:
                found = client.get(f"{DEMO}/interventions/{intervention_id}").json()
                assert len(found["effects"]) == 2 and len(found["tranches"]) == 2, found
            finals = [poll_until_final(client, f"{DEMO}/runs/{run_id}", timeout=120) for run_id in runs]
    assert {run["status"] for run in finals} == {"optimal"}, [(r["status"], r["message"]) for r in finals]
    assert all(run["result"]["total_allocated"] for run in finals)
    print(f"{kind}: {len(written)} writes and {len(runs)} runs acknowledged before SIGKILL; "
          f"{sum(r['attempts'] > 1 for r in finals)} runs solved again after it; pid {os.getpid()}")


@pytest.mark.parametrize("kind", KINDS)
def test_eight_clients_cancelling_one_queued_run_at_once_all_see_it_cancelled_once(kind, tmp_path):
    """Real threads against a real server: the run's row is held while it is cancelled, so one request
    cancels it and the others find it cancelled; one audit event, one new version."""
    with serving(kind, tmp_path, optimiser_workers="0", run_wait_seconds="0") as live, live.client() as client:
        queued = client.post(f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs").json()
        answers = at_once(8, lambda _i, c: c.post(f"{DEMO}/runs/{queued['id']}/cancel"), live)
        assert [a.status_code for a in answers] == [200] * 8, [a.text for a in answers]
        assert {a.json()["status"] for a in answers} == {"cancelled"}
        assert {a.json()["version"] for a in answers} == {queued["version"] + 1}
        events = client.get(f"{DEMO}/audit-events", params={"entity_id": queued["id"], "entity": "run"}).json()
        assert [e["action"] for e in events["items"]] == ["create", "cancel"]
