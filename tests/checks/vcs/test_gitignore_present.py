"""Tests of VCS001 gitignore-present: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.vcs.conftest import README


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({".gitignore": "__pycache__/\n.env\n"}, Status.PASSED),
        ({".gitignore": ""}, Status.FAILED),
        ({".gitignore": "# nothing yet\n\n"}, Status.FAILED),
        ({}, Status.FAILED),
        ({"src/.gitignore": "*.pyc\n"}, Status.FAILED),  # only the root one counts
    ],
)
def test_gitignore_present(make_repo, run_rule, files, status):
    assert run_rule("VCS001", make_repo({**README, **files})).status is status
