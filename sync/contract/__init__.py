"""The contract between field and centre: record schema, code lists, regions, ID checks and
the rules engine. Pure Python, no Qt, no HTTP; both ends import it (docs/architecture.md)."""

from sync.contract.findings import Finding, is_complete
from sync.contract.normalization import normalize
from sync.contract.rules import Rule, RuleSet, default_rules
from sync.contract.validation import validate

__all__ = [
    "Finding",
    "Rule",
    "RuleSet",
    "default_rules",
    "is_complete",
    "normalize",
    "validate",
]
