"""The field end of the sync protocol: httpx transport, retries, credentials in the keyring."""

from sync.client.credentials import Keyring
from sync.client.errors import (
    AuthRequiredError,
    ClientError,
    KeyringUnavailableError,
    LoginRefusedError,
    NetworkError,
    ServerError,
    TooManyAttemptsError,
)
from sync.client.retry import RetryPolicy
from sync.client.transport import CentralClient, OutgoingOp

__all__ = [
    "AuthRequiredError",
    "CentralClient",
    "ClientError",
    "Keyring",
    "KeyringUnavailableError",
    "LoginRefusedError",
    "NetworkError",
    "OutgoingOp",
    "RetryPolicy",
    "ServerError",
    "TooManyAttemptsError",
]
