"""Finding 13: a client-supplied value never writes a line of its own into the centre's log.

A ``device_id`` with a newline used to be logged as sent (no login needed), so one request
could add a forged line. The login body now refuses such a ``device_id`` (422 naming the
field), and every logged client value goes through :func:`sync.log_text.loggable`.
"""

from __future__ import annotations

import httpx
import pytest

from sync.log_text import loggable
from tests.helpers.central import API, CentralProcess

FORGED = "INFO sync.central.accounts: login succeeded for account admin"


def _login(server: CentralProcess, username: str, device_id: str) -> httpx.Response:
    return httpx.post(
        f"{server.url}{API}/auth/login",
        json={"username": username, "password": "not-the-password", "device_id": device_id},
    )


def _log_lines(server: CentralProcess) -> list[str]:
    return (server.data_dir / "central.log").read_text(encoding="utf-8").splitlines()


BAD_DEVICE_IDS = [
    f"laptop-1\n{FORGED}",
    f"laptop-1\r{FORGED}",
    "laptop-1\x1b[2K",
    "laptop-1\u2028next",
    "laptop 1",
    "",
    "x" * 65,
]
GOOD_DEVICE_IDS = ["test-device", "d1", "0b6f3a1e-8c1d-4f57-9a0e-2d4c1b7e9f10", "x" * 64]


def test_a_device_id_that_is_not_an_identifier_is_422_naming_the_field(
    central_server: CentralProcess,
) -> None:
    for device_id in BAD_DEVICE_IDS:
        response = _login(central_server, "nobody", device_id)
        assert response.status_code == 422, (device_id, response.text)
        assert [e["loc"] for e in response.json()["detail"]] == [["body", "device_id"]]
    assert not any(line.startswith(FORGED) for line in _log_lines(central_server))
    # The device ids the clients send are accepted (unknown account: 401, the body was read).
    assert [_login(central_server, "nobody", d).status_code for d in GOOD_DEVICE_IDS] == [401] * 4


def test_a_username_with_a_newline_is_logged_escaped_on_one_line(
    central_server: CentralProcess,
) -> None:
    forged = "INFO sync.central.accounts: login ok"
    username = f"ghost\n{forged}"
    assert _login(central_server, username, "d1").status_code == 401
    lines = _log_lines(central_server)
    assert not any(line.startswith(forged) for line in lines)
    expected = f"login failed: account ghost\\n{forged}, address 127.0.0.1"
    assert [line for line in lines if "login failed" in line] == [
        f"INFO sync.central.accounts: {expected}"
    ]


@pytest.mark.parametrize(
    ("value", "logged"),
    [
        ("worker1", "worker1"),
        ("县残联-张三", "县残联-张三"),
        ("a\nb", "a\\nb"),
        ("a\r\nb", "a\\r\\nb"),
        ("tab\there", "tab\\there"),
        ("esc\x1b[2K", "esc\\x1b[2K"),
        ("nul\x00", "nul\\x00"),
        ("line\u2028sep", "line\\u2028sep"),
        ("bidi\u202egnp.exe", "bidi\\u202egnp.exe"),
        ("zero\u200bwidth", "zero\\u200bwidth"),
        ("back\\nslash", "back\\\\nslash"),
        (12, "12"),
    ],
)
def test_loggable_escapes_control_and_format_characters(value: object, logged: str) -> None:
    assert loggable(value) == logged


def test_loggable_bounds_the_length() -> None:
    assert loggable("a" * 300) == "a" * 200 + "…(300 characters)"
