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


@pytest.mark.parametrize(
    ("above", "inside", "status"),
    [
        ({".gitignore": ".env\n"}, {}, Status.PASSED),  # the repository's applies
        ({"projects/.gitignore": "*.pyc\n"}, {}, Status.PASSED),
        ({".gitignore": "# nothing\n"}, {}, Status.FAILED),
        ({}, {}, Status.FAILED),
        ({"other/.gitignore": ".env\n"}, {}, Status.FAILED),  # not above the folder
        ({}, {".gitignore": ".env\n"}, Status.PASSED),  # the folder's own
    ],
)
def test_a_project_folder_counts_the_gitignore_files_above_it(
    project_folder, run_rule, above, inside, status
):
    repo = project_folder({**above, "other/x.py": "x = 1\n"}, {**README, **inside})
    assert run_rule("VCS001", repo).status is status
