"""Tests of OPS006 delivery-pipeline: where it fires and where it stays quiet."""

from __future__ import annotations

from portfolio_lint.core.model import Status
from tests.checks.ops.conftest import API, STUDY, TRAIN

WF = ".github/workflows/ci.yml"
TESTS_ONLY = (
    "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
    "      - uses: actions/checkout@v4\n      - run: pytest\n"
)
DELIVERY = TESTS_ONLY + (
    "      - run: python evaluate.py --min-auc 0.85\n      - uses: docker/build-push-action@v6\n"
)


def test_a_deploy_job_and_an_evaluation_gate_pass(make_repo, run_rule):
    files = {"api/main.py": API, "train.py": TRAIN, "evaluate.py": "import sys\n", WF: DELIVERY}
    result = run_rule("OPS006", make_repo(files))
    assert result.status is Status.PASSED
    assert "uses docker/build-push-action (.github/workflows/ci.yml:9)" in result.summary
    assert "evaluation gate (.github/workflows/ci.yml:8)" in result.summary


def test_a_test_asserting_a_metric_threshold_is_a_gate_when_ci_runs_tests(make_repo, run_rule):
    test = "def test_auc(model, holdout):\n    auc = model.score(*holdout)\n    assert auc >= 0.8\n"
    files = {"train.py": TRAIN, WF: TESTS_ONLY, "tests/test_quality.py": test}
    result = run_rule("OPS006", make_repo(files))
    assert result.status is Status.PARTIAL  # gated, but nothing is built or deployed
    assert "tests/test_quality.py:3" in result.summary


def test_tests_alone_fail_with_both_missing(make_repo, run_rule):
    result = run_rule("OPS006", make_repo({"train.py": TRAIN, WF: TESTS_ONLY}))
    assert result.status is Status.FAILED
    assert len(result.findings) == 2


def test_a_library_needs_only_a_release_job(make_repo, run_rule):
    publish = TESTS_ONLY + "      - uses: pypa/gh-action-pypi-publish@release/v1\n"
    files = {
        "pyproject.toml": '[project]\nname = "tidy"\n',
        "src/tidy/__init__.py": "import numpy\n",
        WF: publish,
    }
    assert run_rule("OPS006", make_repo(files)).status is Status.PASSED


def test_a_notebook_study_is_not_judged_on_delivery(make_repo, run_rule):
    assert run_rule("OPS006", make_repo({"a.ipynb": STUDY})).status is Status.NOT_APPLICABLE
