"""What one server process has done, for Prometheus: ``GET /metrics`` in its text format.

Each ``serve`` process counts for itself and answers for itself (a scrape target per port,
see docs/运维指南.md); Prometheus adds the processes up and takes a restart's reset counters
in its stride (``rate``, ``increase``). Nothing here is personal: routes are templates
(``/api/v1/records/{record_id}``, never an id), push ops are counted by outcome, logins by
why they failed, never by account.

Only the addresses of ``Settings.metrics_allow`` (default: this host) may read the figures;
anyone else gets a 404, as if there were nothing there. The address is the client's as
:mod:`sync.central.client_address` sees it, so a request passed on by a trusted proxy is
judged by where it came from, not by the proxy's own address.
"""

from __future__ import annotations

import ipaddress
from collections import Counter as Tally
from collections.abc import Iterable
from typing import Any

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    ProcessCollector,
    generate_latest,
)

from sync.version import __version__

PATH = "/metrics"
# Seconds: from a cached /health to a push of a thousand ops on a busy database.
LATENCY_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)
# Why a login got no token, by its answer (the body's own code is not read here).
LOGIN_FAILURES = {401: "credentials", 403: "refused", 429: "throttled"}


class Metrics:
    """The counters of one app; each app has its own registry (tests make many apps)."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        ProcessCollector(registry=self.registry)  # start time, CPU, memory, open files
        Gauge(
            "realname_build_info",
            "The program's version (always 1)",
            ["version"],
            registry=self.registry,
        ).labels(__version__).set(1)
        self.requests = Counter(
            "realname_http_requests",
            "HTTP requests answered, by method, route template and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.latency = Histogram(
            "realname_http_request_duration_seconds",
            "Time from a request's arrival to the end of its answer, by method and route",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.push_ops = Counter(
            "realname_push_ops",
            "Push ops answered, by outcome (a replayed op is not counted again)",
            ["outcome"],
            registry=self.registry,
        )
        self.logins_failed = Counter(
            "realname_logins_failed",
            "Logins that got no token: credentials (401), refused (403), throttled (429)",
            ["reason"],
            registry=self.registry,
        )
        self.pull_pages = Counter(
            "realname_pull_pages", "Pull pages answered", registry=self.registry
        )
        self.pull_changes = Counter(
            "realname_pull_changes", "Changes sent in pull pages", registry=self.registry
        )

    def answered(self, method: str, route: str, status: int, seconds: float) -> None:
        """Count one answered request."""
        self.requests.labels(method, route, str(status)).inc()
        self.latency.labels(method, route).observe(seconds)
        if route.endswith("/auth/login") and status in LOGIN_FAILURES:
            self.logins_failed.labels(LOGIN_FAILURES[status]).inc()

    def pushed(self, results: Iterable[dict[str, Any]]) -> None:
        """Count the results of one push by their status (pass the first answers only:
        :attr:`sync.central.push.Pushed.first`)."""
        for outcome, count in Tally(str(r["status"]) for r in results).items():
            self.push_ops.labels(outcome).inc(count)

    def pulled(self, changes: int) -> None:
        """Count one pull page of ``changes`` changes."""
        self.pull_pages.inc()
        self.pull_changes.inc(changes)

    def exposition(self) -> tuple[bytes, str]:
        """The figures in Prometheus' text format, and its content type."""
        return generate_latest(self.registry), CONTENT_TYPE_LATEST


def allowed(address: str, allow: tuple[str, ...]) -> bool:
    """Whether ``address`` lies in one of the ``allow`` networks."""
    try:
        parsed = ipaddress.ip_address(address)
    except ValueError:
        return False
    return any(
        parsed.version == network.version and parsed in network
        for network in (ipaddress.ip_network(n, strict=False) for n in allow)
    )
