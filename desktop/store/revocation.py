"""The client of an open account: told that its laptop was revoked as lost, it forgets the
account at once (desktop/store/erasing.py), whatever request was told."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import httpx

from sync.client import CentralClient, DeviceRevokedError


class AccountClient(CentralClient):
    """A :class:`CentralClient` that calls ``on_lost`` when the centre says to wipe."""

    def __init__(self, base_url: str, *, on_lost: Callable[[], None], **options: Any) -> None:
        super().__init__(base_url, **options)
        self._on_lost = on_lost

    def _request(self, *args: Any, **kwargs: Any) -> httpx.Response:
        try:
            return super()._request(*args, **kwargs)
        except DeviceRevokedError as revoked:
            if not revoked.wipe:
                raise
            self._on_lost()
            raise DeviceRevokedError(revoked.detail, wipe=True, wiped=True) from None
