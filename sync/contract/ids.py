"""Record and op ids: UUIDs version 7 (RFC 9562), which sort by the time they were made.

A record_id or op_id is the key of several indexes at the centre (records, history, trainings,
ops). Random keys (version 4) land on a random page of each index, so once the tables are
larger than a batch every insert dirties a page of its own and every commit rewrites most of
every index: a push of 500 records got slower as the centre filled. Version 7 keys start
with the time in
milliseconds, so a laptop's records, queued in the order they were made, go to the end of
each index, and the centre's cost per record stays flat. They are still UUIDs: any version
passes the record_id check, and ids made earlier (version 4) stay valid.
"""

from __future__ import annotations

import secrets
import time
import uuid

_RANDOM_BITS = 74  # 12 bits after the version, 62 after the variant


def uuid7(unix_ms: int, random_bits: int) -> str:
    """The version 7 UUID of a time (milliseconds since 1970) and 74 random bits."""
    rand_a = (random_bits >> 62) & 0xFFF
    rand_b = random_bits & ((1 << 62) - 1)
    value = (unix_ms & ((1 << 48) - 1)) << 80 | 0x7 << 76 | rand_a << 64 | 0b10 << 62 | rand_b
    return str(uuid.UUID(int=value))


def new_id() -> str:
    """A fresh id for a record or an op: now, and 74 bits from the OS's random source."""
    return uuid7(time.time_ns() // 1_000_000, secrets.randbits(_RANDOM_BITS))
