"""Rule OPS001 (experiment-tracking): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.ops._shared import files_named, imported, missing, search
from portfolio_lint.checks.registry import check
from portfolio_lint.core.kinds import TRAINING_PIPELINE
from portfolio_lint.core.model import Severity, Verdict
from portfolio_lint.facts.repo import Repo

TRACKERS = (
    "mlflow", "wandb", "torch.utils.tensorboard", "tensorboardX", "tensorboard", "comet_ml",
    "neptune", "aim", "clearml", "dvclive", "sacred", "guild",
)  # fmt: skip
DVC_YAML = re.compile(r"(^|/)dvc\.ya?ml$")
DVC_OUTPUTS = re.compile(r"^\s*(metrics|params|plots)\s*:", re.MULTILINE)
RESULTS_FILE = re.compile(
    r"(^|/)((results?|metrics|reports?|scores|evaluation)/[^/]+\.(json|csv|ya?ml|md|txt)"
    r"|(metrics|results|scores|evaluation)[\w.-]*\.(json|csv|ya?ml))$",
    re.IGNORECASE,
)


@check(
    "experiment-tracking",
    code="OPS001",
    weight=1,
    severity=Severity.INFO,
    kinds=(TRAINING_PIPELINE,),
)
def experiment_tracking(repo: Repo) -> Verdict:
    """Training runs are tracked (MLflow, W&B, TensorBoard, DVC metrics, a results file...).

    Why it matters:
        A pipeline that trains models is compared run against run; without recorded
        parameters and metrics nobody, the author included, can say which run the README's
        numbers came from.

    How to fix:
        Log each run's parameters and metrics with a tracker (MLflow, Weights & Biases,
        TensorBoard, DVC metrics/params, Comet, Neptune, Aim, ClearML), or write the metrics
        of each run to a committed results file.

    Bad:
        train.py prints `accuracy: 0.91` and nothing keeps it.

    Good:
        `mlflow.log_params(params)` and `mlflow.log_metric("val_auc", auc)` in train.py, or
        a `metrics: [reports/metrics.json]` stage output in dvc.yaml.
    """
    if tracker := imported(repo, TRACKERS):
        return Verdict.passed(f"experiment tracking: {tracker}")
    for path in files_named(repo, DVC_YAML):
        if proof := search(repo, [path], DVC_OUTPUTS, "DVC metrics/params"):
            return Verdict.passed(f"experiment tracking: {proof}")
    results = files_named(repo, RESULTS_FILE)
    if results:
        return Verdict.passed(f"experiment tracking: metrics committed in {results[0]}")
    return Verdict.failed(
        missing(
            "No experiment tracking: no tracker is imported (MLflow, W&B, TensorBoard, DVC, "
            "Comet, Neptune, Aim, ClearML) and no metrics or results file is committed",
            "`import mlflow` then `with mlflow.start_run(): mlflow.log_params(params); "
            'mlflow.log_metric("val_auc", auc)` in the training script',
        )
    )
