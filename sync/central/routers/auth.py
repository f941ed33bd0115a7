"""``/auth``: log in for a bearer token, log out to revoke it."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool

from sync.central.accounts import login, revoke_token, user_for_token
from sync.central.client_address import client_address
from sync.central.deps import EngineDep, SettingsDep, TokenDep
from sync.central.openapi import BODY, DATABASE, INVALID, TOKEN, refusals
from sync.contract.protocol import LoginRequest, LoginResponse, UserInfo

router = APIRouter(prefix="/auth", tags=["auth"])

_LOGIN_REFUSALS = refusals(
    BODY,
    INVALID,
    DATABASE,
    {
        401: "wrong username or password, or a disabled account",
        429: "too many failed logins for this account or from this address",
    },
)


@router.post("/login", response_model=LoginResponse, responses=_LOGIN_REFUSALS)
async def log_in(
    body: LoginRequest, request: Request, engine: EngineDep, settings: SettingsDep
) -> LoginResponse:
    """Exchange credentials for a token that expires (and can be revoked)."""
    address = client_address(
        request.client.host if request.client else None,
        request.headers.getlist("x-forwarded-for"),
        settings.trusted_proxies,
    )
    # scrypt is slow on purpose: keep it off the event loop.
    issued = await run_in_threadpool(
        login, engine, settings, body.username, body.password, body.device_id, address
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
