"""Tests of QUA004 docstring-coverage: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.quality.conftest import LIGHTNING

UNDOCUMENTED = "def load(path):\n    return path\n\n\ndef save(path):\n    return path\n"


@pytest.mark.parametrize(
    ("files", "status"),
    [
        ({"src/model.py": LIGHTNING}, Status.PASSED),  # framework hooks need no docstring
        ({"io.py": UNDOCUMENTED}, Status.FAILED),
        ({"io.py": UNDOCUMENTED + 'def ok():\n    """Fine."""\n'}, Status.PARTIAL),
        (
            {
                "io.py": "def _helper():\n    pass\n\n\nclass _Private:\n    def run(self):\n"
                "        pass\n"
            },
            Status.NOT_APPLICABLE,
        ),
        ({"tests/test_io.py": "def test_load():\n    pass\n"}, Status.NOT_APPLICABLE),
    ],
)
def test_docstring_coverage(make_repo, run_rule, files, status):
    result = run_rule("QUA004", make_repo(files))
    assert result.status is status
    if status is Status.PARTIAL:
        assert result.score == pytest.approx((1 / 3) / 0.5)
        assert {f.message.split("`")[1] for f in result.findings} == {"load", "save"}


def test_docstring_coverage_target_option(make_repo, run_rule):
    files = {"io.py": UNDOCUMENTED + 'def ok():\n    """Fine."""\n'}
    assert run_rule("QUA004", make_repo(files), target=0.3).status is Status.PASSED
