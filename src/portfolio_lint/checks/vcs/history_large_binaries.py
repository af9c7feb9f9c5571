"""Rule VCS009 (history-large-binaries): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.registry import check
from portfolio_lint.checks.vcs._shared import require_history, short
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo


@check(
    "history-large-binaries",
    code="VCS009",
    weight=0.5,
    severity=Severity.INFO,
    reads_history=True,
    role=Role.PROBLEM,
)
def history_large_binaries(repo: Repo, *, min_size_mb: float = 5.0) -> Verdict:
    """No large file lives on only in history (deleted or replaced, still in every clone).

    Why it matters:
        Large binaries committed once stay in every clone even after deletion.

    How to fix:
        Purge them with git filter-repo and track such files with Git LFS or DVC from now on.

    Bad:
        A 200 MB `data.zip` added and deleted later: every clone still downloads it.

    Good:
        Large files tracked by Git LFS or DVC from the first commit.
    """
    history = require_history(repo)
    floor = int(min_size_mb * 1024 * 1024)
    current = {(e.path, e.size) for e in repo.files}
    biggest: dict[tuple[str, int], str] = {}
    for blob in history.large_blobs:
        if blob.size >= floor and (blob.path, blob.size) not in current:
            biggest[(blob.path, blob.size)] = blob.commit  # newest first: keeps the oldest
    findings = [
        Finding.at(
            path,
            f"{size / 1024 / 1024:.1f} MB version added in {short(commit)} is still in the history",
        )
        for (path, size), commit in sorted(biggest.items(), key=lambda item: -item[0][1])
    ]
    return Verdict.from_findings(findings)
