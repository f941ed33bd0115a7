"""The account calls of the field client: change one's password, and (county, city and
province staff) manage the worker accounts of their region (docs/protocol.md).

They ride on :class:`~sync.client.transport.CentralClient`'s one request path. A refusal
the staff member can act on (a taken user name, a region outside theirs) becomes
:class:`AccountRefusedError` carrying the centre's own message, which names the field.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar
from urllib.parse import quote

from sync.client.errors import (
    ClientError,
    NeedsNetworkError,
    NetworkError,
    PlainHttpError,
    ServerError,
)
from sync.client.plain_http import sends_in_clear
from sync.client.transport import CentralClient, _parse
from sync.contract.accounts_wire import (
    AccountsResponse,
    DeviceRevocation,
    NewAccount,
    OneTimePassword,
    PasswordChange,
)

T = TypeVar("T")
# The refusals a person can act on; anything else stays a ServerError.
_ACTIONABLE = (400, 403, 404, 409, 422)


class AccountRefusedError(ClientError):
    """The centre refused an account operation; the message says why."""

    user_message = "中心服务器拒绝了这个操作："

    def __str__(self) -> str:
        return f"{self.user_message}{self.detail}"


class AccountsOfflineError(NeedsNetworkError):
    """Account administration happens at the centre: it needs the network."""

    user_message = "账户管理需要联网：无法连接中心服务器，请联网后再试。"


def _refused(call: Callable[[], T]) -> T:
    try:
        return call()
    except NetworkError as exc:
        raise AccountsOfflineError(exc.detail) from None
    except ServerError as exc:
        if exc.status in _ACTIONABLE:
            raise AccountRefusedError(exc.reason or str(exc.status)) from None
        raise


def _segment(text: str) -> str:
    return quote(text, safe="")


def change_password(client: CentralClient, username: str, password: str, new: str) -> None:
    """Replace ``password`` (a one-time one, say) with ``new``; the account's tokens end."""
    if sends_in_clear(client.base_url) and not client.allow_plain_http:
        raise PlainHttpError(client.base_url)
    body = PasswordChange(username=username, password=password, new_password=new)
    _refused(
        lambda: client._request("POST", "/auth/password", json_body=body.model_dump(), auth=False)
    )


def list_accounts(client: CentralClient) -> AccountsResponse:
    """The worker accounts of the caller's region, with their devices."""
    return _refused(lambda: _parse(AccountsResponse, client._request("GET", "/accounts")))


def add_account(client: CentralClient, account: NewAccount) -> OneTimePassword:
    """Create a worker account; its one-time password (shown once)."""
    body = account.model_dump()
    return _refused(
        lambda: _parse(OneTimePassword, client._request("POST", "/accounts", json_body=body))
    )


def reset_password(client: CentralClient, username: str) -> OneTimePassword:
    """A new one-time password for a worker account."""
    path = f"/accounts/{_segment(username)}/password-reset"
    return _refused(lambda: _parse(OneTimePassword, client._request("POST", path)))


def disable_account(client: CentralClient, username: str) -> None:
    """Disable a worker account."""
    path = f"/accounts/{_segment(username)}/disable"
    _refused(lambda: client._request("POST", path))


def enable_account(client: CentralClient, username: str) -> None:
    """Enable a disabled worker account again."""
    path = f"/accounts/{_segment(username)}/enable"
    _refused(lambda: client._request("POST", path))


def revoke_device(client: CentralClient, username: str, device_id: str, *, wipe: bool) -> None:
    """Revoke one device of a worker account; ``wipe`` for a lost laptop."""
    path = f"/accounts/{_segment(username)}/devices/{_segment(device_id)}/revoke"
    body = DeviceRevocation(wipe=wipe).model_dump()
    _refused(lambda: client._request("POST", path, json_body=body))
