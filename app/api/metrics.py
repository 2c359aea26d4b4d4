"""Prometheus metrics at `/metrics`, counted by every worker together.

`openings serve` gives each server a directory of its own (`PROMETHEUS_MULTIPROC_DIR`, emptied
when it starts), where each worker keeps its counts in files that `/metrics` adds up, so a
scrape that lands on any worker sees them all (prometheus-client's multiprocess mode). Without
that directory (tests, an app run some other way) a process counts for itself.

Labels have few values: routes by template, never a path; statuses; outcomes.
"""

import os
from typing import Any

from fastapi import APIRouter
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)

from app.core.config import METRICS_DIR_VARIABLE

requests = Counter(
    "openings_requests",
    "Requests answered, by method, route and status.",
    ["method", "route", "status"],
)
request_seconds = Histogram(
    "openings_request_duration_seconds",
    "Time from a request's arrival to its answer, by route.",
    ["route"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
answer_cache = Counter(
    "openings_answer_cache_lookups",
    "Anonymous reads of the hot routes, by whether the worker's cache had the answer.",
    ["result"],
)
imported_openings = Counter(
    "openings_imported_openings", "Openings read by POST /v1/imports, by outcome.", ["action"]
)
applications = Counter(
    "openings_applications", "Applications received (a replayed retry is not counted again)."
)
database_errors = Counter(
    "openings_database_errors",
    "Requests the database failed: unavailable (answered 503) or error (answered 500).",
    ["kind"],
)

ANSWER_CACHE_HIT = answer_cache.labels("hit")
ANSWER_CACHE_MISS = answer_cache.labels("miss")

router = APIRouter(tags=["health"])

# Each (method, route, status) seen, with its two series: finding a series by its labels costs
# more than counting in it, and every request counts.
_series: dict[tuple[str, str, int], tuple[Any, Any]] = {}


# The methods the API answers; any other (a server that takes any token) counts as `other`.
_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def observe(method: str, route: str, status: int, seconds: float) -> None:
    """Count one answered request."""
    key = (method if method in _METHODS else "other", route, status)
    series = _series.get(key)
    if series is None:
        series = requests.labels(key[0], route, str(status)), request_seconds.labels(route)
        _series[key] = series
    series[0].inc()
    series[1].observe(seconds)


def _registry() -> CollectorRegistry:
    if METRICS_DIR_VARIABLE not in os.environ:
        return REGISTRY
    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    return registry


@router.get(
    "/metrics",
    operation_id="getMetrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST: {}}, "description": "Prometheus text."}},
)
def metrics() -> Response:
    """The server's metrics in Prometheus' text format, summed over its workers."""
    return Response(generate_latest(_registry()), media_type=CONTENT_TYPE_LATEST)
