"""Errors that the environment causes, each with an actionable message: the shared base and
the transport's own."""

from __future__ import annotations


class ExpectedError(Exception):
    """A failure the environment causes, not a bug: ``user_message`` is shown as it is.

    The base of the client's errors here and of the local store's (``desktop.store``), so
    that what the worker can act on is told from a bug by one ``isinstance``.
    """

    user_message = "操作失败。"
    # The worker must act before anything more can be saved (a full disk): told at once,
    # even when a background sync met it, where other failures wait on the sync line.
    urgent = False

    def __init__(self, detail: str = "") -> None:
        super().__init__(detail or self.user_message)
        self.detail = detail

    def __str__(self) -> str:
        return f"{self.user_message} {self.detail}".strip()


class ClientError(ExpectedError):
    """An expected failure talking to the centre."""

    user_message = "与中心服务器通信失败。"


class KeyringUnavailableError(ClientError):
    """The OS keyring has no usable backend, so keys and tokens cannot be kept."""

    user_message = (
        "系统密钥环不可用，无法保存密钥。请启用系统密钥环，或设置 PYTHON_KEYRING_BACKEND。"
        "(The OS keyring is not available.)"
    )


class NetworkError(ClientError):
    """The centre could not be reached, or stopped answering, after every retry."""

    user_message = "无法连接中心服务器，请检查网络后重试。(Network unavailable.)"


class NeedsNetworkError(NetworkError):
    """What was asked for lives at the centre (progress, rates, accounts) and the network is
    down: the subclass's ``user_message`` says what needs it, and is shown alone (the
    transport's failure stays in ``detail``)."""

    user_message = "需要联网：无法连接中心服务器，请联网后再试。"

    def __str__(self) -> str:
        return self.user_message


class LinkDroppedError(NetworkError):
    """The link cut, stalled or timed out a request after it had started (not a refused
    connection): a smaller request may get through (sync.client.link).

    ``bytes_up``: what the failed request had sent, about (its body), wasted on the link.
    """

    user_message = "网络连接不断中断，记录已保存在本机。请到信号较好的地方再同步。"

    def __init__(self, detail: str = "", *, bytes_up: int = 0) -> None:
        super().__init__(detail)
        self.bytes_up = bytes_up


class AuthRequiredError(ClientError):
    """No token, or the centre refused it (expired, revoked): the worker must log in."""

    user_message = "登录已过期，请重新登录。(Please log in again.)"


class LoginRefusedError(ClientError):
    """The centre refused the user name and password."""

    user_message = "用户名或密码不正确。(Wrong user name or password.)"


class TooManyAttemptsError(ClientError):
    """The centre throttles logins after repeated failures."""

    user_message = "登录失败次数过多，请稍后再试。(Too many attempts; wait and retry.)"


class ServerError(ClientError):
    """The centre answered with an error that retrying did not cure, or with nonsense.

    ``status`` is the HTTP status of the answer, or None when the answer itself was unusable.
    """

    user_message = "中心服务器出错，请稍后重试或联系管理员。(The server failed.)"

    def __init__(self, detail: str = "", *, status: int | None = None, reason: str = "") -> None:
        super().__init__(detail)
        self.status = status
        # The centre's own ``detail`` (a message naming the field), without the request.
        self.reason = reason


class SettingsError(ClientError):
    """The server URL, CA bundle or proxy cannot be used as given."""

    user_message = (
        "服务器地址、证书文件或代理设置有误，请检查。(Check the server, CA bundle or proxy.)"
    )


class CertificateError(ClientError):
    """The centre's TLS certificate is not trusted (wrong CA bundle, or not the centre)."""

    user_message = (
        "服务器证书不受信任，请检查证书文件（CA bundle）或服务器地址。"
        "(The server's certificate is not trusted.)"
    )


class PlainHttpError(SettingsError):
    """A login would send the password over plain HTTP to another machine, unasked."""

    user_message = (
        "中心地址是未加密的 http:// 地址，密码会以明文在网络上传输，可能被他人截获。"
        "请改用 https:// 地址。(Plain HTTP would send the password unencrypted.)"
    )


class PasswordChangeRequiredError(ClientError):
    """The password is a one-time password: a new one must be set before logging in."""

    user_message = "这是一次性密码，请先设置新密码。"

    def __str__(self) -> str:
        return self.user_message


class AccountDisabledError(ClientError):
    """The centre has disabled the account."""

    user_message = "此账户已被停用，不能登录。如有疑问，请联系县级管理员。"

    def __str__(self) -> str:
        return self.user_message


class DeviceRevokedError(AuthRequiredError):
    """The centre has revoked this laptop for the account; ``wipe``: it was reported lost, and
    the account's local data must be erased. ``wiped`` is set once that is done."""

    user_message = (
        "此电脑已被管理员停用，不能再在这台电脑上登录此账户。如有疑问，请联系县级管理员。"
    )

    def __init__(self, detail: str = "", *, wipe: bool = False, wiped: bool = False) -> None:
        super().__init__(detail)
        self.wipe = wipe
        self.wiped = wiped
        if wiped:
            self.user_message = (
                "此电脑已被管理员按丢失注销，本机上该账户的数据已全部清除"
                "（已上传到中心的数据不受影响）。如电脑已找回，请联系县级管理员。"
            )

    def __str__(self) -> str:
        return self.user_message


def coded_failure(code: object, wipe: object, detail: str) -> ClientError | None:
    """The typed error of a refusal's ``code`` (docs/protocol.md), or None for no known code."""
    if code == "password_change_required":
        return PasswordChangeRequiredError(detail)
    if code == "account_disabled":
        return AccountDisabledError(detail)
    if code == "device_revoked":
        return DeviceRevokedError(detail, wipe=wipe is True)
    return None
