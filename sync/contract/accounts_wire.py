"""The wire messages of account administration and password change, shared by both ends.

``POST /auth/password`` changes one's own password (a one-time password first of all).
``/accounts`` lets county, city and province staff manage the worker accounts of their
region: list them with their devices, add one, reset its password, disable it, revoke one of
its devices (docs/protocol.md).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from sync.contract.protocol import NO_NUL_PATTERN

_NO_NUL: dict[str, Any] = {"pattern": NO_NUL_PATTERN}
# What a path segment naming an account may hold: no "/" (and what a user name may not).
USERNAME_PATTERN = r"^[^\x00-\x20/\x7f]+$"
# A new account's name through the API: letters, digits and . _ @ - (a subset of what the
# command line takes, sync.central.account_fields).
NEW_USERNAME_PATTERN = r"^[A-Za-z0-9._@-]+$"
# The same rules as sync.central.account_fields, so no value the schema allows is refused.
DISPLAY_NAME_PATTERN = r"^[^\x00-\x1f\x7f-\x9f]*$"
PHONE_PATTERN = r"^(\+?[0-9][0-9-]{4,18}[0-9])?$"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class PasswordChange(_Strict):
    """``POST /auth/password``: the current (or one-time) password and the new one."""

    username: str = Field(min_length=1, max_length=64, json_schema_extra=_NO_NUL)
    password: str = Field(min_length=1, max_length=256, json_schema_extra=_NO_NUL)
    new_password: str = Field(min_length=1, max_length=256, json_schema_extra=_NO_NUL)


class DeviceOut(_Strict):
    """A device (one program installation) that has logged in to an account."""

    device_id: str
    first_seen_at: datetime
    last_seen_at: datetime = Field(description="its last login or token use (to 5 minutes)")
    app_version: str | None
    revoked_at: datetime | None
    wipe: bool


class AccountOut(_Strict):
    """A worker account as its region's staff see it."""

    username: str
    display_name: str
    role: str
    region_code: str
    phone: str
    disabled: bool
    must_change_password: bool
    created_at: datetime
    devices: list[DeviceOut]


class AccountsResponse(_Strict):
    """``GET /accounts``."""

    accounts: list[AccountOut]


class NewAccount(_Strict):
    """``POST /accounts``: a worker account in the caller's region."""

    username: str = Field(min_length=1, max_length=64, pattern=NEW_USERNAME_PATTERN)
    region_code: str = Field(min_length=6, max_length=9, pattern=r"^[0-9]+$")
    display_name: str = Field(default="", max_length=64, pattern=DISPLAY_NAME_PATTERN)
    phone: str = Field(default="", max_length=20, pattern=PHONE_PATTERN)


class OneTimePassword(_Strict):
    """A new account's or a reset account's one-time password, shown once."""

    username: str
    one_time_password: str


class DeviceRevocation(_Strict):
    """``POST /accounts/{username}/devices/{device_id}/revoke``."""

    model_config = ConfigDict(extra="forbid", strict=True)
    wipe: bool = Field(description="lost or stolen: the laptop erases the account's data")
