"""Tests of checks/quality/_shared.py through the rules that use it."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.quality.conftest import README, branchy, cell, md, nb, notebook

CODES = ("QUA005", "QUA006", "QUA007", "QUA008")


@pytest.mark.parametrize("code", CODES)
def test_no_notebooks_is_not_applicable(make_repo, run_rule, code):
    repo = make_repo({**README, "train.py": "print(1)\n"})
    assert run_rule(code, repo).status is Status.NOT_APPLICABLE


def test_valid_notebooks_pass_and_other_rules_skip_broken_ones(make_repo, run_rule):
    repo = make_repo({"a.ipynb": nb(cell("a\n", 1)), "b.ipynb": nb(md("# T"))})
    assert run_rule("QUA008", repo).status is Status.PASSED
    broken = make_repo({"bad.ipynb": "{"})
    assert run_rule("QUA005", broken).status is Status.NOT_APPLICABLE
    assert run_rule("QUA007", broken).status is Status.NOT_APPLICABLE


def test_plain_folder_is_measured_too(make_repo, run_rule):
    repo = make_repo(
        {"eda.ipynb": notebook("x = 1\n"), "train.py": branchy("train_loop", 14)}, git_repo=False
    )
    assert run_rule("QUA003", repo).status is Status.PASSED
    assert run_rule("QUA001", repo).status is Status.FAILED
