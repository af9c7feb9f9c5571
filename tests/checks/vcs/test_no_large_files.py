"""Tests of VCS004 no-large-files: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.vcs.conftest import LFS_POINTER, README


def test_large_file_fires(make_repo, run_rule):
    repo = make_repo({**README, "data/train.csv": "a,b\n" * 3_000_000})  # 12 MB
    result = run_rule("VCS004", repo)
    assert result.status is Status.FAILED
    assert result.findings[0].location.path == "data/train.csv"
    assert "Git LFS" in result.findings[0].message


@pytest.mark.parametrize(
    "files",
    [
        {"data/train.csv": "a,b\n" * 1000},
        {"models/model.pt": LFS_POINTER},  # LFS pointers are small
    ],
)
def test_large_file_quiet(make_repo, run_rule, files):
    assert run_rule("VCS004", make_repo({**README, **files})).status is Status.PASSED


def test_large_untracked_file_is_not_committed(make_repo, run_rule):
    repo = make_repo(README, git_repo=True)
    (repo.source.root / "dump.csv").write_text("a,b\n" * 3_000_000)
    assert run_rule("VCS004", repo).status is Status.PASSED
