"""Tests of QUA007 notebook-error-outputs: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.quality.conftest import cell, nb

ERROR = {
    "output_type": "error",
    "ename": "NameError",
    "evalue": "name 'df' is not defined",
    "traceback": ["\x1b[0;31mNameError\x1b[0m", "NameError: name 'df' is not defined"],
}


@pytest.mark.parametrize(
    ("outputs", "status"),
    [
        ([ERROR], Status.FAILED),
        (
            [{"name": "stderr", "output_type": "stream", "text": ["UserWarning: x\n"]}],
            Status.PASSED,
        ),  # a warning on stderr is not an error output
        ([], Status.PASSED),
    ],
)
def test_error_outputs(make_repo, run_rule, outputs, status):
    notebook = nb(cell("import pandas\n", 1), cell("df.head()\n", 2, outputs))
    result = run_rule("QUA007", make_repo({"eda.ipynb": notebook}))
    assert result.status is status
    if status is Status.FAILED:
        [finding] = result.findings
        assert (finding.location.cell, finding.location.path) == (2, "eda.ipynb")
        assert finding.location.line is not None and finding.location.line > 1
