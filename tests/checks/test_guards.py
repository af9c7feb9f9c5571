"""Rules that look for something bad have nothing to judge in a repository without files."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status

ABSENCE_RULES = ("SEC001", "SEC002", "SEC003", "DAT002", "VCS004", "VCS005", "VCS006")


@pytest.mark.parametrize("code", ABSENCE_RULES)
def test_empty_repository_is_not_a_clean_pass(make_repo, run_rule, code):
    result = run_rule(code, make_repo({}))
    assert result.status is Status.NOT_APPLICABLE
    assert "no files" in (result.reason or "")


@pytest.mark.parametrize("code", ABSENCE_RULES)
def test_one_file_is_enough_to_judge(make_repo, run_rule, code):
    assert run_rule(code, make_repo({"README.md": "# Demo\n"})).status is Status.PASSED


def test_empty_repository_scores_zero(make_repo, rubric):
    from portfolio_lint.core.config import Config
    from portfolio_lint.engine.run import lint

    report = lint(make_repo({}), rubric, Config())
    assert report.score == 0


@pytest.mark.parametrize("code", ["VCS007", "VCS008", "VCS009", "VCS010", "VCS011"])
def test_history_of_empty_commits_is_not_judged(make_repo, run_rule, code):
    result = run_rule(code, make_repo({}))
    assert result.status is Status.NOT_APPLICABLE
