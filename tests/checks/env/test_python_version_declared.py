"""Tests of ENV003 python-version-declared: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.env.conftest import TOOL_ONLY


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"pyproject.toml": "[project]\nname='a'\nrequires-python='>=3.10'\n"}, Status.PASSED),
        ({".python-version": "3.11.7\n"}, Status.PASSED),
        ({"runtime.txt": "python-3.10.12\n"}, Status.PASSED),
        ({"environment.yml": "dependencies:\n  - python=3.10\n"}, Status.PASSED),
        ({"Pipfile": "[requires]\npython_version = '3.11'\n"}, Status.PASSED),
        ({"setup.py": "import os\nsetup(python_requires='>=3.9')\n"}, Status.PASSED),
        ({"Dockerfile": "FROM python:3.11-slim\n"}, Status.PASSED),
        ({"README.md": "# A\n\nRequires Python 3.10 or newer.\n"}, Status.PARTIAL),
        (
            {
                ".github/workflows/ci.yml": "jobs:\n  t:\n    steps:\n"
                "      - uses: actions/setup-python@v5\n        with:\n"
                "          python-version: '3.11'\n"
            },
            Status.PARTIAL,
        ),
        ({"pyproject.toml": TOOL_ONLY}, Status.FAILED),
        ({"Dockerfile": "FROM ubuntu:22.04\n", "requirements.txt": "numpy\n"}, Status.FAILED),
    ],
)
def test_python_version_declared(make_repo, run_rule, files, status):
    assert run_rule("ENV003", make_repo(files)).status is status
