"""Rule DAT002 (no-committed-data-files): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.guards import require_files
from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.data_files import (
    MAX_FILE_BYTES,
    MAX_IMAGES,
    MAX_TOTAL_BYTES,
    DataLimits,
    committed_data,
)
from portfolio_lint.facts.repo import Repo


@check(
    "no-committed-data-files", code="DAT002", weight=1, severity=Severity.WARNING, role=Role.PROBLEM
)
def no_committed_data_files(
    repo: Repo,
    *,
    max_file_bytes: int = MAX_FILE_BYTES,
    max_total_bytes: int = MAX_TOTAL_BYTES,
    max_images: int = MAX_IMAGES,
) -> Verdict:
    """No large datasets or image sets committed to git without Git LFS or DVC.

    Why it matters:
        Large CSV, parquet and image sets bloat the repository forever; data belongs in DVC, Git LFS
        or a download script.

    How to fix:
        Remove the data from git, track it with DVC or Git LFS, and document how to get it.

    Bad:
        A 300 MB `data/train.csv` committed to git.

    Good:
        `data/train.csv.dvc` tracked by DVC, and a README line on how to download the data.
    """
    require_files(repo)
    committed = committed_data(repo, DataLimits(max_file_bytes, max_total_bytes, max_images))
    findings = [Finding.at(o.path, o.message) for o in committed.oversize]
    summary = f"{len(committed.files)} data files committed outside Git LFS and DVC"
    return Verdict.from_findings(findings, summary)
