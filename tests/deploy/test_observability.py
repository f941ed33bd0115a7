"""/metrics only for the allowed addresses, and the JSON-line log, on a real serve process."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import httpx
import pytest

from sync.central.log_format import JsonLines
from sync.central.settings import Settings
from tests.helpers.central import API, sqlite_centre


def test_metrics_answer_only_the_allowed_addresses_as_the_proxy_names_them(
    tmp_path: Path,
) -> None:
    server = sqlite_centre(
        tmp_path / "central",
        metrics_allow="10.9.0.0/16",
        trusted_proxies="127.0.0.1",
        log_format="json",
    )
    server.start()
    try:
        # This host is not allowed here, nor a client nginx names outside the list.
        assert httpx.get(f"{server.url}/metrics").status_code == 404
        outside = httpx.get(f"{server.url}/metrics", headers={"X-Forwarded-For": "10.8.0.1"})
        assert outside.status_code == 404
        assert outside.json() == {"detail": "Not Found"}
        inside = httpx.get(f"{server.url}/metrics", headers={"X-Forwarded-For": "10.9.0.7"})
        assert inside.status_code == 200
        assert inside.headers["content-type"].startswith("text/plain; version=")
        assert 'realname_build_info{version="' in inside.text
        assert httpx.post(f"{server.url}/metrics").status_code == 404
        # A client's header breaks no line of the JSON log.
        forged = 'ghost\n{"level": "INFO", "message": "forged"}'
        login = {"username": forged, "password": "not-it-at-all", "device_id": "d1"}
        assert httpx.post(f"{server.url}{API}/auth/login", json=login).status_code == 401
        with server.client() as client:
            assert client.get("/sync/pull").status_code == 401
    finally:
        server.stop()
    lines = [json.loads(line) for line in server._log.read_text(encoding="utf-8").splitlines()]
    assert [line["message"] for line in lines if line["logger"] == "sync.central.accounts"] == [
        'login failed: account ghost\\n{"level": "INFO", "message": "forged"}, address 127.0.0.1'
    ]
    requests = [
        {k: line[k] for k in ("method", "route", "status")}
        for line in lines
        if line["logger"] == "sync.central.access"
    ]
    # /metrics and the successful health checks are not logged; every other request once.
    assert requests == [
        {"method": "POST", "route": "/api/v1/auth/login", "status": 401},
        {"method": "GET", "route": "/api/v1/sync/pull", "status": 401},
    ]


def test_a_json_line_carries_the_request_fields_and_the_traceback() -> None:
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        record = logging.LogRecord("x.y", logging.ERROR, __file__, 1, "a %s", ("b",), None)
        record.exc_info = sys.exc_info()
    record.__dict__.update(route="/api/v1/sync/push", status=500, duration_ms=1.5, method="POST")
    line = JsonLines().format(record)
    assert "\n" not in line
    entry = json.loads(line)
    assert entry["time"].endswith("+00:00")
    assert {k: entry[k] for k in ("level", "logger", "message", "route", "status")} == {
        "level": "ERROR",
        "logger": "x.y",
        "message": "a b",
        "route": "/api/v1/sync/push",
        "status": 500,
    }
    assert entry["exception"].endswith("RuntimeError: boom")


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"METRICS_ALLOW": "10.0.0.1, prometheus.local"}, "METRICS_ALLOW: 'prometheus.local'"),
        ({"LOG_FORMAT": "xml"}, "LOG_FORMAT must be one of: text, json"),
    ],
)
def test_bad_settings_are_named(env: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Settings.from_env({f"REALNAME_CENTRAL_{k}": v for k, v in env.items()})


def test_the_settings_default_to_this_host_and_text() -> None:
    settings = Settings.from_env({"REALNAME_CENTRAL_LOG_FORMAT": " JSON "})
    assert settings.log_format == "json"
    assert settings.metrics_allow == ("127.0.0.1/32", "::1/128")
    assert Settings.from_env({}).log_format == "text"
