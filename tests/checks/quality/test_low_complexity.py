"""Tests of QUA001 low-complexity: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.quality.conftest import LIGHTNING, branchy, notebook


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"src/model.py": LIGHTNING}, Status.PASSED),
        ({"train.py": branchy("simple", 3)}, Status.PASSED),
        ({"train.py": branchy("train_loop", 14)}, Status.FAILED),
        ({"train.py": branchy("train_loop", 14) + branchy("load", 1)}, Status.PARTIAL),
        (
            {"tests/test_train.py": branchy("test_many", 30), "train.py": branchy("a", 1)},
            Status.PASSED,
        ),  # tests are left out
    ],
)
def test_low_complexity(make_repo, run_rule, files, status):
    result = run_rule("QUA001", make_repo(files))
    assert result.status is status
    if status is not Status.PASSED:
        finding = result.findings[0]
        assert "train_loop" in finding.message and "15" in finding.message
        assert finding.location.path == "train.py" and finding.location.line == 1


def test_low_complexity_partial_score_is_the_share_under_the_limit(make_repo, run_rule):
    files = {"a.py": branchy("big", 12) + branchy("b", 1) + branchy("c", 1) + branchy("d", 1)}
    assert run_rule("QUA001", make_repo(files)).score == pytest.approx(0.75)


def test_low_complexity_option_and_worst_first(make_repo, run_rule):
    files = {"a.py": branchy("mid", 6) + branchy("worst", 9)}
    result = run_rule("QUA001", make_repo(files), **{"max-complexity": 5})
    assert [f.message.split("`")[1] for f in result.findings] == ["worst", "mid"]


@pytest.mark.parametrize(
    "files",
    [
        {"README.md": "# Nothing\n"},
        {"eda.ipynb": notebook("import pandas as pd\n")},
        {"run.py": "print('hello')\n"},  # a script without functions: QUA003's business
        {"tests/test_a.py": "def test_a():\n    assert True\n"},
        {"broken.py": "def f(:\n"},
    ],
)
def test_low_complexity_not_applicable(make_repo, run_rule, files):
    assert run_rule("QUA001", make_repo(files)).status is Status.NOT_APPLICABLE
