"""Notebook hygiene rules (QUA005-QUA008) on repositories built on disk."""

from __future__ import annotations

import json
from typing import Any

import pytest

from portfolio_lint.core.model import Status

CODES = ("QUA005", "QUA006", "QUA007", "QUA008")


def cell(source: str, count: int | None = None, outputs: list[Any] | None = None) -> dict:
    return {
        "cell_type": "code",
        "execution_count": count,
        "metadata": {},
        "outputs": outputs or [],
        "source": source.splitlines(keepends=True),
    }


def md(source: str) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": [source]}


def nb(*cells: dict) -> str:
    notebook = {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    return json.dumps(notebook, indent=1, sort_keys=True) + "\n"


ERROR = {
    "output_type": "error",
    "ename": "NameError",
    "evalue": "name 'df' is not defined",
    "traceback": ["\x1b[0;31mNameError\x1b[0m", "NameError: name 'df' is not defined"],
}
README = {"README.md": "# Project\n"}


@pytest.mark.parametrize("code", CODES)
def test_no_notebooks_is_not_applicable(make_repo, run_rule, code):
    repo = make_repo({**README, "train.py": "print(1)\n"})
    assert run_rule(code, repo).status is Status.NOT_APPLICABLE


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
    assert finding.location.path == "a.ipynb" and finding.location.cell == 2
    cell_starts = [n for n, line in enumerate(bad.split("\n"), 1) if '"cell_type"' in line]
    assert finding.location.line == cell_starts[2]


def test_output_size_fires_on_megabytes_of_images(make_repo, run_rule):
    image = {
        "output_type": "display_data",
        "metadata": {},
        "data": {"image/png": "iVBORw0KGgo" * 120_000, "text/plain": ["<Figure>"]},
    }
    stream = {"name": "stdout", "output_type": "stream", "text": ["1\n"]}
    small = nb(cell("print(1)\n", 1, [stream]))
    repo = make_repo(
        {"big.ipynb": nb(cell("a\n", 1), cell("plot()\n", 2, [image])), "small.ipynb": small}
    )
    result = run_rule("QUA006", repo)
    assert result.status is Status.PARTIAL
    [finding] = result.findings
    assert finding.location.path == "big.ipynb" and finding.location.cell == 1
    assert "MB" in finding.message


def test_output_size_quiet_for_small_outputs(make_repo, run_rule):
    stream = {"name": "stdout", "output_type": "stream", "text": ["ok\n"] * 1000}
    result = run_rule("QUA006", make_repo({"a.ipynb": nb(cell("x\n", 1, [stream]))}))
    assert result.status is Status.PASSED


def test_output_size_reports_notebooks_too_large_to_parse(make_repo, run_rule):
    huge = nb(
        cell(
            "x\n",
            1,
            [{"output_type": "stream", "name": "stdout", "text": ["y" * 1000 + "\n"] * 3000}],
        )
    )
    result = run_rule("QUA006", make_repo({"huge.ipynb": huge}, scan_limit=100_000))
    assert result.status is Status.FAILED
    assert "too large" in result.findings[0].message


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
        assert (finding.location.cell, finding.location.path) == (1, "eda.ipynb")
        assert finding.location.line is not None and finding.location.line > 1


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('{\n "cells": [\n<<<<<<< HEAD\n ]\n}\n', 3),  # merge conflict left in
        ('{\n "cells": [\n  {"source": [\n', None),  # truncated JSON
        ('{"metadata": {}}', None),  # JSON but not a notebook
        ('{"cells": ' + "[" * 20_000 + "]" * 20_000 + "}", None),  # deep nesting
        (b"\x00\x01binary", None),
    ],
)
def test_invalid_notebooks_fire(make_repo, run_rule, text, line):
    result = run_rule("QUA008", make_repo({"ok.ipynb": nb(cell("a\n")), "bad.ipynb": text}))
    assert result.status is Status.PARTIAL
    assert result.score == pytest.approx(0.5)
    [finding] = result.findings
    assert finding.location.path == "bad.ipynb"
    if line is not None:
        assert finding.location.line == line


def test_valid_notebooks_pass_and_other_rules_skip_broken_ones(make_repo, run_rule):
    repo = make_repo({"a.ipynb": nb(cell("a\n", 1)), "b.ipynb": nb(md("# T"))})
    assert run_rule("QUA008", repo).status is Status.PASSED
    broken = make_repo({"bad.ipynb": "{"})
    assert run_rule("QUA005", broken).status is Status.NOT_APPLICABLE
    assert run_rule("QUA007", broken).status is Status.NOT_APPLICABLE


def test_checkpoint_copies_are_ignored(make_repo, run_rule):
    repo = make_repo(
        {
            "a.ipynb": nb(cell("a\n", 1)),
            ".ipynb_checkpoints/a-checkpoint.ipynb": nb(cell("a\n", 5), cell("b\n", 1)),
        }
    )
    assert run_rule("QUA005", repo).status is Status.PASSED
