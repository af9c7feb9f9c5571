"""Helpers shared by several TST rules; not a rule."""

from __future__ import annotations

from portfolio_lint.checks.registry import Skip
from portfolio_lint.facts.repo import Repo
from portfolio_lint.facts.testing_files import suite_files


def require_tests(repo: Repo) -> None:
    """Skip unless the repository has test functions (tests-exist reports that)."""
    if not any(f.tests for f in suite_files(repo)):
        raise Skip("no test functions found (see tests-exist)", prerequisite="tests-exist")
