"""Rule VCS004 (no-large-files): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.guards import require_files
from portfolio_lint.checks.registry import check
from portfolio_lint.checks.vcs._shared import MAX_FINDINGS, MIB, committed_files, human_size
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo


@check("no-large-files", code="VCS004", weight=1, severity=Severity.WARNING, role=Role.PROBLEM)
def no_large_files(repo: Repo, *, max_mb: float = 10) -> Verdict:
    """No committed file is larger than `max-mb` megabytes (MiB).

    Why it matters:
        Files over 10 MB make clones slow and GitHub warns about them; over 100 MB they are
        rejected.

    How to fix:
        Remove them from git and track them with Git LFS or DVC, or publish them as release assets.

    Bad:
        A 250 MB `model.pt` committed to git.

    Good:
        `model.pt` tracked by Git LFS, or published as a release asset.
    """
    require_files(repo)
    limit = max_mb * MIB
    large = sorted((e for e in committed_files(repo) if e.size > limit), key=lambda e: -e.size)
    findings = [
        Finding.at(
            e.path,
            f"{human_size(e.size)} file committed (limit {max_mb:g} MB): "
            "use Git LFS or DVC, or publish it as a release asset",
        )
        for e in large[:MAX_FINDINGS]
    ]
    return Verdict.from_findings(findings, summary=f"{len(large)} files over {max_mb:g} MB")
