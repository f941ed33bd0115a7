"""The field end of the sync protocol: httpx transport, retries, credentials in the keyring."""

from sync.client.credentials import Keyring
from sync.client.errors import (
    AuthRequiredError,
    CertificateError,
    ClientError,
    KeyringUnavailableError,
    LoginRefusedError,
    NetworkError,
    ServerError,
    SettingsError,
    TooManyAttemptsError,
)
from sync.client.retry import RetryPolicy
from sync.client.transport import CentralClient, OutgoingOp

__all__ = [
    "AuthRequiredError",
    "CentralClient",
    "CertificateError",
    "ClientError",
    "Keyring",
    "KeyringUnavailableError",
    "LoginRefusedError",
    "NetworkError",
    "OutgoingOp",
    "RetryPolicy",
    "ServerError",
    "SettingsError",
    "TooManyAttemptsError",
]
