"""Rule SEC003 (no-sensitive-files): its check, defaults and documentation."""

from __future__ import annotations

from functools import partial

from portfolio_lint.checks.guards import require_files
from portfolio_lint.checks.registry import check
from portfolio_lint.core.model import SECURITY, Finding, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.sensitive_files import sensitive_reason

# Key files and credential JSON are small; the head of a file is enough to judge it.
SNIFF_LIMIT = 64 * 1024


@check(
    "no-sensitive-files",
    code="SEC003",
    weight=3,
    severity=Severity.ERROR,
    tags=(SECURITY,),
    role=Role.PROBLEM,
)
def no_sensitive_files(repo: Repo) -> Verdict:
    """No committed .env, kaggle.json, credential JSON, private key or .netrc/.pypirc files.

    Why it matters:
        Committed .env files, kaggle.json, private keys and credential JSON files leak access even
        when their values look harmless.

    How to fix:
        Remove the file from git (`git rm --cached`), add it to .gitignore, commit an example file
        with placeholders instead.

    Bad:
        `.env` and `kaggle.json` committed at the repository root.

    Good:
        `.env.example` with empty values committed; `.env` and `kaggle.json` in .gitignore.
    """
    require_files(repo)
    findings = []
    for entry in repo.files:
        if repo.is_vendored(entry.path):
            continue
        reason = sensitive_reason(entry.path, partial(_head, repo, entry.path))
        if reason:
            verb = "Committed" if entry.tracked else "Unignored"
            findings.append(Finding.at(entry.path, f"{verb} {reason}"))
    return Verdict.from_findings(findings)


def _head(repo: Repo, path: str) -> str:
    return repo.read_text(path, SNIFF_LIMIT) or ""
