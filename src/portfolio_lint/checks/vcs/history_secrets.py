"""Rule VCS007 (history-secrets): its check, defaults and documentation."""

from __future__ import annotations

from portfolio_lint.checks.registry import check
from portfolio_lint.checks.vcs._shared import require_history, short
from portfolio_lint.core.model import SECURITY, Finding, Location, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo


@check(
    "history-secrets",
    code="VCS007",
    weight=4,
    severity=Severity.ERROR,
    reads_history=True,
    tags=(SECURITY,),
    role=Role.PROBLEM,
)
def history_secrets(repo: Repo) -> Verdict:
    """No secret was ever committed, even if a later commit deleted it.

    Why it matters:
        A key deleted in a later commit is still in the history of every clone: it is leaked until
        revoked.

    How to fix:
        Revoke the key at its provider now; then rewrite history (git filter-repo) if you must, and
        force-push.

    Bad:
        An API key committed in one commit and deleted in the next: still in the history.

    Good:
        The key revoked at its provider and read from the environment ever since.
    """
    history = require_history(repo)
    current = {hit.key for facts in repo.facts.values() for hit in facts.secrets if hit.key}
    findings: dict[str, Finding] = {}
    # Newest commit first: keep the oldest commit that added each key (where the leak began);
    # a line marked `gitleaks:allow` counts only for a key no unmarked line added.
    leaks = sorted(history.secrets, key=lambda leak: leak.allowed, reverse=True)
    for leak in leaks:
        hit = leak.hit
        # Known key shapes only: generic password guesses over every old line would be noise,
        # and a key still in the current tree is the secrets rules' job.
        if hit.severity != "error" or (hit.key and hit.key in current):
            continue
        findings[hit.key or f"{leak.path}:{hit.evidence}"] = Finding(
            f"{hit.message or hit.detector} {hit.evidence} was committed in {short(leak.commit)}"
            " and is still in the history: revoke the key, then record that you did "
            '(`[tool.portfolio-lint.ignore-with-reason] VCS007 = "key revoked"`)',
            Location(leak.path, line=hit.line, column=hit.column),
            evidence=hit.evidence,
            secret_id=hit.key or None,
            inline_suppressed=leak.allowed,
        )
    return Verdict.from_findings(findings.values())
