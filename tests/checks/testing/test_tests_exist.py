"""Tests of TST001 tests-exist: where it fires and where it stays quiet."""

from __future__ import annotations

import json

import pytest

from portfolio_lint.core.model import Status
from tests.checks.testing.conftest import LIGHTNING, TESTS

ONE_TEST = "def test_loads():\n    assert True\n"


LOGGER_HELPER = "import logging\n\n\ndef get_logger(name):\n    return logging.getLogger(name)\n"


SCRATCH = "def test():\n    print('does it run?')\n\n\ntest()\n"


UNITTEST = """import unittest


class ModelTests(unittest.TestCase):
    def test_shape(self):
        self.assertEqual(1, 1)

    def test_dtype(self):
        self.assertTrue(True)

    def helper(self):
        pass
"""


MARKDOWN_TESTS = "# Tests\n\n```python\ndef test_model():\n    assert model(1) == 2\n```\n"


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"tests/test_model.py": TESTS}, Status.PASSED),
        ({"tests/tests.py": TESTS}, Status.PASSED),  # not test_*.py, still tests
        ({"src/pkg/model_test.py": TESTS}, Status.PASSED),
        ({"app/tests.py": TESTS}, Status.PASSED),  # Django layout
        ({"test/unit/test_a.py": UNITTEST}, Status.PARTIAL),  # 2 unittest methods < 5
        ({"tests/test_data.py": ONE_TEST}, Status.PARTIAL),
        ({"model.py": LIGHTNING}, Status.FAILED),  # Lightning hooks
        ({"utils/test_logger.py": LOGGER_HELPER}, Status.FAILED),  # helper named test_*
        ({"explore.py": SCRATCH}, Status.FAILED),  # scratch def test()
        ({"test.py": SCRATCH}, Status.FAILED),  # evaluation-style script
        ({"test.py": UNITTEST}, Status.PARTIAL),  # unittest discovers test*.py
        ({"testing.py": UNITTEST.replace("ModelTests", "TestModel")}, Status.PARTIAL),
        ({"test.py": SCRATCH + "\n\ndef test_accuracy():\n    print(0.9)\n"}, Status.FAILED),
        ({"docs/testing.md": MARKDOWN_TESTS, "README.md": MARKDOWN_TESTS}, Status.FAILED),
        (
            {
                "tests/__init__.py": "",
                "tests/conftest.py": "import pytest\n\n@pytest.fixture\n"
                "def test_data():\n    return [1]\n",
            },
            Status.FAILED,
        ),  # fixtures are not tests
        ({"tests/test_broken.py": "def test_x(:\n"}, Status.FAILED),
        ({".venv/lib/site/tests/test_x.py": TESTS}, Status.FAILED),  # vendored
        (
            {
                "notebook.ipynb": json.dumps(
                    {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
                )
            },
            Status.FAILED,
        ),
    ],
)
def test_tests_exist(make_repo, run_rule, files, status):
    result = run_rule("TST001", make_repo(files))
    assert result.status is status
    if status is not Status.PASSED:
        assert result.findings


def test_empty_tests_folder_is_named(make_repo, run_rule):
    result = run_rule(
        "TST001", make_repo({"tests/__init__.py": "", "tests/helpers.py": LOGGER_HELPER})
    )
    assert result.status is Status.FAILED
    assert any(
        f.location and f.location.path == "tests" and "no test functions" in f.message
        for f in result.findings
    )


def test_partial_credit_grows_with_the_count(make_repo, run_rule):
    one = run_rule("TST001", make_repo({"tests/test_a.py": ONE_TEST}))
    two = run_rule(
        "TST001",
        make_repo(
            {"tests/test_a.py": ONE_TEST, "tests/test_b.py": ONE_TEST.replace("loads", "saves")}
        ),
    )
    assert 0 < one.score < two.score < 1
