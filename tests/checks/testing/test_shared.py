"""Tests of checks/testing/_shared.py through the rules that use it."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.testing.conftest import LIGHTNING


@pytest.mark.parametrize("code", ["TST002", "TST003"])
def test_runner_and_coverage_rules_are_not_shown_without_tests(make_repo, run_rule, code):
    repo = make_repo({"pytest.ini": "[pytest]\n", "train.py": LIGHTNING})
    result = run_rule(code, repo)
    assert (result.status, result.score) == (Status.FAILED, 0.0)
    assert "no test functions" in (result.reason or "")
