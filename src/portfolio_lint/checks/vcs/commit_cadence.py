"""Rule VCS010 (commit-cadence): its check, defaults and documentation."""

from __future__ import annotations

from collections.abc import Sequence

from portfolio_lint.checks.registry import check
from portfolio_lint.checks.vcs._shared import require_history, short
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.repo import Repo
from portfolio_lint.scanners.history import Commit


@check("commit-cadence", code="VCS010", weight=2, severity=Severity.INFO, reads_history=True)
def commit_cadence(
    repo: Repo,
    *,
    min_days: int = 5,
    min_commits: int = 10,
    max_dump_share: float = 0.8,
    min_dump_lines: int = 200,
) -> Verdict:
    """Work is committed in steps over several days, not dumped in one commit.

    Why it matters:
        Commits spread over days show how the project grew; one 'initial commit' dump hides the
        process reviewers want to see.

    How to fix:
        Commit in small steps as you work; for future projects push regularly.

    Bad:
        One commit, "Add files via upload", holding the whole project.

    Good:
        Thirty commits over three weeks, each a step (data loading, features, model).
    """
    commits = require_history(repo).commits
    days = {commit.when.date() for commit in commits}
    span = (max(days) - min(days)).days + 1  # calendar days, both ends counted
    findings = []
    if len(commits) == 1:
        findings.append(Finding("The whole history is one commit: the process is invisible"))
    elif len(commits) < min_commits:
        findings.append(Finding(f"Only {len(commits)} commits (at least {min_commits} expected)"))
    if len(commits) > 1 and len(days) < min_days:
        findings.append(Finding(f"{_days(len(days), span)} (at least {min_days} days expected)"))
    dump = _dump(commits, max_dump_share, min_dump_lines)
    if dump is not None and len(commits) > 1:
        findings.append(dump)
    parts = (
        min(1.0, len(days) / max(min_days, 1)),
        min(1.0, len(commits) / max(min_commits, 1)),
        0.0 if dump is not None or len(commits) == 1 else 1.0,
    )
    return Verdict.partial(sum(parts) / len(parts), findings)


def _days(distinct: int, span: int) -> str:
    """'All commits on one day', 'Commits on 3 distinct days over 9 days'."""
    if distinct == 1:
        return "All commits on one day"
    return f"Commits on {distinct} distinct days over {span} days"


def _dump(commits: Sequence[Commit], max_share: float, min_lines: int) -> Finding | None:
    """A finding when one commit added most of all the lines ever added (an upload, not work)."""
    total = sum(c.added_lines for c in commits)
    biggest = max(commits, key=lambda c: c.added_lines)
    if total < min_lines or biggest.added_lines <= max_share * total:
        return None
    share = biggest.added_lines / total
    return Finding(
        f"One commit ({short(biggest.sha)} '{biggest.subject[:40]}') added {share:.0%} of all"
        " lines: the project was uploaded rather than built in steps"
    )
