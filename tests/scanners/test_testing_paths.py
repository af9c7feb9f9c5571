"""The one definition of a test file, by path."""

from __future__ import annotations

import pytest

from portfolio_lint.scanners.testing_paths import holds_tests, in_test_suite


@pytest.mark.parametrize(
    ("path", "holds", "suite"),
    [
        ("tests/test_model.py", True, True),
        ("test_model.py", True, True),
        ("pkg/model_test.py", True, True),
        ("app/tests.py", True, True),  # Django's tests module
        ("tests/helpers.py", True, True),  # any module of a test folder holds tests
        ("Tests/helpers.py", True, True),  # folders in any case
        ("src/testing/fakes.py", True, True),
        ("tests/conftest.py", False, True),  # fixtures: part of the suite, not tests
        ("conftest.py", False, True),
        ("tests/data/sample.csv", False, True),  # a test input
        ("tests/stubs/model_test.pyi", False, True),
        ("model.py", False, False),
        ("test.py", False, False),  # train.py/test.py: an evaluation script
        ("testing.py", False, False),
        ("Test_model.py", False, False),  # pytest's python_files are case-sensitive
        ("src/contest_entry.py", False, False),
        ("latest/model.py", False, False),
        ("notebooks/test_run.ipynb", False, False),
    ],
)
def test_test_files_by_path(path: str, holds: bool, suite: bool) -> None:
    assert holds_tests(path) is holds
    assert in_test_suite(path) is suite
