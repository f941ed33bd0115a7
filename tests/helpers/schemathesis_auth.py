"""Schemathesis hooks (``SCHEMATHESIS_HOOKS``): a logged-in bearer token for every case.

The run logs out too, which revokes the token of that request: each ``POST /auth/logout``
case gets a token of its own from a fresh login, every other case shares one. The server
and the account come from ``REALNAME_ST_URL``, ``REALNAME_ST_USER`` and
``REALNAME_ST_PASSWORD``.
"""

from __future__ import annotations

import os
from typing import Any

import httpx
import schemathesis

_LOGOUT = "/auth/logout"


def _login() -> str:
    response = httpx.post(
        f"{os.environ['REALNAME_ST_URL']}/api/v1/auth/login",
        json={
            "username": os.environ["REALNAME_ST_USER"],
            "password": os.environ["REALNAME_ST_PASSWORD"],
            "device_id": "schemathesis",
        },
        timeout=30,
    )
    response.raise_for_status()
    token: str = response.json()["token"]
    return token


@schemathesis.auth(refresh_interval=None)
class BearerToken:
    """The shared token, or a fresh one for a logout."""

    def __init__(self) -> None:
        self.shared: str | None = None

    def get(self, case: Any, context: Any) -> str:
        if context.operation.path.endswith(_LOGOUT) or case.path.endswith(_LOGOUT):
            return _login()
        if self.shared is None:
            self.shared = _login()
        return self.shared

    def set(self, case: Any, data: str, context: Any) -> None:
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}
