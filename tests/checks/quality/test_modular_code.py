"""Tests of QUA003 modular-code: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.quality.conftest import LIGHTNING, notebook


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"eda.ipynb": notebook("x = 1\n"), "train.ipynb": notebook("y = 2\n")}, Status.FAILED),
        (
            {"eda.ipynb": notebook("x = 1\n"), "tests/test_x.py": "def test_x():\n    pass\n"},
            Status.FAILED,
        ),  # a test file is not a module of the product
        ({"eda.ipynb": notebook("x = 1\n"), "run.py": "import pandas\nprint(1)\n"}, Status.PARTIAL),
        ({"run.py": "import pandas\nprint(1)\n"}, Status.PARTIAL),
        ({"eda.ipynb": notebook("x = 1\n"), "src/churn/model.py": LIGHTNING}, Status.PASSED),
        ({"train.py": "def main():\n    pass\n"}, Status.PASSED),
        (
            {
                "eda.ipynb": notebook("x = 1\n"),
                "setup.py": "from setuptools import setup\nsetup()\n",
                "src/churn/__init__.py": "",
            },
            Status.FAILED,
        ),  # packaging and empty files are no code
        ({"README.md": "# Churn\n"}, Status.NOT_APPLICABLE),
    ],
)
def test_modular_code(make_repo, run_rule, files, status):
    assert run_rule("QUA003", make_repo({"README.md": "# Churn\n", **files})).status is status
