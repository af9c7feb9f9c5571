"""Tests of QUA005 notebook-execution-order: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.quality.conftest import README, cell, md, nb


@pytest.mark.parametrize(
    ("notebook", "status"),
    [
        (nb(cell("a = 1\n", 1), cell("b = 2\n", 2), cell("c = 3\n", 5)), Status.PASSED),
        (nb(cell("a = 1\n"), cell("b = 2\n")), Status.PASSED),  # cleared: a deliberate state
        (nb(md("# Intro"), cell("a = 1\n", 1), cell("", None)), Status.PASSED),  # empty cell
        (nb(cell("a = 1\n", 3), cell("b = 2\n", 1)), Status.FAILED),  # out of order
        (nb(cell("a = 1\n", 1), cell("b = 2\n", None)), Status.FAILED),  # never run
        (nb(cell("a = 1\n", 2), cell("b = 2\n", 2)), Status.FAILED),  # same count twice
    ],
)
def test_execution_order(make_repo, run_rule, notebook, status):
    result = run_rule("QUA005", make_repo({**README, "analysis.ipynb": notebook}))
    assert result.status is status


def test_execution_order_points_at_cell_and_scores_share(make_repo, run_rule):
    bad = nb(md("# EDA"), cell("a = 1\n", 4), cell("b = 2\n", 2))
    good = nb(cell("a = 1\n", 1))
    result = run_rule("QUA005", make_repo({"a.ipynb": bad, "b.ipynb": good, "c.ipynb": good}))
    assert result.status is Status.PARTIAL
    assert result.score == pytest.approx(2 / 3)
    [finding] = result.findings
    assert finding.location.path == "a.ipynb" and finding.location.cell == 3
    cell_starts = [n for n, line in enumerate(bad.split("\n"), 1) if '"cell_type"' in line]
    assert finding.location.line == cell_starts[2]


def test_checkpoint_copies_are_ignored(make_repo, run_rule):
    repo = make_repo(
        {
            "a.ipynb": nb(cell("a\n", 1)),
            ".ipynb_checkpoints/a-checkpoint.ipynb": nb(cell("a\n", 5), cell("b\n", 1)),
        }
    )
    assert run_rule("QUA005", repo).status is Status.PASSED
