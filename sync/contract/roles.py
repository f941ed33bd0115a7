"""The accounts' roles, shared by both ends (docs/protocol.md, accounts).

A worker enters records in its township; county, city and province staff read, review and
manage their region's (审核, 进度, 账户). Kept free of pydantic: the window's modules read it
before any wire message is needed.
"""

from __future__ import annotations

STAFF_ROLES = frozenset({"county", "city", "province"})
