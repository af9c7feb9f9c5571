"""Rule VCS008 (history-sensitive-files): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.registry import check
from portfolio_lint.checks.vcs._shared import require_history, short
from portfolio_lint.core.model import SECURITY, Finding, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.sensitive_files import sensitive_reason

# The content is gone from the tree, so judge by name; .pem is left out (often a public cert).
KEY_STORE_SUFFIXES = (".key", ".p12", ".pfx", ".ppk", ".jks", ".keystore")


def _key_store(path: str) -> str | None:
    name = path.rsplit("/", 1)[-1]
    return f"key file {name}" if name.lower().endswith(KEY_STORE_SUFFIXES) else None


@check(
    "history-sensitive-files",
    code="VCS008",
    weight=2,
    severity=Severity.WARNING,
    reads_history=True,
    tags=(SECURITY,),
    role=Role.PROBLEM,
)
def history_sensitive_files(repo: Repo) -> Verdict:
    """No .env, key or credentials file was committed and later removed.

    Why it matters:
        A .env or private key that was committed once and removed can still be read from history.

    How to fix:
        Rotate whatever the file held; purge it with git filter-repo if the repository is public.

    Bad:
        `.env` committed, then removed by `git rm .env`: every clone still holds it.

    Good:
        `.env` was never committed: it was in .gitignore from the first commit.
    """
    history = require_history(repo)
    valueless = set(history.valueless_env_files)
    findings = []
    for added in history.added_paths:
        if repo.exists(added.path) or repo.is_vendored(added.path):
            continue  # files still present are the secrets rules' job
        reason = sensitive_reason(added.path, lambda: "") or _key_store(added.path)
        if not reason:
            continue
        committed = f"{reason} was committed in {short(added.commit)} and removed later"
        if added.path in valueless:
            findings.append(
                Finding.at(
                    added.path,
                    f"{committed}; every version of it held no values (only empty"
                    " keys), so it leaked nothing",
                    severity=Severity.INFO,
                )
            )
        else:
            findings.append(
                Finding.at(
                    added.path,
                    f"{committed}; it is still in the history",
                )
            )
    # Files that held nothing are reported for information only: they cost no marks.
    informational = all(finding.severity is Severity.INFO for finding in findings)
    return Verdict(1.0 if informational else 0.0, tuple(findings))
