"""Opening an account on this laptop: online login, offline unlock, or the keyring alone.

The key that opens the database comes from the keyring; if the keyring lost it (a reset
profile, a new keyring), the password unwraps the copy kept beside the database, so a
login always gets the unsynced records back.
"""

from __future__ import annotations

import logging
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from desktop.store.accounts import AccountProfile, DataDir
from desktop.store.database import open_database
from desktop.store.erasing import erase_account, forget_account, remove_account_files
from desktop.store.errors import (
    BadPasswordError,
    KeyLostError,
    NoAccountError,
    PasswordChangedError,
    WrongKeyError,
)
from desktop.store.keys import WrappedKey, new_database_key
from desktop.store.registry import Registry
from desktop.store.writes import reset_in_flight
from sync.client import DeviceRevokedError, Keyring

if TYPE_CHECKING:
    # The transport (httpx, pydantic) loads at the first login or sync, not at start.
    from sync.client import CentralClient, RetryPolicy
    from sync.contract.protocol import LoginResponse

log = logging.getLogger(__name__)


@dataclass
class Account:
    """An open account: its profile, its database and its keyring entries."""

    data_dir: DataDir
    profile: AccountProfile
    engine: Engine
    keyring: Keyring
    registry: Registry = field(init=False)
    # Set when the centre said this laptop was revoked as lost: the account is forgotten
    # (desktop/store/erasing.py) and its files go when it closes.
    erased: bool = field(default=False, init=False)

    def __post_init__(self) -> None:
        # A sync killed before it could put its batch back left its ops marked sending: no
        # request holds them now that the program starts.
        reset_in_flight(self.engine)
        self.registry = Registry(
            self.engine,
            username=self.profile.username,
            device_id=self.profile.device_id,
            reviewer=self.profile.staff,
        )

    @property
    def username(self) -> str:
        """The account's user name."""
        return self.profile.username

    def client(self, retry: RetryPolicy | None = None) -> CentralClient:
        """A client for this account's centre, with its token from the keyring; told that
        the laptop was revoked as lost, it forgets the account (:meth:`lost`)."""
        from desktop.store.revocation import AccountClient

        return AccountClient(
            self.profile.server,
            on_lost=self.lost,
            token=self.keyring.token(),
            verify=self.profile.ca_bundle or True,
            proxy=self.profile.proxy,
            retry=retry,
        )

    def lost(self) -> None:
        """The laptop was revoked as lost: nothing may open this account's data any more."""
        if not self.erased:
            self.erased = True
            forget_account(self.data_dir.root, self.username)

    def close(self) -> None:
        """Close the database (and remove its files when the account was erased)."""
        self.engine.dispose()
        if self.erased:
            remove_account_files(self.data_dir.root, self.username)


def login_online(
    root: Path,
    server: str,
    username: str,
    password: str,
    *,
    ca_bundle: str | None = None,
    proxy: str | None = None,
    retry: RetryPolicy | None = None,
    allow_http: bool = False,
) -> tuple[Account, LoginResponse]:
    """Log in at the centre, keep the token, and open (or create) the account's database.

    ``allow_http``: the caller asked (or was told) to send the password over plain HTTP to
    another machine; without it such a login raises PlainHttpError and sends nothing.
    """
    from sync.client import CentralClient

    data_dir = DataDir(root)
    known = data_dir.profile(username)
    device_id = known.device_id if known else str(uuid.uuid4())
    verify: bool | str = ca_bundle or (known.ca_bundle if known else None) or True
    proxy = proxy or (known.proxy if known else None)
    with CentralClient(
        server, verify=verify, proxy=proxy, retry=retry, allow_plain_http=allow_http
    ) as client:
        try:
            answer = client.login(username, password, device_id)
        except DeviceRevokedError as revoked:
            if revoked.wipe and data_dir.account_dir(username).exists():
                # Reported lost: this account's data must not stay on the laptop.
                erase_account(root, username)
                raise DeviceRevokedError(revoked.detail, wipe=True, wiped=True) from None
            raise
    keyring = Keyring(username)
    keyring.store_token(answer.token)
    profile = AccountProfile(
        username=username,
        server=server,
        device_id=device_id,
        role=answer.user.role,
        region_code=answer.user.region_code,
        ca_bundle=ca_bundle or (known.ca_bundle if known else None),
        proxy=proxy,
        extra=known.extra if known else {},
    )
    data_dir.secure(username)
    key = _key_for(data_dir, username, known, keyring, password)
    # Wrap again on every online login: the centre has just accepted this password, which
    # may be new (the old one then no longer opens this laptop), and the cost may be too.
    profile = profile.with_changes(wrapped_key=WrappedKey.wrap(key, password))
    engine = open_database(data_dir.database_path(username), key)
    data_dir.save_profile(profile)
    data_dir.set_last_account(username)
    return Account(data_dir, profile, engine, keyring), answer


def set_new_password(
    root: Path,
    server: str,
    username: str,
    password: str,
    new_password: str,
    *,
    retry: RetryPolicy | None = None,
    allow_http: bool = False,
) -> None:
    """Replace ``password`` (a one-time password, say) at the centre; log in afterwards."""
    from sync.client import CentralClient
    from sync.client.accounts import change_password

    known = DataDir(root).profile(username)
    verify: bool | str = (known.ca_bundle if known else None) or True
    proxy = known.proxy if known else None
    with CentralClient(
        server, verify=verify, proxy=proxy, retry=retry, allow_plain_http=allow_http
    ) as client:
        change_password(client, username, password, new_password)


def unlock_offline(root: Path, username: str, password: str) -> Account:
    """Open an account that logged in online before, checking the password locally.

    The password is right when it unwraps the key kept in the account file (BadPasswordError
    otherwise); a key wrapped at an older, cheaper cost is wrapped again at today's.
    """
    data_dir = DataDir(root)
    profile = data_dir.require_profile(username)
    if profile.wrapped_key is None:
        raise NoAccountError(username)
    unwrapped = profile.wrapped_key.unwrap(password)
    data_dir.secure(username)
    keyring = Keyring(username)
    key = _opening_key(data_dir.database_path(username), keyring, unwrapped)
    engine = open_database(data_dir.database_path(username), key)
    if not profile.wrapped_key.current or key != unwrapped:
        profile = profile.with_changes(wrapped_key=WrappedKey.wrap(key, password))
        data_dir.save_profile(profile)
    data_dir.set_last_account(username)
    return Account(data_dir, profile, engine, keyring)


def open_account(root: Path, username: str | None = None) -> Account:
    """Open ``username`` (default: the last one logged in) with the key in the keyring."""
    data_dir = DataDir(root)
    name = username or data_dir.last_account()
    if name is None:
        raise NoAccountError("no account has logged in on this computer")
    profile = data_dir.require_profile(name)
    keyring = Keyring(name)
    key = keyring.database_key()
    if key is None:
        raise KeyLostError(name)
    data_dir.secure(name)
    engine = open_database(data_dir.database_path(name), key)
    return Account(data_dir, profile, engine, keyring)


def _key_for(
    data_dir: DataDir,
    username: str,
    known: AccountProfile | None,
    keyring: Keyring,
    password: str,
) -> bytes:
    """The database key: the keyring's if it opens the file, else unwrapped by the password."""
    path = data_dir.database_path(username)
    key = keyring.database_key()
    if key is not None and (not path.exists() or _opens(path, key)):
        return key
    if known is not None and known.wrapped_key is not None and path.exists():
        try:
            recovered = known.wrapped_key.unwrap(password)
        except BadPasswordError:
            # The centre took a new password; the copy is wrapped with the one before it.
            raise PasswordChangedError(username) from None
        log.info("database key recovered from its password-wrapped copy")
        keyring.store_database_key(recovered)
        return recovered
    if path.exists():
        raise KeyLostError(username)
    key = new_database_key()
    keyring.store_database_key(key)
    return key


def _opening_key(path: Path, keyring: Keyring, unwrapped: bytes) -> bytes:
    """The key that opens ``path``: the unwrapped one, or else the keyring's; kept there."""
    kept = keyring.database_key()
    if (
        kept is not None
        and kept != unwrapped
        and not _opens(path, unwrapped)
        and _opens(path, kept)
    ):
        return kept
    if kept != unwrapped:
        log.info("database key recovered from its password-wrapped copy")
        keyring.store_database_key(unwrapped)
    return unwrapped


def _opens(path: Path, key: bytes) -> bool:
    try:
        open_database(path, key).dispose()
    except WrongKeyError:
        return False
    return True
