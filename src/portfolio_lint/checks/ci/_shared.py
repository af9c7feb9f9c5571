"""Helpers shared by several CI rules; not a rule."""

from __future__ import annotations

from portfolio_lint.core.model import Finding, Severity
from portfolio_lint.facts.ci import CiFile

PLACEHOLDERS = frozenset(
    {
        "echo",
        "printf",
        "true",
        ":",
        "exit",
        "sleep",
        "pwd",
        "ls",
        "date",
        "whoami",
        "printenv",
        "uname",
        "hostname",
    }
)

MAX_SHOWN = 3


def unparsable_finding(ci: CiFile, severity: Severity | None = None) -> Finding:
    """A finding for a CI file that could not be parsed."""
    return Finding.at(
        ci.path, f"{ci.path} could not be parsed: {ci.error}", line=ci.error_line, severity=severity
    )
