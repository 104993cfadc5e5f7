"""Load benchmark: the real service under many clients, on SQLite and PostgreSQL, side by side.

`python -m bench.load [--seconds 10] [--databases sqlite,postgres]` starts the service on a fresh
database of each kind (the demo loaded) and runs, in turn:
- mixed: 16 clients for `--seconds`, each request a read (7 in 10: registers, the resource map) or a
  write (3 in 10: create a theme, then change it with its ETag);
- runs: 8 clients starting a run of the demo scenario at once, twice;
- burst 60 and burst 200: that many simultaneous reads.
It prints requests, requests per second, the median and 99th-percentile latency, and every status.
"""

import argparse
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from service.domain.common.demo_ids import DEMO_SCENARIO_ID
from tests.live import DEMO, Live, at_once, serving

READS = [f"{DEMO}/interventions", f"{DEMO}/funding-streams", f"{DEMO}/goals", f"{DEMO}/themes",
         f"{DEMO}/resource-map?financial_year=2009-10", f"{DEMO}/partners"]
RUN = f"{DEMO}/scenarios/{DEMO_SCENARIO_ID}/runs"


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    def timed(self, send: Callable[..., httpx.Response], *args: Any, **kwargs: Any) -> httpx.Response | None:
        started = time.perf_counter()
        try:
            response = send(*args, **kwargs)
        except httpx.HTTPError as exc:
            self.statuses[type(exc).__name__] += 1
            return None
        self.latencies.append(time.perf_counter() - started)
        self.statuses[str(response.status_code)] += 1
        return response

    def row(self, phase: str, database: str) -> str:
        count = sum(self.statuses.values())
        ordered = sorted(self.latencies)
        p50 = statistics.median(ordered) * 1000 if ordered else float("nan")
        p99 = ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))] * 1000 if ordered else float("nan")
        statuses = ", ".join(f"{code} × {n}" for code, n in sorted(self.statuses.items()))
        return (f"| {phase} | {database} | {count} | {count / self.seconds:.1f} | {p50:.0f} | {p99:.0f} "
                f"| {statuses} |")


def mixed(live: Live, seconds: float, clients: int = 16) -> Tally:
    tally, deadline = Tally(), time.monotonic() + seconds

    def work(i: int, client: httpx.Client) -> None:
        for n in range(10**9):
            if time.monotonic() > deadline:
                return
            if n % 10 < 7:
                tally.timed(client.get, READS[(i + n) % len(READS)])
                continue
            made = tally.timed(client.post, f"{DEMO}/themes", json={"name": f"Load {live.kind} {i}-{n}"})
            if made is not None and made.status_code == 201:
                tally.timed(client.patch, f"{DEMO}/themes/{made.json()['id']}", json={"description": "changed"},
                            headers={"If-Match": made.headers["etag"]})

    started = time.perf_counter()
    at_once(clients, work, live)
    tally.seconds = time.perf_counter() - started
    return tally


def simultaneous(live: Live, count: int, request: Callable[[int, httpx.Client], httpx.Response],
                 repeats: int = 1) -> Tally:
    tally = Tally()
    started = time.perf_counter()
    for _ in range(repeats):
        at_once(count, lambda i, client: tally.timed(request, i, client), live)
    tally.seconds = time.perf_counter() - started
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load")
    parser.add_argument("--seconds", type=float, default=10.0, help="length of the mixed phase")
    parser.add_argument("--databases", default="sqlite,postgres")
    args = parser.parse_args()
    rows = []
    for database in args.databases.split(","):
        with tempfile.TemporaryDirectory() as tmp, serving(database, Path(tmp), run_burst="100000") as live:
            rows.append(mixed(live, args.seconds).row("mixed, 16 clients", database))
            rows.append(simultaneous(live, 8, lambda i, c: c.post(RUN), repeats=2).row("runs, 8 at once", database))
            for burst in (60, 200):
                rows.append(simultaneous(live, burst, lambda i, c: c.get(READS[i % len(READS)]))
                            .row(f"burst of {burst}", database))
    print("| phase | database | requests | requests/s | p50 ms | p99 ms | statuses |")
    print("|---|---|---|---|---|---|---|")
    print("\n".join(sorted(rows, key=lambda r: (r.split("|")[1], r.split("|")[2]))))


if __name__ == "__main__":
    main()
