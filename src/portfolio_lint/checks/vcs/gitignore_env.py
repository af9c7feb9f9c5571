"""Rule VCS002 (gitignore-env): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.model import Finding, Role, Severity, Verdict
from portfolio_lint.facts.repo import Repo

ENV_NEGATION = re.compile(r"^!(/|\*\*/)?\.env$")


@check("gitignore-env", code="VCS002", weight=1, severity=Severity.WARNING, role=Role.PROBLEM)
def gitignore_env(repo: Repo) -> Verdict:
    """The root .gitignore ignores `.env` files.

    For a project folder inside a bigger repository, the .gitignore files above it count.

    Why it matters:
        `.env` files hold API keys; ignoring them is the cheapest protection against a leak.

    How to fix:
        Add `.env` to .gitignore.

    Bad:
        A `.gitignore` without `.env`, next to code that loads one.

    Good:
        `.gitignore` holding the line `.env`.
    """
    own = repo.exists(".gitignore")
    if not own and not repo.inherited_ignores:
        raise Skip("no .gitignore (see gitignore-present)", prerequisite="gitignore-present")
    if repo.is_ignored(".env"):
        return Verdict.passed()
    if not own:
        return Verdict.failed(Finding("`.env` is not ignored by the .gitignore files above"))
    text = repo.read_text(".gitignore") or ""
    negated = next(
        (n for n, line in enumerate(text.splitlines(), 1) if ENV_NEGATION.match(line.strip())),
        None,
    )
    if negated is not None:
        message = "`.env` is un-ignored by a negation pattern in .gitignore"
        return Verdict.failed(Finding.at(".gitignore", message, line=negated))
    return Verdict.failed(Finding.at(".gitignore", "`.env` is not ignored by .gitignore"))
