"""Rule OPS002 (data-versioning): its check, defaults and documentation."""

from __future__ import annotations

import re

from portfolio_lint.checks.ops._shared import files_named, imported, missing, search, uses_of
from portfolio_lint.checks.registry import Skip, check
from portfolio_lint.core.kinds import SERVING_APP, TRAINING_PIPELINE
from portfolio_lint.core.model import Finding, Severity, Verdict
from portfolio_lint.facts.repo import Repo
from portfolio_lint.scanners.testing_paths import in_test_suite

DVC_FILES = re.compile(r"(^|/)(dvc\.ya?ml|dvc\.lock|[^/]+\.dvc)$")
DVC_REMOTE = re.compile(r"^\s*\[\s*['\"]?remote\b", re.MULTILINE)
LFS = re.compile(r"filter\s*=\s*lfs")
REGISTRY = re.compile(
    r"\b(register_model|registered_model_name|push_to_hub|upload_folder|log_artifact"
    r"|use_artifact|log_model)\s*\("
)
# Libraries whose calls register or upload models (only their importers are read).
REGISTRY_MODULES = (
    "mlflow", "wandb", "huggingface_hub", "transformers", "datasets", "clearml", "comet_ml",
    "neptune", "bentoml", "sagemaker", "azureml", "google.cloud.aiplatform", "zenml",
)  # fmt: skip
DOWNLOAD_SCRIPT = re.compile(r"(^|/)[^/]*(download|fetch|get_data|get-data)[^/]*$|(^|/)Makefile$")
CHECKSUM = re.compile(r"\b(sha256|sha1|md5|checksum|hashlib|known_hash)\b", re.IGNORECASE)
SAMPLE_FOLDERS = re.compile(r"(^|/)(evals?|examples?|samples?|fixtures)/", re.IGNORECASE)
DATA_OR_MODEL = re.compile(
    r"\.(csv|tsv|parquet|feather|xlsx?|jsonl|npy|npz|h5|hdf5|pkl|pickle|joblib|pt|pth|ckpt"
    r"|onnx|safetensors|keras|tflite)$",
    re.IGNORECASE,
)


def _sample(path: str) -> bool:
    """Test fixtures, evaluation sets and examples: small files that belong in Git."""
    return in_test_suite(path) or bool(SAMPLE_FOLDERS.search(path))


def _involved(repo: Repo) -> bool:
    """Whether the project holds data or model files, or trains a model."""
    if any(DATA_OR_MODEL.search(e.path) and not _sample(e.path) for e in repo.files):
        return True
    for facts in repo.facts.values():
        code = facts.python or facts.notebook
        seeding = code.seeding if code is not None else None
        if seeding is not None and seeding.training_line is not None:
            return True
    return False


@check(
    "data-versioning",
    code="OPS002",
    weight=1,
    severity=Severity.INFO,
    kinds=(TRAINING_PIPELINE, SERVING_APP),
)
def data_versioning(repo: Repo) -> Verdict:
    """Data and models are versioned (DVC with a remote, Git LFS, a model registry, checksums).

    Why it matters:
        A model is only reproducible with the exact data it was trained on, and a served
        model must be the one that was evaluated; Git alone is the wrong place for large,
        changing data and model files.

    How to fix:
        Track data and model files with DVC (`dvc add`, a `dvc.yaml` pipeline, a remote in
        `.dvc/config`) or Git LFS, register models in a model registry, or fetch the data with
        a download script that checks a checksum.

    Bad:
        `data/train.csv` and `models/model.pkl` committed as plain Git files, or a README
        saying "download the data from Kaggle".

    Good:
        `data/train.csv.dvc` and a remote in `.dvc/config`; or `.gitattributes` with
        `*.pkl filter=lfs diff=lfs merge=lfs -text`.
    """
    if not _involved(repo):
        raise Skip("the project neither trains a model nor holds data or model files")
    dvc = files_named(repo, DVC_FILES)
    if dvc:
        config = ".dvc/config"
        if repo.exists(config) and (remote := search(repo, [config], DVC_REMOTE, "DVC remote")):
            return Verdict.passed(f"versioned with DVC ({dvc[0]}); {remote}")
        note = Finding.at(
            dvc[0],
            f"DVC tracks {dvc[0]} but no remote is configured in .dvc/config, so nobody else "
            "can `dvc pull` the data; for example: `dvc remote add -d storage s3://bucket/path`",
            line=1,
        )
        return Verdict.partial(0.5, [note])
    if repo.exists(".gitattributes") and (lfs := search(repo, [".gitattributes"], LFS, "Git LFS")):
        return Verdict.passed(f"versioned with {lfs}")
    registry_code = [use.path for use in uses_of(repo, REGISTRY_MODULES)]
    if registry := search(repo, registry_code, REGISTRY, "model registry"):
        return Verdict.passed(f"versioned in a {registry}")
    if pooch := imported(repo, ("pooch",)):
        return Verdict.passed(f"data fetched with checksums: {pooch}")
    if script := search(repo, files_named(repo, DOWNLOAD_SCRIPT), CHECKSUM, "checksum"):
        return Verdict.passed(f"download script checks a {script}")
    return Verdict.failed(
        missing(
            "Data and models are not versioned: no DVC files, no Git LFS in .gitattributes, no "
            "model registry and no download script with checksums",
            "`dvc init && dvc add data/raw.csv && dvc remote add -d storage s3://bucket/path` "
            "(commit data/raw.csv.dvc and .dvc/config)",
        )
    )
