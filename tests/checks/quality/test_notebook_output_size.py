"""Tests of QUA006 notebook-output-size: where it fires and where it stays quiet."""

from __future__ import annotations

from portfolio_lint.core.model import Status
from tests.checks.quality.conftest import cell, nb


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
    assert finding.location.path == "big.ipynb" and finding.location.cell == 2
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
