"""Finished results on disk, one JSON file per repository, written atomically (resumable)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from portfolio_lint.app.batch.grade import GradeResult
from portfolio_lint.app.batch.roster import Assignment
from portfolio_lint.sources.targets import redact_credentials
from portfolio_lint.untrusted.atomic import write_atomically


def record_of(result: GradeResult, cache_key: str) -> dict[str, Any]:
    """The stored form of a result: everything the gradebook and dashboard need."""
    report = result.report
    return {
        "student": result.assignment.student,
        "repo": redact_credentials(result.assignment.repo),
        "key": result.assignment.key,
        "cache_key": cache_key,
        "status": result.status,
        "commit": result.commit,
        "score": result.score,
        "grade": result.grade,
        "families": {f.family: f.score for f in report.families} if report else {},
        "rules": {r.rule.code: r.status.value for r in report.results} if report else {},
        "rule_names": {r.rule.code: r.rule.name for r in report.results} if report else {},
        "error": result.error,
        "seconds": round(result.seconds, 3),
        "pushed_after_deadline": result.pushed_late,
        "inline_suppressions_ignored": report.suppressions_ignored if report else None,
        "deadline": result.due.isoformat() if result.due else None,
        "committed": result.committed.isoformat() if result.committed else None,
        "late": result.late,
        "passed": report.passed if report else None,
        "fail_under": report.fail_under if report else None,
        "roster": dict(result.assignment.columns),
        # Partial credit per rule (0 to 1), for pass rates that count a partial as partial.
        "rule_scores": {r.rule.code: r.score for r in report.results} if report else {},
        # Kept with the cached result for the similarity section; not written to results.json.
        "signature": result.signature,
        "kind": report.project.kind if report and report.project else None,
    }


@dataclass
class ResultStore:
    """`<output>/results/<key>.json` per assignment."""

    root: Path

    def path(self, assignment: Assignment) -> Path:
        """Where one assignment's record lives."""
        return self.root / "results" / f"{assignment.key}.json"

    def load(self, assignment: Assignment) -> dict[str, Any] | None:
        """The stored record, or None when absent or unreadable (it is then regraded)."""
        try:
            record = json.loads(self.path(assignment).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return record if isinstance(record, dict) else None

    def save(self, assignment: Assignment, record: dict[str, Any]) -> None:
        """Store a record atomically."""
        write_atomically(self.path(assignment), json.dumps(record, indent=2) + "\n")
