"""``/accounts``: county, city and province staff manage the worker accounts of their region.

The same checks as the commands (:mod:`sync.central.account_admin`): an account outside the
caller's subtree, or not a worker, answers 404; a worker caller 403. Every change is audited.
"""

from __future__ import annotations

from fastapi import APIRouter, Path, Response
from fastapi.concurrency import run_in_threadpool

from sync.central import account_admin
from sync.central.deps import CurrentUser, EngineDep, SettingsDep
from sync.central.openapi import BODY, DATABASE, INVALID, TOKEN, refusals
from sync.contract.accounts_wire import (
    USERNAME_PATTERN,
    AccountOut,
    AccountsResponse,
    DeviceOut,
    DeviceRevocation,
    NewAccount,
    OneTimePassword,
)
from sync.contract.protocol import DEVICE_ID_PATTERN

router = APIRouter(prefix="/accounts", tags=["accounts"])

_WORKER = {403: "the caller is a worker: only county, city and province staff manage accounts"}
_UNKNOWN = {404: "no such worker account in the caller's region"}
Username = Path(min_length=1, max_length=64, pattern=USERNAME_PATTERN)


@router.get("", response_model=AccountsResponse, responses=refusals(TOKEN, DATABASE, _WORKER))
def list_accounts(user: CurrentUser, engine: EngineDep) -> AccountsResponse:
    """The worker accounts of the caller's region, each with the devices it logged in from."""
    found = account_admin.list_accounts(engine, user)
    return AccountsResponse(
        accounts=[
            AccountOut(
                username=a.username,
                display_name=a.display_name,
                role=a.role,
                region_code=a.region_code,
                phone=a.phone,
                disabled=a.disabled,
                must_change_password=a.must_change_password,
                created_at=a.created_at,
                devices=[
                    DeviceOut(
                        device_id=d.device_id,
                        first_seen_at=d.first_seen_at,
                        last_seen_at=d.last_seen_at,
                        app_version=d.app_version,
                        revoked_at=d.revoked_at,
                        wipe=d.wipe,
                    )
                    for d in a.devices
                ],
            )
            for a in found
        ]
    )


@router.post(
    "",
    status_code=201,
    response_model=OneTimePassword,
    responses=refusals(
        BODY,
        TOKEN,
        INVALID,
        DATABASE,
        {
            403: "the caller is a worker, or the region is outside the caller's",
            409: "the user name is taken",
        },
    ),
)
async def add_account(
    body: NewAccount, user: CurrentUser, engine: EngineDep, settings: SettingsDep
) -> OneTimePassword:
    """Create a worker account in the caller's region; its one-time password, shown once."""
    password = await run_in_threadpool(
        account_admin.add_worker,
        engine,
        settings,
        user,
        body.username,
        body.region_code,
        body.display_name,
        body.phone,
    )
    return OneTimePassword(username=body.username, one_time_password=password)


@router.post(
    "/{username}/password-reset",
    response_model=OneTimePassword,
    responses=refusals(BODY, TOKEN, INVALID, DATABASE, _WORKER, _UNKNOWN),
)
async def reset_password(
    user: CurrentUser, engine: EngineDep, settings: SettingsDep, username: str = Username
) -> OneTimePassword:
    """A new one-time password for a worker account; its tokens stop working."""
    password = await run_in_threadpool(
        account_admin.reset_password, engine, settings, user, username
    )
    return OneTimePassword(username=username, one_time_password=password)


@router.post(
    "/{username}/disable",
    status_code=204,
    responses=refusals(BODY, TOKEN, INVALID, DATABASE, _WORKER, _UNKNOWN),
)
def disable(user: CurrentUser, engine: EngineDep, username: str = Username) -> Response:
    """Disable a worker account: it cannot log in, and its tokens stop working."""
    account_admin.disable_user(engine, user, username)
    return Response(status_code=204)


@router.post(
    "/{username}/enable",
    status_code=204,
    responses=refusals(BODY, TOKEN, INVALID, DATABASE, _WORKER, _UNKNOWN),
)
def enable(user: CurrentUser, engine: EngineDep, username: str = Username) -> Response:
    """Enable a disabled worker account again; its laptops log in again (old tokens stay
    revoked)."""
    account_admin.enable_user(engine, user, username)
    return Response(status_code=204)


@router.post(
    "/{username}/devices/{device_id}/revoke",
    status_code=204,
    responses=refusals(BODY, TOKEN, INVALID, DATABASE, _WORKER, _UNKNOWN),
)
def revoke(
    body: DeviceRevocation,
    user: CurrentUser,
    engine: EngineDep,
    username: str = Username,
    device_id: str = Path(min_length=1, max_length=64, pattern=DEVICE_ID_PATTERN),
) -> Response:
    """Revoke a device of a worker account; ``wipe`` for a lost laptop."""
    account_admin.revoke_device(engine, user, device_id, wipe=body.wipe, username=username)
    return Response(status_code=204)
