"""Prometheus metrics: requests by view and status, their durations, and the task queue's age.

Under gunicorn each worker counts alone; when PROMETHEUS_MULTIPROC_DIR is set (`sanshe serve` sets
it), the workers write to that folder and a scrape adds them up, whichever worker answers it.
"""

import os

from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, Counter, Histogram, generate_latest, multiprocess
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.registry import REGISTRY

CONTENT_TYPE = CONTENT_TYPE_LATEST
REQUESTS = Counter("sanshe_http_requests", "Requests answered", ["method", "view", "status"])
DURATION = Histogram(
    "sanshe_http_request_duration_seconds",
    "Time to answer a request",
    ["view"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.15, 0.25, 0.5, 1, 2.5, 5, 10),
)


def observe(method: str, view: str, status: int, seconds: float) -> None:
    REQUESTS.labels(method, view, str(status)).inc()
    DURATION.labels(view).observe(seconds)


def exposition(oldest_waiting_task_seconds: float | None) -> bytes:
    """The workers' counts and, measured now, the age of the oldest task waiting (0 when none waits)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    queue = CollectorRegistry()
    queue.register(
        _Measured(
            GaugeMetricFamily(
                "sanshe_task_queue_oldest_waiting_seconds",
                "Age of the oldest background task ready to run",
                value=oldest_waiting_task_seconds or 0,
            )
        )
    )
    return generate_latest(registry) + generate_latest(queue)


class _Measured:
    """A collector of figures measured at scrape time (kept out of the workers' shared files)."""

    def __init__(self, *families):
        self.families = families

    def collect(self):
        return self.families
