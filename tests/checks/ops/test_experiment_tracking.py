"""Tests of OPS001 experiment-tracking: where it fires and where it stays quiet."""

from __future__ import annotations

import pytest

from portfolio_lint.core.model import Status
from tests.checks.ops.conftest import STUDY, TRAIN


@pytest.mark.parametrize(
    ("extra", "proof"),
    [
        ({"track.py": "import mlflow\n\nmlflow.log_metric('auc', 0.9)\n"}, "mlflow (track.py:1)"),
        ({"log.py": "from torch.utils.tensorboard import SummaryWriter\n"}, "torch.utils.tensorb"),
        (
            {
                "dvc.yaml": "stages:\n  train:\n    cmd: python train.py\n    metrics:\n"
                "      - reports/metrics.json\n"
            },
            "DVC metrics/params (dvc.yaml:4)",
        ),
        ({"reports/metrics.json": '{"auc": 0.91}\n'}, "metrics committed in reports/metrics.json"),
    ],
)
def test_a_tracker_or_committed_metrics_pass_naming_the_proof(make_repo, run_rule, extra, proof):
    result = run_rule("OPS001", make_repo({"train.py": TRAIN, **extra}))
    assert result.status is Status.PASSED
    assert proof in (result.summary or "")


def test_a_pipeline_that_only_prints_its_score_fails_with_an_example(make_repo, run_rule):
    result = run_rule("OPS001", make_repo({"train.py": TRAIN + "    print('done')\n"}))
    assert result.status is Status.FAILED
    assert "mlflow.log_metric" in result.findings[0].message


def test_a_notebook_study_is_not_judged_on_tracking(make_repo, run_rule):
    result = run_rule("OPS001", make_repo({"study.ipynb": STUDY}))
    assert result.status is Status.NOT_APPLICABLE
    assert result.reason == (
        "experiment tracking applies to training pipelines; this is a notebook study"
    )
