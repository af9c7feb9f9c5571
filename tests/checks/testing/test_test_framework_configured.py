"""Tests of TST002 framework-configured: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.testing.conftest import PYTEST_CI, WITH_TESTS


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"pytest.ini": "[pytest]\ntestpaths = tests\n"}, Status.PASSED),
        ({"pyproject.toml": "[tool.pytest.ini_options]\ntestpaths = ['tests']\n"}, Status.PASSED),
        ({"setup.cfg": "[metadata]\nname = a\n\n[tool:pytest]\naddopts = -q\n"}, Status.PASSED),
        (
            {
                "tox.ini": "[tox]\nenvlist = py311\n\n[testenv]\ndeps = pytest\ncommands =\n"
                "    pytest {posargs}\n"
            },
            Status.PASSED,
        ),
        (
            {
                "noxfile.py": "import nox\n\n@nox.session\ndef tests(session):\n"
                "    session.install('pytest')\n    session.run('pytest')\n"
            },
            Status.PASSED,
        ),
        (
            {
                PYTEST_CI: "on: push\njobs:\n  t:\n    runs-on: x\n    steps:\n"
                "      - run: pytest -q tests\n"
            },
            Status.PASSED,
        ),
        ({"Makefile": "test:\n\tpython -m pytest\n"}, Status.PASSED),
        ({"tox.ini": "[flake8]\nmax-line-length = 120\n\n[pep8]\nignore = E501\n"}, Status.FAILED),
        ({"tests/conftest.py": "import pytest\n"}, Status.FAILED),
        (
            {
                "noxfile.py": "import nox\n\n@nox.session\ndef lint(session):\n"
                "    session.run('python', 'train.py')\n"
            },
            Status.FAILED,
        ),
        ({"pyproject.toml": "[tool.black]\nline-length = 100\n"}, Status.FAILED),
        ({"tox.ini": "[testenv:lint]\ncommands = flake8 src\n"}, Status.FAILED),
    ],
)
def test_test_framework_configured(make_repo, run_rule, files, status):
    result = run_rule("TST002", make_repo({**WITH_TESTS, **files}))
    assert result.status is status
