"""The canonical JSON report (versioned by `schema_version`; see docs/json-report.md)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from portfolio_lint.core.model import (
    SCHEMA_VERSION,
    FamilyScore,
    Finding,
    Report,
    RuleInfo,
    RuleResult,
    Status,
)
from portfolio_lint.core.scoring import score_parts
from portfolio_lint.render.common import gains, maturity

if TYPE_CHECKING:
    from portfolio_lint.core.rubric import Rubric

TOOL_NAME = "portfolio-lint"


def _finding(finding: Finding, rule: RuleInfo) -> dict[str, Any]:
    location = finding.location
    return {
        "code": finding.code or rule.code,
        "message": finding.message,
        "severity": (finding.severity or rule.severity).value,
        "location": None
        if location is None
        else {
            "path": location.path,
            "line": location.line,
            "column": location.column,
            "end_line": location.end_line,
            "cell": location.cell,
        },
        "evidence": finding.evidence,
        "fingerprint": finding.fingerprint,
    }


def rule_info(rule: RuleInfo) -> dict[str, Any]:
    """A rule's rubric-side description (also used by `--list-rules --output-format json`)."""
    return {
        "code": rule.code,
        "name": rule.name,
        "family": rule.family,
        "weight": rule.weight,
        "severity": rule.severity.value,
        "role": rule.role.value,
        "rationale": rule.rationale,
        "fix": rule.fix,
    }


def _result(result: RuleResult, gain: float) -> dict[str, Any]:
    return {
        **rule_info(result.rule),
        "status": result.status.value,
        "score": result.score,
        "points_to_gain": gain,
        "suppressed": result.suppressed,
        "reason": result.reason,
        "summary": result.summary,
        "findings": [_finding(f, result.rule) for f in result.findings],
    }


def _family(family: FamilyScore) -> dict[str, Any]:
    return {
        "family": family.family,
        "title": family.title,
        "score": family.score,
        "weight": family.weight,
        "passed": family.passed,
        "total": family.total,
    }


def _counts(report: Report) -> dict[str, int]:
    counts = {status.value: 0 for status in Status}
    for result in report.results:
        counts[result.status.value] += 1
    counts["findings"] = len(report.findings)
    counts["inline_suppressions_ignored"] = report.suppressions_ignored
    return counts


def to_dict(report: Report) -> dict[str, Any]:
    """The report as plain JSON-ready data."""
    gained = gains(report)
    return {
        "schema_version": report.schema_version,
        "tool": {"name": TOOL_NAME, "version": report.tool_version},
        "target": report.target,
        "commit": report.commit,
        "rubric": report.rubric,
        "score": report.score,
        "score_parts": asdict(score_parts(report.results)),
        "grade": report.grade,
        "passed": report.passed,
        "fail_under": report.fail_under,
        "counts": _counts(report),
        "families": [_family(f) for f in report.families],
        "results": [_result(r, gained[r.rule.code]) for r in report.results],
        "warnings": list(report.warnings),
        "metadata": dict(report.metadata),
        "project": _project(report),
        "maturity": [
            {"practice": label, "code": code, "status": status.value}
            for label, code, status in maturity(report)
        ],
    }


def _project(report: Report) -> dict[str, Any] | None:
    """What kind of project was linted (schema 2.1), or None for a report built without one."""
    project = report.project
    if project is None:
        return None
    return {
        "kind": project.kind,
        "secondary": list(project.secondary),
        "evidence": list(project.evidence),
        "overridden": project.overridden,
        "projects": [{"folder": folder, "kind": kind} for folder, kind in project.projects],
    }


# Characters JSON leaves raw with ensure_ascii=False that some readers take as line breaks;
# they only occur inside strings, where their escapes mean the same.
LINE_SEPARATORS = str.maketrans({"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"})


def dumps(document: Any, **options: Any) -> str:
    """Indented UTF-8 JSON in which no string can break a line."""
    return json.dumps(document, indent=2, ensure_ascii=False, **options).translate(LINE_SEPARATORS)


def render(report: Report) -> str:
    """The report as indented JSON with a trailing newline."""
    return dumps(to_dict(report)) + "\n"


def rules_document(rubric: Rubric) -> str:
    """`--list-rules --output-format json`: the rubric's rules and families."""
    document = {
        "schema_version": SCHEMA_VERSION,
        "rubric": rubric.name,
        "families": dict(rubric.families),
        "grades": [{"grade": letter, "min_score": floor} for floor, letter in rubric.grades],
        "rules": [
            {**rule_info(rule.info), "check": rule.check, "options": dict(rule.options)}
            for rule in rubric.rules
        ],
    }
    return dumps(document, default=str) + "\n"
