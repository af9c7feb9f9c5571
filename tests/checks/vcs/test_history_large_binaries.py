"""Tests of VCS009 history-large-binaries: where it fires and where it stays quiet."""

from __future__ import annotations

import os
import sys

import pytest

from portfolio_lint.core.model import Status

if sys.version_info >= (3, 11):
    pass
else:  # pragma: no cover
    pass


@pytest.mark.parametrize(("removed", "status"), [(True, Status.FAILED), (False, Status.PASSED)])
def test_large_binary_only_in_history(history_repo, run_rule, removed, status) -> None:
    steps = [({"model.pt": os.urandom(6 * 1024 * 1024), "a.py": ""}, (), "Add model", 0)]
    if removed:
        steps.append(({}, ("model.pt",), "Remove model", 1))
    result = run_rule("VCS009", history_repo(steps))
    assert result.status is status
    if removed:
        assert result.findings[0].location.path == "model.pt"
        assert "6.0 MB" in result.findings[0].message


def test_large_binary_floor_option(history_repo) -> None:
    from portfolio_lint.checks.vcs.history_large_binaries import history_large_binaries

    repo = history_repo(
        [
            ({"model.pt": os.urandom(1_200_000)}, (), "Add model", 0),
            ({}, ("model.pt",), "Remove model", 1),
        ]
    )
    assert history_large_binaries(repo, min_size_mb=1.0).score == 0.0
    assert history_large_binaries(repo, min_size_mb=5.0).score == 1.0
