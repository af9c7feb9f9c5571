"""Tests of VCS002 gitignore-env: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.vcs.conftest import README


@pytest.mark.parametrize(
    ("gitignore", "status"),
    [
        (".env\n", Status.PASSED),
        ("*.env\n", Status.PASSED),
        (".env*\n", Status.PASSED),
        ("**/.env\n", Status.PASSED),
        ("/.env\n", Status.PASSED),
        (".env*\n!.env.example\n", Status.PASSED),  # keeping the template is fine
        ("__pycache__/\n", Status.FAILED),
        (".env\n!.env\n", Status.FAILED),
        (".envrc\n", Status.FAILED),
        ("env/\n", Status.FAILED),  # a virtualenv folder, not the secrets file
    ],
)
def test_gitignore_env(make_repo, run_rule, gitignore, status):
    result = run_rule("VCS002", make_repo({**README, ".gitignore": gitignore}))
    assert result.status is status
    if gitignore.endswith("!.env\n"):
        assert result.findings[0].location.line == 2


def test_gitignore_env_not_applicable_without_gitignore(make_repo, run_rule):
    result = run_rule("VCS002", make_repo(README))
    assert result.status is Status.NOT_APPLICABLE
    assert "gitignore-present" in (result.reason or "")


@pytest.mark.parametrize(
    ("above", "inside", "status"),
    [
        ({".gitignore": ".env\n"}, {}, Status.PASSED),
        ({".gitignore": "**/.env\n"}, {}, Status.PASSED),
        ({".gitignore": "projects/app/.env\n"}, {}, Status.PASSED),  # anchored at the top
        ({".gitignore": "/.env\n"}, {}, Status.FAILED),  # only the top's own .env
        ({".gitignore": "__pycache__/\n"}, {}, Status.FAILED),
        ({".gitignore": ".env\n"}, {".gitignore": "!.env\n"}, Status.FAILED),  # nearest wins
        ({".gitignore": "*.pyc\n"}, {".gitignore": ".env\n"}, Status.PASSED),
        ({"other/.gitignore": ".env\n"}, {}, Status.NOT_APPLICABLE),
    ],
)
def test_a_project_folder_counts_the_gitignore_files_above_it(
    project_folder, run_rule, above, inside, status
):
    repo = project_folder({**above, "other/x.py": "x = 1\n"}, {**README, **inside})
    assert run_rule("VCS002", repo).status is status
