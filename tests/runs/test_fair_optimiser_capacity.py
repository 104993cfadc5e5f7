"""One partnership's long runs cannot starve another's: the optimiser's workers take partnerships in
turn, and no partnership holds more than its share. Real threads; order, not timing, is asserted."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

from fastapi.testclient import TestClient

from service.domain.common.demo_ids import DEMO_PARTNERSHIP_ID, DEMO_SCENARIO_ID
from service.domain.runs import core as runs
from service.domain.runs.fair_pool import FairPool
from service.main import app
from tests.concurrency.test_concurrent_load import small_partnership
from tests.conftest import DEV_AUTH


class Journal:
    def __init__(self):
        self.lock, self.events = threading.Lock(), []

    def job(self, name, release=None):
        def run():
            with self.lock:
                self.events.append(("start", name))
            if release is not None:
                assert release.wait(30)
            with self.lock:
                self.events.append(("end", name))
            return name
        return run

    def started(self, name):
        return self.events.index(("start", name))


def test_a_second_partnership_is_served_before_the_first_one_s_queue():
    pool, journal, release = FairPool(2, 1), Journal(), threading.Event()
    first = [pool.submit("A", journal.job(f"A{n}", release)) for n in range(4)]
    late = pool.submit("B", journal.job("B0"))
    assert late.result(timeout=30) == "B0"  # while A's first run still holds its worker
    assert ("start", "A1") not in journal.events  # A runs one at a time: its share of two workers
    release.set()
    assert [f.result(timeout=30) for f in first] == ["A0", "A1", "A2", "A3"]


def test_partnerships_take_turns_when_each_has_a_queue():
    pool, journal, release = FairPool(1, 1), Journal(), threading.Event()
    blocker = pool.submit("Z", journal.job("Z", release))
    futures = [pool.submit("A", journal.job(f"A{n}")) for n in range(4)]
    futures += [pool.submit("B", journal.job(f"B{n}")) for n in range(2)]
    release.set()
    for future in [blocker, *futures]:
        future.result(timeout=30)
    assert [name for kind, name in journal.events if kind == "start"] == ["Z", "A0", "B0", "A1", "B1", "A2", "A3"]


def test_another_partnership_s_short_run_is_not_queued_behind_long_runs(committed_demo, monkeypatch):
    """Through the API: the demo partnership starts four slow runs, another starts one afterwards."""
    pool = FairPool(2, 1)
    monkeypatch.setattr(runs, "_optimisers", lambda: pool)
    solve, journal, first_slow_started = runs.compute, Journal(), threading.Event()

    def compute(snap):
        slow = len(snap.interventions) > 5  # the demo's, not the small partnership's
        with journal.lock:
            name = f"{'demo' if slow else 'small'}-{len(journal.events)}"
            journal.events.append(("start", name))
        if slow:
            first_slow_started.set()
            time.sleep(1.0)  # a long solve: the other partnership's run arrives while it lasts
        outcome = solve(snap)
        with journal.lock:
            journal.events.append(("end", name))
        return outcome

    monkeypatch.setattr(runs, "compute", compute)
    with TestClient(app, headers=DEV_AUTH) as client:
        base, scenario_id = small_partnership(client)
    demo_runs = f"/v1/partnerships/{DEMO_PARTNERSHIP_ID}/scenarios/{DEMO_SCENARIO_ID}/runs"

    def post(url):
        with TestClient(app, headers=DEV_AUTH) as client:
            return client.post(url).status_code

    with ThreadPoolExecutor(max_workers=5) as threads:
        slow = [threads.submit(post, demo_runs) for _ in range(4)]
        assert first_slow_started.wait(60)
        quick = threads.submit(post, f"{base}/scenarios/{scenario_id}/runs")
        assert quick.result(timeout=60) == 201
        assert [s.result(timeout=60) for s in slow] == [201] * 4
    starts = [name for kind, name in journal.events if kind == "start"]
    small = next(i for i, name in enumerate(starts) if name.startswith("small"))
    assert small == 1, starts  # straight after the first slow run, never behind the other three
