"""Tests of ENV001 dependencies-declared: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.env.conftest import TOOL_ONLY

BOMB = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(8)
)


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"requirements.txt": "pandas==2.2.2\n"}, Status.PASSED),
        ({"requirements/base.txt": "pandas\n"}, Status.PASSED),
        ({"pyproject.toml": "[project]\nname='a'\ndependencies=['numpy']\n"}, Status.PASSED),
        (
            {"pyproject.toml": "[tool.poetry.dependencies]\npython='^3.10'\nnumpy='^1.26'\n"},
            Status.PASSED,
        ),
        ({"environment.yml": "name: a\ndependencies:\n  - numpy\n"}, Status.PASSED),
        ({"Pipfile": "[packages]\nrequests = '*'\n"}, Status.PASSED),
        (
            {"setup.py": "from setuptools import setup\nsetup(install_requires=['numpy'])\n"},
            Status.PASSED,
        ),
        ({"uv.lock": "version = 1\n"}, Status.PASSED),
        ({"Dockerfile": "FROM python:3.11\nRUN pip install pandas scikit-learn\n"}, Status.PARTIAL),
        ({"pyproject.toml": TOOL_ONLY}, Status.FAILED),
        ({"requirements.txt": "# nothing yet\n"}, Status.FAILED),
        ({"pyproject.toml": "[project\nname = "}, Status.FAILED),
        ({"environment.yml": BOMB}, Status.FAILED),
        ({"dvc.lock": "schema: '2.0'\n", "train.py": "import pandas\n"}, Status.FAILED),
        ({"train.py": "import pandas\n"}, Status.FAILED),
    ],
)
def test_dependencies_declared(make_repo, run_rule, files, status):
    assert run_rule("ENV001", make_repo(files)).status is status


def test_malformed_pyproject_is_a_finding(make_repo, run_rule):
    result = run_rule("ENV001", make_repo({"pyproject.toml": "[project\n"}))
    assert any("invalid TOML" in f.message for f in result.findings)


def test_dockerfile_patterns_start_on_the_instruction_line() -> None:
    """`^[ \\t]*`, not `^\\s*`: a match never swallows the blank lines before it (quadratic)."""
    from portfolio_lint.checks.env.dependencies_declared import DOCKER_PIP
    from portfolio_lint.checks.env.python_version_declared import DOCKER_PYTHON

    text = "\n\n\nFROM python:3.11-slim\n\n\n  RUN pip install torch==2.1.0\n"
    python = DOCKER_PYTHON.search(text)
    pip = DOCKER_PIP.search(text)
    assert python is not None and python.start() == 3 and python.group(1) == "3.11"
    assert pip is not None and text[pip.start() :].startswith("  RUN")
