"""A laptop's keyring for a benchmark: a plaintext file in the benchmark's folder."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import keyring
from keyrings.alt.file import PlaintextKeyring

from desktop.store import keys

# Login cost is not what a sync benchmark measures.
CHEAP_KDF = keys.Argon2idCost(64, iterations=1)


@contextmanager
def file_keyring(folder: Path, kdf: keys.KdfCost = CHEAP_KDF) -> Iterator[None]:
    """Laptops made within keep their keys in ``folder``/keyring.cfg and derive them with
    ``kdf``; the keyring and the derivation before are back afterwards."""
    backend = PlaintextKeyring()
    backend.file_path = str(folder / "keyring.cfg")
    previous_ring, previous_kdf = keyring.get_keyring(), keys.KDF
    keyring.set_keyring(backend)
    keys.KDF = kdf
    try:
        yield
    finally:
        keys.KDF = previous_kdf
        keyring.set_keyring(previous_ring)
