"""Every request observed: counted in the metrics, logged as one line; and ``/metrics`` served.

The outermost middleware, so that its time covers the others (size limits, gzip). A request
is named by its route's template (``/api/v1/records/{record_id}``), never by its path: a
path may hold an id, and random paths would make a label without end. The templates are the
paths of the OpenAPI document (and the document's own); a path none matches is
``unmatched``. Its line (logger ``sync.central.access``, INFO) holds the method, the
template, the status and the time taken, and nothing the client sent; successful health
checks are counted but not logged, as a monitor asks every few seconds.
"""

from __future__ import annotations

import logging
import re
import time

from fastapi import FastAPI
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sync.central.client_address import client_address
from sync.central.metrics import PATH, Metrics, allowed
from sync.central.settings import Settings

log = logging.getLogger("sync.central.access")

UNMATCHED = "unmatched"


class RouteTemplates:
    """The route templates of an app, from its OpenAPI document (read at the first request)."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self._patterns: list[tuple[re.Pattern[str], str]] | None = None

    def _compile(self) -> list[tuple[re.Pattern[str], str]]:
        templates = [*self.app.openapi()["paths"], self.app.openapi_url, self.app.docs_url]
        patterns = [
            (re.compile(re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(t))), t)
            for t in templates
            if t
        ]
        # A fixed path before a template with parameters that would match it too.
        return sorted(patterns, key=lambda pattern: pattern[1].count("{"))

    def of(self, path: str) -> str:
        """The template ``path`` belongs to, else ``unmatched``."""
        if self._patterns is None:
            self._patterns = self._compile()
        for pattern, template in self._patterns:
            if pattern.fullmatch(path):
                return template
        return UNMATCHED


class Observe:
    """ASGI middleware: metrics and the access log for every HTTP request, and ``/metrics``."""

    def __init__(
        self, app: ASGIApp, *, metrics: Metrics, routes: RouteTemplates, settings: Settings
    ) -> None:
        self.app = app
        self.metrics = metrics
        self.routes = routes
        self.settings = settings

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["path"] == PATH:
            await self._serve_metrics(scope, send)
            return
        started = time.perf_counter()
        status = 500  # what the client sees when the app raises before it answers

        async def observed(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, observed)
        finally:
            seconds = time.perf_counter() - started
            method = str(scope["method"])
            route = self.routes.of(str(scope["path"]))
            self.metrics.answered(method, route, status, seconds)
            if not (route.endswith("/health") and status == 200):
                duration_ms = round(seconds * 1000, 1)
                log.info(
                    "%s %s %d %.1f ms",
                    method,
                    route,
                    status,
                    duration_ms,
                    extra={
                        "method": method,
                        "route": route,
                        "status": status,
                        "duration_ms": duration_ms,
                    },
                )

    async def _serve_metrics(self, scope: Scope, send: Send) -> None:
        peer = scope.get("client")
        headers = scope.get("headers", [])
        address = client_address(
            peer[0] if peer else None,
            [v.decode("latin-1") for k, v in headers if k == b"x-forwarded-for"],
            self.settings.trusted_proxies,
        )
        if scope["method"] == "GET" and allowed(address, self.settings.metrics_allow):
            body, content_type = self.metrics.exposition()
            status = 200
        else:
            body, content_type = b'{"detail":"Not Found"}', "application/json"
            status = 404
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [
                    (b"content-type", content_type.encode("latin-1")),
                    (b"content-length", str(len(body)).encode("latin-1")),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


def install(app: FastAPI, settings: Settings) -> None:
    """Add the middleware (call after every other ``add_middleware``: it must be outermost)."""
    metrics = Metrics()
    app.state.metrics = metrics
    app.add_middleware(Observe, metrics=metrics, routes=RouteTemplates(app), settings=settings)
