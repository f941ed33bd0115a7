"""``/auth``: log in for a bearer token, change one's password, log out to revoke a token."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from sync.central.accounts import change_password, login, revoke_token, user_for_token
from sync.central.client_address import client_address
from sync.central.deps import EngineDep, SettingsDep, TokenDep
from sync.central.openapi import BODY, DATABASE, INVALID, TOKEN, refusals
from sync.contract.accounts_wire import PasswordChange
from sync.contract.protocol import LoginRequest, LoginResponse, UserInfo

router = APIRouter(prefix="/auth", tags=["auth"])

_LOGIN_REFUSALS = refusals(
    BODY,
    INVALID,
    DATABASE,
    {
        401: "wrong username or password",
        403: "the password is right but: `code` password_change_required (a one-time "
        "password: change it first), account_disabled, or device_revoked (with `wipe`)",
        429: "too many failed logins for this account or from this address",
    },
)
_PASSWORD_REFUSALS = refusals(
    BODY,
    INVALID,
    DATABASE,
    {
        401: "wrong username or password",
        403: "`code` account_disabled",
        422: "the new password is refused by the password policy: `detail` says why",
        429: "too many failed attempts for this account or from this address",
    },
)
_APP = "realname-desktop/"


def _address(request: Request, settings: SettingsDep) -> str:
    return client_address(
        request.client.host if request.client else None,
        request.headers.getlist("x-forwarded-for"),
        settings.trusted_proxies,
    )


def _app_version(request: Request) -> str | None:
    """The program version the request declares (X-App-Version, else its User-Agent)."""
    declared = request.headers.get("x-app-version")
    if declared:
        return declared
    agent = request.headers.get("user-agent", "")
    return agent[len(_APP) :] if agent.startswith(_APP) else None


@router.post("/login", response_model=LoginResponse, responses=_LOGIN_REFUSALS)
async def log_in(
    body: LoginRequest, request: Request, engine: EngineDep, settings: SettingsDep
) -> LoginResponse:
    """Exchange credentials for a token that expires (and can be revoked)."""
    # scrypt is slow on purpose: keep it off the event loop.
    issued = await run_in_threadpool(
        login,
        engine,
        settings,
        body.username,
        body.password,
        body.device_id,
        _address(request, settings),
        _app_version(request),
    )
    return LoginResponse(
        token=issued.token,
        expires_at=issued.expires_at,
        user=UserInfo(
            username=issued.user.username,
            role=issued.user.role,  # type: ignore[arg-type]  # roles are checked on create
            region_code=issued.user.region_code,
        ),
    )


@router.post("/logout", status_code=204, responses=refusals(BODY, TOKEN, DATABASE))
def log_out(engine: EngineDep, token: TokenDep) -> Response:
    """Revoke the token of this request; 401 when it is not a live token."""
    user_for_token(engine, token)
    revoke_token(engine, token)
    return Response(status_code=204)


@router.post("/password", status_code=204, responses=_PASSWORD_REFUSALS)
async def set_password(
    body: PasswordChange, request: Request, engine: EngineDep, settings: SettingsDep
) -> Response:
    """Change one's password (a one-time password must be changed before any login);
    the account's tokens are revoked, so log in again with the new one."""
    await run_in_threadpool(
        change_password,
        engine,
        settings,
        body.username,
        body.password,
        body.new_password,
        _address(request, settings),
    )
    return Response(status_code=204)
