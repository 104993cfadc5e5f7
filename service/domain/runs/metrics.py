"""Prometheus metrics of the optimiser's runs (exposed by the API at /metrics)."""

from prometheus_client import Counter, Histogram

RUNS = Counter("optimiser_runs_total", "Optimisation runs finished, by status", ["status"])
RUN_DURATION = Histogram("optimiser_run_duration_seconds", "Time from a run's start to its outcome being stored",
                         buckets=(0.1, 0.25, 0.5, 1, 2.5, 5, 10, 20, 30, 60, 120, 300, 600))


def run_finished(status: str, seconds: float) -> None:
    RUNS.labels(status).inc()
    RUN_DURATION.observe(max(seconds, 0.0))

QUEUE_WAIT = Histogram("optimiser_run_queue_wait_seconds", "Time a run waited in the queue for a worker",
                       buckets=(0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300))


def run_started(waited_seconds: float) -> None:
    QUEUE_WAIT.observe(max(waited_seconds, 0.0))
