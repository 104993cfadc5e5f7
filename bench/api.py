"""API benchmark: what the service adds around the optimiser and the database, side by side in one run.

`python -m bench.api [--sizes medium,large] [--requests 600] [--repeats 3]` prints
- per size: freezing the register for a run (in process) against a whole run through the API (freeze, solve,
  explain, silo comparison, store), medians of repeats, and the freeze's share; and GET of the stored run
  (one client, median of 20, with the size of its body);
- listing a page of 50 funding streams and reading one intervention (with its effects and tranches): requests
  per second from the service and from a bare FastAPI + SQLAlchemy app running the same queries
  (bench/bare_app.py), both served by uvicorn on the same SQLite file, four clients, interleaved repeats; and
  the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
from sqlmodel import Session, select

from bench.generate import instance
from bench.register_data import store
from service.domain.common.db import make_engine
from service.domain.common.migrate import upgrade
from service.domain.models.intervention import Intervention
from service.domain.models.scenario import Scenario
from service.domain.runs import snapshot
from tests.processes import answers_200, free_port, service_environment, start, stop, wait_until

KEY = "lsp_dev_admin_key_for_the_benchmark_only"
AUTH = {"Authorization": f"Bearer {KEY}"}


def serve(argv: list[str], database_url: str, log: Path, ready: str, **settings: str):
    port = free_port()
    env = service_environment(database_url, PORT=str(port), DEV_ADMIN_KEY=KEY, LOG_LEVEL="WARNING",
                              RUN_WAIT_SECONDS="120", MAX_PROBLEM_PAIRS="100000000", RUN_BURST="1000", **settings)
    process = start([*argv, "--port", str(port)] if "uvicorn" in argv else argv, env, log)
    url = f"http://127.0.0.1:{port}"
    wait_until(answers_200(url + ready), process, log, " ".join(argv))
    return process, url


def throughput(url: str, path: str, headers: dict[str, str], total: int, clients: int = 4) -> float:
    each, barrier = total // clients, threading.Barrier(clients + 1)

    def work() -> None:
        with httpx.Client(base_url=url, headers=headers, timeout=60) as client:
            client.get(path).raise_for_status()  # warm the connection
            barrier.wait()
            for _ in range(each):
                client.get(path).raise_for_status()

    threads = [threading.Thread(target=work) for _ in range(clients)]
    for t in threads:
        t.start()
    barrier.wait()
    started = time.perf_counter()
    for t in threads:
        t.join()
    return each * clients / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.api")
    parser.add_argument("--sizes", default="medium,large")
    parser.add_argument("--requests", type=int, default=600)
    parser.add_argument("--repeats", type=int, default=3, help="of each measurement; medians are printed")
    args = parser.parse_args()
    repeats = args.repeats
    runs, reads = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes.split(","):
            url_db = f"sqlite:///{Path(tmp) / f'{size}.db'}"
            engine = make_engine(url_db)
            upgrade(engine)
            with Session(engine) as session:
                pid, sid = store(session, *instance(size, integers=False))
            freezes = []
            for _ in range(repeats):
                with Session(engine) as session:
                    scenario = session.get_one(Scenario, sid)
                    t = time.perf_counter()
                    snapshot.freeze(session, scenario)
                    freezes.append(time.perf_counter() - t)
            service, url = serve([sys.executable, "-m", "service", "serve", "--no-migrate"], url_db,
                                 Path(tmp) / f"{size}-service.log", "/readyz")
            try:
                whole = []
                with httpx.Client(base_url=url, headers=AUTH, timeout=600) as client:
                    for _ in range(repeats):
                        t = time.perf_counter()
                        answer = client.post(f"/v1/partnerships/{pid}/scenarios/{sid}/runs")
                        whole.append(time.perf_counter() - t)
                        assert answer.status_code == 201, answer.text
                    got, path = [], f"/v1/partnerships/{pid}/runs/{answer.json()['id']}"
                    for _ in range(20):
                        t = time.perf_counter()
                        body = client.get(path).raise_for_status().content
                        got.append(time.perf_counter() - t)
                runs.append((size, statistics.median(freezes), statistics.median(whole), statistics.median(got),
                             len(body)))
                if size == args.sizes.split(",")[-1]:
                    with Session(engine) as session:
                        one = session.exec(select(Intervention.id).limit(1)).one()
                    bare, bare_url = serve([sys.executable, "-m", "uvicorn", "bench.bare_app:app", "--log-level",
                                            "warning"], url_db, Path(tmp) / "bare.log", "/docs")
                    try:
                        compared = {"list 50 funding streams": f"/partnerships/{pid}/funding-streams?page_size=50",
                                    "read one intervention": f"/partnerships/{pid}/interventions/{one}"}
                        for name, path in compared.items():
                            ours, floor = [], []
                            for _ in range(repeats):  # interleaved, so drift affects both alike
                                ours.append(throughput(url, "/v1" + path, AUTH, args.requests))
                                floor.append(throughput(bare_url, path, {}, args.requests))
                            reads.append((name, statistics.median(ours), statistics.median(floor)))
                    finally:
                        stop(bare)
            finally:
                stop(service)
            engine.dispose()
    print(f"Medians of {repeats}; SQLite; uvicorn, one process; four clients for the reads.\n")
    print("| size | freeze the register | whole run through the API | freeze ÷ run | GET of the run (median of 20) |")
    print("|---|---|---|---|---|")
    for size, freeze, whole, got, n_bytes in runs:
        print(f"| {size} | {freeze:.3f} s | {whole:.3f} s | {freeze / whole:.1%} | {got * 1000:.1f} ms, "
              f"{n_bytes / 1e6:.2f} MB |")
    print("\n| read | service, requests/s | bare FastAPI + SQLAlchemy, requests/s | service ÷ bare |")
    print("|---|---|---|---|")
    for name, ours_rps, bare_rps in reads:
        print(f"| {name} | {ours_rps:.0f} | {bare_rps:.0f} | {ours_rps / bare_rps:.2f} |")


if __name__ == "__main__":
    main()
