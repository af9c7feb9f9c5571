"""Tests of TST003 coverage-configured: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.testing.conftest import PYTEST_CI, WITH_TESTS


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({".coveragerc": "[run]\nsource = src\n"}, Status.PASSED),
        ({"pyproject.toml": "[tool.coverage.run]\nbranch = true\n"}, Status.PASSED),
        ({"setup.cfg": "[coverage:report]\nfail_under = 80\n"}, Status.PASSED),
        ({"pytest.ini": "[pytest]\naddopts = --cov=src --cov-report=xml\n"}, Status.PASSED),
        ({"pyproject.toml": "[tool.pytest.ini_options]\naddopts = ['--cov=pkg']\n"}, Status.PASSED),
        ({"codecov.yml": "coverage:\n  precision: 2\n"}, Status.PASSED),
        (
            {
                PYTEST_CI: "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n"
                "      - run: poetry run pytest --cov=src\n"
            },
            Status.PASSED,
        ),
        (
            {
                PYTEST_CI: "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n"
                "      - run: coverage run -m pytest\n"
            },
            Status.PASSED,
        ),
        ({"tox.ini": "[testenv]\ncommands = pytest --cov {posargs}\n"}, Status.PASSED),
        ({"requirements.txt": "pytest\npytest-cov\n"}, Status.FAILED),  # listed, never used
        ({"pytest.ini": "[pytest]\naddopts = -q\n"}, Status.FAILED),
        (
            {
                PYTEST_CI: "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n"
                "      - run: pip install pytest-cov\n      - run: pytest\n"
            },
            Status.FAILED,
        ),
    ],
)
def test_coverage_configured(make_repo, run_rule, files, status):
    result = run_rule("TST003", make_repo({**WITH_TESTS, **files}))
    assert result.status is status


def test_pytest_cov_in_requirements_is_pointed_at(make_repo, run_rule):
    result = run_rule("TST003", make_repo({**WITH_TESTS, "requirements.txt": "pytest-cov\n"}))
    assert any(
        f.location and f.location.path == "requirements.txt" and f.location.line == 1
        for f in result.findings
    )
