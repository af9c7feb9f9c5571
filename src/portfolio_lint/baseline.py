"""Accept known findings: baselines (fingerprint hashes only) and `--diff-base` comparisons."""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from portfolio_lint.model import Finding, Report

BASELINE_VERSION = 1


class BaselineError(Exception):
    """A baseline file that cannot be read."""


def fingerprints(report: Report) -> Counter[str]:
    """How many times each finding fingerprint occurs in a report."""
    return Counter(f.fingerprint for f in report.findings)


def write_baseline(report: Report, path: Path) -> None:
    """Store the report's fingerprints (hashes only: never a secret or a message)."""
    counts = fingerprints(report)
    document = {
        "portfolio_lint_baseline": BASELINE_VERSION,
        "tool_version": report.tool_version,
        "fingerprints": dict(sorted(counts.items())),
    }
    path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def read_baseline(path: Path) -> Counter[str]:
    """Fingerprint counts from a baseline file."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BaselineError(f"cannot read baseline {path}: {error}") from error
    if not isinstance(document, dict) or document.get("portfolio_lint_baseline") != 1:
        raise BaselineError(f"{path}: not a portfolio-lint baseline (version 1)")
    counts = document.get("fingerprints", {})
    if not isinstance(counts, dict) or not all(isinstance(v, int) for v in counts.values()):
        raise BaselineError(f"{path}: `fingerprints` must map hashes to counts")
    return Counter(counts)


def _take_new(findings: Iterable[Finding], remaining: Counter[str]) -> list[Finding]:
    fresh = []
    for finding in findings:
        if remaining[finding.fingerprint] > 0:
            remaining[finding.fingerprint] -= 1
        else:
            fresh.append(finding)
    return fresh


def new_findings(findings: Iterable[Finding], known: Counter[str]) -> list[Finding]:
    """Findings beyond those already known (matched by fingerprint, counting repeats)."""
    return _take_new(findings, Counter(known))


def only_new(report: Report, known: Counter[str]) -> Report:
    """The report with known findings removed; scores still reflect the whole repository."""
    remaining = Counter(known)
    return report.with_results(
        replace(result, findings=tuple(_take_new(result.findings, remaining)))
        for result in report.results
    )
