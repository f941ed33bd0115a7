"""What the rules engine says about a record: one Finding per broken rule."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, slots=True)
class Finding:
    """A broken rule: its id, how bad, the fields to mark on the form, and what to do."""

    rule_id: str
    severity: Severity
    fields: tuple[str, ...]
    message: str

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (``fields`` as a list), as the centre answers it."""
        return {
            "rule_id": self.rule_id,
            "severity": self.severity,
            "fields": list(self.fields),
            "message": self.message,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Finding:
        """A Finding from its JSON form (e.g. the errors of a refused push)."""
        severity = data["severity"]
        if severity not in ("error", "warning"):
            raise ValueError(f"unknown severity {severity!r}")
        return cls(
            str(data["rule_id"]),
            severity,
            tuple(str(f) for f in data["fields"]),
            str(data["message"]),
        )


def is_complete(findings: Iterable[Finding]) -> bool:
    """True when no finding is an error: the record may be saved as complete and pushed."""
    return all(f.severity != "error" for f in findings)
