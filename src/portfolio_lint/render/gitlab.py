"""GitLab Code Quality JSON (the CodeClimate subset GitLab reads)."""

from __future__ import annotations

import json

from portfolio_lint.core.model import SECURITY, Report, Severity
from portfolio_lint.render.common import anchor, findings_worst_first, severity_of

SEVERITIES = {Severity.ERROR: "critical", Severity.WARNING: "major", Severity.INFO: "info"}


def render(report: Report) -> str:
    """One issue per finding, with GitLab's required fields."""
    fallback = anchor(report)
    issues = []
    for result, finding in findings_worst_first(report):
        location = finding.location
        issues.append(
            {
                "type": "issue",
                "check_name": f"{result.rule.code} {result.rule.name}",
                "description": finding.message,
                "categories": ["Security" if SECURITY in result.rule.tags else "Style"],
                "severity": SEVERITIES[severity_of(result, finding)],
                "fingerprint": finding.fingerprint,
                "location": {
                    "path": location.path if location else fallback,
                    "lines": {"begin": (location.line or 1) if location else 1},
                },
            }
        )
    return json.dumps(issues, indent=2) + "\n"
