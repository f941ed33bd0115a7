"""Disability certificate numbers (第二代残疾人证): the holder's ID number, the category
digit, the level digit and an optional suffix ``B1``-``B9`` for a re-issued certificate."""

from __future__ import annotations

import re
from dataclasses import dataclass

_CERT = re.compile(r"([0-9]{17}[0-9X])([1-7])([1-4])(B[1-9])?")


@dataclass(frozen=True, slots=True)
class Certificate:
    """The parts of a certificate number."""

    id_number: str
    category: int
    level: int
    suffix: str | None


def parse_certificate(number: object) -> Certificate | None:
    """The parts of a well-formed certificate number, None for anything else."""
    if not isinstance(number, str):
        return None
    match = _CERT.fullmatch(number)
    if match is None:
        return None
    id_number, category, level, suffix = match.groups()
    return Certificate(id_number, int(category), int(level), suffix)


def certificate_number(id_number: str, category: int, level: int, suffix: str = "") -> str:
    """The certificate number of a holder, as the federation issues it."""
    return f"{id_number}{category}{level}{suffix}"
