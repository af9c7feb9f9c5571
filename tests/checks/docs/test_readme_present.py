"""Tests of DOC001 readme-present: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.docs.conftest import INTRO, LONG


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"README.md": LONG}, Status.PASSED),
        ({"readme.md": LONG}, Status.PASSED),
        ({"Readme.rst": "Churn\n=====\n\n" + INTRO}, Status.PASSED),
        ({"README.txt": INTRO}, Status.PASSED),
        ({"README.md": ""}, Status.FAILED),
        ({"README.md": "# My Project\n"}, Status.FAILED),
        ({"README.md": "# Churn\n\nA churn model.\n"}, Status.FAILED),
        ({"main.py": "print(1)\n"}, Status.FAILED),
    ],
)
def test_readme_present(make_repo, run_rule, files, status):
    assert run_rule("DOC001", make_repo(files)).status is status
