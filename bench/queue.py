"""Queue benchmark: how long runs wait for a worker, and how throughput grows with workers.

`python -m bench.queue [--runs 24] [--workers 1,2,4] [--databases postgres,sqlite]` starts the service
on a fresh database of each kind with the demo loaded and no workers of its own, then for each count
starts that many `python -m service worker --concurrency 1` processes, submits `--runs` demo runs at once
from four clients (202 each) and waits until every one is final. It prints, per database and worker
count: runs per second from the first submission to the last run stored, the median and 90th-percentile
wait in the queue (a worker taking the run minus its submission, from the runs' own records), and the
median time from submission to the outcome being stored.
"""

import argparse
import statistics
import tempfile
import time
from contextlib import ExitStack
from datetime import datetime
from pathlib import Path

from service.domain.common.demo_ids import DEMO_SCENARIO_ID
from tests.live import DEMO, at_once, serving, working
from tests.polling import poll_until_final

RUN = f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs"
SETTINGS = {"optimiser_workers": "0", "run_wait_seconds": "0", "run_burst": "100000"}


def quantile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * q))]


def seconds_between(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def measure(kind: str, workers: int, runs: int, tmp: Path) -> tuple[float, float, float, float]:
    with serving(kind, tmp, **SETTINGS) as live, ExitStack() as stack:
        for _ in range(workers):
            stack.enter_context(working(live, concurrency=1))
        with live.client() as client:  # one run first: every worker's fork server is warm
            poll_until_final(client, client.post(RUN).headers["location"], timeout=120)
        started = time.perf_counter()
        ids = [answer.json()["id"] for batch in at_once(4, lambda _i, c: [c.post(RUN) for _ in range(runs // 4)],
                                                      live) for answer in batch]
        with live.client() as client:
            finals = [poll_until_final(client, f"{DEMO}/runs/{run_id}", timeout=600) for run_id in ids]
        elapsed = time.perf_counter() - started
    assert {f["status"] for f in finals} == {"optimal"}, {f["status"] for f in finals}
    waits = [seconds_between(f["queued_at"], f["started_at"]) for f in finals]
    turnaround = [seconds_between(f["queued_at"], f["finished_at"]) for f in finals]
    return len(finals) / elapsed, statistics.median(waits), quantile(waits, 0.9), statistics.median(turnaround)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.queue")
    parser.add_argument("--runs", type=int, default=24)
    parser.add_argument("--workers", default="1,2,4")
    parser.add_argument("--databases", default="postgres,sqlite")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.databases.split(","):
            base = None
            for count in (int(n) for n in args.workers.split(",")):
                folder = Path(tmp) / f"{kind}-{count}"
                folder.mkdir()
                rate, wait50, wait90, turnaround = measure(kind, count, args.runs, folder)
                base = base or rate
                rows.append(f"| {kind} | {count} | {rate:.2f} | {rate / base:.2f} × | {wait50 * 1000:.0f} ms "
                            f"| {wait90 * 1000:.0f} ms | {turnaround * 1000:.0f} ms |")
    print(f"{args.runs} demo runs submitted at once by four clients; worker processes of concurrency 1.\n")
    print("| database | workers | runs/s | × one worker | queue wait, median | queue wait, p90 "
          "| submitted → stored, median |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(rows))


if __name__ == "__main__":
    main()
