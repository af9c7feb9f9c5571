"""Tests of OPS005 monitoring: where it fires and where it stays quiet."""

from __future__ import annotations

from portfolio_lint.core.model import Status
from tests.checks.ops.conftest import API, STUDY


def test_logs_metrics_and_drift_pass(make_repo, run_rule):
    ops = (
        "import logging\n\nfrom evidently.report import Report\n"
        "from prometheus_fastapi_instrumentator import Instrumentator\n"
    )
    result = run_rule("OPS005", make_repo({"api/main.py": API, "api/ops.py": ops}))
    assert result.status is Status.PASSED
    assert "drift or data-quality monitoring: imports evidently (api/ops.py:3)" in result.summary


def test_logging_alone_is_partial_and_names_what_is_missing(make_repo, run_rule):
    result = run_rule("OPS005", make_repo({"api/main.py": "import logging\n" + API}))
    assert result.status is Status.PARTIAL
    assert result.score == 0.3
    assert [f.message.split(";")[0] for f in result.findings] == [
        "No metrics in the serving code",
        "No drift or data-quality monitoring in the serving code",
    ]


def test_a_bare_api_fails(make_repo, run_rule):
    assert run_rule("OPS005", make_repo({"api/main.py": API})).status is Status.FAILED


def test_a_notebook_study_is_not_judged_on_monitoring(make_repo, run_rule):
    result = run_rule("OPS005", make_repo({"study.ipynb": STUDY}))
    assert result.status is Status.NOT_APPLICABLE
