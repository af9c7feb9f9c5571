"""Rule TST004 (coverage-measured): its check, defaults and documentation."""

from __future__ import annotations

from datetime import timedelta, timezone

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.coverage import (
    CoverageReadError,
    CoverageReport,
    read_report,
)
from portfolio_lint.facts.coverage_reports import CoverageSource, coverage_sources
from portfolio_lint.facts.git_dates import last_change_of, last_python_change
from portfolio_lint.facts.repo import Repo

# coverage.json writes local time without an offset: allow for any time zone before calling stale.
NAIVE_SLACK = timedelta(hours=14)


def _where(source: CoverageSource, message: str) -> Finding:
    return Finding.at(source.label, message) if source.in_repo else Finding(message)


def _staleness(
    repo: Repo, source: CoverageSource, report: CoverageReport, grace: timedelta
) -> str | None:
    produced = report.timestamp or source.modified
    if produced is None and source.in_repo:
        produced = last_change_of(repo, source.label)
    changed = last_python_change(repo)
    if produced is None or changed is None:
        return None
    slack = grace + (NAIVE_SLACK if report.timestamp_is_naive else timedelta(0))
    if changed <= produced + slack:
        return None
    return (
        f"{source.label} is stale: produced {produced:%Y-%m-%d %H:%M} UTC, but Python"
        f" source changed in a commit of {changed.astimezone(timezone.utc):%Y-%m-%d %H:%M} UTC"
    )


@check("coverage-measured", code="TST004", weight=2, severity=Severity.INFO)
def coverage_measured(
    repo: Repo,
    *,
    threshold: float = 80.0,
    stale_score: float = 0.5,
    stale_grace_hours: float = 1.0,
) -> Verdict:
    """A coverage report (coverage.xml/json, .coverage or --coverage-file) meets the threshold.

    Reads reports only, never runs the repository's tests. No report at all is not applicable
    (reports are rarely committed): pass `--coverage-file` to score coverage from CI.

    Why it matters:
        A measured coverage figure above a threshold is evidence the tests matter; a stale report is
        not.

    How to fix:
        Publish coverage from CI (coverage.xml or coverage.json), or pass `--coverage-file`; raise
        coverage above the threshold (option `threshold`, default 80). With no report at all the
        rule is not applicable: reports are rarely committed, and the tests are never run to measure
        it.

    Bad:
        coverage.xml reports 35% line coverage.

    Good:
        coverage.xml from CI reports 86% line coverage (threshold 80).
    """
    sources = coverage_sources(repo)
    if not sources:
        raise Skip("no coverage report found (pass --coverage-file)")
    python_files = [p for p in repo.facts if p.endswith(".py")]
    errors: list[Finding] = []
    for source in sources:
        try:
            if source.data is None:
                raise CoverageReadError("cannot be read")
            report = read_report(source.data, python_files, repo.read_text)
        except CoverageReadError as error:
            errors.append(_where(source, f"Coverage report {source.label}: {error}"))
            continue
        return _score(
            repo, source, report, errors, threshold, stale_score, timedelta(hours=stale_grace_hours)
        )
    return Verdict.failed(*errors)


def _score(
    repo: Repo,
    source: CoverageSource,
    report: CoverageReport,
    notes: list[Finding],
    threshold: float,
    stale_score: float,
    grace: timedelta,
) -> Verdict:
    score = 1.0 if threshold <= 0 else min(1.0, report.percent / threshold)
    summary = f"coverage {report.percent:.1f}% ({source.label})"
    findings = list(notes)
    if report.percent < threshold:
        findings.append(
            _where(source, f"Coverage is {report.percent:.1f}%, below the {threshold:g}% threshold")
        )
    stale = _staleness(repo, source, report, grace)
    if stale is not None:
        findings.append(_where(source, stale))
        score *= stale_score
    return Verdict.partial(score, findings, summary)
