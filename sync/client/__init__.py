"""The field end of the sync protocol: httpx transport, retries, credentials in the keyring.

The names load on first use (PEP 562): the desktop program starts by opening its database
with a key from the keyring, and importing httpx and the pydantic wire models for the
transport would lengthen every start before any sync or login needs them.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sync.client.credentials import Keyring
    from sync.client.errors import (
        AccountDisabledError,
        AuthRequiredError,
        CertificateError,
        ClientError,
        DeviceRevokedError,
        ExpectedError,
        KeyringUnavailableError,
        LinkDroppedError,
        LoginRefusedError,
        NetworkError,
        PasswordChangeRequiredError,
        ServerError,
        SettingsError,
        TooManyAttemptsError,
    )
    from sync.client.link import Exchange, LinkSizer
    from sync.client.retry import RetryPolicy
    from sync.client.transport import Body, CentralClient, OutgoingOp, push_body, read_push

# Which submodule defines each public name.
_HOMES = {
    "AccountDisabledError": "errors",
    "AuthRequiredError": "errors",
    "Body": "transport",
    "CentralClient": "transport",
    "CertificateError": "errors",
    "ClientError": "errors",
    "DeviceRevokedError": "errors",
    "ExpectedError": "errors",
    "Keyring": "credentials",
    "Exchange": "link",
    "KeyringUnavailableError": "errors",
    "LinkDroppedError": "errors",
    "LinkSizer": "link",
    "LoginRefusedError": "errors",
    "NetworkError": "errors",
    "OutgoingOp": "transport",
    "PasswordChangeRequiredError": "errors",
    "RetryPolicy": "retry",
    "ServerError": "errors",
    "SettingsError": "errors",
    "TooManyAttemptsError": "errors",
    "push_body": "transport",
    "read_push": "transport",
}

__all__ = [
    "AccountDisabledError",
    "AuthRequiredError",
    "Body",
    "CentralClient",
    "CertificateError",
    "ClientError",
    "DeviceRevokedError",
    "Exchange",
    "ExpectedError",
    "Keyring",
    "KeyringUnavailableError",
    "LinkDroppedError",
    "LinkSizer",
    "LoginRefusedError",
    "NetworkError",
    "OutgoingOp",
    "PasswordChangeRequiredError",
    "RetryPolicy",
    "ServerError",
    "SettingsError",
    "TooManyAttemptsError",
    "push_body",
    "read_push",
]


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f"sync.client.{home}"), name)
    globals()[name] = value  # the next lookup is a plain attribute
    return value
