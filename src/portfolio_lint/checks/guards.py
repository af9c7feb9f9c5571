"""Preconditions shared by checks that look for something bad: they need files to judge."""

from __future__ import annotations

from portfolio_lint.checks.registry import Skip
from portfolio_lint.facts.repo import Repo


def require_files(repo: Repo) -> None:
    """Skip a "no X committed" rule on a repository without files: absence proves nothing there."""
    if not repo.files:
        raise Skip("the repository has no files to judge")
