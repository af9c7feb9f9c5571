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
            Status.PASSED,
        ),
        (
            {
                ".github/workflows/ci.yml": "jobs:\n  t:\n    strategy:\n      matrix:\n"
                '        python-version: ["3.10", "3.11"]\n'
            },
            Status.PASSED,
        ),
        ({"tox.ini": "[tox]\nenv_list = py310, py311\n"}, Status.PASSED),
        ({".gitlab-ci.yml": "test:\n  image: python:3.11-slim\n"}, Status.PASSED),
        # setup.py read as text: a computed or **kwargs python_requires, or one that won't parse
        ({"setup.py": "KW = {'python_requires': '>=3.8'}\nsetup(**KW)\n"}, Status.PASSED),
        ({"setup.py": "print 'py2'\nsetup(python_requires='>=3.7')\n"}, Status.PASSED),
        # monorepo: the version file sits in the project's folder
        ({"api/.python-version": "3.12\n", "api/requirements.txt": "fastapi\n"}, Status.PASSED),
        (
            {"Dockerfile": "ARG PYTHON_VERSION=3.11\nFROM python:${PYTHON_VERSION}-slim\n"},
            Status.PASSED,
        ),
        ({"Dockerfile": "FROM tiangolo/uvicorn-gunicorn-fastapi:python3.11\n"}, Status.PASSED),
        ({"Dockerfile": "FROM python:latest\n"}, Status.FAILED),
        ({"Dockerfile": "FROM python\n"}, Status.FAILED),
        ({".python-version": "system\n"}, Status.FAILED),
        (
            {
                ".github/workflows/ci.yml": "jobs:\n  t:\n    steps:\n"
                "      - uses: actions/setup-python@v5\n"
            },
            Status.FAILED,
        ),
        ({"pyproject.toml": TOOL_ONLY}, Status.FAILED),
        ({"Dockerfile": "FROM ubuntu:22.04\n", "requirements.txt": "numpy\n"}, Status.FAILED),
    ],
)
def test_python_version_declared(make_repo, run_rule, files, status):
    assert run_rule("ENV003", make_repo(files)).status is status
