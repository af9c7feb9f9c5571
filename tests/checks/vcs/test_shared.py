"""Tests of checks/vcs/_shared.py through the rules that use it."""

from __future__ import annotations

import sys

import git
import pytest

from portfolio_lint.core.model import Status
from portfolio_lint.facts.repo import Repo, RunOptions
from portfolio_lint.sources.local import LocalSource
from tests.checks.vcs.conftest import PICKLE, README

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover
    pass


HISTORY_CODES = ("VCS007", "VCS008", "VCS009", "VCS010", "VCS011")


@pytest.mark.parametrize("code", HISTORY_CODES)
def test_plain_folder_and_no_history_are_not_applicable(make_repo, run_rule, code) -> None:
    plain = make_repo({"a.py": ""}, git_repo=False)
    turned_off = make_repo({"a.py": ""}, history=False)
    for repo in (plain, turned_off):
        result = run_rule(code, repo)
        assert result.status is Status.NOT_APPLICABLE
        assert result.reason


@pytest.mark.parametrize("code", HISTORY_CODES)
def test_repository_without_commits_is_not_applicable(tmp_path, run_rule, code) -> None:
    git.Repo.init(tmp_path).close()
    (tmp_path / "a.py").write_text("")
    result = run_rule(code, Repo(LocalSource(tmp_path), options=RunOptions(use_cache=False)))
    assert result.status is Status.NOT_APPLICABLE


def test_plain_folder_is_judged_as_a_snapshot(make_repo, run_rule):
    """A downloaded archive has no git: its files are what the author published."""
    repo = make_repo({**README, "models/model.pkl": PICKLE}, git_repo=False)
    assert run_rule("VCS005", repo).status is Status.FAILED
    assert run_rule("VCS001", repo).status is Status.FAILED
