"""SARIF 2.1.0 for GitHub code scanning: rules, located results, stable fingerprints."""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

from portfolio_lint.core.model import SECURITY, Finding, Report, RuleInfo, RuleResult, Severity
from portfolio_lint.render.common import (
    anchor,
    extra_evidence,
    findings_worst_first,
    maturity_text,
    severity_of,
)

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/portfolio-lint/portfolio-lint"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SECURITY_SEVERITY = {Severity.ERROR: "8.0", Severity.WARNING: "5.0", Severity.INFO: "2.0"}
FINGERPRINT_KEY = "portfolioLint/v1"
# Characters a path segment may hold as they are (RFC 3986 sub-delims and '@'), besides the
# unreserved ones and '/'. ':' is always encoded: in a first segment it would read as a scheme.
SEGMENT_SAFE = "/!$&'()*+,;=@"


def relative_uri(path: str) -> str:
    """A repository path as an RFC 3986 relative reference: `%`, space, `#`, `?`, `:` and
    every other character that is not plain path text percent-encoded (UTF-8), so
    `javascript:x.py`, `a b#x.py` or `%2e%2e%2f` reach a SARIF consumer as file names. A
    leading '/' is encoded too (`//host/x` would name a host)."""
    uri = quote(path, safe=SEGMENT_SAFE)
    stripped = uri.lstrip("/")
    return "%2F" * (len(uri) - len(stripped)) + stripped


def _pascal(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("-"))


def _rule_descriptor(rule: RuleInfo) -> dict[str, Any]:
    title = rule.name.replace("-", " ").capitalize()
    help_text = f"{rule.rationale}\n\nHow to fix: {rule.fix}".strip()
    properties: dict[str, Any] = {"tags": ["portfolio", rule.family.lower()]}
    if SECURITY in rule.tags:
        properties["tags"].append("security")
        properties["security-severity"] = SECURITY_SEVERITY[rule.severity]
    return {
        "id": rule.code,
        "name": _pascal(rule.name),
        "shortDescription": {"text": title},
        "fullDescription": {"text": rule.rationale or title},
        "help": {"text": help_text, "markdown": f"{rule.rationale}\n\n**How to fix:** {rule.fix}"},
        "defaultConfiguration": {"level": LEVELS[rule.severity]},
        "properties": properties,
    }


def _location(finding: Finding, fallback: str) -> dict[str, Any]:
    location = finding.location
    path = location.path if location and location.path else fallback
    region: dict[str, Any] = {"startLine": max(1, (location.line or 1) if location else 1)}
    if location and location.column:
        region["startColumn"] = max(1, location.column)
    if location and location.end_line and location.end_line >= region["startLine"]:
        region["endLine"] = location.end_line
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": relative_uri(path), "uriBaseId": "%SRCROOT%"},
            "region": region,
        }
    }


def _result(result: RuleResult, finding: Finding, index: int, fallback: str) -> dict[str, Any]:
    message = finding.message
    if evidence := extra_evidence(finding):
        message += f" ({evidence})"
    if finding.location and finding.location.cell is not None:
        message += f" [notebook cell {finding.location.cell}]"
    return {
        "ruleId": result.rule.code,
        "ruleIndex": index,
        "level": LEVELS[severity_of(result, finding)],
        "message": {"text": message},
        "locations": [_location(finding, fallback)],
        "partialFingerprints": {FINGERPRINT_KEY: finding.fingerprint},
    }


def render(report: Report) -> str:
    """One SARIF run with every rule of the report and one result per finding."""
    rules = [r.rule for r in report.results]
    index = {rule.code: i for i, rule in enumerate(rules)}
    fallback = anchor(report)
    results = [
        _result(result, finding, index[result.rule.code], fallback)
        for result, finding in findings_worst_first(report)
    ]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": "portfolio-lint",
                "version": report.tool_version,
                "semanticVersion": report.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": [_rule_descriptor(rule) for rule in rules],
            }
        },
        "automationDetails": {"id": f"portfolio-lint/{report.rubric}/"},
        "columnKind": "unicodeCodePoints",
        "originalUriBaseIds": {"%SRCROOT%": {"description": {"text": "repository root"}}},
        "results": results,
        "properties": {"score": report.score, "grade": report.grade},
    }
    if report.commit:
        run["properties"]["commit"] = report.commit
    if report.project is not None:
        run["properties"]["project"] = {
            "kind": report.project.kind,
            "secondary": list(report.project.secondary),
            "evidence": list(report.project.evidence),
            "overridden": report.project.overridden,
        }
    if mlops := maturity_text(report):
        run["properties"]["maturity"] = mlops
    document = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(document, indent=2) + "\n"
